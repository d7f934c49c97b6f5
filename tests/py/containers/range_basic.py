# range objects
r = range(2, 20, 3)
print(r, list(r), len(r), r[0], r[-1], r[2])
print(range(5), range(0, 5), range(1, 10, 2), range(10, 0, -1), range(-3))
print(list(range(5)), list(range(10, 0, -3)), list(range(0)), list(range(5, 2)))
print(len(range(0, 10, 3)), len(range(10, 0, -4)), len(range(5, 5)))
print(r.start, r.stop, r.step)
print(r[1:3], r[::-1], list(r[::2]), r[1:])
print(7 in r, 8 in r, 20 in r, -1 in range(-5, 0))
try:
    range(1, 2, 0)
except ValueError as e:
    print(type(e).__name__)
try:
    r[10]
except IndexError as e:
    print(type(e).__name__)
