# precision truncates strings; width pads them
s = 'abcdefgh'
print('[{:.3}][{:10.3}][{:<6.2}][{:>6.4}][{:^7.1}]'.format(s, s, s, s, s))
print('[{:.0}][{:.20}]'.format(s, s))
print('[%.3s][%-6.2s][%6.4s]' % (s, s, s))
print('[{:.2}]'.format('é€😀x'))
print('{:s}|{:5s}|{:>5s}'.format('x', 'y', 'z'))
