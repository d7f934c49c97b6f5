# padding counts code points for non-ASCII text
for s in ('a', 'é', '€€', 'ñandú', '日本'):
    print('[%-6s][%6s]' % (s, s), '[{:^6}]'.format(s), f'[{s:*>6}]', len(s))
print('{:.2}|{:.3}'.format('éàü', '日本語です'))
print('[%s]' % '€'.center(5), '[{:€<4}]'.format('x'), '[{:>3}]'.format('日本語です'))
print(f'{"ü":^3}|{"ü":_>3}|{"ü":<3}|')
names = ['Zoë', 'José', 'Ann']
for n in names:
    print(f'{n:<6}|{len(n):>2}')
