# format() builtin with format specs
print(format(42), format(42, 'd'), format(42, '5d'), format(42, '<5') + '|', format(42, 'x'), format(255, '#X'))
print(format(3.14159, '.2f'), format(1234567.891, ',.1f'), format(0.25, '%'), format(1e-5, 'e'))
print(format('hi', '>5'), format('hi', '^6') + '|', format('hi', '*<4'), format(True), format(None))
print(format(-7, '+d'), format(7, '+d'), format(7, ' d'), format(12, '08b'), format(2 ** 70, ','))
class F:
    def __format__(self, spec):
        return 'F[' + spec + ']'
print(format(F(), 'xyz'), format(F()), '{:abc}'.format(F()), f'{F():q}')
try:
    format(1, 'invalid spec')
except ValueError as e:
    print(type(e).__name__)
