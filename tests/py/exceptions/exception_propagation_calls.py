# exceptions propagate up through function calls and methods
class Parser:
    def parse(self, s):
        return [self.item(x) for x in s.split(',')]
    def item(self, x):
        x = x.strip()
        if not x:
            raise ValueError('empty item')
        return int(x)
p = Parser()
for src in ('1, 2, 3', '4,,5', '6, x'):
    try:
        print(p.parse(src))
    except ValueError as e:
        print('failed', repr(src), type(e).__name__)
def level(n):
    if n == 0:
        raise LookupError('deep %d' % n)
    return level(n - 1)
try:
    level(20)
except LookupError as e:
    print(e)
