# for loops with else clauses
def find(items, target):
    for i, v in enumerate(items):
        if v == target:
            print('found at', i)
            break
    else:
        print('not found')
find([1, 2, 3], 2)
find([1, 2, 3], 9)
find([], 1)
for x in range(3):
    pass
else:
    print('completed, x =', x)
for p in range(2, 20):
    for d in range(2, p):
        if p % d == 0:
            break
    else:
        print(p, end=' ')
print()
