# list methods that reach the buffer directly: slices, self-references, repetition
def E(f):
    try:
        print('ok', f())
    except Exception as e:
        print(type(e).__name__)
l = [1, 2, 3]
l[1:2] = l
print(l)
l = [1, 2, 3]
l[:] = l[::-1]
print(l)
l.extend(l)
print(l)
l += l
print(len(l), l[:4])
l *= 2
print(len(l))
l *= 0
print(l)
l = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
del l[::-3]
print(l)
del l[1::2]
print(l)
del l[10:]
print(l)
l = list(range(8))
l[::2] = 'abcd'
print(l)
l[::-2] = [None] * 4
print(l)
E(lambda: l.__setitem__(slice(None, None, 3), [1]))
l[2:2] = (7, 8)
print(l)
l[-1:] = []
print(l)
print([1, 2] * 3, 2 * [0], [1] * -2, [[0]] * 2)
E(lambda: [1] * 2 ** 100)
E(lambda: [1] * 1.5)
print([1, 2, 3, 2, 1].index(1, 1), [1, 2, 3].index(3, -1), [1, 2].index(2, -100, 100))
E(lambda: [1, 2, 3].index(1, 1, 2))
l = [1, 2, 3]
l.insert(-10, 0)
l.insert(10, 4)
l.insert(-1, 3.5)
print(l, l.pop(-2), l.pop(0), l)
E(lambda: [1].pop(2 ** 80))
E(lambda: [1].insert(1.0, 2))
nan = float('nan')
print(nan in [nan], [nan] == [nan], [nan].count(nan), [nan].index(nan), (nan,) == (nan,))
class Eq:
    def __eq__(self, other):
        return True
print(Eq() in [1], [1, 2].count(Eq()), [5, 6].index(Eq()))
l = [1, 2, 3]
l.remove(Eq())
print(l)
it = reversed(l)
l.clear()
print(list(it), l.copy(), list(reversed([1, 2, 3])))
print([1, 2] < [1, 2, 0], [1, 3] > [1, 2, 9], [] == [], [[]] == [[]], [1] == [1.0])
