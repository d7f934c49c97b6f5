# str/repr of big ints and round-trips
for n in (10 ** 18, 10 ** 19, 10 ** 50, -10 ** 50, 2 ** 127 - 1, -(2 ** 127)):
    s = str(n)
    print(s, repr(n) == s, int(s) == n, len(s))
print(str(2 ** 64 - 1), str(-(2 ** 64)))
print('%d' % 2 ** 80, '{}'.format(3 ** 60), f'{-7 ** 30}')
