# a[i] op= x: one load and one store of the subscript, evaluation order, errors.
a = [1, 2, 3, 4]
a[0] += 10
a[-1] *= 3
a[1] -= 0.5
i = 2
a[i] **= 2
a[i - 1] //= 1
print(a)

nested = [[1, 2], [3, 4]]
nested[1][0] += 100
nested[0][-2] <<= 3
print(nested)

s = ["x", "y"]
s[1] += "z"
print(s)

# out of range -> IndexError (traceback line of the statement)
def oob(lst, k):
    lst[k] += 1

for k in (4, -5, 100):
    try:
        oob(a, k)
    except IndexError as e:
        print("IndexError", e)

try:
    a["x"] += 1
except TypeError as e:
    print("TypeError")

# dicts
d = {"a": 1}
d["a"] += 5
d[(1, 2)] = [0]
d[(1, 2)] += [1]
print(sorted(d.items(), key=repr))
try:
    d["missing"] += 1
except KeyError as e:
    print("KeyError", e)
print(sorted(d.items(), key=repr))

# slices
b = [0, 1, 2, 3, 4]
b[1:3] += [9, 9]
print(b)
b[::2] *= 1
print(b)
b[:0] += [7]
print(b)

# list aliasing: += on an element that is a list mutates in place
inner = [1]
outer = [inner]
outer[0] += [2]
print(inner, outer, outer[0] is inner)

# tuples cannot be assigned to, but the in-place add on the list element already ran
t = ([1],)
try:
    t[0] += [2]
except TypeError:
    print("TypeError tuple", t)

# the value is computed between the load and the store
c = [1, 2, 3]
c[0] += c.pop()
print(c)

class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        print("index", self.v)
        return self.v

def getlist():
    print("getlist")
    return c

def getidx():
    print("getidx")
    return Idx(1)

def getval():
    print("getval")
    return 5

getlist()[getidx()] += getval()
print(c)

class Rec:
    def __init__(self):
        self.d = {}

    def __getitem__(self, k):
        print("get", k)
        return self.d.get(k, 0)

    def __setitem__(self, k, v):
        print("set", k, v)
        self.d[k] = v

r = Rec()
r["k"] += 3
r["k"] -= 1
r[1, 2] += 7
print(r.d)

class Acc:
    def __init__(self, v):
        self.v = v

    def __iadd__(self, o):
        print("iadd", self.v, o)
        self.v += o
        return self

    def __repr__(self):
        return "Acc(%r)" % self.v

accs = [Acc(1), Acc(2)]
x = accs[1]
accs[1] += 10
print(accs, accs[1] is x)

class NoSet:
    def __getitem__(self, k):
        return 1

try:
    NoSet()[0] += 1
except TypeError:
    print("TypeError no setitem")

class BadGet:
    def __getitem__(self, k):
        raise ValueError("bad get %r" % (k,))

    def __setitem__(self, k, v):
        print("never")

try:
    BadGet()[3] += 1
except ValueError as e:
    print(e)

# exception in the value: nothing is stored
e = [1, 2]
try:
    e[0] += 1 // 0
except ZeroDivisionError:
    print("ZeroDivisionError", e)

# inside a loop, as in numeric kernels
v = [0.0] * 4
for n in range(10):
    v[n % 4] += n * 0.5
    v[3] -= 1
print(v)
