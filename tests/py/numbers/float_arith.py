# basic float arithmetic (exact IEEE results)
a, b = 7.5, 2.0
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** b)
print(0.1 + 0.2, 0.1 * 3, 1.1 * 1.1, 1 - 0.9, 3 * 0.1 == 0.3)
print(1e308 * 10, -1e308 * 10, 1e-320 / 1e10)
print(round(2.0 ** 0.5, 12), round(9 ** 0.5, 12), round(8 ** (1 / 3), 12), type(2 ** 0.5).__name__)
print(-7.5 // 2, -7.5 % 2, 7.5 // -2, 7.5 % -2)
print(1.0 + 1, 3 * 1.5, 10 / 4, 2 ** 10 * 0.5)
print(-(0.0), abs(-2.5), +(-2.5))
x = 1.0
for i in range(10):
    x = x * 1.5 + 0.25
print(x)
