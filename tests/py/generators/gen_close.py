# close() raises GeneratorExit inside the generator
def gen():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print('got GeneratorExit')
        raise
    finally:
        print('cleanup')
g = gen()
print(next(g))
print(g.close())
print(next(g, 'closed'))
g2 = gen()
g2.close()
print('closing unstarted prints nothing')
def swallow():
    try:
        yield 1
    except GeneratorExit:
        print('exiting cleanly')
        return
s = swallow()
next(s)
s.close()
s.close()
print('double close ok')
def bad():
    try:
        yield 1
    except GeneratorExit:
        yield 'refuse'
b = bad()
next(b)
try:
    b.close()
except RuntimeError:
    print('RuntimeError when yielding after GeneratorExit')
