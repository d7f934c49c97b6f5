# list comparison is lexicographic
print([1, 2] == [1, 2], [1, 2] != [2, 1], [1, 2] < [1, 3], [1, 2] < [1, 2, 0], [] < [0])
print([2] > [1, 9], [1, [2]] == [1, [2]], [[1], [2]] < [[1], [3]])
print([1, 2] == (1, 2), [1.0] == [1], ['a'] < ['b'])
print(max([[1, 2], [1, 3], [0, 9]]), sorted([[2], [1, 5], [1]]))
try:
    [1] < ['a']
except TypeError as e:
    print(type(e).__name__)
