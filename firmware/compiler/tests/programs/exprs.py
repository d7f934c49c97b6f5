a, b, c = 1, 2, 3
print(a < b < c, a < b > c, 1 < 2 == 2 < 3, a is not b, a not in [b], not a)
if a < b < c and not c < b:
    print("chain ok")
print(1 if a else 2, a and b or c, 0 or [] or "x", 0 and 1)
x = [1, 2, 3, 4, 5]
print(x[1:3], x[::2], x[::-1], x[-1], x[:], x[1:], x[:2])
x[1:3] = ["a", "b", "c"]
print(x)
del x[0], x[-1]
print(x)
d = {"k": 1, **{"j": 2}, "z": 3}
print(d, [*range(3), *"ab"], (*x, 0), {*"aab"} == {"a", "b"})
s = "tx"
print(f"{s}", f"{s!r}", f"{3.14159:.2f}", f"{s:>{a + 4}}|", f"{a + b = }", f"{{lit}}", f"{'q'}")
print(f"""multi
{a}""", rf"\n{a}", "a" "b" f"{c}" 'd')
n = 5
n += 1; n -= 2; n *= 3; n //= 2; n %= 4; n **= 3; n <<= 2; n >>= 1; n |= 1; n ^= 3; n &= 7
print(n)
class O: pass
o = O()
o.v = 1
o.v += 5
lst = [1, 2, 3]
lst[0] += 10
lst[1:2] += [7, 8]
print(o.v, lst)
print(0x1F, 0o17, 0b101, 1_000_000, 1e3, 2.5j, 12345678901234567890123, -9223372036854775808, -2**63)
print(-1, -(-1), ~5, +3, 2**-1, -2**2, (-2)**2, 7 // 2, -7 // 2, 7 % -3)
print(b"ab" + b"\x00\xff", "\x41\u00e9\101\t|", r"\n", len("x"))
t = 1,
e = ()
print(t, e, (1, 2) + (3,), type(...).__name__, None, True + True)
first, *mid, last = "hello"
(p, q), r = (1, 2), 3
[u, [v, *w]] = [1, [2, 3, 4]]
print(first, mid, last, p, q, r, u, v, w)
a = b = c = "same"
a, b = b + "1", a + "2"
print(a, b, c)
i = j = 0
i, j = j + 1, i + 2
print(i, j)
m = [0, 0, 0]
k = 0
k, m[k] = 1, 2
print(k, m)
print([y for y in range(10) if y % 2 if y % 3], [(i, j) for i in range(2) for j in range(i, 3)])
print(any(x > 3 for x in range(5)), all([]), max([(3, 1), (2, 5)], key=lambda t: t[1]))
print("%s-%d" % ("x", 3), "{}{}".format(1, 2), str(1.0), repr("q'"), 3 == 3.0)
print(isinstance(1, (int, str)), 3 in {1: 2, 3: 4}, "ab" in "cabd")
w = 10
if (z := w * 2) > 15:
    print("walrus", z)
while (w := w - 3) > 0:
    print("w", w)
print(divmod(7, 2), abs(-3), round(2.675, 2), sorted("cba"), list(reversed([1, 2])))
print(not 1 == 2, not (1 == 2 or 3 > 4), (1, 2) < (1, 3))
def f():
    return 1, 2
print(f(), [f()][0][1])
big = [i for i in range(40)]
bt = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, a)
bl = [a, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33]
bd = {i: i for i in range(3)} | {"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, "g": 7, "h": 8, "i": 9, "j": 10, "k": 11, "l": 12, "m": 13, "n": 14, "o": 15, "p": 16, "q": 17}
print(len(big), bt[-1], bl[0], len(bd))
print(print.__name__, (lambda: 0).__name__, [].append.__name__)
assert True, "never"
try:
    assert 1 == 2, "assert msg"
except AssertionError as e:
    print("assert:", e)
try:
    assert False
except AssertionError as e:
    print("bare assert", repr(e))
