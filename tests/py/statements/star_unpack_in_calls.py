# star and double-star unpacking at call sites
def f(a, b, c=0, *rest, **kw):
    return a, b, c, rest, sorted(kw.items())
args = [1, 2]
print(f(*args))
print(f(*args, 3, 4, 5))
print(f(*'xy', *[9], extra=1))
print(f(**{'a': 1, 'b': 2}))
print(f(1, **{'b': 2, 'c': 3, 'z': 26}))
print(f(*[1], *(2, 3), **{'k': 1}, **{'j': 2}))
print(f(0, *range(3), 7))
print(max(*[3, 9, 2]), print(*[], sep='x'))
try:
    f(1, *[2], **{'a': 5})
except TypeError as e:
    print(type(e).__name__)
