# exceptions raised inside comprehensions and lambdas propagate
def parse_all(items):
    return [int(x) for x in items]
try:
    parse_all(['1', '2', 'three'])
except ValueError as e:
    print('comprehension raised', type(e).__name__)
data = {'a': 1}
try:
    {k: data[k] for k in ['a', 'b']}
except KeyError as e:
    print('dict comprehension raised KeyError', e.args)
try:
    list(map(lambda x: 10 // x, [5, 2, 0, 1]))
except ZeroDivisionError:
    print('map lambda raised ZeroDivisionError')
results = []
for x in [5, 0, 2]:
    try:
        results.append(10 // x)
    except ZeroDivisionError:
        results.append(None)
print(results)
