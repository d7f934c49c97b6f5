# staticmethod has no implicit first argument
class MathUtil:
    factor = 3
    @staticmethod
    def add(a, b):
        return a + b
    @staticmethod
    def no_args():
        return 'none'
    def use(self, x):
        return self.add(x, self.factor)
m = MathUtil()
print(MathUtil.add(1, 2), m.add(3, 4), MathUtil.no_args(), m.no_args(), m.use(10))
class Child(MathUtil):
    @staticmethod
    def add(a, b):
        return a * b
print(Child().use(10), Child.add(2, 5))
def plain(x):
    return x * 2
class Holder:
    double = staticmethod(plain)
print(Holder.double(4), Holder().double(5))
