# hex() and fromhex()
print(b'\x00\x01\xab\xff'.hex(), b''.hex(), bytearray(b'AZ').hex())
print(bytes.fromhex('00 01 ab FF'), bytes.fromhex(''), bytes.fromhex('4142'))
print(bytes.fromhex(b'\xde\xad'.hex()) == b'\xde\xad')
try:
    bytes.fromhex('zz')
except ValueError as e:
    print(type(e).__name__)
