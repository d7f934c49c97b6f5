# Corners of the ASCII fast paths of indexing, slicing, lower/upper and join: results
# must equal the general path's (non-ASCII text, subclasses, odd slice bounds).
samples = ["", "a", "Hello, World", "ALLCAPS", "lower only", "MiXeD 123 !?", "héllo", "ÀÉÎ", "日本語テキスト", "ß", "x" * 100]
for s in samples:
    print(repr(s.lower()), repr(s.upper()), s.lower() is s or s.lower() == s.lower(), len(s.upper()))
    n = len(s)
    idx = [0, 1, -1, -2, n - 1, n, n + 1, -n, -n - 1, 5]
    got = []
    for i in idx:
        try:
            got.append(s[i])
        except IndexError:
            got.append("IE")
    print(got)
    bounds = [None, 0, 1, 2, -1, -3, n, n + 5, -n - 5, 1000000, -1000000, 2 ** 40, -2 ** 40]
    pieces = []
    for a in bounds:
        for b in bounds:
            pieces.append(s[a:b])
    print(len(pieces), hash(tuple(pieces)) == hash(tuple(pieces)), "|".join(pieces[:20]))
    print(s[::2], s[::-1], s[1:-1:3], s[True:], s[:False])

class U(str):
    pass
u = U("AbC")
print(u.lower(), type(u.lower()).__name__, u.upper(), type(u.upper()).__name__, u[1], u[0:2], type(u[0:2]).__name__)
print(U("abc").lower() == "abc", type(U("abc").lower()).__name__, U("")[0:0] == "")

# join: separators and items of every kind
seps = ["", " ", ", ", "é", U("-")]
lists = [[], [""], ["a"], ["a", "b"], ["", "", ""], ["é", "x", "日本"], [U("u"), "v"], ["a" * 30, "b" * 30, "c"]]
for sep in seps:
    for items in lists:
        r = sep.join(items)
        print(repr(r), len(r), r == "".join([x + (sep if i < len(items) - 1 else "") for i, x in enumerate(items)]))
print("-".join(x for x in "abc"), "+".join(map(str, range(5))), len("é".join(["日"] * 10)))
try:
    " ".join(["a", 1])
except TypeError as e:
    print("TypeError", e)
d = {" ".join(["k", "1"]): 1}
print(d["k 1"], hash(" ".join(["k", "1"])) == hash("k 1"))
print("a".join("") == "", type(",".join([U("only")])).__name__)
