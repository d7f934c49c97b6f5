# importing the core built-in modules in different forms
import sys
import math as m
from math import pi, sqrt
from time import time as now
import gc
print(m.floor(pi), sqrt(16.0), callable(now), callable(gc.collect))
print(type(sys).__name__, type(m).__name__)
import math
print(math is m, math.sqrt is sqrt)
