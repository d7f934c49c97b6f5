# issubclass relationships
class A: pass
class B(A): pass
class C(B): pass
class D: pass
class E(C, D): pass
print(issubclass(B, A), issubclass(C, A), issubclass(A, C), issubclass(A, A))
print(issubclass(E, D), issubclass(E, (D,)), issubclass(D, (A, B)), issubclass(E, object))
print(issubclass(int, object), issubclass(str, int), issubclass(list, object))
print(issubclass(ValueError, Exception), issubclass(KeyError, LookupError), issubclass(Exception, ValueError))
try:
    issubclass(B(), A)
except TypeError as e:
    print(type(e).__name__)
