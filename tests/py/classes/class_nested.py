# classes defined inside classes and functions
class Outer:
    class Inner:
        def hello(self):
            return 'inner hello'
    def make(self):
        return self.Inner()
print(Outer.Inner().hello(), Outer().make().hello(), Outer.Inner.__name__)
def make_class(base_value):
    class Local:
        value = base_value
        def get(self):
            return self.value
    return Local
A = make_class(1)
B = make_class(2)
print(A().get(), B().get(), A is B, A.__name__)
