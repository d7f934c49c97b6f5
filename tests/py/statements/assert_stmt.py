# assert statements with and without messages
assert True
assert 1 == 1, 'not printed'
try:
    assert False
except AssertionError as e:
    print('caught', type(e).__name__, e.args)
try:
    assert 1 > 2, 'one is not greater than two'
except AssertionError as e:
    print(str(e), e.args)
try:
    assert [], ['message', 'as', 'list']
except AssertionError as e:
    print(e.args[0])
evaluated = []
assert True, evaluated.append('message evaluated')
print(evaluated)
def check(v):
    assert isinstance(v, int), 'expected int, got %s' % type(v).__name__
    return v * 2
print(check(4))
try:
    check('x')
except AssertionError as e:
    print(e)
