# A list iterator reads the list's current length and items at every step: appends
# during iteration are seen, shrinking ends it early, replacing items shows the new
# ones, and an exhausted iterator stays exhausted even if the list grows again.
a = [1, 2, 3]
out = []
for x in a:
    out.append(x)
    if x < 6:
        a.append(x + 3)
print(out, a)
b = list(range(10))
seen = []
for x in b:
    seen.append(x)
    if x == 3:
        del b[5:]
print(seen, b)
c = [0, 0, 0, 0]
res = []
for i, x in enumerate(c):
    res.append(x)
    if i + 1 < len(c):
        c[i + 1] = i + 10
print(res)
d = [1, 2]
it = iter(d)
print(list(it), next(it, "end"))
d.append(3)
print(next(it, "still end"))
e = [5, 6, 7]
it = iter(e)
next(it)
e.clear()
print(next(it, "cleared"))
class L(list):
    pass
print([x * 2 for x in L([1, 2, 3])], sum(L(range(5))), list(iter(L("ab"))))
t = (1, 2, 3)
print([x for x in t], list(iter(bytearray(b"hi"))), [c for c in "héllo"])
