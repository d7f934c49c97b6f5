# exceptions raised and handled inside generators
def safe_div(pairs):
    for a, b in pairs:
        try:
            yield a / b
        except ZeroDivisionError:
            yield 'div-by-zero'
print(list(safe_div([(1, 2), (1, 0), (9, 3)])))
def validating(values):
    for v in values:
        if v < 0:
            raise ValueError('negative: %d' % v)
        yield v
res = []
try:
    for v in validating([1, 2, -3, 4]):
        res.append(v)
except ValueError as e:
    print(res, e)
def retry():
    attempts = 0
    while True:
        try:
            yield attempts
        except RuntimeError:
            attempts += 1
r = retry()
print(next(r), r.throw(RuntimeError), r.throw(RuntimeError), next(r))
