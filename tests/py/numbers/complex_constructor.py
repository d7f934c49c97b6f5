# complex() constructor forms
print(complex(), complex(1), complex(1, 2), complex(1.5, -2.5), complex(True, False))
print(complex('1+2j'), complex('3'), complex('-4j'), complex('  2.5-1j  '), complex('j'))
print(complex(1 + 2j), complex(1 + 2j, 1j), complex(0, 1 + 1j))
for bad in ('1+', 'abc', '1+2i'):
    try:
        complex(bad)
        print('no error')
    except ValueError:
        print('ValueError', bad)
