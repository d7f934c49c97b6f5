# helper module that itself imports _mod_a
import _mod_a
from _mod_a import func
print('executing _mod_b')
def read_a_value():
    return _mod_a.VALUE
def double_func(x):
    return func(x) * 2
