# common dict methods
d = {'x': 1, 'y': 2, 'z': 3}
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.get('x'), d.get('q'), d.get('q', 'default'))
print(d.setdefault('x', 100), d.setdefault('w', 4), d)
print(d.pop('y'), d.pop('nope', 'dflt'), d)
c = d.copy()
c['x'] = 'changed'
print(d, c)
d.update({'z': 30, 'v': 5})
print(d)
d.update([('a', 1), ('b', 2)])
d.update(k=7)
print(d)
print(dict.fromkeys(['p', 'q']), dict.fromkeys('ab', 0))
d.clear()
print(d, len(d))
try:
    d.pop('x')
except KeyError as e:
    print(type(e).__name__)
