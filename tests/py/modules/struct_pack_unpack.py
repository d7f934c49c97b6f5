# struct: pack/unpack/calcsize/pack_into/unpack_from with byte orders and sizes.
import struct
print(struct.pack('<bBhHiIqQ', -1, 255, -2, 65535, -3, 2**32 - 1, -4, 2**64 - 1))
print(struct.pack('>bBhHiIqQ', -1, 255, -2, 65535, -3, 2**32 - 1, -4, 2**64 - 1))
print(struct.unpack('<bBhHiIqQ', struct.pack('<bBhHiIqQ', -1, 255, -2, 65535, -3, 2**32 - 1, -4, 2**64 - 1)))
print(struct.unpack('!HI', b'\x01\x02\x03\x04\x05\x06'))
print(struct.calcsize('<i'), struct.calcsize('<3s2h'), struct.calcsize('>q'), struct.calcsize('<xxh'))
print(struct.pack('<ff', 1.5, -0.25), struct.unpack('<d', struct.pack('<d', 3.141592653589793)))
print(struct.unpack('>f', struct.pack('>f', 2.5)))
print(struct.pack('<4s', b'ab'), struct.pack('<2s', b'abcdef'), struct.unpack('<3s', b'xyz'))
print(struct.pack('<?', True), struct.unpack('<??', b'\x00\x02'))
buf = bytearray(12)
struct.pack_into('<HI', buf, 2, 0x1234, 0xdeadbeef)
print(buf, struct.unpack_from('<HI', buf, 2), struct.unpack_from('<I', buf, -6))
print(struct.unpack_from('<H', b'\x01\x02\x03\x04'), struct.unpack_from('<H', b'\x01\x02\x03\x04', 2))
for fmt, args in (('<h', (1, 2)), ('<hh', (1,))):
    try:
        struct.pack(fmt, *args)
    except Exception as e:
        print('raised')
try:
    struct.unpack('<I', b'\x00\x00')
except Exception as e:
    print('raised')
