# sys.path is a mutable list of strings used for imports
import sys
print(isinstance(sys.path, list), all(isinstance(p, str) for p in sys.path))
n = len(sys.path)
sys.path.insert(0, '/nonexistent/upy/test/dir')
sys.path.append('/another/missing/dir')
import _mod_star
print(len(sys.path) - n, _mod_star.public_a)
sys.path.pop(0)
sys.path.pop()
print(len(sys.path) == n)
try:
    import _still_missing_module
except ImportError:
    print('ImportError')
