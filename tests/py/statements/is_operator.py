# identity tests with is / is not
a = [1]
b = a
c = [1]
print(a is b, a is c, a is not c, a == c)
print(None is None, type(None) is type(None), True is True, False is not True)
x = None
print(x is None, x is not None, x == None)
def f():
    pass
print(f() is None, f is f)
class Sentinel:
    pass
S = Sentinel()
print(S is S, Sentinel() is Sentinel())
t = ()
print(t is t, type(t) is tuple)
print(int is type(3), str is not bytes)
