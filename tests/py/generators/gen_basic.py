# generator functions produce values lazily
def count_up(n):
    i = 0
    while i < n:
        yield i
        i += 1
print(list(count_up(5)), list(count_up(0)))
g = count_up(3)
print(type(g).__name__, next(g), next(g), next(g), next(g, 'exhausted'))
def letters():
    yield 'a'
    yield 'b'
    return
    yield 'never'
print(list(letters()))
for x in count_up(3):
    print('got', x)
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(12)])
print(iter(g) is g, sum(count_up(101)))
