# operator precedence
print(2 + 3 * 4, (2 + 3) * 4, 2 ** 3 ** 2, -2 ** 2, (-2) ** 2, 2 * -3)
print(10 - 4 - 3, 100 / 10 / 5, 2 ** -1, 7 // 2 * 2 + 7 % 2)
print(1 + 2 << 1, 1 | 2 ^ 3 & 4, ~1 + 1, 6 & 3 | 8, 1 << 2 + 1)
print(not 1 == 2, not (1 and 0), 1 < 2 and 3 < 4 or False, True or False and False)
print(3 > 2 == True, (3 > 2) == True, 1 + 1 == 2 != None)
print(-3 % 5, -(3 % 5), 2 * 3 ** 2, (2 * 3) ** 2, 5 - -3, +-+1)
print('a' + 'b' * 2, ('a' + 'b') * 2, [1] * 2 + [3])
x = 5
print(x if x > 3 else 0 + 100, (x if x > 3 else 0) + 100)
print((lambda: 0 if False else 1)())
