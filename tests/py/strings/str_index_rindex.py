# index and rindex raise ValueError when not found
s = 'abracadabra'
print(s.index('a'), s.rindex('a'), s.index('bra'), s.rindex('bra'))
print(s.index('a', 1), s.index('a', 4, 6), s.rindex('a', 0, 5))
for args in (('z',), ('a', 11), ('cad', 0, 5)):
    try:
        s.index(*args)
    except ValueError as e:
        print('index', args, type(e).__name__)
    try:
        s.rindex(*args)
    except ValueError as e:
        print('rindex', args, type(e).__name__)
