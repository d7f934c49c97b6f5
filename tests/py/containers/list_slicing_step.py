# reading list slices with steps
l = list(range(10))
print(l[::2], l[1::2], l[::-1], l[::-3], l[7:2:-1], l[2:7:-1])
print(l[-3:], l[:-3], l[-3::-1], l[100:], l[-100:2])
print(l[1:8:3], l[8:1:-3], l[::100], l[::-100])
print(l[slice(2, 5)], l[slice(None, None, 4)], l[slice(-2, None)])
s = l[:]
print(s == l, s is l)
try:
    l[::0]
except ValueError as e:
    print(type(e).__name__)
