# evaluation order of assignments and subscripts
log = []
def f(name, val):
    log.append(name)
    return val
d = {}
d[f('key', 'k')] = f('value', 1)
print(log, d)
log.clear()
l = [0, 0, 0]
l[f('idx', 1)], l[f('idx2', 2)] = f('v1', 'a'), f('v2', 'b')
print(log, l)
log.clear()
x = f('a', 1) + f('b', 2) * f('c', 3)
print(log, x)
log.clear()
result = [f('e1', 1), f('e2', 2)][f('sub', 0)]
print(log, result)
log.clear()
args = (f('arg1', 1), f('arg2', 2))
print(log)
a = [1, 2, 3]
i = 0
i, a[i] = 2, 'x'
print(i, a)
