# three-argument pow
print(pow(2, 10, 1000))
print(pow(3, 200, 1000000007))
print(pow(2, 2 ** 70, 97))
print(pow(12345678901234567890, 98765, 10 ** 9 + 9))
print(pow(5, 0, 7), pow(0, 5, 7), pow(7, 3, 1))
print(pow(-2, 3, 5), pow(2, 3, -5))
print(pow(2 ** 100, 2 ** 10, 2 ** 61 - 1))
print(pow(4, 13, 497))
try:
    pow(2, 3, 0)
except ValueError as e:
    print(type(e).__name__)
try:
    pow(2.0, 3, 5)
except TypeError as e:
    print(type(e).__name__)
