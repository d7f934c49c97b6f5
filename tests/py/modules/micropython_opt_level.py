# .exp: micropython.opt_level exists only in MicroPython
import micropython
level = micropython.opt_level()
print(type(level).__name__, level >= 0)
micropython.opt_level(1)
print(micropython.opt_level())
micropython.opt_level(0)
print(micropython.opt_level())
micropython.opt_level(level)
print(micropython.opt_level() == level)
