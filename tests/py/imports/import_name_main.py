# __name__ is '__main__' only for the script, not for imported modules
import _mod_guard
print(_mod_guard.NAME, _mod_guard.__name__, _mod_guard.main())
print(__name__)
if __name__ == '__main__':
    print('script guard ran')
