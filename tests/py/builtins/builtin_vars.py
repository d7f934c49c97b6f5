# vars() returns an object's __dict__
class P:
    cls = 'c'
    def __init__(self, x, y):
        self.x = x
        self.y = y
p = P(1, 2)
v = vars(p)
print(sorted(v.items()))
v['z'] = 3
print(p.z, vars(p) is p.__dict__)
p.w = 4
print(sorted(vars(p)))
print('cls' in vars(P), 'x' in vars(P))
try:
    vars(5)
except TypeError as e:
    print(type(e).__name__)
