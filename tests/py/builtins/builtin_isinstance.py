# isinstance with classes, builtins and tuples of types
class A: pass
class B(A): pass
class C: pass
b = B()
print(isinstance(b, B), isinstance(b, A), isinstance(b, C), isinstance(b, object))
print(isinstance(b, (C, A)), isinstance(b, (C,)), isinstance(b, ()))
print(isinstance(1, int), isinstance(1.0, int), isinstance('s', str), isinstance(b's', bytes))
print(isinstance([], list), isinstance((), tuple), isinstance({}, dict), isinstance(set(), set))
print(isinstance(None, type(None)), isinstance(int, type), isinstance(A, type), isinstance(len, object))
print(isinstance(1, (str, list, int)), isinstance(1, (str, list)))
try:
    isinstance(1, 'int')
except TypeError as e:
    print(type(e).__name__)
