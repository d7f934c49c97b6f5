# title and capitalize details on ASCII
for s in ('hello world', 'HELLO WORLD', 'hello   world', "o'neil", 'a-b-c', '3rd place', 'ALL_CAPS_NAME', ''):
    print(repr(s.title()), repr(s.capitalize()))
words = ['python', 'MICROPYTHON', 'rUsT', 'c']
print([w.capitalize() for w in words], [w.title() for w in words])
print(' '.join(w.capitalize() for w in 'the quick brown fox'.split()))
print('hello world'.title() == 'Hello World', 'Hello World'.title().split())
print('a.b,c;d'.title(), 'x2y'.capitalize(), ' leading space'.capitalize())
