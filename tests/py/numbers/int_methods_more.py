# int methods and conversions beyond the basics
print((255).bit_length(), (-255).bit_length(), (0).bit_length(), (2 ** 100).bit_length(), True.bit_length())
print((2 ** 100 - 1).bit_count(), (-7).bit_count(), (0).bit_count())
print((-1).to_bytes(2, 'little', signed=True), (5).to_bytes(), (127).to_bytes(1, byteorder='big', signed=True))
print((-129).to_bytes(2, 'big', signed=True), (2 ** 64).to_bytes(9, 'little'), (0).to_bytes(0, 'big'))
print(int.from_bytes([1, 2, 3], 'little'), int.from_bytes(b'\xff\xfe', 'big', signed=True), int.from_bytes(b'\x01\x02'))
print(int.from_bytes(b'\x80' + bytes(15), 'big', signed=True), int.from_bytes(bytes(3), 'little', signed=True))
tests = [
    lambda: (256).to_bytes(1, 'big'),
    lambda: (-1).to_bytes(1, 'big'),
    lambda: (128).to_bytes(1, 'big', signed=True),
    lambda: (1).to_bytes(1, 'middle'),
    lambda: (1).to_bytes(-1, 'big'),
    lambda: int.from_bytes([256], 'big'),
    lambda: int.from_bytes('ab', 'big'),
]
for t in tests:
    try:
        print(t())
    except Exception as e:
        print(type(e).__name__)
print((7).as_integer_ratio(), (-3).conjugate(), (5).real, (5).imag, (5).numerator, (5).denominator)
print(True.real, True.numerator, type(True.real).__name__, False.imag)
class I:
    def __index__(self):
        return 7
print(int(I()), bin(I()), hex(I()), oct(I()), [10, 20, 30, 40, 50, 60, 70, 80][I()], round(1.23456, I()))
class MyInt(int):
    pass
m = MyInt(42)
print(m, int(m), type(int(m)).__name__, m + 1, m.bit_length(), m.to_bytes(1, 'big'))
print(type(MyInt.from_bytes(b'\x01', 'big')).__name__, MyInt.from_bytes(b'\x01\x00', 'big'), bool.from_bytes(b'\x01', 'big'))
print(int(b' 42 '), int(bytearray(b'-7')), int('10', base=16), int(-2.5), int(1e300) == 10 ** 300, int(' 0b_101 ', 0))
for args in [('5', 1), ('5', 37), (5, 10), ('5', 2.0), ('9' * 5000,)]:
    try:
        print(int(*args))
    except Exception as e:
        print(type(e).__name__)
print(2 ** -1, (-2) ** -3, 10 ** -5, 0 ** 0, 1 ** (2 ** 100), (-1) ** (2 ** 100 + 1), 0 ** (2 ** 100))
print(0 << (2 ** 100), 5 >> (2 ** 100), -5 >> (2 ** 100), 10 ** 20 / 3, 2 ** 1000 / 3 ** 500, 1 / 2 ** 1074, 3 / 2 ** 1075)
for t in [lambda: 0 ** -1, lambda: 10 ** 400 / 1, lambda: 1 << (2 ** 70), lambda: 10 ** 400 + 0.5, lambda: 2.0 * 10 ** 400]:
    try:
        print(t())
    except Exception as e:
        print(type(e).__name__)
print(divmod(7, -2), divmod(-7.5, 2), divmod(2 ** 70, -3), divmod(5, 0.5), divmod(-2 ** 64, 7))
print(pow(3, 4, 5), pow(3, -1, 7), pow(-3, 3, -5), pow(2, 10 ** 20, 10 ** 9 + 7), pow(38, -1, 97))
print(int('\u0661\u0662'), int('\u3000 \uff17\u2003'), float('\u0661.\u0665'), complex('\u0661+\u0662j'))
