# conversions via bin/oct/hex and int(s, base) round-trip
for n in (0, 1, 7, 255, 256, -1, -255, 2 ** 64, -(2 ** 70) + 3):
    print(n, bin(n), oct(n), hex(n))
    print(int(bin(n), 0) == n, int(oct(n), 0) == n, int(hex(n), 0) == n)
