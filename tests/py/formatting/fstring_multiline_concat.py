# f-strings in triple quotes and implicit concatenation
name, count = 'log', 3
msg = (f'{name}: '
       'static part '
       f'{count} entries')
print(msg)
block = f'''header {name}
  line {count}
  total {count * 2}'''
print(block)
print(f"{name}" + f'{count}' + 'x', f'{name}' f'{count}')
rows = [('a', 1), ('bb', 22)]
print('\n'.join(f'{k:<4}|{v:>4}' for k, v in rows))
