# numeric type relationships
for v in (1, 2 ** 100, 1.5, 1j):
    print(type(v).__name__, isinstance(v, int), isinstance(v, float), isinstance(v, complex), isinstance(v, (int, float)))
print(issubclass(int, float), issubclass(float, complex))
print(type(2 ** 100) is int, type(-5) is int, int is type(0))
