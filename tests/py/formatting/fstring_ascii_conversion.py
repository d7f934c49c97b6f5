# !a escapes non-ASCII characters in f-strings and str.format
x = 'é€😀'
print(f'{x!a}', f'{x!r}', f'{x!s:>5}', f'{[x]!a}', f'{x!a:>20}|')
print('{!a} {!a:^12}|'.format(x, 'ñ'), '%a' % x, '%a' % [x])
