# setattr and delattr on instances and classes
class C:
    pass
c = C()
setattr(c, 'x', 10)
setattr(c, 'name with space', 'odd')
print(c.x, getattr(c, 'name with space'))
setattr(C, 'shared', 'class-level')
print(c.shared, C.shared)
delattr(c, 'x')
print(hasattr(c, 'x'))
try:
    delattr(c, 'x')
except AttributeError as e:
    print(type(e).__name__)
delattr(C, 'shared')
print(hasattr(c, 'shared'))
try:
    setattr(1, 'x', 2)
except AttributeError as e:
    print(type(e).__name__)
for i in range(3):
    setattr(c, 'attr%d' % i, i * i)
print(c.attr0, c.attr1, c.attr2)
