# .exp: micropython.schedule is MicroPython-only; the callback runs soon after scheduling
import micropython
ran = []
def cb(arg):
    ran.append(arg * 2)
micropython.schedule(cb, 21)
for i in range(10000):
    if ran:
        break
print('callback ran:', ran)
micropython.schedule(lambda a: ran.append(a), 'second')
for i in range(10000):
    if len(ran) > 1:
        break
print(ran)
