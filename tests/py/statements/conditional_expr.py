# conditional (ternary) expressions
for n in (-1, 0, 1):
    print(n, 'pos' if n > 0 else 'zero' if n == 0 else 'neg')
x = [1, 2] if True else []
y = 'a' if None else 'b'
print(x, y)
f = (lambda v: v * 2) if len(x) > 1 else (lambda v: v)
print(f(21))
calls = []
def t():
    calls.append('t')
    return 1
def e():
    calls.append('e')
    return 2
print(t() if True else e(), e() if False else t(), calls)
print([('even' if i % 2 == 0 else 'odd') for i in range(4)])
