# del on names, attributes, subscripts and slices
x = 1
del x
try:
    print(x)
except NameError as e:
    print(type(e).__name__)
class C:
    pass
c = C()
c.a = 1
c.b = 2
del c.a
print(hasattr(c, 'a'), c.b)
d = {'k': 1, 'j': 2, 'i': 3}
del d['k'], d['j']
print(d)
l = list(range(8))
del l[1], l[1]
print(l)
del l[::2]
print(l)
a, b = 1, 2
del a, b
print('a' in globals(), 'b' in globals())
def f():
    y = 5
    del y
    try:
        return y
    except NameError:
        return 'unbound local raised a NameError'
print(f())
