# return in a generator sets StopIteration.value
def g():
    yield 1
    return 'result'
it = g()
print(next(it))
try:
    next(it)
except StopIteration as e:
    print(e.value, e.args)
def no_value():
    yield 1
it2 = no_value()
next(it2)
try:
    next(it2)
except StopIteration as e:
    print(e.value, e.args)
def wrapper():
    result = yield from g()
    return result * 2
w = wrapper()
print(next(w))
try:
    next(w)
except StopIteration as e:
    print(e.value)
