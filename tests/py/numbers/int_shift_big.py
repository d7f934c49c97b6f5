# shifts producing and consuming big ints
for n in (1, 31, 32, 63, 64, 65, 100, 127, 128):
    v = 1 << n
    print(n, v, v >> n, (v - 1) >> (n // 2))
print(-1 << 100, (-1 << 100) >> 100, (-(1 << 100) - 1) >> 99)
print(12345 << 77 >> 77)
print((2 ** 200) >> 190, (2 ** 200) << 0 == 2 ** 200)
