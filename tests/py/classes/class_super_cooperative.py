# cooperative super() calls follow the MRO in a diamond
calls = []
class Base:
    def __init__(self):
        calls.append('Base')
    def hello(self):
        return ['Base']
class Left(Base):
    def __init__(self):
        calls.append('Left')
        super().__init__()
    def hello(self):
        return ['Left'] + super().hello()
class Right(Base):
    def __init__(self):
        calls.append('Right')
        super().__init__()
    def hello(self):
        return ['Right'] + super().hello()
class Bottom(Left, Right):
    def __init__(self):
        calls.append('Bottom')
        super().__init__()
    def hello(self):
        return ['Bottom'] + super().hello()
b = Bottom()
print(calls)
print(b.hello())
calls.clear()
Left()
print(calls)
