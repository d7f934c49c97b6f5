# id() identity properties (values never printed)
a = [1]
b = a
c = [1]
print(id(a) == id(b), id(a) == id(c), isinstance(id(a), int))
print(id(None) == id(None), id(a) != id(c))
x = object()
y = object()
print(id(x) != id(y), id(x) == id(x))
def f():
    pass
print(id(f) == id(f), id(len) == id(len))
