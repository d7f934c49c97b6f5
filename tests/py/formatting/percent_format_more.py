# printf-style formatting across conversions, flags and argument shapes
fmts = ['%d', '%5d', '%-5d|', '%05d', '%+d', '% d', '%.3d', '%-+8.3d|', '%#x', '%#08X', '%#.4o',
        '%c', '%10s|', '%-6r|', '%.2s', '%.2f', '%10.3f', '%+.0f', '%#.0f', '%.2E', '%g', '%#g', '%010.2f']
vals = [0, 42, -42, 255, 3.75, -0.5, 'hé', True, None, 65, 2 ** 65, float('inf'), -0.0, 1e300]
for f in fmts:
    row = []
    for v in vals:
        try:
            row.append(f % v)
        except (TypeError, ValueError, OverflowError) as e:
            row.append(type(e).__name__)
    print(f, row)
print('%*d|%-*d|%.*f|%*.*f' % (5, 1, 4, 2, 2, 3.14159, 8, 3, 2.71828))
print('%(a)s-%(b)05.1f-%(a)r' % {'a': 'x', 'b': 2.25}, '%(x)s %%' % {'x': 1})
print('' % (), 'abc' % {}, 'abc' % [], 'x%sy' % 'z', '%s' % [1], '%s' % {'k': 1})
bad = [('%d', 'x'), ('%x', 1.5), ('%c', 'ab'), ('%c', -1), ('%s %s', (1,)), ('%s', (1, 2)),
       ('%(k)s', 5), ('%(k)s', {}), ('%', ()), ('%y', 1), ('%*d', ('a', 1)), ('abc', 5), ('%5%', ())]
for f, a in bad:
    try:
        print(repr(f % a))
    except (TypeError, ValueError, KeyError, OverflowError) as e:
        print(f, type(e).__name__)
print(b'%s|%5s|%-5b|%r|%d|%x|%c|%c|%.1f|%%' % (b'ab', b'c', bytearray(b'd'), b'e', 5, 255, 65, b'z', 1.25))
print(b'%(k)s' % {b'k': b'v'}, bytearray(b'%d-%d') % (1, 2))
for f, a in [(b'%s', 'str'), (b'%c', 256), (b'%c', b'ab'), (b'%s', 5)]:
    try:
        print(f % a)
    except (TypeError, ValueError, OverflowError) as e:
        print(f, type(e).__name__)
