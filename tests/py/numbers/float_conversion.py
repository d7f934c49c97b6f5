# float() from strings, ints and objects
print(float('1.5'), float('  -2e3 '), float('+.5'), float('5.'), float('1_000.5'))
print(float('1e-3'), float('1E+3'), float('0'), float('-0'), float(' 12 '))
print(float(3), float(-2 ** 60), float(True), float())
print(float(2 ** 200) == 2.0 ** 200)
class F:
    def __float__(self):
        return 2.5
print(float(F()))
for bad in ('', 'abc', '1.2.3', '1e', '--1'):
    try:
        float(bad)
        print('no error', repr(bad))
    except ValueError:
        print('ValueError', repr(bad))
