# TypeError for bad argument combinations
def f(a, b, c=3):
    return a + b + c
cases = [
    lambda: f(1),
    lambda: f(1, 2, 3, 4),
    lambda: f(1, 2, d=4),
    lambda: f(1, 2, a=1),
    lambda: f(b=1, c=2),
    lambda: (lambda: 0)(1),
    lambda: (lambda *, k: k)(),
    lambda: f(*[1], **{'b': 2, 'a': 3}),
]
for c in cases:
    try:
        print('ok', c())
    except TypeError as e:
        print(type(e).__name__)
print(f(1, 2), f(1, b=2), f(c=0, b=1, a=2))
