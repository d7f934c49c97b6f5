# zip() stops at the shortest input
print(list(zip([1, 2, 3], 'abc')), list(zip([1, 2, 3], 'ab')), list(zip()), list(zip([])))
print(list(zip(range(3), range(10, 13), range(20, 30))))
print(dict(zip(['a', 'b'], [1, 2])), list(zip(*[(1, 'x'), (2, 'y')])))
z = zip('ab', 'cd')
print(next(z), list(z), list(z))
matrix = [[1, 2, 3], [4, 5, 6]]
print([list(row) for row in zip(*matrix)])
print(type(zip()).__name__)
