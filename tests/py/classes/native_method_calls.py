# Built-in methods through LoadMethod/CallMethod (method cache for built-in types) and
# the native call path: arity, keywords, unbound forms, subclasses, stored methods.

def err(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__)


l = []
for i in range(5):
    l.append(i)
print(l, l.pop(), l.pop(0), l)
err(lambda: l.append())
err(lambda: l.append(1, 2))
err(lambda: l.append(x=1))
err(lambda: l.pop(1, 2, 3))
list.append(l, 7)
print(l)
err(lambda: list.append(l, 1, 2))
err(lambda: list.append((1,), 2))
err(lambda: list.append())
err(lambda: str.upper(5))
print(str.upper("ab"), str.join(",", ["a", "b"]))

s = set()
for c in range(4):
    s.add(c)
s.remove(2)
print(sorted(s))
err(lambda: s.remove(99))
err(lambda: s.add())
f = s.add
f(10)
g = s.discard
g(0)
print(sorted(s))
m = [s.add, l.append, "x-y".split]
m[0](11)
m[1](12)
print(sorted(s), l, m[2]("-"))

d = {"a": 1}
for k in ("a", "b", "a"):
    print(d.get(k), d.get(k, 0))
err(lambda: d.get())
err(lambda: d.get(1, 2, 3))

import math
for v in (4.0, 2, 9):
    print(math.sqrt(v))
err(lambda: math.sqrt())
err(lambda: math.sqrt(1, 2))
err(lambda: math.sqrt(x=1))


class L(list):
    def extra(self):
        self.append(len(self))
        return self


class S(set):
    pass


x = L()
for i in range(3):
    x.append(i)
    x.extra()
print(x, x.pop(), len(x), type(x).__name__)
y = S()
for i in range(3):
    y.add(i)
y.remove(1)
print(sorted(y))
err(lambda: y.remove(5))


class M(list):
    def append(self, v):
        list.append(self, v * 10)


z = M()
for i in range(3):
    z.append(i)
print(z)

# The same call site sees several built-in types and a user class.
class Box:
    def count(self, v):
        return -1

for o in ([1, 2, 1], (1, 1, 3), "a1b1", Box(), [1], "111"):
    print(o.count(1) if not isinstance(o, str) else o.count("1"))

# An object whose attribute shadows a method name: instance dicts still win.
class Obj:
    pass

o = Obj()
o.append = lambda v: print("own append", v)
for t in ([], o):
    t.append(3)

# Strings, bytes, ints, floats.
for v in ("Ab", "cD"):
    print(v.lower(), v.upper(), v.startswith("A"), v.replace("b", "B"))
for v in (b"ab", bytearray(b"cd")):
    print(v.upper(), v.decode())
for v in (5, 2**70, 1.5):
    print(v.__class__.__name__, v.bit_length() if not isinstance(v, float) else v.is_integer())
print((255).to_bytes(2, "big"), (3).bit_length())
