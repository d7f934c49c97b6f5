# for-loop targets with unpacking
for a, b in [(1, 2), (3, 4)]:
    print(a + b)
for i, (x, y) in enumerate([('a', 'b'), ('c', 'd')]):
    print(i, x, y)
for k, v in sorted({'z': 1, 'a': 2}.items()):
    print(k, v)
for first, *rest in ['abc', 'de']:
    print(first, rest)
pts = {}
for pts['x'], pts['y'] in [(1, 2), (3, 4)]:
    pass
print(pts)
class O:
    pass
o = O()
for o.attr in range(3):
    pass
print(o.attr)
lst = [0, 0]
for lst[0] in 'xy':
    print(lst)
