# mixing bytes and bytearray
a = b'abc'
b = bytearray(b'abc')
print(a == b, b == a, a in [b], b'b' in b, bytearray(b'b') in a)
print(a + b, b + a, type(a + b).__name__, type(b + a).__name__)
print(a.join([b, b]), b.join([a, a]))
print(bytes(b) is not b, bytearray(a) == a)
b.extend(a)
print(b, a)
print(sorted([bytearray(b'z'), b'a'])[0])
