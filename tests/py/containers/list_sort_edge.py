# list.sort / sorted edge cases: errors propagate, stability, mutation detection
def E(f):
    try:
        print('ok', f())
    except Exception as e:
        print(type(e).__name__)
E(lambda: sorted([3, 'a', 1]))
E(lambda: sorted([2, 1], key=lambda x: 1 / 0))
E(lambda: sorted([1], key=lambda x: 1 / 0))
E(lambda: sorted([3, 1], bogus=True))
E(lambda: [2, 1].sort(True))
l = [3, 1, 2]
def grow(x):
    l.append(x)
    return x
E(lambda: l.sort(key=grow))
print(sorted(l))
class Bad:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        if self.v == 2 or other.v == 2:
            raise ValueError('no')
        return self.v < other.v
l = [Bad(3), Bad(2), Bad(1)]
E(lambda: l.sort())
print(sorted(b.v for b in l))
# stability with key and reverse
pairs = [(i % 3, i) for i in range(12)]
print(sorted(pairs, key=lambda p: p[0]))
print(sorted(pairs, key=lambda p: p[0], reverse=True))
# mixed numbers, floats, strings, tuples
print(sorted([3, 1.5, -2, 2 ** 70, 0.0, True]))
print(sorted(['b', 'A', 'a', 'B', '', 'ab']), sorted(['é', 'e', 'z']))
print(sorted([(2, 'a'), (1, 'b'), (1, 'a'), (2,)]))
nums = [(i * 7919) % 1009 for i in range(500)]
s = sorted(nums)
print(s[:5], s[-5:], all(s[i] <= s[i + 1] for i in range(len(s) - 1)))
print(sorted(nums, reverse=True)[:5], sorted(nums, key=lambda x: -x)[:5])
fl = [((i * 37) % 101) / 7 for i in range(100)]
print(sorted(fl)[:3], sorted(fl, reverse=True)[:3])
words = ['w%d' % ((i * 13) % 50) for i in range(100)]
print(sorted(words)[:6], sorted(words, key=len)[:3])
l = list(range(20))
l.sort(key=lambda x: x % 4)
print(l)
l.sort(reverse=True)
print(l)
l = [5]
l.sort(key=lambda x: -x)
print(l, sorted([]), sorted(()), sorted('cba'), sorted({3: 0, 1: 0}), sorted(range(3), reverse=1))
