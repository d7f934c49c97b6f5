# all() and any() with various iterables
print(all([]), any([]), all([1, 2, 3]), all([1, 0, 3]), any([0, 0, 1]), any([0, '', None]))
print(all('abc'), any(''), all(x > 0 for x in range(1, 5)), any(x > 3 for x in range(3)))
print(all({1: 0}), any({0: 1}), all((True,)), any({0, 0.0}))
count = [0]
def gen():
    for v in [1, 1, 0, 1, 1]:
        count[0] += 1
        yield v
print(all(gen()), count[0])
count[0] = 0
def gen2():
    for v in [0, 0, 5, 0]:
        count[0] += 1
        yield v
print(any(gen2()), count[0])
try:
    all(5)
except TypeError as e:
    print(type(e).__name__)
