# sum() with start values and numeric types
print(sum([]), sum([1, 2, 3]), sum(range(101)), sum([1, 2], 10), sum((0.5, 0.25)), sum([1, 2.5]))
print(sum([[1], [2, 3]], []), sum(((1,), (2,)), ()), sum([2 ** 64, 2 ** 64]), sum([1j, 2]))
print(sum(x * x for x in range(5)), sum({1: 'a', 2: 'b'}), sum([True, True, False]))
try:
    sum([1, 'a'])
except TypeError as e:
    print(type(e).__name__)
