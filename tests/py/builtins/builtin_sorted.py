# sorted() returns a new list and accepts key and reverse
data = [3, 1, 2]
s = sorted(data)
print(s, data, s is data)
print(sorted('banana'), sorted((3, 2, 1)), sorted({3: 'a', 1: 'b'}), sorted({5, 2, 8}), sorted(range(3, 0, -1)))
print(sorted(data, reverse=True), sorted(['b', 'A', 'c'], key=str.lower), sorted([-3, 2, -1], key=abs, reverse=True))
print(sorted([(1, 'b'), (0, 'z'), (1, 'a')]), sorted([], reverse=True))
people = [('ann', 31), ('bob', 25), ('cy', 40)]
print(sorted(people, key=lambda p: p[1]), sorted(people, key=lambda p: -p[1])[0])
print(sorted([2.5, 1, 10 ** 20, -1.5]))
try:
    sorted([1, 'a'])
except TypeError as e:
    print(type(e).__name__)
