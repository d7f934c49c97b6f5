# bytes and bytearray share the read-only methods; bytearray ones return bytearrays
b = b'  Hello, World  \t'
for x in (b, bytearray(b)):
    print(x.split(), x.split(b'l'), x.rsplit(b'l', 1), x.strip(), x.lstrip(b' H'), x.rstrip(b'\t '))
    print(x.find(b'o'), x.find(111), x.rfind(b'o', 0, 8), x.count(b'l'), x.count(108), x.index(b'W'), x.startswith((b'x', b'  H')), x.endswith(b'\t', 0, -1))
    print(x.upper(), x.lower(), x.swapcase(), x.title(), x.capitalize(), x.center(22, b'-'), x.ljust(20, b'.'), x.rjust(20), x.zfill(20))
    print(x.partition(b','), x.rpartition(b'o'), x.partition(b'zz'), x.replace(b'l', b'L', 2), x.replace(b'', b'.', 3))
    print(x.expandtabs(4), x.removeprefix(b'  '), x.removesuffix(b'\t'), x.hex(), x.hex(':'), x.hex('-', 4), x.hex(b'|', -3))
    print(x.isalpha(), x.strip().isalpha(), x.isascii(), x.istitle(), x.translate(None, b'lo'), x.translate(bytes.maketrans(b'lo', b'01')))
print(b'ab'.partition(bytearray(b'a')), bytearray(b'a=b').partition(b'='), bytes.fromhex(' de ad\nbe ef '), bytearray.fromhex('00ff'))
print(bytes('é', encoding='latin-1'), bytes(b'x'), bytearray(b"'"), bytearray(b'"'), bytearray(b'\'"'), b"'")
ba = bytearray(b'abc')
ba.append(100); ba.extend(b'ef'); ba.extend([103]); ba.insert(0, 65); ba.insert(-1, 66); ba.insert(100, 67)
print(ba, ba.pop(), ba.pop(0), ba)
ba.remove(ord('c')); ba.reverse(); print(ba, ba.copy(), ba.copy() is ba)
ba[1:3] = b'XYZ'; print(ba); del ba[::2]; print(ba); ba[::-1] = b'1234'; print(ba)
ba.clear(); print(ba, len(ba))
ba += b'xy'; ba *= 2; print(ba)
mv = memoryview(bytearray(b'hello'))
print(mv.tolist(), mv.tobytes(), mv.hex(), len(mv), mv[1], bytes(mv[1:4]))
mv[0] = 72; mv[1:3] = b'EL'; print(mv.tobytes(), bytes(mv))
with memoryview(b'abc') as m:
    print(m.tobytes())
for bad in (lambda: b'a'.split(''), lambda: b'a'.find('a'), lambda: bytearray().pop(), lambda: bytearray(b'a').remove(98),
            lambda: bytes('a'), lambda: bytes(1.5), lambda: bytes([256]), lambda: bytes.fromhex('0g'), lambda: bytes.fromhex(b'00'),
            lambda: b'a'.center(5, b'ab'), lambda: bytearray(b'a').append('x'), lambda: b'a'.hex('ab'), lambda: memoryview('x'),
            lambda: b'abc'.index(b'z'), lambda: b'a'.join([1]), lambda: b'abc'.startswith('a')):
    try:
        print(bad())
    except (TypeError, ValueError, IndexError) as e:
        print(type(e).__name__)
