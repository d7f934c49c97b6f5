# arguments are evaluated left to right, before the call
log = []
def v(x):
    log.append(x)
    return x
def f(*args, **kwargs):
    log.append('call')
    return len(args) + len(kwargs)
print(f(v(1), v(2), k=v(3), j=v(4)), log)
log.clear()
print(f(*[v('a'), v('b')], **{'x': v('c')}), log)
log.clear()
def g(a, b):
    return a - b
print(g(b=v(10), a=v(3)), log)
