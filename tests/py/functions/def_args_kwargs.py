# *args and **kwargs collection
def f(*args, **kwargs):
    return args, kwargs
print(f(), f(1, 2), f(a=1), f(1, b=2, c=3))
def g(first, *rest):
    return first, rest
print(g(1), g(1, 2, 3), g(*range(4)))
def h(x, **opts):
    return x, sorted(opts)
print(h(0, z=1, a=2, m=3))
def order(**kw):
    return list(kw)
print(order(c=1, a=2, b=3), order(**{'z': 1, 'y': 2}))
def total(*nums):
    s = 0
    for n in nums:
        s += n
    return s
print(total(), total(1, 2, 3), total(*[10] * 5))
print(type(f(1)[0]).__name__, type(f(a=1)[1]).__name__)
