# invalid arguments raise ValueError
import math
cases = [
    ('sqrt(-1)', lambda: math.sqrt(-1)),
    ('log(0)', lambda: math.log(0)),
    ('log(-1)', lambda: math.log(-1)),
    ('log10(0)', lambda: math.log10(0)),
    ('log2(-2)', lambda: math.log2(-2)),
    ('acos(2)', lambda: math.acos(2)),
    ('asin(-1.5)', lambda: math.asin(-1.5)),
    ('acosh(0.5)', lambda: math.acosh(0.5)),
    ('atanh(1)', lambda: math.atanh(1)),
]
for name, f in cases:
    try:
        f()
        print(name, 'no error')
    except ValueError:
        print(name, 'ValueError')
try:
    math.sqrt('4')
except TypeError:
    print('TypeError for str argument')
