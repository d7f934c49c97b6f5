# common bytes methods
b = b'  Hello, World  '
print(b.strip(), b.lstrip(), b.rstrip(), b.strip(b' H'))
print(b.split(), b.split(b','), b'a,b,,c'.split(b',', 1), b'x y z'.rsplit(None, 1))
print(b'-'.join([b'a', b'b', b'c']), b''.join([]), b', '.join((b'x', bytearray(b'y'))))
print(b.replace(b'l', b'L'), b.replace(b'l', b'', 2))
print(b.find(b'o'), b.rfind(b'o'), b.find(b'zz'), b.index(b'W'), b.count(b'l'))
print(b.startswith(b'  He'), b.endswith(b'  '), b'abc'.startswith((b'x', b'a')))
print(b'key=val'.partition(b'='), b'a.b.c'.rpartition(b'.'))
print(b'Hello'.upper(), b'Hello'.lower(), b'123'.isdigit(), b'abc'.isalpha(), b' '.isspace())
print(b'line1\nline2\r\nline3'.splitlines())
print(b'abc'.center(7, b'*'), b'7'.zfill(3))
