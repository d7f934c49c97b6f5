# functions taking and returning functions
def compose(*fns):
    def composed(x):
        for f in reversed(fns):
            x = f(x)
        return x
    return composed
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5), compose()(7))
def curry(f, *fixed):
    def inner(*rest):
        return f(*(fixed + rest))
    return inner
def volume(a, b, c):
    return a * b * c
print(curry(volume, 2)(3, 4), curry(volume, 2, 3)(4), curry(volume, 2, 3, 4)())
def reduce(f, seq, init):
    acc = init
    for x in seq:
        acc = f(acc, x)
    return acc
print(reduce(lambda a, b: a * b, range(1, 8), 1), reduce(lambda a, b: b + a, 'abc', ''))
def flip(f):
    return lambda a, b: f(b, a)
print(flip(pow)(2, 10), flip(lambda a, b: a - b)(1, 10))
