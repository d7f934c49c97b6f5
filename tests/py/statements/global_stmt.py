# global declarations in functions
counter = 0
def inc():
    global counter
    counter += 1
    return counter
inc(); inc()
print(counter)
def make_new():
    global brand_new
    brand_new = 'created inside function'
make_new()
print(brand_new)
x = 'global x'
def shadow():
    x = 'local x'
    return x
print(shadow(), x)
def read_only():
    return x.upper()
print(read_only())
def unbound():
    try:
        print(x)
    except NameError as e:
        print('NameError subclass caught', isinstance(e, NameError))
    x = 'local'
unbound()
def outer():
    def inner():
        global counter
        counter = 100
    inner()
outer()
print(counter)
