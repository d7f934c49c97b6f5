#!/usr/bin/env python3
"""Run the upy interpreter benchmark suite.

Runs every benchmark program in bench/ under CPython (the reference) and
under upy-sim, checks that both print exactly the same output, and prints
a table of best-of-N wall times, the upy/CPython ratio and upy's peak heap,
followed by the geometric mean of the ratios.

    python3 bench/run.py [--upy PATH] [--heap 16M] [--repeat 3]
                         [--filter NAME] [--markdown] [--timeout SECONDS]

Exit status: 0 when every benchmark ran and matched, 1 when any benchmark
mismatched, failed or timed out, 2 on a usage problem (e.g. no upy-sim).
Progress messages go to stderr, the table to stdout.
"""

import argparse
import math
import os
import re
import signal
import subprocess
import sys
import time

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(BENCH_DIR)
DEFAULT_UPY = os.path.join(REPO_ROOT, "target", "release", "upy-sim")
BUILD_HINT = "cargo build --release -p upy-port-sim"
NOT_BENCHMARKS = {"run.py"}
STATS_RE = re.compile(r"upy-stats:.*?\bpeak_heap=(\d+)")
STDERR_TAIL_LINES = 8

STATUS_OK = "ok"
STATUS_MISMATCH = "MISMATCH"
STATUS_FAIL = "FAIL"
STATUS_TIMEOUT = "TIMEOUT"
STATUS_REF_FAIL = "REF-FAIL"   # the CPython reference run itself failed


class RunResult:
    def __init__(self, ok, seconds=None, stdout="", stderr="", returncode=None,
                 timed_out=False):
        self.ok = ok
        self.seconds = seconds
        self.stdout = stdout
        self.stderr = stderr
        self.returncode = returncode
        self.timed_out = timed_out


class BenchResult:
    def __init__(self, name):
        self.name = name
        self.status = STATUS_OK
        self.cpython_s = None
        self.upy_s = None
        self.peak_heap = None
        self.detail = ""

    @property
    def ratio(self):
        if self.status != STATUS_OK or not self.cpython_s or self.upy_s is None:
            return None
        return self.upy_s / self.cpython_s


def discover(filters):
    names = []
    for fn in sorted(os.listdir(BENCH_DIR)):
        if not fn.endswith(".py") or fn in NOT_BENCHMARKS or fn.startswith("_"):
            continue
        name = fn[:-3]
        if filters and not any(f.lower() in name.lower() for f in filters):
            continue
        names.append(name)
    return names


class LaunchError(Exception):
    """The interpreter binary could not be started at all."""


def run_once(cmd, timeout):
    start = time.perf_counter()
    try:
        # A new session lets a timeout kill the whole process group, so no
        # helper process can keep the output pipes open.
        proc = subprocess.Popen(cmd, cwd=REPO_ROOT, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True)
    except OSError as e:
        raise LaunchError("cannot run {}: {}".format(cmd[0], e))
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        out, err = proc.communicate()
        return RunResult(False, timed_out=True, stdout=_decode(out), stderr=_decode(err))
    except BaseException:
        _kill_group(proc)
        proc.wait()
        raise
    elapsed = time.perf_counter() - start
    return RunResult(proc.returncode == 0, seconds=elapsed,
                     stdout=_decode(out), stderr=_decode(err),
                     returncode=proc.returncode)


