# nested replacement fields inside format specs
for width, prec in ((8, 2), (10, 4), (6, 0)):
    print('[{:{}.{}f}]'.format(3.14159, width, prec))
print('[{:{fill}{align}{w}}]'.format('x', fill='*', align='^', w=7))
print('[{0:>{1}}][{0:<{1}}]'.format('ab', 5))
print('[{:{}}]'.format('right', '>8'), '[{:{}{}}]'.format(42, '+', 6))
