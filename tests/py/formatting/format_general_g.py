# the general format g: switching between fixed and exponent notation
for v in (0.0001, 0.00001, 123456, 1234567, 1e15, 1e16, 1.5, 100.0, 0.1 + 0.2, 2 / 3, -1e-20):
    print('%g' % v, '{:g}'.format(v), '{:.3g}'.format(v), '{:.10g}'.format(v), '%G' % v)
print('{:g}'.format(0), '{:g}'.format(-0.0), '{:g}'.format(100), '{:g}'.format(1e100), '{:G}'.format(1e-100))
print('{:10.4g}|{:<10.2g}|{:+g}|{:08.3g}'.format(3.14159, 1234.5, 2.5, -0.001234))
print('%.0g %.1g %.2g' % (123.456, 123.456, 123.456))
print(f'{0.000123456:.3g} {123456789:.4g} {1.0:g} {10.0:g}')
