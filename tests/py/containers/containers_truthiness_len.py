# len() and truth value of containers
for c in ([], [0], (), (None,), {}, {0: 0}, set(), {0}, frozenset(), '', 'x', b'', bytearray(1), range(0), range(2)):
    print(type(c).__name__, len(c), bool(c))
if not []:
    print('empty list is falsy')
if [[]]:
    print('nested empty is truthy')
