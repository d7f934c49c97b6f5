# import a module from the script directory and use its attributes
import _mod_a
print(_mod_a.__name__, _mod_a.VALUE, _mod_a.items, _mod_a.func(2), _mod_a.Thing(5))
print(type(_mod_a).__name__, _mod_a._private)
print(hasattr(_mod_a, 'func'), hasattr(_mod_a, 'nope'))
try:
    _mod_a.nope
except AttributeError as e:
    print(type(e).__name__)
print(__name__)
