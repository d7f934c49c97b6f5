# type errors and value errors from str methods
tests = [
    lambda: 'abc'.index('z'),
    lambda: 'abc'[5],
    lambda: 'abc'[str(1)],
    lambda: 'a'.join([1]),
    lambda: 'abc'.split(1),
    lambda: 'abc'.startswith(1),
    lambda: 'abc'.replace(1, 'x'),
    lambda: 'abc'.center('x'),
    lambda: 'abc' - 'a',
    lambda: -'abc',
    lambda: 'abc'.zfill('3'),
    lambda: ord('ab'),
    lambda: ord(''),
]
for t in tests:
    try:
        print('ok', t())
    except Exception as e:
        print(type(e).__name__)
