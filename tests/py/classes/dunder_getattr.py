# __getattr__ is only called for missing attributes
class Proxy:
    existing = 'real attribute'
    def __init__(self, target):
        self.target = target
    def __getattr__(self, name):
        if name.startswith('secret'):
            raise AttributeError(name)
        return getattr(self.target, name)
p = Proxy([3, 1, 2])
print(p.existing, p.target)
p.append(0)
print(p.target, p.count(1), p.index(2))
print(hasattr(p, 'secret_key'), getattr(p, 'secret_x', 'default'))
try:
    p.no_such_method
except AttributeError as e:
    print(type(e).__name__)
class Dyn:
    def __getattr__(self, name):
        return 'dyn_' + name
d = Dyn()
d.set_here = 'set'
print(d.anything, d.set_here, d.x)
