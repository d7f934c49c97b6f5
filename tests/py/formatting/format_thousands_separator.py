# thousands separators , and _
for n in (0, 999, 1000, 1234567, -9876543210, 2 ** 64):
    print('{:,}'.format(n), '{:_}'.format(n), '{:>15,}'.format(n))
print('{:,.2f}'.format(1234567.891), '{:_.3f}'.format(-9876.54321), '{:,}'.format(1e6))
print('{:_x}'.format(0xDEADBEEF), '{:_b}'.format(255))
