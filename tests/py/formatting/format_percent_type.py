# the % presentation type multiplies by 100
for v in (0, 0.5, 0.12345, 1, 1.5, -0.25, 2 / 3):
    print('{:%} {:.0%} {:.2%} {:>8.1%}'.format(v, v, v, v))
