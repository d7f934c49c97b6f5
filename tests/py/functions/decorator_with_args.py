# decorators that take arguments
def repeat(times):
    def deco(func):
        def wrapper(*a):
            return [func(*a) for _ in range(times)]
        return wrapper
    return deco
@repeat(3)
def hi(n):
    return 'hi' + str(n)
print(hi(1))
def prefix(p, sep=':'):
    def deco(func):
        def wrapper(x):
            return p + sep + func(x)
        return wrapper
    return deco
@prefix('LOG')
def msg(x):
    return x
@prefix('ERR', sep=' - ')
def err(x):
    return x.upper()
print(msg('started'), err('failed'))
def memo(func):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = func(n)
        return cache[n]
    return wrapper
@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(40), fib(80))
