# io.IOBase as a base class for Python streams (mpremote's mount defines its RemoteFile this
# way): the subclass's read/readinto/write are used, `with` closes through the subclass.
import io


class MemFile(io.IOBase):
    def __init__(self, data):
        self.data = bytearray(data)
        self.pos = 0
        self.closes = 0

    def read(self, n=-1):
        end = len(self.data) if n < 0 else min(len(self.data), self.pos + n)
        out = bytes(self.data[self.pos:end])
        self.pos = end
        return out

    def readinto(self, buf):
        chunk = self.read(len(buf))
        buf[:len(chunk)] = chunk
        return len(chunk)

    def write(self, b):
        self.data.extend(b)
        return len(b)

    def close(self):
        self.closes += 1


f = MemFile(b'hello world')
print(isinstance(f, io.IOBase), issubclass(MemFile, io.IOBase))
with f as g:
    print(g is f, g.read(5), g.read(1))
    buf = bytearray(3)
    print(g.readinto(buf), buf)
    print(g.write(b'!'), g.read())
print(f.closes)
try:
    with MemFile(b'x') as h:
        raise ValueError('inside')
except ValueError as e:
    print('ValueError', e, h.closes)
