calls = []
def t(x):
    calls.append(x)
    return x
d = {t("k1"): t("v1"), t("k2"): t("v2")}
lst = [0, 1, 2]
lst[t(0)] += t(5)
print(calls, d, lst)
calls.clear()
t(1) < t(2) < t(3)
print(calls)
calls.clear()
def f(*a, **k):
    return a, k
f(t(1), *[t(2)], t(3), k=t(4), **{"z": t(5)})
print(calls)
many = f(*range(300))
print(len(many[0]))
args = ", ".join("a%d=%d" % (i, i) for i in range(40))
res = eval("f(" + args + ")") if False else None
big_dict = {"k%d" % i: i for i in range(5)}
bd2 = {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7, "h": 8, "i": 9, "j": 10, "k": 11, "l": 12, "m": 13, "n": 14, "o": 15, "p": 16, "q": 17, "r": 18, **big_dict, "s": 19}
print(len(bd2), bd2["s"], bd2["k4"])
bs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}
bt = (*range(3), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32)
print(len(bs), len(bt), bt[:5])
print(f(a=1, b=2, c=3, d=4, e=5, f=6, g=7, h=8, i=9, j=10, k=11, l=12, m=13, n=14, o=15, p=16, q=17, **{"r": 18})[1]["r"])
width, prec = 10, 3
val = 3.14159
print(f"{val:{width}.{prec}f}|{val!r:>12}|{'nested' + f'{val:.1f}'}|{width=}|{ val = :.2f}")
print(f"{'{'}{'}'}", f"{3+4}", f"{[1, 2][0]}", f"{ {'a': 1}['a'] }", f"{(lambda: 5)()}")
x = 10
print(f"{x:#x} {x:08b} {x:,} {x!s:^6}|")
import os.path as osp
from os import path as p2, sep
import collections.abc
import xml.etree.ElementTree as ET
print(osp is p2, type(sep).__name__, collections.abc.Mapping.__name__, ET.__name__)
def importer():
    import json
    from math import sqrt as s, pi
    return json.dumps([s(16), round(pi, 2)])
print(importer())
g = 5
def use_global():
    global g
    g += 1
    def inner():
        return g * 2
    return inner()
print(use_global(), g)
def deleter():
    global g
    del g
deleter()
print("g" in globals())
a = [1, 2, 3, 4]
del a[1:3]
class O: pass
o = O()
o.x = 1
del o.x
print(a, hasattr(o, "x"))
(q, r), *s = divmod(17, 5), 3, 4
print(q, r, s)
for i, (k, v) in enumerate({"a": 1}.items()):
    print(i, k, v)
x, y = y, x = 1, 2
print(x, y)
it = iter(range(5))
first, second, *rest = it
print(first, second, rest)
print([*"ab", *[1]], {**{"a": 1}, "b": 2}, (*"xy",))
print([i for i in range(3) if (sq := i * i) > 0], sq)
matrix = [[1, 2], [3, 4]]
print([v for row in matrix for v in row if v % 2], [[r[i] for r in matrix] for i in range(2)])
print(sorted({(a, b) for a in range(2) for b in range(2) if a != b}))
print(list(map(lambda x, y=2: x ** y, [1, 2, 3])))
def kw_defaults(*, a=1, b=[]):
    b.append(a)
    return b
print(kw_defaults(), kw_defaults(a=2))
def annotated(x: int, *args: str, y: "fwd" = 3, **kw: float) -> list:
    z: int = x + y
    w: str
    return [z]
print(annotated(1))
if __name__ == "__main__":
    print("main block")
print(1 if not None else 2, not not [], -(-3) ** 2, 2 ** 3 ** 2, (-8) // 3, -8 % 3, 1 - -1)
print(0.1 + 0.2, 1e300 * 10, -0.0, 3j * 2, 10 ** 20, 2 ** 70, -2 ** 63 - 1, 0xFFFFFFFFFFFFFFFF)
print(True and 3, False or 0.0, None or "d", [] and 1, 1 < 2 and 2 < 3 or 0)
i = 0
while i < 5:
    i += 1
    if i == 2:
        continue
    if i == 4:
        break
else:
    print("no")
print(i)
for c in "abc":
    pass
else:
    print("for else", c)
