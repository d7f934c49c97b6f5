# helper module for import tests
print('executing _mod_a, __name__ =', __name__)
VALUE = 42
items = [1, 2, 3]
_private = 'underscore name'
def func(x):
    return x * VALUE
def get_value():
    return VALUE
class Thing:
    def __init__(self, n):
        self.n = n
    def __repr__(self):
        return 'Thing(%d)' % self.n
