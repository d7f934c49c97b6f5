# factorial for small and big results
import math
print([math.factorial(n) for n in range(11)])
print(math.factorial(20), math.factorial(25), math.factorial(30))
print(len(str(math.factorial(100))), math.factorial(52) % 1000003)
try:
    math.factorial(-1)
except ValueError:
    print('ValueError for negative')
