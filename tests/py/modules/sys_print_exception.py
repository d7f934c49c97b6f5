# .exp: sys.print_exception is MicroPython-only (CPython uses the traceback module)
import sys
sys.print_exception(ValueError('boom'))
sys.print_exception(RuntimeError('to stdout explicitly'), sys.stdout)
class MyError(Exception):
    pass
sys.print_exception(MyError('custom'))
print('done')
