# bin, hex, oct formatting of integers
for n in (0, 1, 2, 10, 255, -1, -10, 4096, 2 ** 32, -2 ** 40 - 1):
    print(n, bin(n), oct(n), hex(n))
print(hex(True), bin(False))
for bad in (1.5, '10', None):
    try:
        hex(bad)
    except TypeError as e:
        print(type(e).__name__)
