# building bytes incrementally and from computations
out = b''
for i in range(5):
    out += bytes([65 + i])
print(out)
acc = bytearray()
for ch in 'hi!':
    acc += ch.encode()
print(acc, bytes(acc))
table = bytes(i ^ 0x20 for i in b'Hello')
print(table)
print(b''.join(bytes([c]) for c in range(48, 58)))
checksum = 0
for byte in b'checksum data':
    checksum = (checksum * 31 + byte) & 0xFFFF
print(checksum)
