# slice.indices clamps to a sequence length
print(slice(1, 10, 2).indices(5))
print(slice(None, None, -1).indices(5))
print(slice(-3, None).indices(10))
print(slice(-100, 100).indices(4))
print(slice(2, 2).indices(0))
for sl in (slice(1, 4), slice(None, None, 3), slice(8, 1, -2)):
    print(list(range(*sl.indices(10))), list(range(10))[sl])
