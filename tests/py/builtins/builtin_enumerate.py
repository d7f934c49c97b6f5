# enumerate with start values
print(list(enumerate('abc')), list(enumerate('abc', 1)), list(enumerate([], 5)))
print(list(enumerate(range(3), -2)), list(enumerate('ab', 1000)))
for i, (a, b) in enumerate(zip('xy', 'pq')):
    print(i, a, b)
e = enumerate(['p', 'q'])
print(next(e), next(e), next(e, None))
print(dict(enumerate('hi')))
print(type(enumerate([])).__name__)
