# an exception in __init__ aborts object creation
created = []
class Strict:
    def __init__(self, v):
        if v < 0:
            raise ValueError('negative value %d' % v)
        self.v = v
        created.append(v)
objs = []
for v in (1, -1, 2):
    try:
        objs.append(Strict(v))
    except ValueError as e:
        print('rejected:', e)
print([o.v for o in objs], created)
class Child(Strict):
    def __init__(self, v):
        try:
            super().__init__(v)
        except ValueError:
            super().__init__(0)
            self.fixed = True
c = Child(-5)
print(c.v, c.fixed)
