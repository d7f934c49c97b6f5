# update() keeps positions of existing keys and appends new ones
d = {'a': 1, 'b': 2, 'c': 3}
d.update({'c': 30, 'z': 26, 'a': 10})
print(d)
d.update(b=20, y=25)
print(d)
d.update([('new', 0)])
print(list(d))
d.pop('a')
d['a'] = 'back'
print(list(d.keys()))
print(dict.fromkeys(['q', 'p', 'q', 'r'], 1))
