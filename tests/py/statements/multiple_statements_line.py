# semicolons, line continuations and one-line compound statements
a = 1; b = 2; c = a + b
print(a, b, c)
total = 1 + \
        2 + \
        3
print(total)
values = [
    1,
    2,
    3,
]
print(values, (1 +
               2))
if c == 3: print('one-line if')
for i in range(2): print('one-line for', i)
while a < 3: a += 1
print(a)
def one(): return 'one-line def'
print(one())
class Tiny: pass
print(Tiny.__name__)
