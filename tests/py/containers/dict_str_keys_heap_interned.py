# Str keys built at run time (heap strs: concatenation, slicing, split, join, lower,
# format) and literal/interned ones with the same text must be the same dict key, in
# small dicts (linear scan) and big ones (hash index), with deletions and re-insertions.

def variants(s):
    # Several ways to produce a str equal to s, most of them fresh heap objects.
    out = [s, s[:1] + s[1:], "".join(list(s)), (s + "#")[:-1], "{}".format(s), str(s)]
    if s:
        out.append(s[: len(s) // 2] + s[len(s) // 2 :])
    out.append(" ".join([s]).strip() if s.strip() == s else s)
    return out

words = ["a", "ab", "abc", "key", "", "héllo", "wörld", "日本語", "naïve café", "x" * 40, "emoji 🙂", "é"]
for n_extra in (0, 30):  # small table, then a big one with an index
    d = {}
    for i in range(n_extra):
        d["filler%d" % i] = -i
    for w in words:
        d[w] = len(w)
    ok = True
    for w in words:
        for v in variants(w):
            if v not in d or d[v] != len(w) or d.get(v) != len(w):
                ok = False
                print("missing", repr(v))
    print("lookup ok", n_extra, ok, len(d))
    # assignment through an equal heap str replaces, not duplicates
    for w in words:
        d[w[:1] + w[1:]] = 100
    print(len(d), sorted(k for k in d if d[k] == 100) == sorted(words))
    # deletion through an equal str
    for w in words[::2]:
        del d["".join(list(w))]
    print(len(d), [w in d for w in words])
    for w in words[::2]:
        d[(w + "!")[:-1]] = 7
    print(len(d), [d[w] for w in words])

# Keys from split of unicode text; counting words.
text = "Ünïcode wörds and wörds, ÜNÏCODE again; and again wörds"
counts = {}
for raw in text.split():
    w = raw.strip(",;").lower()
    counts[w] = counts.get(w, 0) + 1
print(sorted(counts.items()))
print(text.count("wörds"), text.find("and"), text.find("again"), text.rfind("wörds"))
print("wörds" in text, "wördz" in text, "ö" in text, "" in text)

# A big dict with many deletions: lookups stay right while the index fills with tombstones.
big = {}
for i in range(3000):
    big["k" + str(i)] = i
for i in range(0, 3000, 3):
    del big["k%d" % i]
for i in range(0, 3000, 6):
    big["k" + str(i)] = -i
missing = [i for i in range(3000) if (i % 3 != 0 or i % 6 == 0) and ("k" + str(i)) not in big]
print(len(big), missing, big.get("k3"), big["k6"], big["k1"])
for i in range(3000):
    big.pop("k%d" % i, None)
print(len(big), big)

# Hash and equality agree between heap and literal strs.
a = "".join(["spam", "eggs"])
print(a == "spameggs", hash(a) == hash("spameggs"), {a: 1}.get("spameggs"), {"spameggs": 2}[a])
s = {"x" + "y", "xy", "".join(["x", "y"])}
print(len(s), "xy" in s)

# A str subclass with its own __eq__/__hash__ is not compared as a plain str.
class Loose(str):
    def __eq__(self, other):
        return str.lower(self) == str.lower(other)
    def __hash__(self):
        return hash(str.lower(self))
d = {"abc": 1}
print(d.get(Loose("ABC")), d.get(Loose("abc")), Loose("AbC") in {"abc": 0})
d2 = {Loose("ABC"): 5}
print(d2.get("abc"), d2.get("ABC"))
