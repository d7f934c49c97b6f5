# break and continue in for and while loops
for i in range(10):
    if i % 2:
        continue
    if i > 6:
        break
    print('even', i)
total = 0
i = 0
while i < 20:
    i += 1
    if i % 3 == 0:
        continue
    if i > 10:
        break
    total += i
print(total, i)
for row in range(3):
    for col in range(3):
        if col > row:
            break
        print((row, col), end=' ')
    print()
for s in ['a', '', 'b', None, 'c']:
    if not s:
        continue
    print(s)
