# which built-in exception type common failures raise
class C:
    pass
FIVE = 5
PAIR = (1, 2)
cases = [
    ('attr on instance', lambda: C().missing),
    ('attr on None', lambda: None.x),
    ('attr on class', lambda: C.missing),
    ('call non-callable', lambda: FIVE()),
    ('unsupported op', lambda: [] - []),
    ('wrong arg count', lambda: len(1, 2)),
    ('unhashable', lambda: {[]: 1}),
    ('bad index type', lambda: PAIR[None]),
    ('index range', lambda: 'abc'[10]),
    ('missing key', lambda: {'a': 1}['b']),
    ('bad int literal', lambda: int('1.5')),
    ('unpack count', lambda: [a for a, b in [(1, 2, 3)]]),
    ('zero division', lambda: 5 % 0),
    ('undefined global', lambda: not_defined_anywhere),
    ('list remove', lambda: [1].remove(5)),
    ('str to int add', lambda: 1 + '1'),
    ('iterate int', lambda: list(7)),
    ('next on list', lambda: next([])),
]
for name, f in cases:
    try:
        f()
        print(name, 'no error')
    except Exception as e:
        print(name, '->', type(e).__name__)
