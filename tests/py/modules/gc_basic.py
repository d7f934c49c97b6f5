# gc.collect / enable / disable / isenabled
import gc
print(callable(gc.collect))
gc.collect()
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
junk = [[i] * 10 for i in range(100)]
del junk
gc.collect()
gc.enable()
print(gc.isenabled())
class Node:
    def __init__(self):
        self.other = None
a, b = Node(), Node()
a.other, b.other = b, a
del a, b
gc.collect()
print('cycle collected without error')
