# functions in a module use that module's globals
import _mod_globals
setting = 'script setting'
print(_mod_globals.read_setting(), setting)
_mod_globals.change_setting('changed')
print(_mod_globals.setting, _mod_globals.read_setting(), setting)
from _mod_globals import read_setting, setting as copied
_mod_globals.change_setting('again')
print(read_setting(), copied)
