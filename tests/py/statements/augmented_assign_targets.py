# augmented assignment on names, attributes and subscripts
class Obj:
    def __init__(self):
        self.count = 0
        self.items = []
o = Obj()
o.count += 5
o.count *= 2
o.items += ['a']
o.items += 'bc'
print(o.count, o.items)
d = {'n': 1}
d['n'] += 10
d['n'] //= 3
d.setdefault('m', 'x')
d['m'] *= 3
print(d)
l = [1, 2, 3]
l[0] -= 5
l[-1] **= 3
l[1] <<= 4
print(l)
nested = {'a': [10, 20]}
nested['a'][1] %= 7
print(nested)
calls = []
def key():
    calls.append('key')
    return 'n'
d[key()] += 1
print(d['n'], calls)
s = 'ab'
s += 'cd'
s *= 2
print(s)
