# str.encode produces UTF-8 bytes
print('abc'.encode(), 'é'.encode(), '€'.encode(), '😀'.encode())
print('héllo'.encode('utf-8'), len('héllo'.encode()), len('héllo'))
print(''.encode(), type('x'.encode()).__name__)
b = 'añ€😀'.encode()
print(list(b))
print(b.decode() == 'añ€😀', b.decode('utf-8'))
print(str(b'caf\xc3\xa9', 'utf-8'))
