# classic float precision results printed exactly
print(0.1 + 0.7, 0.1 * 3, 4.35 * 100, 1.15 * 100, 0.57 * 100)
print(1e16 + 1, 1e16 + 2, 2 ** 53 + 1.0)
print(3.0 * 1.1, 1.1 + 2.2, 1 / 10 * 3, 9.95 * 10)
s = 0.0
for i in range(10):
    s += 0.1
print(s, s == 1.0)
print(100 * 1.1, 0.1 ** 2, 1e-3 * 1e-3)
