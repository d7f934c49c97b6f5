# attribute access on builtin types and bound methods
l = []
app = getattr(l, 'append')
app(1)
app(2)
print(l, hasattr(l, 'sort'), hasattr(l, 'no_such'))
up = 'abc'.upper
print(up(), str.upper('xyz'), list.__name__, int.__name__)
m = {}.setdefault
print(m('a', 1))
method = getattr(str, 'join')
print(method('-', ['a', 'b']))
print(getattr(int, 'from_bytes')(b'\x01\x00', 'little'))
