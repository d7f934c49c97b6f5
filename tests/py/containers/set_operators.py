# set operators and in-place forms
a = {1, 2, 3}
b = {2, 3, 4}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(b - a), sorted(a ^ b))
print(a <= b, a < a, a <= a, {2} < a, a >= {1}, a > {1, 2, 3}, a == {3, 2, 1}, a != b)
c = set(a)
c |= {9}; print(sorted(c))
c &= {1, 9, 10}; print(sorted(c))
c -= {1}; print(sorted(c))
c ^= {9, 11}; print(sorted(c))
try:
    a | [1]
except TypeError as e:
    print(type(e).__name__)
