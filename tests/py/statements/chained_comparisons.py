# chained comparisons with ==, is, in and evaluation order
a, b, c = 1, 2, 3
print(a < b < c, a < b > c, a == 1 < b, a != b != a, c > b >= 2 == b)
l = [1, 2]
print(1 in l in [[1, 2]], 3 not in l is not None, None is None is not False)
order = []
def v(x):
    order.append(x)
    return x
print(v(1) < v(2) < v(3), order)
order.clear()
print(v(3) < v(2) < v(1), order)
order.clear()
print(v(1) < v(5) > v(4) == v(4), order)
s = 'abc'
print('a' <= s[0] <= 'z', 'A' <= s[0] <= 'Z')
