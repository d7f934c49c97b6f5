# read-only methods shared with bytes
ba = bytearray(b'a,b,c')
print(ba.split(b','), ba.find(b'b'), ba.count(b','), ba.startswith(b'a'), ba.replace(b',', b';'))
print(ba.upper(), ba.strip(b'ac'), ba.decode(), ba.index(b'c'))
print(bytearray(b' x ').strip(), bytearray(b'-').join([b'1', b'2']))
print(type(ba.split(b',')[0]).__name__, type(ba.replace(b'a', b'b')).__name__)
print(ba == bytearray(b'a,b,c'), ba < bytearray(b'b'), ba != b'a,b,c')
