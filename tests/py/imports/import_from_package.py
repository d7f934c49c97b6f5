# from package import submodule / names
from _pkg import sub
from _pkg import PKG_ATTR, pkg_func
from _pkg.sub import sub_func
from _pkg.nested import NESTED
print(sub.__name__, PKG_ATTR, pkg_func(), sub_func([1]), NESTED)
import sys
print('_pkg' in sys.modules, '_pkg.sub' in sys.modules, '_pkg.nested' in sys.modules)
