# zfill and justification of numeric strings
for n in (0, 7, -7, 123, -12345, 2 ** 40):
    s = str(n)
    print(s.zfill(6), s.rjust(8, '.'), s.ljust(8, '_') + '|', s.center(10, '*'))
print('3.14'.zfill(7), '-0.5'.zfill(6), '+'.zfill(3), '-'.zfill(3))
print(str(2 ** 70).zfill(25), str(-2 ** 70).zfill(25))
print(''.join(str(i).zfill(3) for i in range(8, 12)))
print('%s|%s' % ('7'.zfill(0), '-'.zfill(1)))
