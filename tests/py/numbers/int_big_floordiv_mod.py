# // and % with big operands of both signs
a = 2 ** 200 + 12345
b = 3 ** 50
print(a // b, a % b)
print(-a // b, -a % b)
print(a // -b, a % -b)
print(-a // -b, -a % -b)
print((a // b) * b + a % b == a)
print(a // 7, a % 7, -a % 7)
print(2 ** 100 // 2 ** 50 == 2 ** 50)
print(10 ** 30 % 10 ** 15, 10 ** 30 // 10 ** 15)
print(7 // (2 ** 100), 7 % (2 ** 100), -7 % (2 ** 100))
print((-7) // (2 ** 100))
print(2 ** 64 // -1, 2 ** 64 % -1)
