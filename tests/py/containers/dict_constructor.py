# ways to build a dict
print(dict(a=1, b=2))
print(dict([('x', 1), ('y', 2)]))
print(dict((('p', 1),), q=2))
print(dict(zip('abc', [1, 2, 3])))
print(dict({'m': 1}, n=2))
print(dict(['ab', 'cd']))
print(dict([(1, 'one'), (1, 'uno')]))
try:
    dict([(1, 2, 3)])
except (ValueError, TypeError) as e:
    print('error')
try:
    dict([1, 2])
except TypeError as e:
    print(type(e).__name__)
