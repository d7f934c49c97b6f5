# repr/str of complex numbers
vals = [1j, 2 - 1j, 2 + 3j, 2 - 3j, -2 + 3j, 1.5 + 0.5j, 0j, complex(0, 0), complex(1, 0),
        complex(-1.5, -2.25), 1e20j, 1 + 1e-5j, complex(3, -0.5)]
for v in vals:
    print(repr(v), str(v))
print([1 + 2j, 3j])
print(complex(float('inf'), 1), complex(1, float('nan')))
