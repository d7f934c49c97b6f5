# __dict__ of instances and classes
class P:
    kind = 'point'
    def __init__(self, x, y):
        self.x = x
        self.y = y
p = P(1, 2)
print(p.__dict__, sorted(vars(p)))
p.__dict__['z'] = 3
print(p.z)
p.x = 10
print(p.__dict__)
del p.y
print(p.__dict__, 'kind' in P.__dict__, 'x' in P.__dict__)
print(type(p.__dict__).__name__)
