# find and rfind with optional start/end
s = 'the quick brown fox jumps over the lazy dog'
print(s.find('the'), s.rfind('the'), s.find('cat'), s.rfind('cat'))
print(s.find('o'), s.rfind('o'), s.find('o', 15), s.find('o', 15, 16), s.rfind('o', 0, 20))
print(s.find(''), s.rfind(''), s.find('', 5), len(s))
print(s.find('the', -10), s.find('dog', -3), s.rfind('the', 0, 33))
print('aaa'.find('aa'), 'aaa'.rfind('aa'))
print('añ€b'.find('€'), 'añ€b€'.rfind('€'), 'añ€b'.find('b'))
