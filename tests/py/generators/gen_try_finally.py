# finally blocks in generators run on exhaustion, close and error
def gen(tag):
    try:
        yield tag + '1'
        yield tag + '2'
    finally:
        print('finally', tag)
print(list(gen('a')))
g = gen('b')
print(next(g))
g.close()
g = gen('c')
print(next(g))
try:
    g.throw(KeyError('k'))
except KeyError:
    print('KeyError out of generator')
def nested():
    try:
        try:
            yield 1
        finally:
            print('inner finally')
    finally:
        print('outer finally')
n = nested()
next(n)
n.close()
