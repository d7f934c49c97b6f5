# sys.argv is a list of strings with the script name first
import sys
print(type(sys.argv).__name__, len(sys.argv) >= 1, all(isinstance(a, str) for a in sys.argv))
print(sys.argv[0].endswith('sys_argv.py'))
script = sys.argv[0]
print(script.replace('\\', '/').split('/')[-1])
args = sys.argv[1:]
print(type(args).__name__, len(args))
sys.argv.append('--extra')
print(sys.argv[-1], len(sys.argv) >= 2)
sys.argv.pop()
