# unsupported complex operations
tests = [
    lambda: (1 + 2j) < (2 + 3j),
    lambda: (1j) // 2,
    lambda: (1j) % 2,
    lambda: int(1j),
    lambda: float(1j),
    lambda: 1j / 0,
    lambda: 1j & 1,
]
for t in tests:
    try:
        print('ok', t())
    except Exception as e:
        print(type(e).__name__)
