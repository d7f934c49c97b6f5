# reading a local before assignment raises a NameError subclass
x = 'global'
def f():
    try:
        print(x)
    except NameError as e:
        print('caught', isinstance(e, NameError))
    x = 'local'
    return x
print(f())
def g():
    try:
        return undefined_global_name
    except NameError as e:
        return isinstance(e, NameError)
print(g())
