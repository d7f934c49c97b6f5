# str.count is non-overlapping and supports start/end
s = 'abababab'
print(s.count('a'), s.count('ab'), s.count('aba'), s.count('x'))
print(s.count(''), ''.count(''), ''.count('a'))
print(s.count('a', 2), s.count('a', 2, 5), s.count('b', -3))
print('aaaa'.count('aa'), 'mississippi'.count('ss'), 'mississippi'.count('i'))
print('€€a€'.count('€'))
