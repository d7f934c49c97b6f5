# print() to an explicit file: sys.stdout is shown, sys.stderr is not
import sys
print('to stdout', file=sys.stdout)
print('to stderr (not compared)', file=sys.stderr)
print('a', 'b', sep='+', end='=\n', file=sys.stdout)
sys.stdout.write('written directly\n')
print('done')
