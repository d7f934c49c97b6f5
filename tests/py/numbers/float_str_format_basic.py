# str() of floats in containers and interpolation
print(str(1.0), str(0.5), str(-0.0), str(1e-10), str(3e20))
print([1.0, 2.5], (0.1,), {'a': 0.25})
print('x=' + str(2.5), '%s' % 1.25, '{}'.format(1e16))
print(f'{0.1 + 0.2}', f'{1 / 4}', f'{2.0 ** 3}')
print(str(123456789012345.0), str(1234567890123456.0), str(12345678901234567.0))
print(str(0.001), str(0.0001), str(0.00001), str(-1.5e-7))
print(str(float(7)), str(2.0 ** 52), str(2.0 ** 53 + 2))
