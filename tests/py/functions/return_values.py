# return statements and implicit None
def nothing():
    pass
def bare():
    return
def multi():
    return 1, 'two', [3]
def early(x):
    if x < 0:
        return 'negative'
    for i in range(10):
        if i == x:
            return 'found %d' % i
    return 'not found'
print(nothing(), bare(), multi(), type(multi()).__name__)
a, b, c = multi()
print(a, b, c)
print(early(-1), early(3), early(50))
def in_loop():
    while True:
        return 'exited loop'
print(in_loop())
def returns_func():
    return len
print(returns_func()('abc'))
