# negative exponents give floats, zero to a negative power fails
print(2 ** -1, 2 ** -2, 10 ** -3, (-2) ** -1, round(4 ** -0.5, 12))
print(type(2 ** -1).__name__, type(2 ** 0).__name__)
try:
    0 ** -1
except ZeroDivisionError as e:
    print(type(e).__name__)
print(pow(2, -3), pow(-4, 2), pow(0, 0))
