# functions defined inside functions, three levels deep
def level1(a):
    def level2(b):
        def level3(c):
            return a + b + c
        return level3
    return level2
print(level1(1)(2)(3), level1('x')('y')('z'))
def factory(kind):
    if kind == 'upper':
        def f(s):
            return s.upper()
    else:
        def f(s):
            return s.lower()
    return f
print(factory('upper')('MiXed'), factory('lower')('MiXed'))
def recursive_inner(n):
    def fact(k):
        return 1 if k <= 1 else k * fact(k - 1)
    return fact(n)
print(recursive_inner(10))
def counter_pair():
    n = [0]
    def inc():
        n[0] += 1
    def get():
        return n[0]
    return inc, get
i, g = counter_pair()
i(); i(); i()
print(g())
