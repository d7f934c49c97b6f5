# default values are evaluated once, at definition time
evals = []
def make_default(tag):
    evals.append(tag)
    return tag
def f(x=make_default('f-default')):
    return x
print(evals)
print(f(), f(), f('given'), evals)
def counter(d={'n': 0}):
    d['n'] += 1
    return d['n']
print(counter(), counter(), counter({'n': 100}), counter())
def g(a, b=[]):
    b = b + [a]
    return b
print(g(1), g(2))
