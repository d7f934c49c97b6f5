# importing packages and submodules by dotted name
import _pkg
print(_pkg.__name__, _pkg.PKG_ATTR, _pkg.pkg_func())
import _pkg.sub
print(_pkg.sub.SUB_VALUE, _pkg.sub.sub_func('x'))
import _pkg.nested.deep
print(_pkg.nested.NESTED, _pkg.nested.deep.report())
print(hasattr(_pkg, 'sub'), hasattr(_pkg, 'nested'), hasattr(_pkg.nested, 'deep'))
