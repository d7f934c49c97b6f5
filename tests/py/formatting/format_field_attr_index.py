# attribute access and indexing inside replacement fields
class P:
    def __init__(self):
        self.x = 3
        self.y = [10, 20]
        self.d = {'key': 'value'}
p = P()
print('{0.x} {0.y[1]} {0.d[key]}'.format(p))
print('{p.x}/{p.y[0]}'.format(p=p))
print('{0[0]}{0[2]} {1[k]}'.format('abc', {'k': 'v'}))
print('{a[1][0]}'.format(a=[[1], [2]]))
print('{0.real} {0.imag}'.format(3 + 4j))
