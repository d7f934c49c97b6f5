# simple decorators
def shout(func):
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs).upper() + '!'
    return wrapper
@shout
def greet(name):
    return 'hello ' + name
print(greet('world'))
calls = []
def logged(func):
    def wrapper(*args, **kwargs):
        calls.append((func.__name__, args, sorted(kwargs.items())))
        return func(*args, **kwargs)
    return wrapper
@logged
def add(a, b=0):
    return a + b
print(add(1, 2), add(5, b=6), calls)
def register(registry):
    def deco(f):
        registry[f.__name__] = f
        return f
    return deco
REG = {}
@register(REG)
def alpha():
    return 'a'
@register(REG)
def beta():
    return 'b'
print(sorted(REG), REG['beta']())
