# chaining string methods
raw = '   Name: Alice ; Age: 30 ; City: Paris   '
fields = [f.strip() for f in raw.strip().split(';')]
print(fields)
d = {}
for f in fields:
    k, _, v = f.partition(':')
    d[k.strip().lower()] = v.strip()
print(d)
print(' | '.join(k.upper().ljust(5) + '=' + v.rjust(6) for k, v in d.items()))
print('-'.join(reversed(raw.split())).lower().replace(';', ''))
