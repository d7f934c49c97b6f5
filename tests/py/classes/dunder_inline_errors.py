# TypeError wording of the binary operator protocol: in-place forms name the augmented
# operator, ** says "** or pow()", built-in subclasses are named by their class.
def attempt(f):
    try:
        f()
        print('no error')
    except TypeError as e:
        print(e)

def isub():
    x = []
    x -= 1
def iadd():
    y = 1
    y += 'a'
def ipow():
    z = 'a'
    z **= 2
class U:
    def __add__(self, o):
        return NotImplemented
def iadd_user():
    u = U()
    u += 1
def imatmul_user():
    u = U()
    u @= U()
class MyInt(int):
    pass
for f in (isub, iadd, ipow, iadd_user, imatmul_user, lambda: 'a' ** 2, lambda: pow('a', 2),
          lambda: [] @ [], lambda: 1 << 'a', lambda: MyInt(1) + 'a', lambda: U() + U(),
          lambda: U() * 2, lambda: 2 * U()):
    attempt(f)
