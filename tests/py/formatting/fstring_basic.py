# f-strings with simple expressions
name = 'World'
n = 7
items = [1, 2, 3]
print(f'Hello, {name}!', f'{n} squared is {n * n}', f'{len(items)} items')
print(f'{items[0]} {items[-1]} {items[1:]}', f"{'nested quotes'}", f'{name.upper()}')
print(f'{n}', f'{n!r}', f'{n + 0.5}', f'{None}', f'{True}')
d = {'k': 'v'}
print(f"{d['k']}", f'{d}', f'{(1, 2)}')
print(f'{{literal braces}} {n}', f'{{}}', f'{{{n}}}')
print(f'' == '', f'plain' == 'plain')
x = 10
print(f'{x if x > 5 else 0}', f'{"yes" if x else "no"}', f'{[i * 2 for i in range(3)]}')
