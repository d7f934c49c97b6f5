# true division of ints gives correctly rounded floats
print(7 / 2, -7 / 2, 1 / 3, 2 / 3, 10 / 5, 0 / 5)
print(2 ** 100 / 2 ** 99, (2 ** 64) / 2, 1 / 2 ** 10)
print(10 ** 20 / 10 ** 10, 123456789 / 1000)
print(type(4 / 2).__name__, 4 / 2 == 2)
try:
    5 / 0
except ZeroDivisionError as e:
    print(type(e).__name__)
