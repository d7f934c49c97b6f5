# center, ljust, rjust, zfill
print('[' + 'abc'.center(9) + ']', '[' + 'abc'.center(8) + ']', '[' + 'abcd'.center(9) + ']')
print('[' + 'abc'.center(9, '*') + ']', '[' + 'abc'.center(2) + ']')
print('[' + 'abc'.ljust(6) + ']', '[' + 'abc'.ljust(6, '-') + ']', '[' + 'abc'.ljust(1) + ']')
print('[' + 'abc'.rjust(6) + ']', '[' + 'abc'.rjust(6, '0') + ']', '[' + 'abc'.rjust(0) + ']')
print('42'.zfill(5), '-42'.zfill(5), '+42'.zfill(5), 'abc'.zfill(5), '12345'.zfill(3), ''.zfill(2))
print('[' + 'é'.center(5, '€') + ']', '[' + 'ü'.rjust(3) + ']')
print('[' + ''.center(4, '.') + ']')
