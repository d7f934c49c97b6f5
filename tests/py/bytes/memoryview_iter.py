# iterating and converting memoryviews
mv = memoryview(b'\x01\x02\x03\xff')
print([x for x in mv], sum(mv), max(mv), 3 in list(mv))
print(bytearray(mv), bytes(mv[1:3]) + b'!', len(mv[::1]))
print(int.from_bytes(bytes(mv[:2]), 'big'))
for i, v in enumerate(memoryview(bytearray(b'ab'))):
    print(i, v)
