# bitwise operations with big and negative big ints
a = 2 ** 100 + 0xFFFF
b = 2 ** 90 - 1
print(a & b, a | b, a ^ b)
print(~a, ~(-a))
print(-a & b, -a | b, -a ^ b)
print(-a & -b, -a | -b, -a ^ -b)
print(a >> 50, a >> 200, -a >> 50, -a >> 200)
print(1 << 100, (1 << 100) >> 99, 3 << 70)
print((2 ** 128 - 1) & 0xFFFFFFFF)
print(hex(2 ** 100 | 2 ** 3), hex(-(2 ** 70) & 0xFFFF))
print(((1 << 64) - 1) ^ ((1 << 32) - 1))
