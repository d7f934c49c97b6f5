# forwarding *args/**kwargs through wrappers
def target(a, b=2, *rest, c=3, **extra):
    return 'a=%r b=%r rest=%r c=%r extra=%r' % (a, b, rest, c, sorted(extra.items()))
def forward(*args, **kwargs):
    return target(*args, **kwargs)
print(forward(1))
print(forward(1, 20, 30, 40, c=300, z=1))
print(forward(b=5, a=4))
def add_defaults(**kw):
    kw.setdefault('c', 'default-c')
    return forward(0, **kw)
print(add_defaults(), add_defaults(c='mine', y=2))
def kw_copy(**kw):
    kw['added'] = True
    return kw
original = {'x': 1}
print(kw_copy(**original), original)
