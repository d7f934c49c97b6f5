# unhashable set members and pop from empty set
for bad in ([1], {1: 2}, {1}):
    try:
        {bad}
    except TypeError as e:
        print(type(bad).__name__, type(e).__name__)
try:
    set().pop()
except KeyError as e:
    print(type(e).__name__)
s = {1}
try:
    s.add([2])
except TypeError as e:
    print(type(e).__name__)
print(sorted(s))
