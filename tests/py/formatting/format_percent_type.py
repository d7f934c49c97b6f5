# the % presentation type multiplies by 100
for v in (0, 0.5, 0.12345, 1, 1.5, -0.25, 2 / 3):
    print('{:%} {:.0%} {:.2%} {:>8.1%}'.format(v, v, v, v))
print('{:+.1%} {:08.2%} {:,.1%}'.format(0.5, 0.0123, 123.456))
print(f'{1 / 8:.3%} {3:%} {-1.5:.0%}')
ratio = 37 / 120
print('completed: {:.1%} of {:,} items'.format(ratio, 120000))
