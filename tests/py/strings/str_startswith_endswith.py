# startswith / endswith with tuples and ranges
s = 'hello world'
print(s.startswith('hello'), s.startswith('world'), s.endswith('world'), s.endswith('hello'))
print(s.startswith(''), s.endswith(''), ''.startswith(''), ''.startswith('a'))
print(s.startswith('world', 6), s.startswith('wor', 6, 8), s.startswith('wor', 6, 9))
print(s.endswith('lo', 0, 5), s.endswith('hello', 0, 5), s.endswith('o', 0, -6))
print(s.startswith(('x', 'he')), s.endswith(('x', 'y')), s.endswith(('ld', 'zz')))
print('€uro'.startswith('€'), 'naïve'.endswith('ïve'))
