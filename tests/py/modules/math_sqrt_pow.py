# sqrt and pow (exactly rounded operations)
import math
print(math.sqrt(0.0), math.sqrt(1.0), math.sqrt(2.0), math.sqrt(16), math.sqrt(1e100), math.sqrt(0.25))
print(math.pow(2, 10), math.pow(2.0, -1), math.pow(9, 0.5), math.pow(0, 0), math.pow(1.5, 2))
print(type(math.sqrt(4)).__name__, type(math.pow(2, 2)).__name__)
print(math.sqrt(2) ** 2, math.sqrt(2 ** 100))
print(math.pow(-8, 3), math.pow(2, 0.5) == math.sqrt(2))
