# operations on non-ASCII text keep code point semantics
s = 'Grüße, 世界! 😀'
print(len(s), s[0], s[7], s[-1], s[8:10])
print(s.find('世'), s.split(', '), s.replace('界', 'x'))
print(s.startswith('Grü'), s.endswith('😀'), '😀' in s)
print(list(s[-3:]), s[::-1])
print(s.encode()[:6], len(s.encode()))
print(s.upper()[:2], s.count('ü'), s.index('!'))
print('€' * 3, ' '.join('日本'))
