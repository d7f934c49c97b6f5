# popitem removes the most recently inserted item
d = {}
for k in 'abcd':
    d[k] = ord(k)
print(d.popitem(), d.popitem(), d)
d['e'] = 5
print(d.popitem(), d)
while d:
    print(d.popitem())
try:
    d.popitem()
except KeyError as e:
    print(type(e).__name__)
