# augmented assignment on numbers
x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 4; print(x)
x //= 5; print(x)
x %= 4; print(x)
x **= 10; print(x)
x <<= 70; print(x)
x >>= 68; print(x)
x |= 0xF0; print(x)
x &= 0x3C; print(x)
x ^= 0xFF; print(x)
x /= 2; print(x)
y = 2 ** 64
y += 1; print(y)
y -= 2 ** 64; print(y)
