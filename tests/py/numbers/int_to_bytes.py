# int.to_bytes with explicit length and byteorder
print((1024).to_bytes(2, 'big'))
print((1024).to_bytes(2, 'little'))
print((1024).to_bytes(4, 'big'))
print((0).to_bytes(3, 'little'))
print((255).to_bytes(1, 'big'))
print((2 ** 64 - 1).to_bytes(8, 'little'))
print((2 ** 100).to_bytes(13, 'big'))
print((0x0102030405060708090a).to_bytes(10, 'little'))
n = 987654321987654321
print(int.from_bytes(n.to_bytes(8, 'big'), 'big') == n)
print(int.from_bytes(n.to_bytes(12, 'little'), 'little') == n)
print(type((5).to_bytes(1, 'big')).__name__)
