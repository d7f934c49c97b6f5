# dict equality ignores order
a = {'x': 1, 'y': 2}
b = {'y': 2, 'x': 1}
print(a == b, a != b, a == {'x': 1}, {} == {}, {1: 'a'} == {1.0: 'a'})
print({'k': [1, 2]} == {'k': [1, 2]}, {'k': 1} == {'k': 2})
print(list(a) == list(b), dict(a.items()) == b)
try:
    a < b
except TypeError as e:
    print(type(e).__name__)
