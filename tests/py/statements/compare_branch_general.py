# Comparisons on the general path followed by a conditional jump: bool results branch at
# once, other results go through __bool__ (which may raise), in order.
log = []


class R:
    def __init__(self, v):
        self.v = v

    def __bool__(self):
        log.append("bool%r" % (self.v,))
        if self.v == "raise":
            raise RuntimeError("bool raised")
        return bool(self.v)


class C:
    def __init__(self, res):
        self.res = res

    def __eq__(self, o):
        log.append("eq")
        return self.res

    def __lt__(self, o):
        log.append("lt")
        return self.res

    def __contains__(self, x):
        log.append("contains")
        return self.res


for res in [True, False, 0, 1, [], [1], R(0), R(1)]:
    c = C(res)
    out = []
    if c == 1:
        out.append("eq")
    if not c < 2:
        out.append("not lt")
    if 5 in c:
        out.append("in")
    if 5 not in c:
        out.append("not in")
    print(out, log)
    log.clear()

try:
    if C(R("raise")) == 3:
        print("no")
except RuntimeError as e:
    print("caught", e, log)
log.clear()

s = {1, 2, 3}
n = 0
for i in range(6):
    if i in s:
        n += 1
    if i not in s:
        n += 10
print(n)
d = {"a": 1}
k = 0
while "a" in d:
    k += 1
    if k == 3:
        del d["a"]
print(k)
words = "a b a c".split()
cnt = 0
for w in words:
    if w == "a" or w > "b":
        cnt += 1
print(cnt)
x = None
print("y" if x is None and "q" not in "abc" else "n")
nan = float("nan")
print([1 for v in [nan, 1.0, "s"] if v in [nan]])
