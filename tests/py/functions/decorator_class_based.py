# classes used as decorators and decorators applied to classes
class CountCalls:
    def __init__(self, func):
        self.func = func
        self.calls = 0
    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.func(*args, **kwargs)
@CountCalls
def square(x):
    return x * x
print(square(3), square(4), square.calls)
def add_repr(cls):
    def __repr__(self):
        return cls.__name__ + '(' + ', '.join('%s=%r' % (k, getattr(self, k)) for k in self.fields) + ')'
    cls.__repr__ = __repr__
    return cls
@add_repr
class Point:
    fields = ('x', 'y')
    def __init__(self, x, y):
        self.x = x
        self.y = y
print(Point(1, 'two'), [Point(0, 0)])
registry = []
def register(cls):
    registry.append(cls.__name__)
    return cls
@register
class A: pass
@register
class B: pass
print(registry)