def _kill_group(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (OSError, AttributeError):
        proc.kill()


def _decode(data):
    if data is None:
        return ""
    if isinstance(data, str):
        return data
    return data.decode("utf-8", errors="replace")


def run_best(cmd, repeat, timeout):
    """Run `cmd` `repeat` times; return (best RunResult, list of all results).

    Stops at the first failing run, which is then returned as the result."""
    runs = []
    best = None
    for _ in range(repeat):
        r = run_once(cmd, timeout)
        runs.append(r)
        if not r.ok:
            return r, runs
        if best is None or r.seconds < best.seconds:
            best = r
    return best, runs


def split_stats(stderr):
    """Return (stderr without upy-stats lines, peak_heap bytes or None)."""
    peak = None
    kept = []
    for line in stderr.splitlines():
        m = STATS_RE.search(line)
        if m:
            peak = int(m.group(1))
        elif line.strip():
            kept.append(line)
    return "\n".join(kept), peak


def describe_exit(code):
    if code is not None and code < 0:
        try:
            return "was killed by signal {} ({})".format(-code, signal.Signals(-code).name)
        except ValueError:
            return "was killed by signal {}".format(-code)
    return "exited with status {}".format(code)


def tail(text, n=STDERR_TAIL_LINES):
    lines = [l for l in text.splitlines() if l.strip()]
    return "\n".join(lines[-n:])


def first_difference(expected, got):
    exp_lines = expected.splitlines()
    got_lines = got.splitlines()
    for i in range(max(len(exp_lines), len(got_lines))):
        e = exp_lines[i] if i < len(exp_lines) else "<missing>"
        g = got_lines[i] if i < len(got_lines) else "<missing>"
        if e != g:
            return "line {}: expected {!r}, got {!r}".format(i + 1, e[:200], g[:200])
    if expected != got:
        return "outputs differ in whitespace/line endings"
    return ""


def bench_one(name, args, log):
    res = BenchResult(name)
    path = os.path.join(BENCH_DIR, name + ".py")

    log("[{}] CPython x{} ...".format(name, args.repeat))
    ref, _ = run_best([args.python, path], args.repeat, args.timeout)
    if not ref.ok:
        res.status = STATUS_REF_FAIL
        if ref.timed_out:
            res.detail = "CPython run timed out after {}s".format(args.timeout)
        else:
            res.detail = "CPython {}:\n{}".format(describe_exit(ref.returncode), tail(ref.stderr))
        return res
    res.cpython_s = ref.seconds

    log("[{}] upy-sim x{} ...".format(name, args.repeat))
    cmd = [args.upy, "--heap", args.heap, "--stats", path]
    best, runs = run_best(cmd, args.repeat, args.timeout)
    peaks = [split_stats(r.stderr)[1] for r in runs]
    peaks = [p for p in peaks if p is not None]
    res.peak_heap = max(peaks) if peaks else None
    if not best.ok:
        if best.timed_out:
            res.status = STATUS_TIMEOUT
            res.detail = "upy-sim run timed out after {}s".format(args.timeout)
        else:
            res.status = STATUS_FAIL
            err, _ = split_stats(best.stderr)
            res.detail = "upy-sim {}:\n{}".format(
                describe_exit(best.returncode), tail(err) or "(no stderr)")
        return res
    res.upy_s = best.seconds

    # Every upy run must print exactly what CPython printed.
    for r in runs:
        if r.stdout != ref.stdout:
            res.status = STATUS_MISMATCH
            res.detail = first_difference(ref.stdout, r.stdout)
            break
    return res


def geomean(values):
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


def fmt_s(v):
    return "-" if v is None else "{:.3f}".format(v)


def fmt_ratio(r):
    return "-" if r is None else "{:.2f}".format(r)


def fmt_heap(res):
    if res.upy_s is None and res.peak_heap is None:
        return "-"
    if res.peak_heap is None:
        return "?"
    return "{:.0f}".format(res.peak_heap / 1024.0)


def table_rows(results):
    header = ["benchmark", "CPython (s)", "upy (s)", "upy/CPython", "peak heap (KiB)", "status"]
    rows = []
    for r in results:
        rows.append([r.name, fmt_s(r.cpython_s), fmt_s(r.upy_s), fmt_ratio(r.ratio),
                     fmt_heap(r), r.status])
    return header, rows


def print_text(results, gm, args):
    header, rows = table_rows(results)
    widths = [max(len(str(x[i])) for x in [header] + rows) for i in range(len(header))]

    def line(cells):
        out = []
        for i, c in enumerate(cells):
            c = str(c)
            out.append(c.ljust(widths[i]) if i in (0, 5) else c.rjust(widths[i]))
        return "  ".join(out).rstrip()

    print(line(header))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))
    print()
    print(summary_line(results, gm))
    print(settings_line(args))
    details = [r for r in results if r.status != STATUS_OK]
    if details:
        print()
        for r in details:
            print("{} {}: {}".format(r.status, r.name, r.detail.replace("\n", "\n    ")))


