"""Generator pipeline benchmark for upy.

Chains many small generator functions and generator expressions: an
infinite LCG source, take/filter/map stages, chunking and flattening with
`yield from`, sub-generators that `return` a value to `yield from`,
recursive `yield from` over a tree, a send()-driven coroutine, and
StopIteration handling around next().  Almost all time is spent resuming
and suspending generator frames.

Usage: generators.py [ROUNDS]    (default 480)
"""

import sys


def lcg(seed):
    # Infinite stream; products stay below 2**30.
    x = seed & 0x7FFFF
    while True:
        x = (x * 1101 + 12345) & 0x7FFFF
        yield x >> 3


def take(n, it):
    for x in it:
        if n <= 0:
            return
        n -= 1
        yield x


def keep_odd(it):
    for x in it:
        if x & 1:
            yield x


def scale(it, k, m):
    for x in it:
        yield (x * k) % m


def chunked(it, size):
    buf = []
    for x in it:
        buf.append(x)
        if len(buf) == size:
            yield buf
            buf = []
    if buf:
        yield buf


def flatten(chunks):
    for c in chunks:
        yield from c


def running_sum(it, mask):
    s = 0
    for x in it:
        s = (s + x) & mask
        yield s


def pairs(it):
    prev = None
    first = True
    for x in it:
        if not first:
            yield prev, x
        prev = x
        first = False


def counted(it):
    # Sub-generator that yields items and returns how many it saw.
    n = 0
    for x in it:
        n += 1
        yield x
    return n


def with_totals(it, out):
    n = yield from counted(it)
    out.append(n)


def tree(depth, label):
    # Nested tuples: (label, left, right) or a leaf int.
    if depth == 0:
        return label
    return (label, tree(depth - 1, label * 2 & 0xFFFF), tree(depth - 1, (label * 2 + 1) & 0xFFFF))


def walk(node):
    if isinstance(node, int):
        yield node
    else:
        yield node[0]
        yield from walk(node[1])
        yield from walk(node[2])


def averager():
    # Coroutine: receives numbers through send(), yields running average*1000 as int.
    total = 0
    count = 0
    avg = 0
    while True:
        x = yield avg
        if x is None:
            break
        total += x
        count += 1
        avg = (total * 1000) // count
    return avg


def one_round(r):
    acc = 0
    # 1. A long linear pipeline with a chunk/flatten round trip.
    src = take(3000, lcg(r + 1))
    stage = scale(keep_odd(src), 7, 65521)
    stage = flatten(chunked(stage, 17))
    totals = []
    stage = with_totals(stage, totals)
    last = 0
    for s in running_sum(stage, 0xFFFFF):
        last = s
    acc += last + totals[0]

    # 2. Generator expressions feeding builtins.
    vals = list(take(1500, lcg(r + 7)))
    acc += sum(x % 97 for x in vals if x % 3 == 0)
    acc += max(a - b for a, b in pairs(iter(vals)))
    acc += len([1 for a, b in pairs(x & 255 for x in vals) if a < b])
    acc += sum(1 for _ in (y for y in (x >> 4 for x in vals) if y & 2))

    # 3. Recursive yield from over a tree (depth 7 -> 255 nodes).
    t = tree(7, r + 1)
    acc += sum(walk(t)) & 0xFFFFF

    # 4. A send()-driven coroutine.
    co = averager()
    next(co)
    for x in take(800, lcg(r + 3)):
        co.send(x & 1023)
    try:
        co.send(None)
    except StopIteration as e:
        acc += e.value if e.value is not None else 0

    # 5. Manual next() with StopIteration.
    it = take(500, keep_odd(lcg(r + 5)))
    n = 0
    while True:
        try:
            x = next(it)
        except StopIteration:
            break
        n += x & 7
    acc += n
    return acc & 0xFFFFFF


def main():
    argv = getattr(sys, "argv", [])
    rounds = int(argv[1]) if len(argv) > 1 else 480
    chk = 0
    for r in range(rounds):
        chk = (chk * 3 + one_round(r)) & 0xFFFFFF
    print("generators rounds={} checksum={}".format(rounds, chk))


main()
