# `for` loops over ranges (the VM stores the item straight into the loop variable, also
# when the store is fused with the next load): steps, empty and huge ranges, ints beyond
# the small-int range, nested loops, break/else, the variable after the loop, loops in
# generators and comprehensions, and iterators that are not ranges.

def show(r):
    out = []
    for i in r:
        out.append(i)
    return out

for r in (range(5), range(0), range(3, 3), range(5, 0, -1), range(-3, 4, 2), range(10, 0, -3),
          range(2**30 - 2, 2**30 + 2), range(-2**30 - 2, -2**30 + 1), range(2**62, 2**62 + 3),
          range(-5, -10, -2), range(0, 20, 7)):
    print(r, show(r))

def last(n):
    i = "untouched"
    for i in range(n):
        pass
    return i

print(last(0), last(1), last(7))

def nested(n):
    total = 0
    for i in range(n):
        for j in range(i):
            total += i * j
        else:
            total += 1
    return total

print(nested(10))

def find(n, target):
    for i in range(n):
        x = i * i
        if x == target:
            break
    else:
        return "not found", i
    return "found", i, x

print(find(10, 49), find(10, 50))

def gen(n):
    for i in range(n):
        y = i
        yield y * 2

print(list(gen(5)), [k * k for k in range(6)], {k: k % 3 for k in range(5)})

def swap_in_loop(n):
    a, b = 0, 1
    for i in range(n):
        t = a
        a = b
        b = t + b
    return a, b

print(swap_in_loop(30))

def other_iters():
    out = []
    for c in "abc":
        d = c
        out.append(d)
    for k in {"x": 1, "y": 2}:
        out.append(k)
    for t in [(1, 2), (3, 4)]:
        u = t
        out.append(u)
    it = iter(range(3))
    for v in it:
        out.append(v)
    return out

print(other_iters())

def reuse_var(n):
    i = 100
    for i in range(i, i + n):
        j = i
    return i, j

print(reuse_var(3))

def unbound_in_loop(n):
    out = []
    for i in range(n):
        try:
            out.append(z)
        except NameError:
            out.append("unbound")
        z = i
    return out

print(unbound_in_loop(3))
