# functions are first-class objects
def add(a, b):
    return a + b
def sub(a, b):
    return a - b
table = {'add': add, 'sub': sub}
print(table['add'](2, 3), table['sub'](2, 3))
funcs = [add, sub, max, min]
print([f(7, 4) for f in funcs])
print(add.__name__, sub.__name__)
alias = add
print(alias is add, alias(1, 1), alias.__name__)
def apply_twice(f, x):
    return f(f(x))
print(apply_twice(lambda v: v * 3, 2), apply_twice(str.strip, '  x  '))
def pipeline(*fs):
    def run(x):
        for f in fs:
            x = f(x)
        return x
    return run
print(pipeline(str.strip, str.upper, lambda s: s + '!')('  hi '))
print(sorted([sub, add], key=lambda f: f.__name__)[0].__name__)
