# bytes literals and their repr
print(b'abc', b"dq", b'''tri''', rb'raw\n', br'\x00')
print(b'\x00\x01\x7f\x80\xff', b'\t\n\r', b"'", b'"', b'\'"', b'\\')
print(repr(b''), repr(b' '), repr(b'~'), repr(b'\x1f'))
print(bytes(range(0, 256, 15)))
print(b'a' b'b', len(b'\x00\xff'), b'\101')
print(str(b'hi'), [b'x', b'y'])
