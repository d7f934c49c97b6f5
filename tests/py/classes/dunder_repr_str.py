# __repr__ and __str__
class Both:
    def __repr__(self):
        return 'Both()'
    def __str__(self):
        return 'both as str'
class OnlyRepr:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return 'OnlyRepr(%r)' % (self.v,)
b = Both()
o = OnlyRepr('x')
print(b, repr(b), str(b), [b], (b,))
print(o, repr(o), str(o), [o, OnlyRepr(3)], {o.v: o})
print('%s|%r' % (b, b), '{}|{!r}'.format(o, o), f'{b}|{b!r}')
class Child(OnlyRepr):
    pass
print(Child([1]))
