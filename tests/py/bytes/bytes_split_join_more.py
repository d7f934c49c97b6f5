# more split/strip cases on bytes
print(b'  a  b  '.split(), b'a  b'.split(b' '), b''.split(), b''.split(b','))
print(b'a-b-c'.rsplit(b'-', 1), b'a-b-c'.split(b'-', 0), b'abc'.split(b'abc'))
print(b'xxhixx'.strip(b'x'), b'\t\n bin\r\n'.strip(), b'aab'.lstrip(b'a'), b'abb'.rstrip(b'b'))
print(b'a\nb'.splitlines(True), b'\n'.join([b'1', b'2']).split(b'\n'))
parts = b'GET /index.html HTTP/1.1'.split(b' ')
print(parts, b' '.join(reversed(parts)))
hdr = b'Content-Length: 42\r\nHost: example\r\n'
fields = dict(line.split(b': ', 1) for line in hdr.split(b'\r\n') if line)
print(fields, int(fields[b'Content-Length']) + 1)
print(b'a,b;c'.replace(b';', b',').split(b','), b'|'.join(x.upper() for x in [b'p', b'q']))
