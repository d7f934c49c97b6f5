# failing imports raise ImportError (or a subclass)
try:
    import _no_such_module_xyz
except ImportError as e:
    print('ImportError for missing module', isinstance(e, ImportError))
try:
    from _mod_star import does_not_exist
except ImportError as e:
    print('ImportError for missing name')
try:
    import _pkg.no_such_sub
except ImportError:
    print('ImportError for missing submodule')
import _mod_star
print(_mod_star.public_a)
