# bound methods, functions on classes and method objects
class C:
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v
    def add(self, n):
        return self.v + n
a, b = C(1), C(2)
m = a.get
print(m(), C.get(b), C.add(a, 10), a.add(5))
methods = [a.get, b.get]
print([f() for f in methods])
a.v = 100
print(m())
print(a.get == a.get, a.get == b.get)
def external(self):
    return 'external sees ' + str(self.v)
C.ext = external
print(a.ext(), b.ext())
a.inst_func = lambda: 'instance attr function, no self'
print(a.inst_func())
print(type(m).__name__)
