# sys.argv is a list of strings with the script name first
import sys
print(type(sys.argv).__name__, len(sys.argv) >= 1, all(isinstance(a, str) for a in sys.argv))
print(sys.argv[0].endswith('sys_argv.py'))
