# __exit__ receives exception info and can suppress it
class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        if t is not None:
            print('exit saw', t.__name__, isinstance(v, t))
        return t is not None and issubclass(t, self.types)
with Suppress(KeyError):
    {}['missing']
print('after suppressed KeyError')
with Suppress(ValueError, TypeError):
    int('x')
print('after suppressed ValueError')
try:
    with Suppress(KeyError):
        raise IndexError('not suppressed')
except IndexError as e:
    print('propagated', e.args)
with Suppress(Exception) as s:
    print('no exception', type(s).__name__)
