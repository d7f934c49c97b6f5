# helper submodule
print('executing _pkg.sub, __name__ =', __name__)
SUB_VALUE = 'sub value'
def sub_func(x):
    return 'sub_func(%r)' % (x,)
