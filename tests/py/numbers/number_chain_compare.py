# chained comparisons mixing numeric types
print(0 < 1.5 < 2 < 2 ** 100 < float('inf'))
print(1 == 1.0 == 1 + 0j)
print(-1 < 0 > -2, 1 < 2 > 3, 5 >= 5 >= 4 > 3)
x = 2.5
print(2 <= x < 3, 3 <= x < 4, not 0 < x < 2)
n = 0
def f():
    global n
    n += 1
    return 5
print(1 < f() < 10, n)
print(10 < f() < 20, n)
