# addition, subtraction, multiplication crossing the small/big boundary
a = 2 ** 62
b = 2 ** 62
print(a + b, a + b - b == a)
print(a * 4, a * a)
m = 2 ** 31 - 1
print(m * m, m * m * m)
big = 123456789012345678901234567890
print(big + 1, big - 1, big * big)
print(big - big, (big - big) == 0, type(big - big).__name__)
print(-big, abs(-big), -(-big) == big)
print(big * -1, big * 0)
n = 9223372036854775807
print(n + 1, n + 1 - 1 == n, -n - 1, -n - 2)
print(4611686018427387904 + 4611686018427387904)
print(1073741823 + 1, 1073741824 * 2, -1073741824 - 1)
s = 0
for i in range(20):
    s += 10 ** i
print(s)
print(sum([2 ** 100, 2 ** 100, -2 ** 101]))
