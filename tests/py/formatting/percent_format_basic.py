# %-formatting conversion types
print('%s|%r|%d|%i' % ('str', 'str', 42, -7))
print('%f|%e|%g|%E|%G' % (3.14159, 31415.9, 0.00001234, 1.5, 1e-10))
print('%x|%X|%o|%c|%c|%%' % (255, 255, 8, 65, 'z'))
print('%s' % 'single', '%s' % (('tuple',),), '%s %s' % (1, [2]))
print('%d' % 3.99, '%d' % -3.99, '%i' % True, '%s' % None, '%r' % 1.5)
print('%s and %s' % ('a', 'b'), '%%d literal %d' % 5)
print('%s' % [1, 'a'], '%s' % {'k': 1}, '%r' % [None])
print('%x' % 2 ** 70, '%d' % -2 ** 70, '%o' % -8)
