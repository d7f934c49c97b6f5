# the first iterable of a generator expression is evaluated immediately
data = [1, 2, 3]
g = (x * 10 for x in data)
data = [100]
print(list(g))
items = [1, 2]
g2 = (x for x in items)
items.append(3)
print(list(g2))
n = 5
g3 = (x + n for x in range(2))
n = 50
print(list(g3))
try:
    bad = (x for x in 5)
except TypeError as e:
    print(type(e).__name__)
