# global and nonlocal in the same program
g = 'global-initial'
def outer():
    g = 'outer-local'
    def inner_nonlocal():
        nonlocal g
        g = 'changed-by-nonlocal'
    def inner_global():
        global g
        g = 'changed-by-global'
    inner_nonlocal()
    inner_global()
    return g
print(outer(), g)
def counter():
    n = 0
    def step():
        nonlocal n
        n += 1
        return n
    step(); step()
    return n
print(counter())
