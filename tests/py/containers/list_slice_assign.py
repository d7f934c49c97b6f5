# slice assignment can grow or shrink a list
l = list(range(6))
l[1:3] = ['a', 'b', 'c', 'd']; print(l)
l[1:5] = []; print(l)
l[:0] = [-2, -1]; print(l)
l[len(l):] = [10, 11]; print(l)
l[2:2] = 'xy'; print(l)
l[:] = range(3); print(l)
l[-1:] = (7, 8, 9); print(l)
l[10:20] = ['far']; print(l)
l[1:3] = l; print(l)
m = [0, 1, 2, 3]
m[3:1] = ['ins']; print(m)
try:
    m[0:2] = 5
except TypeError as e:
    print(type(e).__name__)
