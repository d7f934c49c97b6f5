# math.isclose with relative and absolute tolerances
import math
print(math.isclose(0.1 + 0.2, 0.3), math.isclose(1.0, 1.0001), math.isclose(1.0, 1.0001, rel_tol=1e-3))
print(math.isclose(0.0, 1e-10), math.isclose(0.0, 1e-10, abs_tol=1e-9), math.isclose(5, 5))
print(math.isclose(math.inf, math.inf), math.isclose(math.nan, math.nan), math.isclose(-1e-300, 1e-300, abs_tol=1e-299))
print(math.isclose(100, 101, rel_tol=0.01), math.isclose(100, 102, rel_tol=0.01))
