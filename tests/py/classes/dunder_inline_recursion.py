# Unbounded recursion through operator special methods (run in frames of the interpreter
# loop) raises RecursionError (a RuntimeError), never crashes; bounded recursion works.
class R:
    def __init__(self, n):
        self.n = n
    def __add__(self, o):
        if self.n == 0:
            return o
        return R(self.n - 1) + o
    def __lt__(self, o):
        return self < o
    def __neg__(self):
        return -self
    def __getitem__(self, k):
        return self[k + 1]
    def __eq__(self, o):
        return NotImplemented
    def __radd__(self, o):
        return o + self
    def __mul__(self, o):
        return o.__rmul__(self)
    def __rmul__(self, o):
        return self * o

print(R(100) + 5)
for f in (lambda: R(10 ** 6) + 1, lambda: R(0) < 1, lambda: -R(0), lambda: R(0)[0],
          lambda: 1 + R(0), lambda: R(0) * R(0)):
    try:
        f()
        print('no error')
    except RuntimeError as e:
        print('RuntimeError', isinstance(e, RecursionError))

def through_calls(n):
    return R(0) + n if n == 0 else through_calls(n - 1)
try:
    through_calls(10 ** 5)
except RuntimeError:
    print('RuntimeError via calls')
print(R(50) + 1, R(0) == R(0))

# NotImplemented, then a reflected method that recurses into the operator again
class A2:
    def __add__(self, o):
        return NotImplemented
class B2:
    def __radd__(self, o):
        return o + self
    def __gt__(self, o):
        return NotImplemented
class C2:
    def __lt__(self, o):
        return NotImplemented if isinstance(o, B2) else 'C2.lt'
    def __gt__(self, o):
        return o < self
for f in (lambda: A2() + B2(), lambda: C2() < B2(), lambda: B2() > C2()):
    try:
        print(f())
    except RuntimeError as e:
        print('RuntimeError', isinstance(e, RecursionError))
    except TypeError as e:
        print('TypeError', e)
