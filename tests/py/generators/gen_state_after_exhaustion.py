# generators stay exhausted; exceptions finish them
def g():
    yield 1
    raise ValueError('boom')
it = g()
print(next(it))
try:
    next(it)
except ValueError as e:
    print('caught', e)
print(next(it, 'exhausted after error'))
def h():
    yield from range(2)
x = h()
print(list(x), list(x), next(x, None))
def partial():
    for i in range(5):
        yield i
p = partial()
for v in p:
    if v == 2:
        break
print('resumed:', list(p))
