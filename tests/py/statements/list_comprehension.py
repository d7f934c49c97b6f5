# list comprehensions with filters and nesting
print([x * x for x in range(6)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print([[x * y for y in range(1, 4)] for x in range(1, 4)])
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[i] for i in range(3) for row in matrix])
print([v for row in matrix for v in row if v % 2])
print([c.upper() for c in 'hello' if c != 'l'])
print([i if i % 2 else -i for i in range(5)])
print([(k, v) for k, v in {'a': 1, 'b': 2}.items()])
print([x for x in []], [[]for _ in range(2)])
