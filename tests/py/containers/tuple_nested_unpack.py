# iterating tuples of tuples with unpacking
records = (('ann', (1990, 5)), ('bob', (1985, 12)), ('cy', (2001, 1)))
for name, (year, month) in records:
    print(name, year, month)
print(sorted(records, key=lambda r: r[1]))
names, dates = zip(*records)
print(names, dates)
print(tuple(y for _, (y, _) in records))
