# comprehension variables do not leak; closures inside comprehensions
x = 'outer'
lst = [x for x in range(3)]
print(x, lst)
s = {x for x in 'ab'}
d = {x: 1 for x in 'cd'}
g = list(x for x in 'ef')
print(x, sorted(s), d, g)
funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])
funcs2 = [lambda i=i: i for i in range(3)]
print([f() for f in funcs2])
def outer():
    n = 10
    return [n + k for k in range(3)]
print(outer())
class K:
    vals = [1, 2, 3]
    doubled = [v * 2 for v in vals]
print(K.doubled)
