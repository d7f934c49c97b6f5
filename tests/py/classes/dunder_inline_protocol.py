# Operator special methods of user classes run in a frame of the interpreter loop when
# they are plain Python functions; every step of CPython's protocol must stay the same.

def attempt(f):
    try:
        return f()
    except Exception as e:
        return '%s: %s' % (type(e).__name__, e)

class V:
    def __init__(self, x):
        self.x = x
    def __add__(self, o):
        if isinstance(o, V):
            return V(self.x + o.x)
        if isinstance(o, int):
            return V(self.x + o)
        return NotImplemented
    def __radd__(self, o):
        return ('radd', self.x, o)
    def __sub__(self, o):
        return NotImplemented
    def __rsub__(self, o):
        return 'V.rsub'
    def __mul__(self, k):
        return V(self.x * k)
    def __repr__(self):
        return 'V(%r)' % (self.x,)

a, b = V(1), V(2)
print(a + b, a + 5, a * 3, 2 + a)
k = 7
print(a + k, a + 1, a * k)          # fused forms: LoadFast/small int + BinaryOp
print(a + b + b, (a + b) * 2)
# __sub__ NotImplemented, same type: __rsub__ is not tried
print(attempt(lambda: a - b))
print(attempt(lambda: a - 1), attempt(lambda: 1 - a))
# __add__ NotImplemented, the other operand has no __radd__
print(attempt(lambda: a + 'x'), attempt(lambda: a + 1.5))

class W:
    def __radd__(self, o):
        return ('W.radd', o)
    def __rsub__(self, o):
        return NotImplemented
print(a + W(), attempt(lambda: a - W()), 3 + W())

# Reflected-operand priority: only for a proper subclass that overrides the method.
class B:
    def __add__(self, o):
        return 'B.add'
    def __radd__(self, o):
        return 'B.radd'
    def __lt__(self, o):
        return 'B.lt'
    def __gt__(self, o):
        return 'B.gt'
class C(B):
    pass
class D(B):
    def __radd__(self, o):
        return 'D.radd'
    def __gt__(self, o):
        return 'D.gt'
class E(B):
    def __radd__(self, o):
        return NotImplemented
print(B() + C(), C() + B(), B() + D(), D() + B(), B() + E())
print(B() < C(), C() < B(), B() < D(), D() < B())

# Augmented assignment: __iadd__ present, absent, returning NotImplemented.
class I:
    def __init__(self, v):
        self.v = v
    def __iadd__(self, o):
        self.v += o
        return self
    def __isub__(self, o):
        return NotImplemented
    def __sub__(self, o):
        return 'I.sub'
    def __imul__(self, o):
        return 'I.imul'
x = I(1)
y = x
x += 5
print(x is y, x.v)
x -= 1
print(x)
x = I(2)
x *= 3
print(x)
class J:
    def __add__(self, o):
        return 'J.add'
j = J()
j += 1
print(j)
def isub_missing():
    j = J()
    j -= 1
print(attempt(isub_missing))

# Comparisons: NotImplemented falls back to the reflected method, then identity for ==/!=.
class N:
    def __eq__(self, o):
        return NotImplemented
    def __lt__(self, o):
        return NotImplemented
    def __gt__(self, o):
        return 'N.gt'
n, m = N(), N()
print(n == n, n == m, n != n, n != m, n < m, n > m)
print(attempt(lambda: n <= m), attempt(lambda: n >= 1))
class Q:
    def __eq__(self, o):
        return self.__class__ is o.__class__
    def __lt__(self, o):
        return 'Q.lt'
print(Q() == Q(), Q() != Q(), Q() != 1, 1 != Q(), Q() < 1, 1 > Q())
# __ne__ missing: not __eq__ of the same operand, before the other operand is asked
class F:
    def __eq__(self, o):
        return NotImplemented
class G:
    def __eq__(self, o):
        return True
class H:
    def __ne__(self, o):
        return 'H.ne'
print(F() != G(), G() != F(), F() != H(), G() != H(), H() != G())
r = []
class Tr:
    def __eq__(self, o):
        r.append('eq')
        return 0
    def __bool__(self):
        return False
print(Tr() != Tr(), r)
if Q() < Q():
    print('branch on a non-bool result')
while N() > N():
    print('while on a non-bool result')
    break
lst = [Q(), Q()]
print(lst[0] in lst, Q() in lst, N() in [N()])

