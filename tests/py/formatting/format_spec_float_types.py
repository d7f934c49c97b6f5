# float presentation types f, e, g, % and their upper-case forms
vals = [0.0, 1.0, -2.5, 3.14159265, 123456.789, 1e-7, 2.5e16, -0.0]
for v in vals:
    print('{:f}|{:.2f}|{:e}|{:.3E}|{:g}|{:.3G}|{:.1%}'.format(v, v, v, v, v, v, v))
print('{:F} {:F}'.format(1.5, float('inf')), '{:.0f} {:.0f} {:.0f}'.format(0.5, 1.5, 2.5))
print('{:.3}'.format(3.14159), '{:.10}'.format(1 / 3), '{}'.format(1e22), '{:}'.format(0.1))
