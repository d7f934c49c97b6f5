# callable() on different kinds of objects
def f():
    pass
class C:
    def m(self):
        pass
class D:
    def __call__(self):
        return 'called'
print(callable(f), callable(lambda: 0), callable(C), callable(C()), callable(C().m))
print(callable(D()), D()(), callable(print), callable(len), callable(int), callable(str.upper))
print(callable(1), callable('s'), callable(None), callable([]), callable({}.get))
