# tuple index/count and error cases
t = ('a', 'b', 'a', 'c')
print(t.index('a'), t.index('a', 1), t.count('a'), t.count('z'))
try:
    t.index('z')
except ValueError as e:
    print(type(e).__name__)
try:
    t[10]
except IndexError as e:
    print(type(e).__name__)
try:
    t + ['x']
except TypeError as e:
    print(type(e).__name__)
print(repr((1,)), repr(('x',)), repr(((),)), str((None, 1.5)))
