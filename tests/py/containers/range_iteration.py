# iterating ranges forwards and backwards
for i in range(3):
    print('a', i)
for i in range(10, 4, -2):
    print('b', i)
print(sum(range(101)), max(range(7)), min(range(3, 9)))
print(list(reversed(range(5))), list(reversed(range(1, 10, 4))))
print([x * x for x in range(-2, 3)], list(enumerate(range(5, 8))))
print(bool(range(0)), bool(range(1)))
