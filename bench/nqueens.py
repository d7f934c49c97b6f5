"""N-queens backtracking search benchmark for upy.

Counts all solutions of the N-queens puzzle with two independent solvers
and checks that they agree:
  * a recursive solver that tracks attacked columns and diagonals in sets
    (set add/remove/membership on small ints, recursion, tuple building),
  * an iterative bitmask solver with an explicit stack (int bit ops).
The first solution found by the set solver is also recorded.

Usage: nqueens.py [ROUNDS]    (default 68; each round solves N = 4..9)
"""

import sys

KNOWN = {4: 2, 5: 10, 6: 4, 7: 40, 8: 92, 9: 352, 10: 724}


class SetSolver:
    def __init__(self, n):
        self.n = n
        self.cols = set()
        self.diag1 = set()
        self.diag2 = set()
        self.placed = []
        self.count = 0
        self.first = None

    def solve(self, row):
        n = self.n
        if row == n:
            self.count += 1
            if self.first is None:
                self.first = tuple(self.placed)
            return
        cols = self.cols
        d1 = self.diag1
        d2 = self.diag2
        for c in range(n):
            if c in cols or (row - c) in d1 or (row + c) in d2:
                continue
            cols.add(c)
            d1.add(row - c)
            d2.add(row + c)
            self.placed.append(c)
            self.solve(row + 1)
            self.placed.pop()
            cols.remove(c)
            d1.remove(row - c)
            d2.remove(row + c)


def bitmask_count(n):
    full = (1 << n) - 1
    count = 0
    # Stack of (cols, left-diagonals, right-diagonals, available-positions).
    stack = [(0, 0, 0, full)]
    while stack:
        cols, ld, rd, avail = stack.pop()
        while avail:
            bit = avail & -avail
            avail ^= bit
            ncols = cols | bit
            if ncols == full:
                count += 1
                continue
            nld = ((ld | bit) << 1) & full
            nrd = (rd | bit) >> 1
            navail = full & ~(ncols | nld | nrd)
            if navail:
                if avail:
                    stack.append((cols, ld, rd, avail))
                cols, ld, rd, avail = ncols, nld, nrd, navail
    return count


def main():
    argv = getattr(sys, "argv", [])
    rounds = int(argv[1]) if len(argv) > 1 else 68
    total = 0
    firsts = []
    for _ in range(rounds):
        firsts = []
        for n in range(4, 10):
            s = SetSolver(n)
            s.solve(0)
            b = bitmask_count(n)
            if s.count != b or s.count != KNOWN[n]:
                raise RuntimeError("nqueens: n={} set={} bits={}".format(n, s.count, b))
            total += s.count + b
            firsts.append("".join([str(c) for c in s.first]))
    print("nqueens rounds={} total={} first={}".format(rounds, total, ",".join(firsts)))


main()
