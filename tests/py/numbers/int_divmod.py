# divmod on ints, big ints and mixed signs
print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(-17, -5))
print(divmod(0, 3), divmod(5, 1))
print(divmod(2 ** 100, 3 ** 20))
print(divmod(-(2 ** 100), 3 ** 20))
q, r = divmod(10 ** 25 + 7, 10 ** 12)
print(q, r)
print(divmod(True, 1))
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print(type(e).__name__)
try:
    divmod(2 ** 100, 0)
except ZeroDivisionError as e:
    print(type(e).__name__)
