# helper nested package
print('executing _pkg.nested, __name__ =', __name__)
NESTED = 'nested attr'
