# filter() with a function and with None
print(list(filter(lambda x: x % 2, range(10))))
print(list(filter(None, [0, 1, '', 'a', None, [], [0], False, True])))
print(list(filter(str.isdigit, 'a1b2c3')), ''.join(filter(str.isalpha, 'a1b2')))
f = filter(lambda x: x > 2, [1, 5, 3, 0])
print(next(f), list(f), list(f))
print(type(filter(None, [])).__name__)
