# alignment and fill characters in format specs
for spec in ('<10', '>10', '^10', '*<10', '->10', '_^10', '^9', '.^11', '10', '3'):
    print(spec.ljust(5), '[' + format('abc', spec) + ']', '[' + format(42, spec) + ']')
print('[{:=^20}]'.format(' title '), '[{:0>6}]'.format('7'), '[{:#<4}]'.format(''))
print('[{:^5}]'.format('é'), '[{:>4}]'.format('😀'), '[{:€^7}]'.format('ab'))
print('[{:<8.2f}][{:^8.2f}][{:>8.2f}]'.format(3.14159, 2.5, -1.0))
print('[{:>{}}]'.format('w', 4), '[{:*^{}}]'.format('v', 5))
print('[%-8s][%8s]' % ('left', 'right'), '[{:<}][{:>}]'.format('a', 'b'))
print('[{:x<6}][{:0^7}][{:<06}]'.format(12, 34, 56))
