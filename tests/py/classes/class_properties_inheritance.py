# properties are inherited and can be overridden
class Base:
    def __init__(self):
        self._v = 1
    @property
    def v(self):
        return self._v
    @v.setter
    def v(self, x):
        self._v = x
    @property
    def label(self):
        return 'base'
class Derived(Base):
    @property
    def label(self):
        return 'derived(' + super().label + ')'
d = Derived()
d.v = 42
print(d.v, d.label, Base().label)
class Computed:
    def __init__(self, items):
        self.items = items
    @property
    def total(self):
        return sum(self.items)
c = Computed([1, 2])
print(c.total)
c.items.append(10)
print(c.total)
