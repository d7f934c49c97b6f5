# less common str methods and argument forms
s = 'Hello, Wörld! ñ 日本 😀'
print(s.find('ö'), s.rfind('日'), s.index('😀'), s.count('l'), s.find('l', -5), s.find('l', 2, 4), s.rindex('l', 0, 5))
print(s.rsplit(None, 2), s.rsplit('l', 1), s.partition('ö'), s.rpartition(' '), s[::-1], s[1:10:2], s[-3:])
print(s.center(30, '*'), s.ljust(25, '.'), s.rjust(25), s.zfill(30))
print('a\tb\tc'.expandtabs(), 'a\tb\tc'.expandtabs(4), '12345\t|'.expandtabs(4), 'a\nb\tc'.expandtabs(tabsize=3))
print('abc'.removeprefix('ab'), 'abc'.removesuffix('bc'), 'abc'.removeprefix('x'), 'abc'.removesuffix(''))
print(str.maketrans('abc', 'xyz'), 'aabbcc'.translate(str.maketrans('abc', 'xyz', 'b')))
print('hello'.translate({ord('h'): 'J', ord('o'): None}), 'abc'.translate({97: 120}), str.maketrans({'a': 'b', 99: None}))
print('one two three'.split(maxsplit=1), 'a,b,c'.split(sep=',', maxsplit=1), 'a b'.rsplit(maxsplit=0))
print('abc'.startswith(('b', 'a'), 0), 'abc'.endswith('b', 0, -1), 'abc'.startswith('', 3), 'abc'.startswith('', 4))
print('abc'.replace('', '|'), 'aaa'.replace('a', 'bb', 2), ''.replace('', 'x'), 'abc'.count('', 1), 'abc'.count('', 10))
print(str.upper('abc'), str.__getitem__('abc', 1), str.__add__('a', 'b'), str.__mul__('a', 3), str.__mod__('%d', 5))
print('ab'.__len__(), 'abc'.__contains__('b'), 'x'.join([]), 'x'.join(['a']), 'é'.encode('ascii', 'replace'))
print(str(b'a\xffb', 'utf-8', 'replace'), str(b'a\xffb', errors='ignore'), str(b'\xe9', 'latin-1'))
print(b'\xff\xfe'.decode('utf-8', 'backslashreplace'), 'é€'.encode('latin-1', 'ignore'), 'é'.encode('ascii', 'xmlcharrefreplace'))
class MyStr(str):
    def shout(self):
        return self.upper() + '!'
m = MyStr('hey there')
print(m.shout(), m.split(), m[1:3], m.replace('e', 'E'), len(m), m + '?', type(m.strip()).__name__, m == 'hey there')
for bad in (lambda: 'é'.encode('ascii'), lambda: b'\xff'.decode('ascii'), lambda: 'x'.encode('nope'),
            lambda: 'x'.center(5, 'ab'), lambda: 'a'.strip(1), lambda: 'abc'.count(1), lambda: 'a'.removeprefix(1),
            lambda: 'abc'.split(maxsplit='x'), lambda: 'abc'.find('b', 'x'), lambda: 'a'.translate({97: 2 ** 30})):
    try:
        print(bad())
    except (UnicodeError, LookupError, TypeError, ValueError) as e:
        print(type(e).__name__)
