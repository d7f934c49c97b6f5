# time.time and time.time_ns return current time and do not go backwards
import time
t1 = time.time()
n1 = time.time_ns()
t2 = time.time()
n2 = time.time_ns()
print(isinstance(t1, (int, float)), isinstance(n1, int), t2 >= t1, n2 >= n1)
print(t1 > 1e9, n1 > 10 ** 18, abs(n1 // 10 ** 9 - int(t1)) <= 2)
