# memoryview over bytes and bytearray
b = b'abcdef'
mv = memoryview(b)
print(len(mv), mv[0], mv[-1], bytes(mv), list(mv))
print(bytes(mv[1:4]), bytes(mv[4:]), type(mv[1:2]).__name__)
print(bytes(mv) == b, type(mv).__name__)
ba = bytearray(b'hello')
mv2 = memoryview(ba)
mv2[0] = 74
print(ba)
ba[1] = 69
print(bytes(mv2), mv2[1])
try:
    mv[0] = 1
except TypeError as e:
    print(type(e).__name__)
try:
    mv[6]
except IndexError as e:
    print(type(e).__name__)
