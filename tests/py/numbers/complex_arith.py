# complex arithmetic
a = 1 + 2j
b = 3 - 4j
print(a + b, a - b, a * b, a / b)
print(a + 1, 2 * a, a - 1.5, a / 2, 1 / (1j))
print(-a, +a, a * 1j, 1j * 1j, 2j * 2j)
print(a == 1 + 2j, a != b, a == complex(1, 2), (2 + 0j) == 2)
print((1 + 1j) * (1 - 1j), (2 + 3j) * (2 - 3j))
print(a + True, (0.5 + 0.5j) * 2)
x = 1 + 1j
for i in range(4):
    x *= 1 + 1j
    print(x)
