# isinstance checks used for dispatch
def describe(x):
    if isinstance(x, bool):
        return 'bool'
    if isinstance(x, int):
        return 'int'
    if isinstance(x, float):
        return 'float'
    if isinstance(x, (str, bytes)):
        return 'text'
    if isinstance(x, (list, tuple)):
        return 'seq[%d]' % len(x)
    if isinstance(x, dict):
        return 'map'
    return 'other'
for v in (True, 3, 2 ** 90, 2.5, 's', b'b', [1, 2], (1,), {}, None, 1j):
    print(repr(v), describe(v))
