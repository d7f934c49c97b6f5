# bool participates in int arithmetic
print(True + True, True * 10, False - 1, True / 2, True // 1, -True, ~False)
print(sum([True, True, False, True]))
print(True ** 2, 2 ** True, 3 % True)
print(type(True + 0).__name__, type(False * 2).__name__)
print([1, 2, 3][True], 'ab'[False])
print(True == 1, hash(True) == hash(1), {1: 'one'}[True])
