# from module import names, including aliases
from _mod_a import VALUE, func as multiply, Thing
from _mod_a import items
print(VALUE, multiply(3), Thing(1), items)
items.append(4)
import _mod_a
print(_mod_a.items, _mod_a.items is items)
VALUE = 'rebound locally'
print(VALUE, _mod_a.VALUE, _mod_a.get_value())
print('func' in globals(), 'multiply' in globals())
