# sys.maxsize, sys.byteorder and sys.platform
import sys
print(isinstance(sys.maxsize, int), sys.maxsize >= 2 ** 31 - 1, sys.maxsize + 1 > sys.maxsize)
print((sys.maxsize + 1) & sys.maxsize == 0, bin(sys.maxsize).count('0') == 1)
print(sys.byteorder in ('little', 'big'))
print(isinstance(sys.platform, str), len(sys.platform) > 0)
print(len(range(sys.maxsize)) == sys.maxsize)
