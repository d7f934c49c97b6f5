# instance attributes shadow class attributes; mutable class attrs are shared
class C:
    x = 'class'
    shared = []
    def __init__(self):
        pass
a, b = C(), C()
a.x = 'instance'
print(a.x, b.x, C.x)
del a.x
print(a.x)
a.shared.append(1)
print(b.shared, C.shared)
a.shared = ['own']
print(a.shared, b.shared)
C.x = 'changed on class'
print(a.x, b.x)
C.new_attr = 42
print(a.new_attr)
print('x' in a.__dict__, 'shared' in a.__dict__, sorted(a.__dict__))
