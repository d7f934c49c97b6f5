# nonlocal rebinding across multiple levels
def outer():
    x = 0
    def middle():
        nonlocal x
        x += 1
        def inner():
            nonlocal x
            x += 10
            return x
        return inner()
    r = middle()
    return x, r
print(outer())
def bank(balance):
    def deposit(v):
        nonlocal balance
        balance += v
        return balance
    def withdraw(v):
        nonlocal balance
        if v > balance:
            return 'insufficient'
        balance -= v
        return balance
    return deposit, withdraw
dep, wd = bank(100)
print(dep(50), wd(30), wd(500), dep(0))
def shadowing():
    x = 'outer'
    def inner():
        x = 'inner-local'
        return x
    inner()
    return x
print(shadowing())
def multi():
    a = b = 0
    def setboth():
        nonlocal a, b
        a, b = 1, 2
    setboth()
    return a, b
print(multi())