def print_markdown(results, gm, args):
    header, rows = table_rows(results)
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join([" --- "] + [" ---: "] * 4 + [" --- "]) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    print(summary_line(results, gm, markdown=True))
    print()
    print(settings_line(args, markdown=True))
    details = [r for r in results if r.status != STATUS_OK]
    if details:
        print()
        for r in details:
            first = r.detail.splitlines()[0] if r.detail else ""
            print("- {} `{}`: {}".format(r.status, r.name, first))


def summary_line(results, gm, markdown=False):
    ok = [r for r in results if r.ratio is not None]
    if gm is None:
        text = "geometric mean upy/CPython: n/a (no benchmark ran correctly)"
    else:
        text = "geometric mean upy/CPython: {:.2f} over {} of {} benchmarks (lower is better)".format(
            gm, len(ok), len(results))
    return "**" + text.replace(": ", ":** ", 1) if markdown else text


def settings_line(args, markdown=False):
    ver = sys.version.split()[0] if args.python == sys.executable else args.python
    text = "best of {} wall-clock runs; upy-sim --heap {}; CPython {}".format(
        args.repeat, args.heap, ver)
    return "_" + text + "_" if markdown else text


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Run the upy benchmark suite against CPython.")
    p.add_argument("--upy", default=DEFAULT_UPY,
                   help="path to the upy-sim binary (default: %(default)s)")
    p.add_argument("--heap", default="16M",
                   help="heap size passed to upy-sim --heap (default: %(default)s)")
    p.add_argument("--repeat", type=int, default=3,
                   help="runs per interpreter; the best wall time is kept (default: %(default)s)")
    p.add_argument("--filter", action="append", default=[], metavar="NAME",
                   help="only run benchmarks whose name contains NAME "
                        "(repeatable, or comma-separated)")
    p.add_argument("--markdown", action="store_true",
                   help="print the results as a Markdown table")
    p.add_argument("--timeout", type=float, default=120.0,
                   help="timeout in seconds for a single run (default: %(default)s)")
    p.add_argument("--python", default=sys.executable,
                   help="reference CPython interpreter (default: this one, %(default)s)")
    p.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args = p.parse_args(argv)
    if args.repeat < 1:
        p.error("--repeat must be at least 1")
    if args.timeout <= 0:
        p.error("--timeout must be positive")
    if not args.heap[:1].isdigit():
        p.error("--heap must be a size such as 16M or 512K, got {!r}".format(args.heap))
    filters = []
    for f in args.filter:
        filters.extend(x.strip() for x in f.split(",") if x.strip())
    args.filter = filters
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    names = discover(args.filter)
    if args.list:
        for n in names:
            print(n)
        return 0
    if not names:
        print("run.py: no benchmark matches --filter {}".format(",".join(args.filter)),
              file=sys.stderr)
        return 2

    upy = os.path.abspath(args.upy)
    if not os.path.isfile(upy):
        print("run.py: upy-sim binary not found at {}".format(upy), file=sys.stderr)
        print("run.py: build it first with:  {}   (or pass --upy PATH)".format(BUILD_HINT),
              file=sys.stderr)
        return 2
    if not os.access(upy, os.X_OK):
        print("run.py: {} is not executable".format(upy), file=sys.stderr)
        return 2
    args.upy = upy

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    results = []
    try:
        for name in names:
            results.append(bench_one(name, args, log))
    except LaunchError as e:
        print("run.py: {}".format(e), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("run.py: interrupted", file=sys.stderr)
        return 130

    gm = geomean([r.ratio for r in results if r.ratio is not None])
    if args.markdown:
        print_markdown(results, gm, args)
    else:
        print_text(results, gm, args)
    return 0 if all(r.status == STATUS_OK for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
