# closures holding independent state
def make_acc(start):
    total = start
    def acc(x=0):
        nonlocal total
        total += x
        return total
    return acc
a = make_acc(10)
b = make_acc(100)
print(a(5), a(5), b(1), a(), b())
def memoize(f):
    cache = {}
    def inner(*args):
        if args in cache:
            return ('cached', cache[args])
        cache[args] = f(*args)
        return ('computed', cache[args])
    return inner
m = memoize(lambda x, y: x ** y)
print(m(2, 10), m(2, 10), m(3, 3))
