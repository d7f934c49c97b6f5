# closures capture variables from enclosing scopes
def make_multiplier(n):
    def mul(x):
        return x * n
    return mul
double = make_multiplier(2)
triple = make_multiplier(3)
print(double(5), triple(5), double(triple(2)))
def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(), c2())
def outer():
    x = 'before'
    def show():
        return x
    x = 'after'
    return show
print(outer()())
def adders():
    return [lambda v, i=i: v + i for i in range(3)]
print([f(10) for f in adders()])
