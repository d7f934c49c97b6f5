# complex mixed with ints and floats, equality and hashing
print(1 + 1j == 1 + 1j, 1 + 0j == 1, 1.0 + 0j == 1.0, 1j == 1)
print(hash(2 + 0j) == hash(2), hash(1.5 + 0j) == hash(1.5))
d = {2: 'two'}
print(d[2 + 0j])
print(sum([1j, 2, 3.5]), 2 ** 100 * 1j == complex(0, 2 ** 100))
print(isinstance(1j, complex), isinstance(1, complex))
