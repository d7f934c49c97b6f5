# exp, log (with base), log2, log10, expm1
import math
print(math.exp(0), round(math.exp(1), 12), round(math.exp(-2.5), 12), round(math.exp(10), 6))
print(math.log(1), round(math.log(math.e), 12), round(math.log(10), 12), round(math.log(2 ** 0.5), 12))
print(round(math.log(8, 2), 12), round(math.log(100, 10), 12), round(math.log(81, 3), 12))
print(round(math.log2(8), 12), round(math.log2(1024), 12), round(math.log2(10), 12))
print(round(math.log10(1000), 12), round(math.log10(0.01), 12), round(math.log10(2), 12))
print(round(math.expm1(1e-10) * 1e10, 8), round(math.expm1(1.0), 12))
print(round(math.log(2 ** 100), 8), round(math.log(math.exp(3.5)), 12))
