# unbounded recursion raises RecursionError (a RuntimeError)
def forever(n):
    return forever(n + 1) + 1
try:
    forever(0)
except RuntimeError:
    print('caught runaway recursion')
def ok(n):
    return 0 if n == 0 else 1 + ok(n - 1)
print(ok(30))
class Loop:
    def __getattr__(self, name):
        return self.missing_too
try:
    Loop().anything
except RuntimeError:
    print('caught recursion in __getattr__')
print('still running')
