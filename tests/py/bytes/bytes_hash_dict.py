# bytes are hashable, bytearray is not
d = {b'key': 1, b'': 2}
print(d[b'key'], d[b''], d.get(bytes([107, 101, 121])))
print(hash(b'abc') == hash(bytes(b'abc')))
print(len({b'a', b'a', b'b'}), sorted({b'z', b'a', b'm'}))
try:
    {bytearray(b'x'): 1}
except TypeError as e:
    print(type(e).__name__)
