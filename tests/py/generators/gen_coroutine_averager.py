# generator-based coroutine pattern driven with send()
def averager():
    total = 0.0
    count = 0
    average = None
    while True:
        term = yield average
        total += term
        count += 1
        average = total / count
avg = averager()
next(avg)
for v in (10, 20, 30, 5):
    print(avg.send(v))
def grep_coroutine(pattern, out):
    while True:
        line = yield
        if pattern in line:
            out.append(line)
found = []
c = grep_coroutine('py', found)
next(c)
for line in ('python', 'rust', 'pypy', 'go'):
    c.send(line)
c.close()
print(found)
