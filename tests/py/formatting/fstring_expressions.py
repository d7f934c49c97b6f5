# arbitrary expressions inside f-strings
def greet(who, punct='!'):
    return 'hi ' + who + punct
data = {'a': [1, 2, {'deep': 'value'}]}
print(f"{greet('ann')} {greet('bob', punct='?')}")
print(f"{data['a'][2]['deep']} {len(data['a'])} {sum(data['a'][:2])}")
triple = lambda v: v * 3
print(f'{triple(4)} {2 ** 10} {7 // 2} {-7 % 3}')
print(f'{"a" "b"} {"x" * 3} {", ".join(["p", "q"])}')
print(f'{max(3, 9)} {min([4, 2])}')
vals = [3, 1, 2]
print(f'{sorted(vals)} {vals[::-1]} {dict(zip("ab", vals))}')
i = 3
print(f'{i}{i + 1}{i * 2}', f'{i:03}{i:>3}')
