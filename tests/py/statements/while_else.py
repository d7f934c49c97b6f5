# while loops with else clauses
n = 0
while n < 3:
    print('loop', n)
    n += 1
else:
    print('else runs after normal exit', n)
n = 0
while True:
    n += 1
    if n == 4:
        break
else:
    print('not printed')
print('broke at', n)
while False:
    print('never')
else:
    print('else on zero iterations')
i = 10
while i:
    i -= 3
    if i < 0:
        break
print(i)
