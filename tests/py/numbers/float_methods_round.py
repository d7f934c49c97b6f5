# float methods and exact round() as CPython (correctly rounded decimal rounding)
for x in [0.5, 1.5, 2.5, -0.5, -1.5, 2.675, 1.005, 0.125, 0.375, 1e22, 1.5e-7, 5e-324, 1.7976931348623157e308]:
    print(round(x), round(x, 1), round(x, 2), round(x, -1), round(x, 300), round(x, -300))
print(round(-0.0), round(-0.4, 0), round(0.5, 0), round(-4.0, -1), round(1e300, -299), round(1234.5678, -2))
print(round(0.1 + 0.2, 15), round(2.5, None), round(7, -1), round(15, -1), round(25, -1), round(-25, -1))
print(round(123456789, -4), round(2 ** 100, -29), type(round(2.5)).__name__, type(round(2.5, 0)).__name__)
tests = [
    lambda: round(1.5, 1.5),
    lambda: round(float('inf')),
    lambda: round(float('nan')),
    lambda: round(1.7976931348623157e308, -308),
]
for t in tests:
    try:
        print(t())
    except Exception as e:
        print(type(e).__name__)
print(round(float('inf'), 2), round(float('-inf'), -2))
print((1.5).is_integer(), (2.0).is_integer(), float('inf').is_integer(), (-0.0).is_integer())
print((0.1).as_integer_ratio(), (-2.5).as_integer_ratio(), (0.0).as_integer_ratio(), (2.0 ** 80).as_integer_ratio())
print((1.5).hex(), (0.1).hex(), (-0.0).hex(), (5e-324).hex(), (1e308).hex(), float('inf').hex())
print(float.fromhex('0x1.999999999999ap-4'), float.fromhex('-0x1p-1074'), float.fromhex('inf'), float.fromhex(' 0x.8p1 '), float.fromhex('0x1.8'), float.fromhex('10'))
for bad in ('0x1p99999', '0xg', ''):
    try:
        float.fromhex(bad)
        print('no error')
    except (ValueError, OverflowError) as e:
        print(type(e).__name__)
for x in (0.1, 1e300, -2.5e-310, 12345.678):
    print(float.fromhex(x.hex()) == x, x.conjugate() == x, x.real == x, x.imag)
print((2.5).__trunc__(), (-2.5).__floor__(), (-2.5).__ceil__(), (2.5).__round__(), (2.675).__round__(2))
