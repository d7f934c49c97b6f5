# hashlib: sha256, sha1, md5 digests, incremental update, bytes-like inputs.
import hashlib
import binascii
for name in ('sha256', 'sha1', 'md5'):
    ctor = getattr(hashlib, name)
    print(name, binascii.hexlify(ctor().digest()))
    print(name, binascii.hexlify(ctor(b'abc').digest()))
    h = ctor()
    for chunk in (b'The quick ', bytearray(b'brown fox '), memoryview(b'jumps over the lazy dog')):
        h.update(chunk)
    print(name, binascii.hexlify(h.digest()))
    h = ctor(b'x' * 1000)
    h.update(b'y' * 63)
    print(name, binascii.hexlify(h.digest()))
h = hashlib.sha256()
buf = memoryview(bytearray(256))
data = bytes(range(256)) * 5
for i in range(0, len(data), 256):
    n = len(data[i:i + 256])
    buf[:n] = data[i:i + 256]
    h.update(buf[:n])
print(h.digest() == hashlib.sha256(data).digest())
