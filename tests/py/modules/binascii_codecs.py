# binascii: hexlify/unhexlify, base64 both ways, crc32.
import binascii
print(binascii.hexlify(b''), binascii.hexlify(b'\x00\xff\x10abc'))
print(binascii.hexlify(b'\x01\x02\x03', b':'), binascii.hexlify(bytearray(b'AB'), b'-'))
print(binascii.unhexlify(b'00ff10616263'), binascii.unhexlify('DEADbeef'))
for bad in (b'abc', b'zz'):
    try:
        binascii.unhexlify(bad)
    except ValueError:
        print('ValueError', bad)
for s in (b'', b'f', b'fo', b'foo', b'foob', b'fooba', b'foobar', bytes(range(256))):
    e = binascii.b2a_base64(s)
    print(e[:40], binascii.a2b_base64(e) == s)
print(binascii.b2a_base64(b'hello', newline=False))
print(binascii.a2b_base64(b'aGVs\nbG8=\n'), binascii.a2b_base64('aGk='))
try:
    binascii.a2b_base64(b'aGVsbG8')
except ValueError:
    print('bad padding')
print(binascii.crc32(b''), binascii.crc32(b'hello'), binascii.crc32(b' world', binascii.crc32(b'hello')))
print(binascii.crc32(bytes(range(256)) * 4))
