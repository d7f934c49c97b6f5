# integer literal forms
print(0x10, 0X10, 0o10, 0O10, 0b10, 0B10)
print(1_000_000, 0xFF_FF, 0b_1010, 0o_17)
print(0xFFFFFFFFFFFFFFFFFFFFFFFF)
print(0, 00, 000)
print(-0x10, -0b1, -0o7)
print(123456789012345678901234567890123456789)
print(type(0xFF).__name__)