# Unary operators and __getitem__.
class U:
    def __neg__(self):
        return 'neg'
    def __pos__(self):
        return NotImplemented
    def __invert__(self):
        return 'inv'
    def __getitem__(self, k):
        return ('item', k)
u = U()
print(-u, +u, ~u, not u, u[3], u[-1], u['k'], u[1:2], u[1, 2])
print(attempt(lambda: -N()), attempt(lambda: N()[0]))
idx = 5
print(u[idx], [u][0][0])

# Special methods are looked up on the type, never on the instance.
class T:
    def __add__(self, o):
        return 'T.add'
    def __neg__(self):
        return 'T.neg'
    def __getitem__(self, k):
        return 'T.getitem'
    def __lt__(self, o):
        return 'T.lt'
t = T()
t.__add__ = lambda o: 'instance add'
t.__neg__ = lambda: 'instance neg'
t.__getitem__ = lambda k: 'instance getitem'
t.__lt__ = lambda o: 'instance lt'
print(t + 1, -t, t[0], t < 1, t.__add__(1))

# Replaced on the class after the first use; deleted; set on a base later.
def show():
    return attempt(lambda: t + 1), attempt(lambda: -t), attempt(lambda: t[0]), attempt(lambda: t < t)
print(show())
T.__add__ = lambda self, o: 'new add'
T.__neg__ = lambda self: 'new neg'
T.__getitem__ = lambda self, k: ('new getitem', k)
T.__lt__ = lambda self, o: 'new lt'
print(show())
del T.__add__, T.__neg__, T.__getitem__, T.__lt__
print(show())
class Base:
    pass
class Derived(Base):
    pass
d = Derived()
print(attempt(lambda: d + 1))
Base.__add__ = lambda self, o: 'Base.add'
Base.__radd__ = lambda self, o: 'Base.radd'
print(d + 1, 1 + d, attempt(lambda: d - 1))

# Special methods that are not plain functions, or have unusual signatures.
class S:
    @staticmethod
    def __add__(y):
        return ('static', y)
    @classmethod
    def __sub__(cls, y):
        return ('class', cls.__name__, y)
    def __mul__(self, o, extra=10):
        return ('default', o, extra)
    def __truediv__(*args):
        return ('varargs', len(args))
    def __mod__(self, o):
        yield 'gen'
        yield o
    def __neg__(self, *rest):
        return ('neg', rest)
    def __lt__(self, o=None, **kw):
        return ('lt', o, kw)
    def __getitem__(self, k, *more):
        yield k
s = S()
print(s + 1, s - 2, s * 3, s / 4, list(s % 5), -s, s < 6, list(s[7]))
def closure_dunder():
    z = 'captured'
    class K:
        def __add__(self, o):
            return (z, o)
    return K()
print(closure_dunder() + 1)
class Wrongsig:
    def __add__(self):
        return 'never'
    def __neg__(self, a, b):
        return 'never'
print(attempt(lambda: Wrongsig() + 1)[:9], attempt(lambda: -Wrongsig())[:9])

# Built-in subclasses keep their payload's operators.
class MyInt(int):
    def __add__(self, o):
        return 'MyInt.add'
class MyList(list):
    pass
class MyStr(str):
    def __radd__(self, o):
        return 'MyStr.radd'
print(MyInt(3) + 1, 1 + MyInt(3), MyInt(3) * 2, -MyInt(3), MyInt(3) < 5)
print(MyList([1]) + [2], [0] + MyList([1]), MyList([1, 2])[1], 'a' + MyStr('b'))
ml = MyList([1])
ml += [2]
print(ml, type(ml).__name__)

# Exceptions are instances too.
class Err(Exception):
    def __add__(self, o):
        return 'Err.add'
    def __eq__(self, o):
        return 'Err.eq'
print(Err() + 1, Err() == 1)

# Results are used by the instruction that follows (stack discipline).
class P:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return P(self.v + o.v)
    def __lt__(self, o):
        return self.v < o.v
    def __getitem__(self, i):
        return self.v * i
total = P(0)
for i in range(50):
    total = total + P(i)
    if total < P(100):
        continue
print(total.v, [P(i)[2] for i in range(5)], sorted([P(3), P(1), P(2)])[0].v)
print(max(P(1), P(5), P(3)).v, P(1) + P(2) + P(3) < P(7))
