# reverse() mutates, reversed() and [::-1] do not
l = [1, 2, 3, 4]
r = reversed(l)
print(list(r), l, l[::-1], l)
print(l.reverse(), l)
print(list(reversed((1, 2, 3))), list(reversed('abc')), list(reversed(range(3))))
print(type(reversed(l)).__name__ != 'list')
try:
    reversed({1, 2})
except TypeError as e:
    print(type(e).__name__)
