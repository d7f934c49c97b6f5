# value of a yield expression when resumed by next() is None
def g():
    a = yield 1
    b = yield a
    c = yield (a, b)
    print('c is', c)
it = g()
print(next(it), next(it), it.send('sent'))
print(next(it, 'end'))
def doubler():
    x = 0
    while True:
        x = (yield x * 2) or x
it2 = doubler()
print(next(it2), it2.send(5), next(it2), it2.send(7))
