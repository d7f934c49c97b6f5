# set algebra via methods
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a.union(b)), sorted(a.intersection(b)), sorted(a.difference(b)), sorted(a.symmetric_difference(b)))
print(sorted(a.union([9, 8])), sorted(a.intersection(range(3))), sorted(a.difference('x')))
print(a.issubset({1, 2, 3, 4, 5}), a.issuperset({1, 2}), a.isdisjoint({7, 8}), a.isdisjoint(b))
c = a.copy()
c.update([7, 8])
c.update({9})
print(sorted(c), sorted(a))
c.intersection_update({7, 8, 1})
print(sorted(c))
c.difference_update({7})
print(sorted(c))
c.symmetric_difference_update({1, 100})
print(sorted(c))
