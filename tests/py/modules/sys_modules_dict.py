# sys.modules maps names to module objects
import sys
print(isinstance(sys.modules, dict))
import math
print(all(isinstance(k, str) for k in sys.modules))
sys.modules['fake_module_name'] = math
import fake_module_name
print(fake_module_name is math, fake_module_name.sqrt(9.0))
del sys.modules['fake_module_name']
print('fake_module_name' in sys.modules)
