# float error cases
tests = [
    lambda: 1.0 / 0,
    lambda: 1 / 0.0,
    lambda: 0.0 ** -1,
    lambda: float('x'),
    lambda: 1.5 + 'a',
    lambda: 1.5 & 1,
    lambda: 1.5 << 1,
    lambda: [1, 2][float(1)],
    lambda: int(float('inf')),
]
for t in tests:
    try:
        print('ok', t())
    except Exception as e:
        print(type(e).__name__)
