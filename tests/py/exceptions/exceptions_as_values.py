# exception objects can be stored, compared and raised later
errors = [ValueError('a'), KeyError('b'), RuntimeError('c')]
caught = []
for err in errors:
    try:
        raise err
    except Exception as e:
        caught.append((type(e).__name__, e is err, e.args))
print(caught)
def collect(funcs):
    results = []
    for f in funcs:
        try:
            results.append(f())
        except Exception as e:
            results.append(e)
    return results
res = collect([lambda: 1, lambda: 1 // 0, lambda: 'x'])
print([type(r).__name__ for r in res], isinstance(res[1], ArithmeticError))
e = TypeError('stored')
print(e.args, isinstance(e, Exception))
