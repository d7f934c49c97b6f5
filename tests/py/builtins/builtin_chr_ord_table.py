# chr/ord used to build and decode simple ciphers
def rot13(s):
    out = []
    for ch in s:
        if 'a' <= ch <= 'z':
            out.append(chr((ord(ch) - 97 + 13) % 26 + 97))
        elif 'A' <= ch <= 'Z':
            out.append(chr((ord(ch) - 65 + 13) % 26 + 65))
        else:
            out.append(ch)
    return ''.join(out)
print(rot13('Hello, World!'), rot13(rot13('Round trip')))
print([ord(c) for c in 'AZaz09'], ''.join(chr(c) for c in [72, 105]))
try:
    chr('a')
except TypeError as e:
    print(type(e).__name__)
try:
    ord(65)
except TypeError as e:
    print(type(e).__name__)
