# formatting of nan and infinities
inf, nan = float('inf'), float('nan')
print('%f %f %f' % (inf, -inf, nan), '%e %g' % (inf, nan), '%.2f' % -inf)
print('{:f} {:e} {:g} {:F} {:E}'.format(inf, -inf, nan, inf, nan))
print('[{:>8}] [{:<8}] [{:^9}] [{:+}] [{:+}]'.format(inf, nan, -inf, inf, nan))
print(f'{inf:.3f} {nan:10.2f}| {-inf:%}', str(inf), repr(-inf), str(nan))
