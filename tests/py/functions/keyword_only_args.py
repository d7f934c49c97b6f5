# keyword-only parameters after * or *args
def f(a, *, b, c=3):
    return a, b, c
print(f(1, b=2), f(1, c=5, b=4), f(a=0, b=0))
try:
    f(1, 2)
except TypeError as e:
    print(type(e).__name__)
try:
    f(1)
except TypeError as e:
    print(type(e).__name__)
def g(*args, sep='-', end='.'):
    return sep.join(args) + end
print(g('a', 'b'), g('a', 'b', sep='+'), g(end='!'), g('x', end=''))
def h(a, b=2, *args, key, flag=False, **kw):
    return a, b, args, key, flag, sorted(kw.items())
print(h(1, key='k'))
print(h(1, 2, 3, 4, key='k', flag=True, extra=9))
def only_kw(*, x, y):
    return x - y
print(only_kw(y=1, x=10))
