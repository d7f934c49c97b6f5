# import ... as ... for modules and submodules
import _mod_a as ma
import _pkg.sub as s
import _pkg.nested.deep as d
print(ma.VALUE, ma.__name__)
print(s.SUB_VALUE, s.__name__, s.sub_func(0))
print(d.__name__, d.report())
print('ma' in globals(), '_mod_a' in globals(), '_pkg' in globals())
