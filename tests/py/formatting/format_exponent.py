# exponent notation details
for v in (0.0, 1.0, 12345.6789, 1e-300, 1e300, -0.000123, 9.9999e9):
    print('%e' % v, '%.2e' % v, '{:.0e}'.format(v), '{:E}'.format(v), '%10.1e|' % v)
