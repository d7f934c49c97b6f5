# .exp: upy-sim's default 256 KiB heap cannot hold these allocations (CPython can): MemoryError is raised, caught, and the heap stays usable
import gc

def attempt(label, f):
    try:
        r = f()
        print(label, "ok", len(r))
    except MemoryError:
        print(label, "MemoryError")

keep = [str(i) * 3 for i in range(300)]
attempt("huge list", lambda: [0] * 1000000)
attempt("huge bytearray", lambda: bytearray(2000000))
attempt("huge str", lambda: "ab" * 600000)
# Grow until the heap is exhausted, then drop it all.
grow = []
try:
    while True:
        grow.append([len(grow)] * 64)
except MemoryError:
    n = len(grow)
    print("filled", n > 100)
grow = None
gc.collect()
# Everything still works afterwards, including mixed small allocations.
total = 0
for i in range(5000):
    t = (i, i * 0.5, "x" + str(i))
    total += t[0] + len(t[2])
print(total, keep[123], len(keep))

def gen():
    for i in range(10):
        yield [i] * 10
print(sum(len(x) for x in gen()))
attempt("after", lambda: [1] * 1000)
