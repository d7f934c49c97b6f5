# the bytes() constructor
print(bytes(), bytes(3), bytes([65, 66, 67]), bytes((0, 255)), bytes(range(97, 100)))
print(bytes('héllo', 'utf-8'), bytes(b'copy'), bytes(bytearray(b'ba')))
print(bytes(memoryview(b'mv')), bytes(x * 2 for x in range(4)))
for bad in ([256], [-1], 'str', 1.5, ['a']):
    try:
        bytes(bad)
        print('no error')
    except (ValueError, TypeError) as e:
        print(type(e).__name__)
