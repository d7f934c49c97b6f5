# io.StringIO / io.BytesIO: read, readline, iteration, write, seek/tell, getvalue, with.
import io
s = io.StringIO('line 1\nline 2\nlast')
print(repr(s.readline()), repr(s.read(4)), repr(s.read()), repr(s.read()))
s.seek(0)
print(s.readlines())
s = io.StringIO()
print(s.write('hello'), s.write(' world'), s.getvalue(), s.tell())
s.seek(0)
s.write('J')
print(s.getvalue())
print(list(io.StringIO('a\nb\n\nc')))
b = io.BytesIO(b'\x00\x01\x02abc\n\xff')
print(b.read(3), b.readline(), b.read(), b.tell())
print(b.seek(-2, 2), b.read(), b.seek(1), b.read(1))
buf = bytearray(4)
b.seek(0)
print(b.readinto(buf), buf)
with io.BytesIO() as w:
    w.write(b'abc')
    w.write(bytearray(b'def'))
    w.seek(1)
    w.write(b'XY')
    print(w.getvalue())
try:
    w.read()
except ValueError:
    print('closed')
try:
    io.StringIO().write(b'x')
except TypeError:
    print('TypeError')
