# errors in %-formatting
cases = [
    lambda: '%d' % 'str',
    lambda: '%s %s' % ('only one',),
    lambda: '%s' % ('a', 'b'),
    lambda: '%d %d' % (1,),
    lambda: '%c' % 'ab',
    lambda: '%(k)s' % ['not a mapping'],
]
for c in cases:
    try:
        print('ok', c())
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__)
