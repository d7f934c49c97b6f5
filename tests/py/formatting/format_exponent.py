# exponent notation details
for v in (0.0, 1.0, 12345.6789, 1e-300, 1e300, -0.000123, 9.9999e9):
    print('%e' % v, '%.2e' % v, '{:.0e}'.format(v), '{:E}'.format(v), '%10.1e|' % v)
print('%e' % 2 ** 60, '{:.3e}'.format(10 ** 20), '{:e}'.format(-1))
print('{:>12.2e}|{:<12.2E}|{:^12.1e}|'.format(1234.5, 0.00098765, -5e-5))
print('{:+.2e} {: .2e} {:012.3e}'.format(1.5, 1.5, -1.5))
print(f'{6.02214076e23:.4e} {1.602e-19:.2E} {0.1:.20e}')
for exp in (-5, -1, 0, 1, 5, 99, 100, -100):
    print(exp, '%.1e' % float('1e%d' % exp))
