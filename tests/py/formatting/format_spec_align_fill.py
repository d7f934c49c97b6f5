# alignment and fill characters in format specs
for spec in ('<10', '>10', '^10', '*<10', '->10', '_^10', '^9', '.^11', '10', '3'):
    print(spec.ljust(5), '[' + format('abc', spec) + ']', '[' + format(42, spec) + ']')
print('[{:=^20}]'.format(' title '), '[{:0>6}]'.format('7'), '[{:#<4}]'.format(''))
print('[{:^5}]'.format('é'), '[{:>4}]'.format('😀'), '[{:€^7}]'.format('ab'))
