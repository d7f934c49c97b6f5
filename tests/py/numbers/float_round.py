# round() on floats, half-to-even and ndigits
for v in (0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 2.4, 2.6, -2.6):
    print(v, round(v), type(round(v)).__name__)
print(round(3.14159, 2), round(3.14159, 0), round(2.675, 2), round(1.005, 2))
print(round(123.456, -1), round(123.456, -2), round(-123.456, 1))
print(round(1e20), round(1.5e15 + 0.5))
print(round(7, -1), round(15, -1), round(25, -1), round(-35, -1), round(12345, -2))
print(round(5), round(-5), type(round(5.0, 1)).__name__)
print(round(0.125, 2), round(0.375, 2), round(1234.5678, 3))
