# default argument values
def greet(name, greeting='Hello', punct='!'):
    return greeting + ', ' + name + punct
print(greet('Ann'), greet('Bob', 'Hi'), greet('Cy', punct='?'), greet(punct='.', name='Di'))
def append_to(x, acc=[]):
    acc.append(x)
    return acc
print(append_to(1), append_to(2), append_to(3, []), append_to(4))
def safe_append(x, acc=None):
    if acc is None:
        acc = []
    acc.append(x)
    return acc
print(safe_append(1), safe_append(2))
n = 10
def uses_n(v=n):
    return v
n = 20
print(uses_n(), uses_n(5))
def many(a, b=2, c=3, d=4):
    return (a, b, c, d)
print(many(1), many(1, d=40), many(1, 20, d=40, c=30))
