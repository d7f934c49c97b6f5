# error cases for int operations
tests = [
    lambda: 1 // 0,
    lambda: 1 % 0,
    lambda: 1 / 0,
    lambda: 2 ** 100 // 0,
    lambda: 1 + 'a',
    lambda: 'a' - 1,
    lambda: int('x'),
    lambda: int([]),
    lambda: 1 << -1,
    lambda: 5 & 1.0,
    lambda: ~1.5,
    lambda: int('5', 1),
]
for t in tests:
    try:
        print('ok', t())
    except Exception as e:
        print(type(e).__name__)
