# strings are indexed by code point, not byte
s = 'héllo wörld €'
print(len(s), s[1], s[7], s[-1], s[-2])
print(s[0:5], s[6:], s[::-1])
t = 'añb€c😀d'
for i in range(len(t)):
    print(i, t[i], ord(t[i]))
print(t[-2], t[5], len(t.encode()))
print([c for c in 'ü€'])
try:
    s[100]
except IndexError as e:
    print(type(e).__name__)
