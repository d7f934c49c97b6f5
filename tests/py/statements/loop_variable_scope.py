# loop variables remain bound after the loop
for i in range(5):
    pass
print(i)
for ch in 'xyz':
    last = ch
print(ch, last)
j = 'unchanged'
for j in []:
    pass
print(j)
k = 0
while k < 3:
    k += 1
print(k)
def f():
    for n in range(3):
        pass
    return n
print(f())
