# the right operand of % as tuple, single value or object
print('%s' % (1,), '%s' % ((1, 2),), '%s %s' % (1, 2))
print('%s' % [1, 2], '%r' % (None,), '%d%%' % 50)
t = ('x', 'y')
print('%s-%s' % t, '(%s)' % (t,))
class S:
    def __str__(self):
        return 'S!'
print('%s' % S(), '%s and %s' % (S(), S()))
print('%5s|%-5s|' % (True, None))
