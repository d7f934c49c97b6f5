# reversed() over sequences
print(list(reversed([1, 2, 3])), list(reversed((1, 2))), ''.join(reversed('abc')), list(reversed(range(2, 10, 3))))
print(list(reversed(b'xyz')), list(reversed([])))
r = reversed([10, 20, 30])
print(next(r), next(r), list(r))
class Seq:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 100
print(list(reversed(Seq())))
d = {'a': 1, 'b': 2}
print(list(reversed(list(d))))
