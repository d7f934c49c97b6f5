# helper deep module using parent-relative imports
from .. import sub
from ..sub import sub_func
from . import NESTED
print('executing _pkg.nested.deep, __name__ =', __name__)
def report():
    return (sub.__name__, sub_func('deep'), NESTED, __name__)
