# str.join with different iterables
print(','.join(['a', 'b', 'c']))
print(''.join(['x', 'y']), '-'.join('abc'), ' '.join(()))
print(', '.join(str(i) for i in range(5)))
print('€'.join(['a', 'b']), '::'.join(['only']))
print('+'.join({'k1': 1, 'k2': 2}))
print('\n'.join(['l1', 'l2']))
for bad in ([1, 2], ['a', None], [b'x']):
    try:
        ','.join(bad)
    except TypeError as e:
        print(type(e).__name__)
