# comparisons between small ints, big ints and floats
big = 2 ** 100
print(1 < 2, 2 <= 2, 3 > 4, 5 >= 5, 6 == 6, 6 != 7)
print(big > 1, -big < 1, big == 2 ** 100, big != big + 1)
print(big > 1e29, big < 1e31, big == float(big))
print(1 == 1.0, 1 < 1.5, -1 > -1.5, 0 == -0.0)
print(10 ** 400 > 1e308, -(10 ** 400) < -1e308)
print(max(3, big, -big), min(3, big, -big))
print(sorted([big, 3, -big, 0, 2 ** 64, -5]))
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1 > 0)
print(True == 1, False == 0, True > False, True < 2)
