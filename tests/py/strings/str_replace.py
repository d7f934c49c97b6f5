# str.replace including count and empty patterns
print('hello world'.replace('o', '0'))
print('aaaa'.replace('a', 'b', 2), 'aaaa'.replace('aa', 'a'))
print('abc'.replace('', '-'), 'abc'.replace('', '-', 2))
print('abc'.replace('x', 'y'), 'abc'.replace('abc', ''), ''.replace('', 'z'))
print('one one one'.replace('one', 'two', 0), 'one one one'.replace('one', 'two', -1))
print('€uro €'.replace('€', 'EUR'), 'ab'.replace('a', 'aaa'))
print('spam'.replace('s', 'S').replace('m', 'M'))
