# C3 linearisation determines which method is found
class O:
    def m(self):
        return 'O'
class A(O):
    def m(self):
        return 'A'
class B(O):
    def m(self):
        return 'B'
    def only_b(self):
        return 'B-only'
class C(O):
    def m(self):
        return 'C'
class D(A, B):
    pass
class E(B, C):
    pass
class F(D, E):
    pass
print(D().m(), E().m(), F().m(), F().only_b())
class X(B, A):
    pass
print(X().m())
class P(O):
    pass
class Q(P, C):
    pass
print(Q().m())
try:
    class Bad(O, A):
        pass
    print('no error')
except TypeError as e:
    print(type(e).__name__)
