# automatic and manual field numbering
print('{} {} {}'.format('a', 'b', 'c'))
print('{2} {1} {0} {1}'.format('a', 'b', 'c'))
print('{} {name} {}'.format(1, 2, name='kw'))
print('{0}{0}{0}'.format('ha'), '{{}}'.format())
try:
    '{} {0}'.format(1, 2)
except ValueError as e:
    print(type(e).__name__)
try:
    '{0} {}'.format(1, 2)
except ValueError as e:
    print(type(e).__name__)
