# print() uses __str__, falling back to __repr__
class S:
    def __str__(self):
        return 'S-str'
    def __repr__(self):
        return 'S-repr'
class R:
    def __repr__(self):
        return 'R-repr'
print(S(), R())
print([S(), R()], (S(),), {'k': S()})
print(str(S()), repr(S()), '%s %r' % (S(), S()), '{} {!r}'.format(S(), S()), f'{S()} {S()!r}')
print(1, 'two', 3.0, [4], (5,), {6: 7}, None, True, b'8', sep='|')
