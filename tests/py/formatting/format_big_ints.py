# formatting arbitrary-precision integers
n = 2 ** 100
print('{}'.format(n), '{:,}'.format(n), '{:x}'.format(n), '{:#o}'.format(n), '{:b}'.format(2 ** 70))
print('%d' % n, '%x' % -n, '%50d|' % n, '%-50d|' % -n)
print(f'{n:>40}', f'{-n:040d}', f'{n:e}', f'{n:.3g}')
print('{:_}'.format(10 ** 25), '{:+,}'.format(3 ** 40))
