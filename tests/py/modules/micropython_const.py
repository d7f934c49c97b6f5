# .exp: micropython.const is MicroPython-only (compile-time constants; underscore-named consts are not stored in globals)
from micropython import const
X = const(5)
Y = const(X * 2 + 1)
_PRIVATE = const(0x10)
MASK = const(1 << 4)
print(X, Y, _PRIVATE, MASK)
print(X + Y, _PRIVATE | 1)
def f():
    return _PRIVATE + X
print(f())
print('X' in globals(), '_PRIVATE' in globals())
print(const(123))
