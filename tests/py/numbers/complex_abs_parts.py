# .real, .imag, abs and conjugate of complex numbers
c = 3 + 4j
print(c.real, c.imag, abs(c))
print((1j).real, (1j).imag, abs(-5j), abs(0j))
print(complex(2.5, -1).imag, complex(-1).real, complex(-1).imag)
print(type(c.real).__name__, type(abs(c)).__name__, type(c).__name__)
print(abs(6 + 8j) == 10.0, abs(complex(-5, 12)))
