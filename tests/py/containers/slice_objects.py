# slice objects and their attributes
s = slice(1, 10, 2)
print(s.start, s.stop, s.step)
t = slice(5)
print(t.start, t.stop, t.step)
print(slice(None, None, -1).step, slice(1, None).stop)
data = list(range(12))
print(data[s], data[t], data['abc'.find('c'):])
print('abcdefgh'[slice(2, 6)], b'abcdef'[slice(None, None, 2)], (1, 2, 3)[slice(1, None)])
class Seq:
    def __getitem__(self, key):
        if isinstance(key, slice):
            return ('slice', key.start, key.stop, key.step)
        return ('index', key)
q = Seq()
print(q[1], q[1:2], q[::3], q[:5:-1], q[:], q['k'])
