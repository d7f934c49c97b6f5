# !r and !s conversions in str.format
class T:
    def __str__(self):
        return 'T-str'
    def __repr__(self):
        return 'T-repr'
t = T()
print('{} {!s} {!r}'.format(t, t, t))
print('{!r} {!s}'.format('quoted', 'plain'), '{!r}'.format(1.5), '{!r:>10}'.format('ab'))
print('{0!r:^12}|{0!s:*<8}'.format('x'))
print('{!r}'.format([t, 'a']), '{!s}'.format(b'bytes'))
