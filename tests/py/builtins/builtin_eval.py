# eval() of expressions with and without namespaces
print(eval('1 + 2 * 3'), eval('[x * 2 for x in range(3)]'), eval("'a' + 'b'"))
x = 10
print(eval('x + 1'))
print(eval('y * 2', {'y': 21}), eval('a + b', {'a': 1}, {'b': 2}))
print(eval('len(s)', {'s': 'four'}), eval('7'), eval('(1, 2)'))
def f():
    return eval('x * 3')
print(f())
ns = {}
print(eval('abs(-3)', ns))
for bad in ('1 +', 'x = 1'):
    try:
        eval(bad)
    except SyntaxError as e:
        print(type(e).__name__)
try:
    eval('undefined_name')
except NameError as e:
    print(type(e).__name__)
