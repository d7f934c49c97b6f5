# concatenation and repetition
a = 'foo'
b = 'bar'
print(a + b, a * 3, 3 * b, a * 0, a * -2, '' * 5)
print(a + '' + b, (a + b) * 2, 'ab' 'cd')
s = ''
for i in range(5):
    s += str(i)
print(s)
t = 'x'
t *= 4
print(t)
try:
    'a' + 1
except TypeError as e:
    print(type(e).__name__)
try:
    'a' * 1.5
except TypeError as e:
    print(type(e).__name__)
