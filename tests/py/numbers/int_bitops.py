# bitwise operators on small ints
a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a, ~0, ~-1)
print(1 << 10, 1024 >> 3, -16 >> 2, -1 >> 10, -17 >> 1)
print(5 & -1, 5 | -8, -6 ^ 3, -6 & -3)
print(bin(a & b), bin(a | b), bin(a ^ b))
print(255 & 0x0F, 0xF0 | 0x0F, 0xFF ^ 0xAA)
x = 0
for i in range(0, 16, 3):
    x |= 1 << i
print(x, bin(x))
print(x & (x - 1), x & -x)
print((1 << 30) - 1, 1 << 31, 1 << 32)
print(int(True & False), int(True | False), int(True ^ True), (True & True) == 1)
