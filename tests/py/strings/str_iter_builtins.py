# strings used with iteration builtins
s = 'hello'
print(list(enumerate(s))[:3], list(zip(s, 'abc')), list(reversed(s)))
print(sorted(s), ''.join(sorted(s)), sorted(s, reverse=True))
print(list(map(str.upper, s)), list(filter(lambda c: c in 'aeiou', s)))
print(any(c.isdigit() for c in 'ab1'), all(c.isalpha() for c in 'abc'))
print(len(set('mississippi')), sorted(set('mississippi')))
print(dict(zip('abc', range(3))))
