# ascii() escapes non-ASCII characters like repr(); input() at end of input raises EOFError
print(ascii('plain'), ascii('h\xe9llo'), ascii('snow\u2603man'), ascii('\U0001f600'))
print(ascii([1, 'é', ('ü',)]), ascii(b'bytes\xff'), ascii(3.5))
class P:
    def __repr__(self):
        return 'P(\xe9)'
print(ascii(P()))
try:
    input()
except EOFError as e:
    print('EOFError at end of input')
