# hashes of equal numbers agree (values themselves not printed)
print(hash(1) == hash(1.0) == hash(True))
print(hash(0) == hash(0.0) == hash(False) == hash(-0.0))
print(hash(2 ** 100) == hash(2 ** 100))
print(hash(5) == hash(5), hash(1.5) == hash(1.5))
d = {1: 'a', 2 ** 80: 'big'}
print(d[1.0], d[True], d[2 ** 80])
s = {1, 1.0, True}
print(len(s))
print(isinstance(hash(12345), int), isinstance(hash(2 ** 100), int))
