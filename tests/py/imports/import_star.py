# from module import * skips underscore names
from _mod_star import *
print(public_a, public_b, public_func())
print('_hidden' in globals(), 'public_func' in globals())
try:
    _hidden
except NameError as e:
    print(type(e).__name__)
