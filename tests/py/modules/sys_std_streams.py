# sys.stdin / sys.stdout / sys.stderr exist and stdout is writable
import sys
print(hasattr(sys.stdout, 'write'), hasattr(sys.stderr, 'write'), hasattr(sys.stdin, 'read'))
sys.stdout.write('line via sys.stdout.write\n')
sys.stdout.write('part1 ')
sys.stdout.write('part2\n')
sys.stderr.write('stderr is not compared\n')
print('via print', file=sys.stdout)
print(sys.stdout is not sys.stderr)
