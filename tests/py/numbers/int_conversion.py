# int() conversions from other types
print(int(3.9), int(-3.9), int(0.5), int(-0.5), int(1e20))
print(int(True), int(False), int('  -17 '), int('0'))
print(int(2.0 ** 70), int(-1e25) == -10 ** 25)
print(int(), int(7), int(-2 ** 100) == -2 ** 100)
class N:
    def __int__(self):
        return 42
print(int(N()))
print(int('1000000000000000000000000000000') // 10 ** 29)
print(int(b'12'.decode()))
