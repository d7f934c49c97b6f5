# later definitions replace earlier ones; functions defined conditionally
def f():
    return 'first'
old = f
def f():
    return 'second'
print(f(), old())
if True:
    def g():
        return 'true branch'
else:
    def g():
        return 'false branch'
print(g())
for i in range(3):
    def h(i=i):
        return i * 10
print(h())
def uses_later():
    return defined_later()
def defined_later():
    return 'resolved at call time'
print(uses_later())
