# complex division (Smith's algorithm), powers and string parsing as CPython
a = 1 + 2j
b = 3 - 4j
print(a / b, b / a, (0.1 + 0.7j) / (0.3 - 0.2j), 1 / (1 + 1j), 2j / 1j)
print(a ** 2, a ** -2, a ** 0, (1j) ** 2, (1j) ** 3, (1 + 1j) ** 8, 2 ** (1j * 0))
print(round(abs(a ** 0.5), 10), round(abs((1j) ** 1j), 10), round((2 ** a).real, 10))
for s in ['1+2j', ' ( -1.5e2-2J ) ', 'j', '-j', '1-j', '1_0j', 'infj', '1e-3+1e3j', '+1.5', '.5j', '5.j', '(3)']:
    print(repr(s), complex(s))
for bad in ['1 + 2j', '()', '1+2i', '', 'jj', '1e+j', '1+', '(1+2j']:
    try:
        complex(bad)
        print('no error', repr(bad))
    except ValueError:
        print('ValueError', repr(bad))
print(complex(1 + 2j, 3 + 4j), complex(real=2, imag=3), complex(imag=2), complex(-0.0), complex(0, -0.0))
print(complex(1, -0.0), complex(-0.0, -0.0), -(0j), (1 - 0j).conjugate(), (3 + 4j).conjugate())
class C:
    def __complex__(self):
        return 3 + 4j
class F:
    def __float__(self):
        return 2.5
print(complex(C()), complex(F()), complex(F(), F()))
tests = [
    lambda: complex('1', 2),
    lambda: complex(1, '2'),
    lambda: complex([]),
    lambda: 0j ** -1,
    lambda: complex(1e300) ** 2,
    lambda: (1 + 1j) / 0,
    lambda: (1 + 1j) / 0j,
    lambda: abs(complex(1e308, 1e308)),
]
for t in tests:
    try:
        print(t())
    except Exception as e:
        print(type(e).__name__)
print(abs(complex(float('inf'), float('nan'))), abs(3 + 4j), abs(-5j), abs(1e300 + 1e300j))
print(hash(1 + 2j) == hash(complex(1, 2)), hash(3 + 0j) == hash(3), hash(1.5 + 0j) == hash(1.5))
