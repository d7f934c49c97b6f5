# object() and the base object type
o = object()
print(type(o).__name__, isinstance(o, object), o == o, o != object())
try:
    o.attr = 1
except AttributeError as e:
    print(type(e).__name__)
class A:
    pass
print(issubclass(A, object), A.__bases__ == (object,), isinstance(A(), object))
a1, a2 = A(), A()
print(a1 == a1, a1 == a2, a1 != a2)
