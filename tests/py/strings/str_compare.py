# string comparison is lexicographic by code point
print('a' < 'b', 'abc' < 'abd', 'ab' < 'abc', '' < 'a', 'B' < 'a', 'Z' < 'a')
print('abc' == 'abc', 'abc' != 'ABC', 'é' > 'z', '€' > 'é', '😀' > '€')
print(sorted(['banana', 'Apple', 'cherry', 'apple', 'éclair', '10', '9']))
print(max('hello'), min('hello'), max(['b', 'ab', 'abc']))
print('a' < 'aa' < 'ab' < 'b')
try:
    'a' < 1
except TypeError as e:
    print(type(e).__name__)
print('1' == 1, 'a' != None)
