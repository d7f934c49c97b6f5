# concatenation, repetition, comparison of bytes
a = b'ab'
print(a + b'cd', a * 3, 2 * a, a * 0, a + bytearray(b'!'))
print(type(a + bytearray(b'x')).__name__, type(bytearray(b'x') + a).__name__)
print(b'abc' == b'abc', b'abc' < b'abd', b'ab' < b'abc', b'' < b'\x00', b'\xff' > b'\x7f')
print(b'abc' == 'abc', b'a' != 'a', b'abc' == bytearray(b'abc'))
print(sorted([b'b', b'a', b'ab', b'\x00']), max(b'hello'), min(b'hello'))
try:
    b'a' + 'b'
except TypeError as e:
    print(type(e).__name__)
try:
    b'a' < 'b'
except TypeError as e:
    print(type(e).__name__)
