# importing a submodule first executes the package __init__
import _pkg.nested.deep
import sys
print(sorted(k for k in sys.modules if k.startswith('_pkg')))
import _pkg.nested.deep
print('second import printed nothing')
