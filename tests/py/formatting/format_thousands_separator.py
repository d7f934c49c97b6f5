# thousands separators , and _
for n in (0, 999, 1000, 1234567, -9876543210, 2 ** 64):
    print('{:,}'.format(n), '{:_}'.format(n), '{:>15,}'.format(n))
print('{:,.2f}'.format(1234567.891), '{:_.3f}'.format(-9876.54321), '{:,}'.format(1e6))
print('{:_x}'.format(0xDEADBEEF), '{:_b}'.format(255))
print(f'{1234567:,}', f'{-1234.5:,.1f}', f'{10 ** 9:_}', f'{12:,}')
print('{:>20,.3f}|{:<15_}|'.format(1234567.8915, 123456789))
print('%d items' % 1234567, '{:,d} items'.format(1234567))
