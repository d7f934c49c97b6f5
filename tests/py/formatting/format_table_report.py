# building an aligned report with str.format and f-strings
rows = [('Widget', 4, 3.5), ('Gadget', 12, 12.25), ('Thingamajig', 1, 149.0)]
header = '{:<12} {:>5} {:>9} {:>10}'.format('Item', 'Qty', 'Price', 'Total')
print(header)
print('-' * len(header))
grand = 0
for name, qty, price in rows:
    total = qty * price
    grand += total
    print('{:<12.12} {:>5d} {:>9.2f} {:>10,.2f}'.format(name, qty, price, total))
print('-' * len(header))
print(f'{"Grand total":<28}{grand:>10,.2f}')
print('%-12s %5d %9.2f %10.2f' % ('Avg', sum(r[1] for r in rows) // 3, sum(r[2] for r in rows) / 3, grand / 3))
