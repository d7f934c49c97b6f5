# str.split with and without separator and maxsplit
print('a b  c\td\ne'.split())
print('  leading and trailing  '.split())
print('a,b,,c'.split(','))
print('a,b,,c'.split(',', 1))
print('a::b::c'.split('::'))
print(''.split(), ''.split(','), ' '.split(), ','.split(','))
print('one two three four'.split(None, 2))
print('x y z'.split(' ', 0), 'x y z'.split(' ', -1))
print('aXbXc'.split('X'), 'abc'.split('abc'), 'abcabc'.split('b'))
print('é,ü,€'.split(','))
try:
    'abc'.split('')
except ValueError as e:
    print(type(e).__name__)
