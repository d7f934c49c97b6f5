# relative imports inside a package
from _pkg import rel
print(rel.combined())
from _pkg.nested import deep
print(deep.report())
import _pkg
print(_pkg.rel is rel, _pkg.nested.deep is deep)
