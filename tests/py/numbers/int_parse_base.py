# int(str, base)
print(int('101', 2), int('777', 8), int('ff', 16), int('FF', 16), int('z', 36))
print(int('-101', 2), int('+42'), int('  42  '), int('-0'))
print(int('0x1f', 16), int('0b11', 2), int('0o17', 8))
print(int('0x1f', 0), int('0b11', 0), int('0o17', 0), int('123', 0))
print(int('10', 3), int('10', 36), int('Zz', 36))
print(int('123456789012345678901234567890'))
print(int('-ffffffffffffffffffffffff', 16))
print(int('1' * 70, 2))
for bad in ('', '12a', '0x', '1.5', ' ', '--1'):
    try:
        int(bad)
        print('no error', repr(bad))
    except ValueError as e:
        print('ValueError', repr(bad))
try:
    int('2', 2)
except ValueError:
    print('ValueError base 2')
try:
    int('012', 0)
except ValueError:
    print('ValueError leading zero base 0')
