# str.format: attributes, indexes, nested specs, conversions and error types
class Pt:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return 'Pt(%d, %d)' % (self.x, self.y)
    def __str__(self):
        return '(%d,%d)' % (self.x, self.y)
p = Pt(1, 2)
print('{0.x}-{0.y} {0!r} {0!s} {0}'.format(p), '{p.x}'.format(p=p))
print('{0[0]}{0[1][k]}'.format([1, {'k': 'v'}]), '{d[key]}'.format(d={'key': 3}), '{0[-1]}'.format({'-1': 'neg'}))
print('{:>{w}}|{:^{w}.{p}f}|{:{f}<{w}}'.format('a', 3.14159, 'b', w=8, p=2, f='*'))
print('{0:{1}}'.format(42, '>6'), '{:{}}{}'.format('x', 4, 'y'), '{{}} {{{0}}} }}{{'.format(7))
print('{!a}'.format('é€'), '{0!r:^10}'.format('q'), '{a}{b}'.format_map({'a': 1, 'b': 2}))
class D(dict):
    def __missing__(self, k):
        return '<' + k + '>'
print('{x} {y}'.format_map(D(x=1)))
cases = [('{', ()), ('}', ()), ('{0', (1,)), ('{}{0}', (1, 2)), ('{0}{}', (1, 2)), ('{1}', (1,)),
         ('{x}', ()), ('{0!x}', (1,)), ('{0.}', (1,)), ('{0[0]x}', ([1],)), ('{0.nope}', (1,)),
         ('{0[5]}', ([1],)), ('{:d}', ('s',)), ('{:s}', (1,)), ('{:,s}', ('a',)), ('{:=5}', ('a',))]
for f, a in cases:
    try:
        print(repr(f.format(*a)))
    except (ValueError, IndexError, KeyError, AttributeError, TypeError) as e:
        print(f, type(e).__name__)
