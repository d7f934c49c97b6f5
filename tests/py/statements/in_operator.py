# membership on all container kinds and custom __contains__
print(2 in [1, 2], 2 in (1,), 'k' in {'k': 1}, 1 in {1: 'k'}, 3 in {3}, 'ab' in 'cabd', 5 in range(10))
print(1 not in [], 'x' not in 'abc', None in [None])
class Evens:
    def __contains__(self, x):
        return x % 2 == 0
print(4 in Evens(), 5 in Evens(), 5 not in Evens())
class It:
    def __iter__(self):
        return iter([7, 8])
print(8 in It(), 9 in It())
class GI:
    def __getitem__(self, i):
        if i > 3:
            raise IndexError
        return i * 10
print(20 in GI(), 25 in GI())
