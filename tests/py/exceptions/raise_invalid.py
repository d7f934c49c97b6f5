# raising things that are not exceptions is a TypeError
for bad in (5, 'string', None, [ValueError]):
    try:
        raise bad
    except TypeError as e:
        print(repr(bad), type(e).__name__)
class NotAnException:
    pass
try:
    raise NotAnException
except TypeError as e:
    print(type(e).__name__)
try:
    raise ValueError
except ValueError as e:
    print('class instantiated', type(e).__name__, e.args)
