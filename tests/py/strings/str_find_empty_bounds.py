# find/count with start beyond length and negative indices
s = 'abc'
print(s.find('', 3), s.find('', 4), s.rfind('', 4), s.count('', 3), s.count('', 4))
print(s.find('c', -1), s.find('a', -1), s.rfind('a', -3), s.find('b', 1, 1), s.find('b', 1, 2))
print(s.startswith('', 3), s.startswith('', 4), s.endswith('c', -1))
print(s.find('a', 10), s.index('c', -2))
