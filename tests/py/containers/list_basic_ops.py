# list creation, indexing, len, concatenation, repetition
a = [1, 2, 3]
b = ['x', 'y']
print(a, len(a), a[0], a[-1], a + b, b * 2, 0 * b, [] + [])
print(list(), list('ab'), list(range(4)), list((1, 2)), list({'k': 1}))
a[1] = 20
print(a)
a = a + [4]
a += [5]
print(a, len(a))
nested = [[0] * 2 for _ in range(3)]
nested[0][0] = 9
print(nested)
shared = [[0] * 2] * 3
shared[0][0] = 9
print(shared)
print([1, [2, [3, [4]]]], [None, True, 1.5, 'a', (1,)])
