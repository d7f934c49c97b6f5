# classmethod receives the class, also for subclasses and instances
class Shape:
    count = 0
    def __init__(self, name):
        self.name = name
    @classmethod
    def create(cls, name):
        cls.count += 1
        return cls(name)
    @classmethod
    def kind(cls):
        return cls.__name__
class Circle(Shape):
    pass
a = Shape.create('s1')
b = Circle.create('c1')
print(type(a).__name__, type(b).__name__, a.name, b.name)
print(Shape.count, Circle.count, Shape.kind(), Circle.kind(), b.kind())
print(a.create('via-instance').name)
