# aliasing, copies and in-place operators
a = [1, 2]
b = a
b += [3]
print(a, b, a is b)
c = a
c = c + [4]
print(a, c, a is c)
d = a * 1
print(d == a, d is a)
m = [[]] * 2
m[0].append(1)
print(m)
e = a[:]
e.append(9)
print(a, e)
x = [1, 2]
x *= 2
print(x)
f = [0]
g = f
f *= 3
print(g)
