# membership tests and iteration
s = 'hello wörld'
print('ell' in s, 'xyz' in s, '' in s, 'ö' in s, 'w' not in s)
print(list('abc'), list(''), tuple('hé'))
for ch in 'a€b':
    print(ch, end='|')
print()
it = iter('xy')
print(next(it), next(it), next(it, 'end'))
try:
    1 in 'abc'
except TypeError as e:
    print(type(e).__name__)
