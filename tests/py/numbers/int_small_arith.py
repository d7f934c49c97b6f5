# basic arithmetic on small ints
a, b = 17, 5
print(a + b, a - b, a * b)
print(a // b, a % b, a / b)
print(-a, +a, abs(-a))
print(a ** 2, b ** 3, 0 ** 0, 1 ** 100)
print(2 * 3 + 4, 2 * (3 + 4), 2 ** 3 ** 2, (-2) ** 2, -2 ** 2)
print(10 - 3 - 2, 100 // 10 // 3, 2 ** -1)
x = 0
for i in range(10):
    x = x * 3 + i
print(x)
print(7 * 0, 0 * -7, -0)
print(1000000 * 1000000)
print(type(5 // 2).__name__, type(5 / 1).__name__)
