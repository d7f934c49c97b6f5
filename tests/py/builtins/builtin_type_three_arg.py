# creating classes dynamically with type(name, bases, dict)
def hello(self):
    return 'hello from ' + self.name
Base = type('Base', (), {'kind': 'base', 'hello': hello, 'name': 'base'})
Child = type('Child', (Base,), {'name': 'child'})
c = Child()
print(Base.__name__, Child.__name__, c.kind, c.hello(), isinstance(c, Base))
print(type(c).__name__, issubclass(Child, Base), Child.__bases__ == (Base,))
