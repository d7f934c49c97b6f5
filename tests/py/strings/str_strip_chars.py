# strip family with sets of characters
print('<<a<b>>'.strip('<>'), '<<a<b>>'.lstrip('<'), '<<a<b>>'.rstrip('>'))
print('\t\n x \x0b\x0c\r'.strip() == 'x')
print('abcba'.strip('ab'), 'abcba'.strip('c'), 'aaa'.strip('a') == '')
print('  x  '.lstrip(' x'), '  x  '.rstrip('x '))
print('12.500'.rstrip('0').rstrip('.'), '12.000'.rstrip('0').rstrip('.'))
