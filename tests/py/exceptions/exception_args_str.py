# args and str() of exceptions created by user code
for args in ((), ('one',), ('two', 2), (None,), (['list'],)):
    e = Exception(*args)
    print(e.args, repr(str(e)))
e = ValueError('message')
print(e.args[0], str(e), len(e.args))
k = KeyError('key')
print(k.args)
try:
    raise RuntimeError('with', 'several', 'args')
except RuntimeError as err:
    print(err.args, err.args[1])
print(str(TypeError()), TypeError().args)
