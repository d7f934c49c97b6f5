# modules execute once and are cached in sys.modules
import sys
import _mod_counter
import _mod_counter
import _mod_counter as again
print(_mod_counter is again, _mod_counter.bump(), again.bump())
print('_mod_counter' in sys.modules, sys.modules['_mod_counter'] is _mod_counter)
def late_import():
    import _mod_counter
    return _mod_counter.bump()
print(late_import(), _mod_counter.count)
del sys.modules['_mod_counter']
import _mod_counter as fresh
print(fresh is again, fresh.count, again.count)
print(isinstance(sys.modules, dict))
