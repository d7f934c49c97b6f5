# boolean operators and truthiness
print(True and False, True or False, not True, not 0, not '')
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or 'x', '' and 'y', [] or {})
for v in (0, 1, -1, 0.0, 0.5, 0j, 1j, '', 'a', [], [0], (), (0,), {}, {0: 0}, set(), None, range(0), range(1)):
    print(repr(v), bool(v))
print(bool(), bool(True), bool(False))
