# map() with one and several iterables
print(list(map(str, [1, 2, 3])), list(map(len, ['a', 'bb', ''])))
print(list(map(lambda a, b: a * b, [1, 2, 3], [4, 5, 6, 7])))
print(list(map(pow, [2, 3], [3, 2])), list(map(max, 'ab', 'ba', 'zz')))
m = map(abs, [-1, -2, -3])
print(next(m), list(m), list(m))
print(list(map(int, '123')), sum(map(ord, 'AB')))
print(type(map(str, [])).__name__)
