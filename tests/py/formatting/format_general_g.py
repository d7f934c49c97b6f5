# the general format g: switching between fixed and exponent notation
for v in (0.0001, 0.00001, 123456, 1234567, 1e15, 1e16, 1.5, 100.0, 0.1 + 0.2, 2 / 3, -1e-20):
    print('%g' % v, '{:g}'.format(v), '{:.3g}'.format(v), '{:.10g}'.format(v), '%G' % v)
