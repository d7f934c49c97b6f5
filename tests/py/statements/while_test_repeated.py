# `while` tests are evaluated again at the end of each iteration (the compiler repeats
# short tests there): side effects, evaluation order, __bool__, continue/break/else,
# exceptions from the test on the first and on later iterations.
log = []


def t(tag, v):
    log.append(tag)
    return v


class B:
    def __init__(self, n):
        self.n = n

    def __bool__(self):
        self.n -= 1
        log.append("bool%d" % self.n)
        if self.n < -5:
            raise ValueError("bool raised")
        return self.n > 0


# and/or/not in the test, with side effects in order.
i = 0
while t("a", i < 3) and not t("b", i == 1 and False) or t("c", False):
    i += 1
print(i, log)
log.clear()

# __bool__ called once per test.
b = B(3)
n = 0
while b:
    n += 1
print(n, log)
log.clear()

# continue goes to the test; else runs when the test fails, not after break.
i = 0
out = []
while i < 10:
    i += 1
    if i % 2:
        continue
    out.append(i)
else:
    out.append("else")
print(out)
i = 0
while i < 10:
    i += 1
    if i == 4:
        break
else:
    print("not reached")
print(i)

# A test that raises on a later iteration: the exception comes from the test.
b = B(0)
k = 0
try:
    while not b:
        k += 1
except ValueError as e:
    print("caught", e, k)
log.clear()


def raises_later(n):
    i = 0
    while i < n or 1 / (i - n):
        i += 1
    return i


try:
    raises_later(3)
except ZeroDivisionError as e:
    print("zde", e)

# Chained comparisons, walrus, nested loops, NaN.
xs = [5, 4, 3, 2, 1]
j = 0
while 0 <= j < len(xs) and (v := xs[j]) > 2:
    j += 1
print(j, v)
nan = float("nan")
c = 0
while not (nan == nan) and c < 3:
    c += 1
print(c)
c = 0
while nan != nan and c < 2:
    c += 1
print(c)
total = 0
a = 0
while a < 4:
    b2 = 0
    while b2 < a:
        total += a * b2
        b2 += 1
    a += 1
print(total)

# Tests holding a lambda or a comprehension (not repeated; same behaviour).
f = lambda x: x < 3
i = 0
while (lambda y: y < 3)(i) and [z for z in range(i + 1)]:
    i += 1
print(i)


# Generators: yield inside the test.
def gen():
    i = 0
    while (yield i) is None and i < 3:
        i += 1


g = gen()
print(list(g))


# while in a function with a constant test.
def count():
    n = 0
    while 1:
        n += 1
        if n > 5:
            return n
    while 0:
        print("never")


print(count())
