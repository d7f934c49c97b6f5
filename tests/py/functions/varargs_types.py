# *args is a tuple and **kwargs a dict, even when empty
def f(*a, **k):
    return type(a).__name__, type(k).__name__, len(a), len(k)
print(f(), f(1), f(x=1), f(*[], **{}))
def g(*a):
    a = a + ('added',)
    return a
print(g(), g(1, 2))
def h(**k):
    k['new'] = 1
    return k
d = {'old': 0}
print(h(**d), d)
def nested(*a, **k):
    return f(*a, **k)
print(nested(1, 2, z=3))
