# bool repr, type and identity
print(True, False, repr(True), str(False))
print(type(True).__name__, type(True) is bool)
print(bool(1) is True, bool(0) is False, (1 == 1) is True, (1 > 2) is False)
print(True is not False, not not 5)
print(int(True) + 1, float(False), str(True) + '!')
print([True, False] * 2, sorted([True, False, True]))
print(False + 0j, True * 1.5)
