# throw() raises an exception at the paused yield
def worker():
    while True:
        try:
            x = yield 'ready'
            print('received', x)
        except ValueError as e:
            print('handled ValueError', e.args)
            yield 'recovered'
g = worker()
print(next(g))
print(g.send(1))
print(g.throw(ValueError('bad value')))
print(next(g))
try:
    g.throw(KeyError('unhandled'))
except KeyError as e:
    print('propagated', e.args)
print(next(g, 'generator finished'))
def fresh():
    yield 1
f = fresh()
try:
    f.throw(RuntimeError('before start'))
except RuntimeError as e:
    print('thrown into unstarted generator:', e)
print(next(f, 'done'))
