# repr() of builtin values and custom __repr__
for v in (1, -2 ** 70, 1.5, 1e100, 'it\'s', "q\"", b'\x00b', [1, 'a'], (1,), {'k': None}, None, True, range(3), 2j):
    print(repr(v))
class R:
    def __repr__(self):
        return 'R<%s>' % 'custom'
print(repr(R()), [R(), R()], {'r': R()}, (R(),))
print(repr(repr('x')), repr(str(1)))
print(repr(int), repr(str), repr(ValueError))
