# format/str.format on bools, None and containers without specs
print('{} {} {}'.format(True, False, None), format(True), format(None), format([1, 2]))
print('{:d} {:d} {:5}|{:<5}|'.format(True, False, True, 1))
print('{}'.format((1, 'a')), '{}'.format({'k': [1]}), '{}'.format(b'\x00'))
print('{:>6}|{:<6}|'.format(str([1]), str(None)))
print(format(1.5), format(1e100), format(12), format('s'), format(3 + 4j))
