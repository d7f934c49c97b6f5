# ord and chr over the code point range
for c in ('a', 'Z', '0', ' ', '\n', 'é', '€', '😀', '\x00'):
    print(repr(c), ord(c))
for n in (65, 97, 10, 233, 8364, 128512, 0x10FFFF):
    print(n, len(chr(n)), ord(chr(n)) == n)
print(repr(chr(65)), repr(chr(233)), repr(chr(128512)))
print(''.join(chr(ord('a') + i) for i in range(26)))
for bad in (-1, 0x110000):
    try:
        chr(bad)
    except ValueError as e:
        print(type(e).__name__)
