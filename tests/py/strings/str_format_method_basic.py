# str.format positional, keyword and indexed fields
print('{} {}'.format('a', 'b'), '{1} {0}'.format('a', 'b'), '{0}{0}'.format('x'))
print('{name} is {age}'.format(name='Bob', age=30))
print('{{literal}} {}'.format(5), '{}'.format(None), '{}'.format([1, 2]))
print('{!r} {!s}'.format('q', 'q'), '{0!r:>6}'.format('a'))
for bad in ('{', '}', '{0} {}'):
    try:
        bad.format(1)
        print('no error', bad)
    except (ValueError, IndexError) as e:
        print('error', bad)
try:
    '{2}'.format(1)
except IndexError as e:
    print(type(e).__name__)
try:
    '{k}'.format(j=1)
except KeyError as e:
    print(type(e).__name__)
