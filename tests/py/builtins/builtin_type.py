# type() of values and classes
for v in (1, 2 ** 100, 1.0, 1j, 'a', b'a', bytearray(), [], (), {}, set(), frozenset(), None, True, range(1)):
    print(type(v).__name__)
class A: pass
print(type(A()) is A, type(A) is type, type(type) is type, type(int) is type)
print(type(1) == int, type('') is str, type(A()).__name__)
print(type(print).__name__ in ('builtin_function_or_method', 'function'))
def f(): pass
print(type(f).__name__, type(lambda: 0).__name__)
