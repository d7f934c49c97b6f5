# building text tables with string methods
rows = [('apple', 3, 1.5), ('kiwi', 12, 0.25), ('watermelon', 1, 4.0)]
print('+' + '-' * 12 + '+' + '-' * 5 + '+')
for name, qty, price in rows:
    print('|' + name.ljust(12) + '|' + str(qty).rjust(5) + '|' + str(price).center(7) + '|')
print('+' + '-' * 12 + '+' + '-' * 5 + '+')
total = sum(q * p for _, q, p in rows)
print('total'.upper().rjust(18), total)
