# indexing and slicing errors and bounds on strings
s = 'hello'
print(s[-5], s[4], s[-1:], s[5:], s[:0])
for i in (5, -6, 100):
    try:
        s[i]
    except IndexError as e:
        print(i, type(e).__name__)
try:
    s[::0]
except ValueError as e:
    print(type(e).__name__)
try:
    s[1:2] = 'x'
except TypeError as e:
    print(type(e).__name__)
print(s[True], s[False:True])
