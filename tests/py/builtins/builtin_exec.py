# exec() runs statements in a namespace
ns = {}
exec('a = 5\nb = a * 2', ns)
print(ns['a'], ns['b'])
exec('def sq(n):\n    return n * n\nres = sq(7)', ns)
print(ns['res'], ns['sq'](3))
code = """
total = 0
for i in range(5):
    total += i
"""
g = {}
exec(code, g)
print(g['total'])
exec('print("printed from exec", 1 + 1)')
exec('counter = 100')
print(counter)
r = exec('1 + 1')
print(r)
g2 = {'seed': 3}
l2 = {}
exec('out = seed * 2', g2, l2)
print(l2, 'out' in g2)
try:
    exec('def broken(:')
except SyntaxError as e:
    print(type(e).__name__)
