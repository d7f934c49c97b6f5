# Comparisons of strs: interned (literals, single characters, names) and heap strs built
# at run time with the same text, non-ASCII text (code point order), mixed types.
words = ['A', 'B', 'a', 'Z', '', 'abc', 'abd', 'ab', 'é', 'z', '\u00ff', '\u0100', '😀', 'X']
built = [''.join(list(w)) for w in words] + [w + '' for w in words] + [str(w) for w in words]
built += ['a' * 40, 'a' * 39 + 'b', ('a' * 20) + ('a' * 20)]
allw = words + built
for op in ('<', '<=', '==', '!=', '>', '>='):
    f = eval('lambda x, y: x %s y' % op)
    print(op, sum(1 for x in allw for y in allw if f(x, y)))
out = []
for x in words:
    for y in words:
        out.append((x < y, x <= y, x == y, x != y, x > y, x >= y))
print(hash(tuple(out)) == hash(tuple(out)), out.count((True, True, False, True, False, False)))
ch = 'A'
n = 0
while ch <= 'E':
    if 'B' <= ch <= 'D':
        n += 1
    if ch == 'C' or ch != 'A' and ch > 'D':
        n += 10
    ch = chr(ord(ch) + 1)
print(n)
for a, b in (('a', 1), (1, 'a'), ('a', None), ('a', b'a')):
    print(a == b, a != b)
    try:
        print(a < b)
    except TypeError as e:
        print('TypeError', e)
class S(str):
    pass
print(S('a') == 'a', 'a' < S('b'), S('b') > 'a', S('x') != 'x')
