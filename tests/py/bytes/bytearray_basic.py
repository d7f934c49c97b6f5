# bytearray construction and basic behaviour
ba = bytearray(b'hello')
print(ba, len(ba), ba[0], ba[-1], ba[1:3], type(ba[1:3]).__name__)
print(bytearray(), bytearray(3), bytearray([1, 2, 3]), bytearray('é', 'utf-8'), bytearray(range(3)))
ba[0] = 72
print(ba, ba == b'Hello', bytes(ba))
print(list(ba), 108 in ba, b'll' in ba)
print(ba + b'!', ba * 2)
print(repr(bytearray(b'\x00\xff')), str(bytearray(b'q')))
try:
    ba[0] = 256
except ValueError as e:
    print(type(e).__name__)
try:
    ba[10] = 1
except IndexError as e:
    print(type(e).__name__)
