# Lookups in small tables (no hash index): identity first, then equality among entries
# with the same hash; immediates (small ints, interned strs) equal to heap keys (floats,
# heap strs, bools), custom __eq__ with colliding hashes, and a table mutated by __eq__.
s = {1, 2, 3}
print(1.0 in s, 2.0 in s, 4.0 in s, True in s, False in s, "1" in s)
f = {1.0, 2.5, "ab"}
print(1 in f, True in f, 2 in f, "".join(["a", "b"]) in f, "a" + "b" in f)
d = {0: "zero", 1.0: "one", "k": "kay"}
print(d[False], d[True], d[1], d["".join(["k"])], d.get(0.0), d.get(2))
s2 = set()
for i in range(8):
    s2.add(i)
    s2.add(float(i))
print(sorted(s2), len(s2))
for i in range(0, 8, 2):
    s2.remove(float(i))
print(sorted(s2), 4 in s2, 5 in s2, 5.0 in s2)
s2.discard(7.0)
s2.discard(100)
print(sorted(s2))
try:
    s2.remove(42)
except KeyError as e:
    print("KeyError", e)

calls = []
class K:
    def __init__(self, name, h):
        self.name = name
        self.h = h
    def __hash__(self):
        return self.h
    def __eq__(self, other):
        calls.append((self.name, getattr(other, "name", other)))
        return isinstance(other, K) and self.name == other.name
a, b, c = K("a", 7), K("b", 7), K("c", 8)
t = {a: 1, b: 2, c: 3}
print(t[a], t[b], t[c], t[K("b", 7)], K("x", 7) in t, K("c", 9) in t)
print(len(calls) > 0)

# A key whose __eq__ mutates the table it is being looked up in.
class Evil:
    def __init__(self, tbl):
        self.tbl = tbl
    def __hash__(self):
        return 5
    def __eq__(self, other):
        if isinstance(other, Evil) and len(self.tbl) < 6:
            self.tbl[len(self.tbl) + 100] = 0
        return False
tbl = {}
e1 = Evil(tbl)
tbl[e1] = "e1"
e2 = Evil(tbl)
print(tbl.get(e2), e1 in tbl, len(tbl) >= 2)

# Sets of small ints churned as in a backtracking search.
cols, seen = set(), 0
def place(row, n):
    global seen
    if row == n:
        seen += 1
        return
    for c in range(n):
        if c in cols or (row - c) in diag or (row + c) in anti:
            continue
        cols.add(c); diag.add(row - c); anti.add(row + c)
        place(row + 1, n)
        cols.remove(c); diag.remove(row - c); anti.remove(row + c)
diag, anti = set(), set()
place(0, 6)
print("solutions", seen, cols, diag, anti)
