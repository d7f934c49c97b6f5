# mixed int/float arithmetic promotes to float
print(1 + 2.0, 3 - 0.5, 4 * 0.25, 9 / 3, 7 // 2.0, 7 % 2.5)
print(type(1 + 2.0).__name__, type(2.0 * 3).__name__, type(True + 0.5).__name__)
print(2 ** 0.0, 0.0 ** 0, 2.0 ** 3, (-8.0) ** 2)
print(10 ** 20 + 0.0, 1 / 3 + 1 / 3 + 1 / 3)
print(sum([0.1] * 10), sum([1, 2, 3.5]))
