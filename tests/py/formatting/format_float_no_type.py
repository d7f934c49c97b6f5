# floats formatted with a precision but no type switch to exponent one digit early
vals = [0.0, 1.0, 12.0, 123.0, 1234.5, 0.0001, 0.00001, 1e16, 1e22, 1 / 3, 2.5, 99.95, 123456.789]
for v in vals:
    print(repr(v), [format(v, s) for s in ('', '.0', '.1', '.2', '.3', '.5', '.12', '#', '#.2', 'g', '.3g', '#.3g')])
print(format(1e300, '.0f')[:12], len(format(1e300, 'f')), format(2 ** 0.5, '.20f'), format(0.1, '.25f'))
print(format(1.5, 'n'), format(1234567.0, 'n'), format(0.00001234, 'G'), format(1e100, '.3E'))
