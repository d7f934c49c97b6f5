# .exp: gc.threshold is MicroPython-only
import gc
orig = gc.threshold()
print(type(orig).__name__)
print(gc.threshold(4096))
print(gc.threshold())
gc.threshold(-1)
print(gc.threshold())
gc.threshold(orig)
print(gc.threshold() == orig)
