# f-strings with format specs, including nested fields
pi = 3.14159265
for width in (6, 10):
    for prec in (1, 3):
        print(f'[{pi:{width}.{prec}f}]')
fill, align = '*', '^'
print(f'[{"mid":{fill}{align}11}]')
n = 255
fmt = '08b'
print(f'{n:x} {n:#X} {n:{fmt}} {n:>{2 + 4}}')
print(f'{1234567:,} {0.25:.1%} {-5:+05d} {12.5:e}')
w = 5
print(f'[{"ab":>{w}}][{"ab":<{w}}][{"ab":^{w}}]')
