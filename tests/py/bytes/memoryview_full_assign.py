# whole and partial assignment through memoryview
buf = bytearray(8)
mv = memoryview(buf)
mv[:] = b'ABCDEFGH'
print(buf)
mv[2:4] = bytearray(b'xy')
print(buf)
mv[-1] = 0
print(buf, buf[-1])
for i in range(0, 8, 2):
    mv[i] = 46
print(buf)
view = mv[4:]
view[:2] = b'!!'
print(buf, bytes(view))
