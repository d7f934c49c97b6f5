# range.index and range.count
r = range(2, 20, 3)
print(r.index(11), r.count(11), r.count(12), r.index(2), r.index(17))
print(range(10, 0, -2).index(4), range(5).count(5))
try:
    r.index(12)
except ValueError as e:
    print(type(e).__name__)
