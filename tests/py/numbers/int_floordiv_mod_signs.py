# floor division and modulo follow the sign of the divisor
for a in (7, -7, 0, 13, -13):
    for b in (2, -2, 3, -3, 5):
        print(a, b, a // b, a % b)
print(1 // 1, -1 // 1, 1 % 1)
print([i // 3 for i in range(-6, 7)])
print([i % 3 for i in range(-6, 7)])
print([i % -3 for i in range(-6, 7)])
print(all((a // b) * b + a % b == a for a in range(-20, 21) for b in (-7, -3, -1, 1, 2, 5)))
