# hasattr for instance, class and builtin attributes
class A:
    x = 1
    def __init__(self):
        self.y = 2
a = A()
print(hasattr(a, 'x'), hasattr(a, 'y'), hasattr(a, 'z'), hasattr(A, 'y'))
print(hasattr([], 'append'), hasattr('', 'nope'), hasattr(A, '__init__'))
