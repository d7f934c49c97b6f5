# memoryview slices share memory with the underlying bytearray
ba = bytearray(b'0123456789')
mv = memoryview(ba)
part = mv[2:6]
print(len(part), bytes(part), part[0], part[-1])
part[0] = ord('A')
part[1:3] = b'BC'
print(ba)
sub = part[1:]
sub[-1] = ord('Z')
print(ba, bytes(sub))
mv[8:] = b'xy'
print(ba)
print(bytes(mv[-3:]), bytes(mv[:0]), len(mv[5:2]))
try:
    mv[0:2] = b'abc'
except ValueError as e:
    print(type(e).__name__)
