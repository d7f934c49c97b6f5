# float // % and divmod with signs
for a in (7.5, -7.5, 0.5, -0.5, 10.0):
    for b in (2.0, -2.0, 0.3):
        print(a, b, a // b, a % b, divmod(a, b))
print(5 // 0.5, 5 % 1.5, 5.0 % 5)
try:
    1.0 // 0.0
except ZeroDivisionError as e:
    print(type(e).__name__)
try:
    1.0 % 0
except ZeroDivisionError as e:
    print(type(e).__name__)
