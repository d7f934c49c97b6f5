# several context managers in one with statement
class CM:
    def __init__(self, name, fail=False):
        self.name = name
        self.fail = fail
    def __enter__(self):
        print('enter', self.name)
        if self.fail:
            raise RuntimeError('enter failed: ' + self.name)
        return self.name.upper()
    def __exit__(self, t, v, tb):
        print('exit', self.name, t.__name__ if t else None)
        return False
with CM('a') as a, CM('b') as b, CM('c') as c:
    print('body', a, b, c)
try:
    with CM('x') as x, CM('y', fail=True) as y:
        print('not reached')
except RuntimeError as e:
    print('caught', e)
try:
    with CM('p'), CM('q'):
        raise ValueError('inside')
except ValueError as e:
    print('caught', e)
