# padding counts code points for non-ASCII text
for s in ('a', 'é', '€€', 'ñandú', '日本'):
    print('[%-6s][%6s]' % (s, s), '[{:^6}]'.format(s), f'[{s:*>6}]', len(s))
print('{:.2}|{:.3}'.format('éàü', '日本語です'))
