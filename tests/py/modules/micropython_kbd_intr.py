# .exp: micropython.kbd_intr is MicroPython-only (sets the Ctrl-C interrupt character)
import micropython
print(micropython.kbd_intr(-1))
print(micropython.kbd_intr(3))
print(callable(micropython.kbd_intr))
