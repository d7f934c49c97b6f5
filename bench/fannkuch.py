"""fannkuch-redux benchmark for upy.

Enumerates all permutations of 0..N-1 (in the order produced by the
"count vector" rotation scheme), flips each one's prefix until the first
element is 0, and reports the maximum flip count and the alternating
checksum.  Exercises list indexing, list copying, tuple swaps and tight
while-loops over small integers.

Usage: fannkuch.py [ROUNDS [N]]    (defaults 2 and 9; N=10 costs ~11x N=9)
Known results: N=7 -> 228/16, N=8 -> 1616/22, N=9 -> 8629/30, N=10 -> 73196/38.
"""

import sys


def fannkuch(n):
    perm1 = list(range(n))
    count = [0] * n
    max_flips = 0
    checksum = 0
    sign = 1
    r = n
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1

        # Count the flips for the current permutation.
        k = perm1[0]
        if k:
            perm = perm1[:]
            flips = 0
            while k:
                i = 0
                j = k
                while i < j:
                    perm[i], perm[j] = perm[j], perm[i]
                    i += 1
                    j -= 1
                flips += 1
                k = perm[0]
            if flips > max_flips:
                max_flips = flips
            checksum += sign * flips
        sign = -sign

        # Advance to the next permutation by rotating prefixes.
        while True:
            if r == n:
                return checksum, max_flips
            first = perm1[0]
            i = 0
            while i < r:
                perm1[i] = perm1[i + 1]
                i += 1
            perm1[r] = first
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1


def main():
    argv = getattr(sys, "argv", [])
    rounds = int(argv[1]) if len(argv) > 1 else 2
    n = int(argv[2]) if len(argv) > 2 else 9
    total = 0
    checksum = flips = 0
    for _ in range(rounds):
        checksum, flips = fannkuch(n)
        total += checksum
    print("fannkuch rounds={} n={} checksum={} max_flips={} total={}".format(
        rounds, n, checksum, flips, total))


main()
