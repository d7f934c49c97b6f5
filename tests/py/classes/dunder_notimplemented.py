# NotImplemented triggers the reflected operation or a TypeError
class A:
    def __add__(self, o):
        print('A.__add__')
        return NotImplemented
    def __eq__(self, o):
        print('A.__eq__')
        return NotImplemented
class B:
    def __radd__(self, o):
        print('B.__radd__')
        return 'B handled'
    def __eq__(self, o):
        print('B.__eq__')
        return True
print(A() + B())
try:
    A() + A()
except TypeError as e:
    print(type(e).__name__)
print(A() == B())
a = A()
print(a == a)
