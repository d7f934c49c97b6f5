# strings are immutable; methods return new strings
s = 'abc'
try:
    s[0] = 'x'
except TypeError as e:
    print(type(e).__name__)
try:
    del s[0]
except TypeError as e:
    print(type(e).__name__)
t = s.upper()
print(s, t, s is not t)
u = s
s += 'd'
print(s, u)
print(s.replace('a', 'z'), s)
