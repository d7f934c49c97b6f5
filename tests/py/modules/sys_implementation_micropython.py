# .exp: upy reports itself as MicroPython through sys.implementation.name
import sys
print(sys.implementation.name == 'micropython')
print(sys.version_info[0] == 3)
