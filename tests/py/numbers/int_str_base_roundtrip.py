# conversions via bin/oct/hex and int(s, base) round-trip
for n in (0, 1, 7, 255, 256, -1, -255, 2 ** 64, -(2 ** 70) + 3):
    print(n, bin(n), oct(n), hex(n))
    print(int(bin(n), 0) == n, int(oct(n), 0) == n, int(hex(n), 0) == n)
for base in (2, 3, 7, 16, 36):
    n = 123456789
    digits = []
    m = n
    while m:
        digits.append('0123456789abcdefghijklmnopqrstuvwxyz'[m % base])
        m //= base
    s = ''.join(reversed(digits))
    print(base, s, int(s, base) == n)
print(int('0x' + 'f' * 30, 16) == 16 ** 30 - 1, int('-0b' + '1' * 65, 0))
