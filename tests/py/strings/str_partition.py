# partition and rpartition
print('key=value=x'.partition('='))
print('key=value=x'.rpartition('='))
print('novalue'.partition('='))
print('novalue'.rpartition('='))
print('=start'.partition('='), 'end='.rpartition('='))
print('a::b::c'.partition('::'), 'a::b::c'.rpartition('::'))
print('€a€'.partition('a'))
try:
    'abc'.partition('')
except ValueError as e:
    print(type(e).__name__)
