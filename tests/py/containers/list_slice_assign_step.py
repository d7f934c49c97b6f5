# extended slice assignment requires matching length
l = list(range(10))
l[::2] = ['a'] * 5; print(l)
l[1::3] = 'XYZ'; print(l)
l[::-2] = range(5); print(l)
l[8:2:-3] = [None, None]; print(l)
try:
    l[::2] = [1, 2]
except ValueError as e:
    print(type(e).__name__)
l[::1] = [0]; print(l)
