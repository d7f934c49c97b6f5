# assignment expressions (:=)
data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print('long list', n)
print([y for x in data if (y := x * 2) > 8])
print(y)
vals = iter([5, 3, 0, 7])
while (v := next(vals)) != 0:
    print('got', v)
print((total := 10) + 5, total)
def f(x):
    return (z := x + 1) * z
print(f(3))
print([(last := i) for i in range(3)], last)
stuff = {'k': 42}
if (found := stuff.get('k')) is not None:
    print('found', found)
