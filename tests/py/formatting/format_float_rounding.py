# rounding in fixed-point formatting follows the exact binary value
vals = [0.5, 1.5, 2.5, 0.125, 0.375, 2.675, 1.005, 0.045, 1e-10, 123.456]
for v in vals:
    print(v, '%.0f' % v, '%.1f' % v, '%.2f' % v, '{:.3f}'.format(v))
print('%.20f' % 0.1, '{:.17f}'.format(1 / 3))
print('%.2f' % -0.001, '%.1f' % -0.0, '{:.0f}'.format(-0.4))
