# closures see the latest value of captured variables
def make():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    return fs
print([f() for f in make()])
def make_fixed():
    fs = []
    for i in range(3):
        def bind(j):
            return lambda: j
        fs.append(bind(i))
    return fs
print([f() for f in make_fixed()])
def shared():
    v = []
    def add(x):
        v.append(x)
        return len(v)
    def get():
        return v
    return add, get
add, get = shared()
add('a'); add('b')
print(get())
