# slice assignment and deletion on bytearray
ba = bytearray(b'0123456789')
ba[2:4] = b'ab'
print(ba)
ba[2:4] = b'XYZW'
print(ba)
ba[0:3] = b''
print(ba)
del ba[0]
print(ba)
del ba[::2]
print(ba)
ba[1:1] = b'__'
print(ba)
ba[:] = bytearray(b'new')
print(ba)
ba = bytearray(b'abcdef')
ba[::2] = b'XYZ'
print(ba)
del ba[-2:]
print(ba)
try:
    ba[::2] = b'toolong'
except ValueError as e:
    print(type(e).__name__)
