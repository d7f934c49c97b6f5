# helper package
print('executing _pkg/__init__, __name__ =', __name__)
PKG_ATTR = 'package attribute'
def pkg_func():
    return 'from package __init__'
