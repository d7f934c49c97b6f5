# negative indices for insert/pop/index/assignment
l = ['a', 'b', 'c', 'd']
print(l.pop(-2), l)
l.insert(-1, 'X'); print(l)
l.insert(-100, 'start'); print(l)
l[-1] = 'last'; print(l)
print(l[-len(l)], l.index('X', -3), l.index('last', -1))
try:
    l[-10]
except IndexError as e:
    print(type(e).__name__)
try:
    l.pop(-10)
except IndexError as e:
    print(type(e).__name__)
