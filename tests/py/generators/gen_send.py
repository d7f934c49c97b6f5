# send() resumes a generator with a value for the yield expression
def accumulator():
    total = 0
    while True:
        value = yield total
        if value is None:
            break
        total += value
    return total
g = accumulator()
print(next(g))
print(g.send(10), g.send(5), g.send(-3))
try:
    g.send(None)
except StopIteration as e:
    print('finished with', e.value)
def echo():
    received = []
    while True:
        x = yield len(received)
        received.append(x)
        if x == 'stop':
            return received
e = echo()
print(e.send(None), e.send('a'), e.send('b'))
try:
    e.send('stop')
except StopIteration as ex:
    print(ex.value)
g2 = accumulator()
try:
    g2.send(1)
except TypeError as ex:
    print(type(ex).__name__)
