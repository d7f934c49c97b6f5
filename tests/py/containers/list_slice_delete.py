# del with indexes, slices and steps
l = list(range(12))
del l[0]; print(l)
del l[-1]; print(l)
del l[2:4]; print(l)
del l[::3]; print(l)
del l[::-2]; print(l)
del l[10:]; print(l)
del l[:]; print(l)
l = [1, 2, 3]
try:
    del l[5]
except IndexError as e:
    print(type(e).__name__)
del l[1:100]; print(l)
