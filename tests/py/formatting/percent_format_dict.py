# %(name)s mapping keys
data = {'name': 'Ann', 'age': 30, 'score': 91.456}
print('%(name)s is %(age)d years, score %(score).1f' % data)
print('%(name)r %(name)s %(age)05d %(score)10.2f|' % data)
print('%(a)s%(a)s' % {'a': 'twice'})
try:
    '%(missing)s' % data
except KeyError as e:
    print('KeyError', e.args)
