# starred targets in assignments
a, *b = [1, 2, 3, 4]
print(a, b)
*a, b = 'xyz'
print(a, b)
a, *b, c = range(6)
print(a, b, c)
a, *b, c = [1, 2]
print(a, b, c)
first, (second, *rest), *tail = [1, (2, 3, 4), 5, 6]
print(first, second, rest, tail)
[x, *y] = (9,)
print(x, y)
for head, *others in [(1, 2, 3), (4,), 'ab']:
    print(head, others)
try:
    a, *b, c = [1]
except ValueError as e:
    print(type(e).__name__)
