# chained generator pipeline
def numbers(n):
    for i in range(n):
        print('produce', i)
        yield i
def evens(src):
    for x in src:
        if x % 2 == 0:
            yield x
def squared(src):
    for x in src:
        yield x * x
def take(n, src):
    for i, x in enumerate(src):
        if i >= n:
            return
        yield x
print(list(take(2, squared(evens(numbers(100))))))
def grep(pattern, lines):
    return (l for l in lines if pattern in l)
lines = ['error: a', 'ok', 'error: b', 'warn']
print(list(grep('error', lines)), [l.split(': ')[1] for l in grep('error', lines)])
