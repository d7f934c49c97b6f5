# zero padding interacts with grouping, sign, alternate forms and nan/inf
for spec in ('010,', '0=10,', '08,', '012_', '+010,', '#012_x', '#010b', '-08,', ' 09,'):
    print(spec, format(1234, spec), format(-1234, spec))
for spec in ('012,.2f', '010,.1f', '0=12,.1f', '+015,.3f', '010.2%', '012,.2e'):
    print(spec, format(1234.5, spec), format(-0.5, spec))
inf, nan = float('inf'), float('nan')
for spec in ('', '010', ',', '>8,', '0=12,.1f', '+', '=+8', 'E', '%', '^9'):
    print(repr(spec), format(inf, spec), format(-inf, spec), format(nan, spec))
print(format(5, '<05'), format(5, '^05'), format('ab', '05'), format('ab', '>05'))
print(format(-0.0, ''), format(-0.0, '.1f'), format(-0.0, 'z.1f'), format(-0.0001, 'z.2f'), format(0.0, '+'))
