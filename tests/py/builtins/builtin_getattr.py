# getattr with and without defaults
class P:
    a = 1
    def __init__(self):
        self.b = 2
    def m(self):
        return 'method'
p = P()
print(getattr(p, 'a'), getattr(p, 'b'), getattr(p, 'm')(), getattr(P, 'a'))
print(getattr(p, 'zz', 'default'), getattr(p, 'zz', None))
print(getattr('str', 'upper')(), getattr([1, 2], 'count')(1))
try:
    getattr(p, 'missing')
except AttributeError as e:
    print(type(e).__name__)
try:
    getattr(p, 5)
except TypeError as e:
    print(type(e).__name__)
