# helper submodule using relative imports
from . import sub
from .sub import SUB_VALUE, sub_func as sf
from . import PKG_ATTR
print('executing _pkg.rel')
def combined():
    return [sub.SUB_VALUE, SUB_VALUE, sf(1), PKG_ATTR]
