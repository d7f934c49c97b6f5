# .exp: gc.mem_free and gc.mem_alloc are MicroPython-only
import gc
gc.collect()
free = gc.mem_free()
alloc = gc.mem_alloc()
print(type(free).__name__, type(alloc).__name__, free > 0, alloc > 0)
buf = bytearray(20000)
alloc2 = gc.mem_alloc()
print('alloc grew by at least 20000:', alloc2 - alloc >= 20000)
print('total roughly constant:', abs((gc.mem_free() + gc.mem_alloc()) - (free + alloc)) < 4096)
