# error cases for bytes operations
tests = [
    lambda: b'abc'.index(b'z'),
    lambda: b'abc'[3],
    lambda: b'a'.join([b'x', 'y']),
    lambda: b'abc'.split(''),
    lambda: b'abc'.replace('a', 'b'),
    lambda: b'abc' * 'x',
    lambda: bytes([1, 2, 300]),
    lambda: b'\xff'.decode(),
    lambda: b'abc'.find('a'),
]
for t in tests:
    try:
        print('ok', t())
    except Exception as e:
        print(type(e).__name__ if not isinstance(e, UnicodeError) else 'UnicodeError')
