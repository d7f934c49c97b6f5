# str + str built in place: lengths, code-point counts, hashes and indexing of the result
# must be those of the same text made any other way (ASCII, non-ASCII, empty parts,
# interned and heap parts, += in loops, subclasses).
parts = ["", "a", "bc", "é", "日本", "🙂x", "plain ascii text", "ünï"]
bad = 0
for x in parts:
    for y in parts:
        s = x + y
        t = "".join([x, y])
        if not (s == t and len(s) == len(t) and hash(s) == hash(t) and list(s) == list(x) + list(y)):
            bad += 1
            print("mismatch", repr(x), repr(y))
        if s and (s[-1] != t[-1] or s[0] != t[0] or s[len(x):] != y or s[:len(x)] != x):
            bad += 1
            print("index mismatch", repr(x), repr(y))
print("pairs checked", len(parts) ** 2, "bad", bad)

acc = ""
for i in range(200):
    acc += "é" if i % 3 == 0 else str(i % 10)
print(len(acc), acc[:12], acc[-5:], acc.count("é"), acc.find("9"), acc[67])
print(acc.upper()[:6], acc[::-1][:6], {acc: 1}[acc[:] + ""])

e = ""
print(repr(e + e), repr(e + "z"), repr("z" + e), ("q" + e) is not None)

class S(str):
    def __add__(self, other):
        return "S.add(" + str.__add__(self, other) + ")"
    def __radd__(self, other):
        return "S.radd(" + other + str(self) + ")"
print(S("a") + "b", "a" + S("b"), S("a") + S("b"))

class T(str):
    pass
r = T("ab") + "cd"
print(r, type(r).__name__, "x" + T("y"), type("x" + T("y")).__name__)

try:
    "a" + 1
except TypeError as ex:
    print("TypeError")
try:
    1 + "a"
except TypeError as ex:
    print("TypeError")
print("ab" * 3 + "c", "-" + "=" * 4 + "-")
