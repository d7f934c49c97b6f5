# substring search corner cases
print('' in '', 'a' in '', 'abc' in 'abc', 'abcd' in 'abc')
print('aab' in 'aaab', 'ba' in 'aaab', 'ss' in 'mississippi')
hay = 'x' * 50 + 'needle' + 'y' * 50
print('needle' in hay, hay.find('needle'), hay.find('needlex'))
print(hay.count('x'), hay.rfind('y'), hay.index('e'))
