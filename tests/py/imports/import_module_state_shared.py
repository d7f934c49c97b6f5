# module attributes are shared between all importers
import _mod_a
import _mod_b
print(_mod_b.read_a_value(), _mod_b.double_func(1))
_mod_a.VALUE = 100
print(_mod_b.read_a_value(), _mod_b.double_func(1), _mod_a.func(1))
print(_mod_b._mod_a is _mod_a)
_mod_a.new_attr = 'added from outside'
print(_mod_b._mod_a.new_attr)
