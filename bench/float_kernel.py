"""Float kernels benchmark for upy.

Three small numeric kernels that only use + - * / on floats (so results
are bit-identical on any IEEE-754 implementation):
  * mandelbrot: escape-time iteration counts over a grid,
  * matmul: dense matrix product of LCG-filled matrices (lists of lists),
  * simpson: composite Simpson integration of 4/(1+x^2) over [0,1] (= pi)
    through a closure-built integrand.

Usage: float_kernel.py [SCALE]    (default 80; work grows linearly)
"""

import sys


def mandelbrot(width, height, max_iter):
    total = 0
    inside = 0
    for py in range(height):
        ci = -1.2 + 2.4 * py / height
        for px in range(width):
            cr = -2.1 + 2.8 * px / width
            zr = 0.0
            zi = 0.0
            n = 0
            while n < max_iter:
                zr2 = zr * zr
                zi2 = zi * zi
                if zr2 + zi2 > 4.0:
                    break
                zi = 2.0 * zr * zi + ci
                zr = zr2 - zi2 + cr
                n += 1
            if n == max_iter:
                inside += 1
            total += n
    return total, inside


class Lcg:
    """Tiny LCG whose intermediate products stay below 2**30."""

    def __init__(self, seed):
        self.state = seed & 0x7FFFF

    def next_float(self):
        self.state = (self.state * 1101 + 12345) & 0x7FFFF
        # Map to [-1, 1) using the high bits.
        return (self.state >> 3) / 32768.0 - 1.0


def make_matrix(n, rng):
    return [[rng.next_float() for _ in range(n)] for _ in range(n)]


def matmul(a, b):
    n = len(a)
    m = len(b[0])
    inner = len(b)
    bt = [[b[k][j] for k in range(inner)] for j in range(m)]
    out = []
    for i in range(n):
        row = a[i]
        res = [0.0] * m
        for j in range(m):
            col = bt[j]
            s = 0.0
            for k in range(inner):
                s += row[k] * col[k]
            res[j] = s
        out.append(res)
    return out


def simpson(f, a, b, steps):
    h = (b - a) / steps
    s = f(a) + f(b)
    for i in range(1, steps):
        x = a + i * h
        if i & 1:
            s += 4.0 * f(x)
        else:
            s += 2.0 * f(x)
    return s * h / 3.0


def make_integrand(scale):
    def f(x):
        return scale / (1.0 + x * x)
    return f


def main():
    argv = getattr(sys, "argv", [])
    scale = int(argv[1]) if len(argv) > 1 else 80

    m_total = 0
    m_inside = 0
    for r in range(scale):
        t, i = mandelbrot(56 + (r % 16), 48, 64)
        m_total += t
        m_inside += i

    rng = Lcg(2024)
    a = make_matrix(40, rng)
    b = make_matrix(40, rng)
    trace = 0.0
    for r in range(scale):
        c = matmul(a, b)
        for i in range(len(c)):
            trace += c[i][i]
        # Perturb one element so every round computes a different product.
        k = (r * 7) % len(a)
        a[k][(r * 3) % len(a)] += 0.5

    pi_est = simpson(make_integrand(4.0), 0.0, 1.0, 20000 * scale)

    print("float_kernel scale={} mandel_iters={} mandel_inside={} trace={:.6f} pi={:.9f}".format(
        scale, m_total, m_inside, trace, pi_est))


main()
