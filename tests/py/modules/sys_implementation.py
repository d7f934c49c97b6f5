# sys.implementation, sys.version and sys.version_info shapes
import sys
impl = sys.implementation
print(isinstance(impl.name, str), len(impl.name) > 0, impl.name == impl.name.lower())
print(isinstance(impl.version, tuple), len(impl.version) >= 3, all(isinstance(v, int) for v in impl.version[:3]))
print(isinstance(sys.version, str), len(sys.version) > 0)
vi = sys.version_info
print(vi[0], len(vi) >= 3, isinstance(vi[1], int), tuple(vi[:2]) >= (3, 4))
