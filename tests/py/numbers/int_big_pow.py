# big ints created via powers are transparent
print(2 ** 64)
print(2 ** 200)
print(3 ** 100)
print((-2) ** 101)
print(10 ** 40 + 1)
print(pow(7, 77))
print(2 ** 200 == 4 ** 100)
print(2 ** 200 > 2 ** 199)
print(len(str(2 ** 1000)))
print(str(2 ** 300)[:20], str(2 ** 300)[-20:])
x = 1
for i in range(1, 31):
    x *= i
print(x)
print(type(2 ** 200).__name__)
print(2 ** 62, 2 ** 63, 2 ** 64 - 1, -2 ** 63)
print(2 ** 30 * 2 ** 30 * 2 ** 30)
