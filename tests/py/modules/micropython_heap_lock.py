# .exp: micropython.heap_lock/heap_unlock are MicroPython-only; allocation while locked raises MemoryError
import micropython
# pre-bind every name used while the heap is locked so that storing them does not allocate
big = None
failed = False
depth = d1 = d2 = -1
micropython.heap_lock()
try:
    big = [0] * 500
except MemoryError:
    failed = True
depth = micropython.heap_unlock()
print('MemoryError while locked:', failed, big is None)
print('unlock depth:', depth)
after = [1] * 100
print('allocation after unlock ok:', len(after))
micropython.heap_lock()
micropython.heap_lock()
d1 = micropython.heap_unlock()
d2 = micropython.heap_unlock()
print('nested depths:', d1, d2)
