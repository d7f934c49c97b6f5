# Conditional jumps on ints (the small-int fast path of PopJumpIf*) and on everything else.
vals = [0, 1, -1, 2**30 - 1, -2**30, 2**30, 2**62, -2**62, 0.0, -0.0, 1.5, True, False, None, '', 'a', [], [0], (), {}, 0j]
print([1 if v else 0 for v in vals])
print([1 if not v else 0 for v in vals])
out = []
for v in vals:
    if v:
        out.append('t')
    else:
        out.append('f')
print(''.join(out))
k, n = 5, 0
while k:
    k -= 1
    n += 1
print(n, k)
k = -3
while k:
    k += 1
print(k)
x = 2**40
while x:
    x //= 1024
print(x)
print(0 or 7, 3 and 0, -1 and 9, 0 and 5)
# and/or (JumpIf*OrPop) on None, bools, small ints and other values
for v in vals:
    print(v or 'alt', v and 'then', not v, None or v, v or None)
node = None
count = 0
while node is None or node:
    count += 1
    node = count if count < 3 else 0
print(count, node)
class B:
    def __bool__(self):
        return False
print(B() or 'b-false', type(B() and 'never').__name__, [x for x in (None, 0, 1, B()) if x])
