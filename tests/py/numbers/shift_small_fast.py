# Shifts of small ints (the interpreter's small-int fast path) at the edges: results that
# stay small, that overflow into big ints, huge and negative counts.
vals = [0, 1, -1, 5, -5, 2**29, -2**29, 2**30 - 1, -2**30, 12345, -12345]
counts = [0, 1, 2, 15, 29, 30, 31, 32, 33, 63, 64, 100]
for x in vals:
    print(x, [x >> c for c in counts])
    print(x, [x << c for c in counts])
for x in vals:
    for c in (-1, -100):
        for f in (lambda: x >> c, lambda: x << c):
            try:
                print(f())
            except ValueError as e:
                print('ValueError', e)
k = 3
y = 1000
print(y >> k, y << k, y >> 1, y << 1, -y >> 1, -y << 1)
y >>= 2
print(y)
y <<= 40
print(y)
print(True << 3, True >> 1, 7 >> True, 1 << 2.0 if False else 'skip')
