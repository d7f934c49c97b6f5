# .exp: the micropython module and mem_info exist only in MicroPython (mem_info output itself is not deterministic, so it is not called)
import micropython
print(callable(micropython.mem_info), callable(micropython.const), callable(micropython.opt_level))
print(callable(micropython.heap_lock), callable(micropython.heap_unlock), callable(micropython.schedule))
print(type(micropython).__name__)
