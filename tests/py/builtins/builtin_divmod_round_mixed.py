# divmod and round with floats and mixed arguments
print(divmod(7.5, 2), divmod(-7.5, 2), divmod(7, 2.5), divmod(1, 0.25))
print(round(2.5), round(3.5), round(-0.5), round(10.0), round(7.25, 1), round(-7.35, 1))
print(type(round(2.5)).__name__, type(round(2.5, 0)).__name__, type(round(7)).__name__, type(round(7, 2)).__name__)
print(round(2 ** 70 + 0.0) == 2 ** 70, round(123456, -3), round(-5.5), round(5.5))
try:
    divmod(1.0, 0.0)
except ZeroDivisionError as e:
    print(type(e).__name__)
