# decoding bytes into str
print(b'abc'.decode(), b'caf\xc3\xa9'.decode('utf-8'), b'\xe2\x82\xac'.decode())
print(bytearray(b'xyz').decode(), len(b'\xf0\x9f\x98\x80'.decode()))
print(b''.decode() == '', type(b'a'.decode()).__name__)
print(str(b'\xc3\xbc', 'utf-8'), bytes('ü', 'utf-8'))
print(bytes(memoryview(b'hi')).decode())
