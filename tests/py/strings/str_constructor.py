# str() of various objects
print(str(), str(123), str(-4.5), str(True), str(None), str([1, 'a']), str((1,)), str({'k': 'v'}))
print(str('already'), str(b'bytes'), str(1 + 2j), str(2 ** 70))
print(str(b'abc', 'utf-8'), str(bytearray(b'xy'), 'utf-8'))
class A:
    def __str__(self):
        return 'A-str'
    def __repr__(self):
        return 'A-repr'
print(str(A()), repr(A()), [A()], str([A()]))
class B:
    def __repr__(self):
        return 'B-repr'
print(str(B()))
