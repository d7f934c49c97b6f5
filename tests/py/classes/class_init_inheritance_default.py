# __init__ inherited when not overridden; class without __init__
class Base:
    def __init__(self, a, b=2):
        self.a, self.b = a, b
class NoInit(Base):
    def total(self):
        return self.a + self.b
n = NoInit(5)
print(n.a, n.b, n.total(), NoInit(1, 1).total())
try:
    NoInit()
except TypeError as e:
    print(type(e).__name__)
class Override(Base):
    def __init__(self):
        self.only = 'override'
o = Override()
print(o.only, hasattr(o, 'a'))
