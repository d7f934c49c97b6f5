# numeric type relationships
for v in (1, 2 ** 100, 1.5, 1j):
    print(type(v).__name__, isinstance(v, int), isinstance(v, float), isinstance(v, complex), isinstance(v, (int, float)))
print(issubclass(int, float), issubclass(float, complex))
print(type(2 ** 100) is int, type(-5) is int, int is type(0))
print(isinstance(True, bool), isinstance(1, bool), type(1 + 1.0) is float, type(1 + 1j) is complex)
print(type(10 // 3) is int, type(10 / 5) is float, type(2 ** 100 // 2 ** 99) is int)
print(int in (int, float), type(3.0).__name__, type(3 + 0j).__name__)
