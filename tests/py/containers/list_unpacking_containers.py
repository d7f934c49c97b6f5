# building containers with star-unpacking in literals
a = [1, 2]
b = (3, 4)
print([*a, *b], (*a, 0), {*a, *b} == {1, 2, 3, 4}, [*'xy', *range(2)])
d1 = {'x': 1}
d2 = {'y': 2, 'x': 0}
print({**d1, **d2}, {**d2, **d1}, {**d1, 'z': 3})
print([*[], *()], (*a,), [*{'k': 1}])
