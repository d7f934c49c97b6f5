"""Spectral-norm benchmark for upy.

Approximates the spectral norm of the infinite matrix
A[i][j] = 1 / ((i+j)(i+j+1)/2 + i + 1) by power iteration on A^T A.
Dominated by small float function calls (one call per matrix element),
list comprehensions and float accumulation.

Usage: spectral_norm.py [N]    (default 400; cost grows as N*N)
"""

import sys
import math


def a_elem(i, j):
    ij = i + j
    return 1.0 / ((ij * (ij + 1) >> 1) + i + 1)


def mul_av(v, out):
    n = len(v)
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += a_elem(i, j) * v[j]
        out[i] = s


def mul_atv(v, out):
    n = len(v)
    for i in range(n):
        s = 0.0
        for j in range(n):
            s += a_elem(j, i) * v[j]
        out[i] = s


def mul_atav(v, out, tmp):
    mul_av(v, tmp)
    mul_atv(tmp, out)


def dot(a, b):
    return sum([x * y for x, y in zip(a, b)])


def spectral_norm(n):
    u = [1.0] * n
    v = [0.0] * n
    tmp = [0.0] * n
    for _ in range(10):
        mul_atav(u, v, tmp)
        mul_atav(v, u, tmp)
    vbv = dot(u, v)
    vv = dot(v, v)
    return math.sqrt(vbv / vv)


def main():
    argv = getattr(sys, "argv", [])
    n = int(argv[1]) if len(argv) > 1 else 400
    print("spectral_norm n={} norm={:.9f}".format(n, spectral_norm(n)))


main()
