# super() inside several overridden methods, including __repr__ and properties
class A:
    def __init__(self):
        self.trace = ['A.init']
    def step(self):
        return ['A.step']
    def __repr__(self):
        return 'A'
class B(A):
    def __init__(self):
        super().__init__()
        self.trace.append('B.init')
    def step(self):
        return super().step() + ['B.step']
    def __repr__(self):
        return 'B<' + super().__repr__() + '>'
class C(B):
    def step(self):
        return super().step() + ['C.step']
c = C()
print(c.trace, c.step(), repr(c), str(c))
