#!/usr/bin/env python3
"""Transfer benchmark: `upy` against mpremote on the same simulated board.

Starts one `upy-sim --pty` virtual board per tool (same heap, fresh flash image each), puts a
byte-counting relay between the tool and the board, and runs the same jobs with both tools:

* cp of a 1 MiB binary file to the device, then back to the host;
* a 200-file project (nested directories, a few hundred KiB of Python-looking text) copied to
  the device, first run and no-change run (`upy sync` vs `mpremote cp -r`, which skips files
  whose sha256 matches);
* exec round-trip latency: one whole `exec "pass"` command, process start to exit, as a user
  types it.

For every job it prints the best-of-N wall time of each tool, the mpremote/upy ratio (how many
times faster upy is) and the wire bytes (both directions, counted by the relay) per payload byte.
Every result is checked: files read back must equal what was written.

    python3 bench/transfer/run.py [--upy PATH] [--sim PATH] [--mpremote CMD]
                                  [--repeat 3] [--markdown]

The relay adds the same small per-byte cost to both tools. Progress goes to stderr, the table to
stdout. Exit status 0 when every job ran and verified, 1 otherwise, 2 on a usage problem.
"""

import argparse
import hashlib
import os
import random
import select
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tty

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
RELEASE = os.path.join(REPO_ROOT, "target", "release")
BUILD_HINT = "cargo build --release -p upy-cli -p upy-port-sim"

BIG_SIZE = 1024 * 1024
PROJECT_FILES = 200
REMOVE_BIG = "import os\ntry:\n os.remove('/big.bin')\nexcept OSError:\n pass"
ENSURE_PROJ = "import os\ntry:\n os.stat('/proj')\nexcept OSError:\n os.mkdir('/proj')"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


class Relay:
    """A pty that clients connect to, copying bytes to and from the board's pty and counting them."""

    def __init__(self, board_path):
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        self.path = os.ttyname(self.slave)
        self.board = os.open(board_path, os.O_RDWR | os.O_NOCTTY)
        tty.setraw(self.board)
        self.to_board = 0
        self.from_board = 0
        self.lock = threading.Lock()
        self.stop_r, self.stop_w = os.pipe()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        fds = [self.master, self.board, self.stop_r]
        while True:
            ready, _, _ = select.select(fds, [], [])
            if self.stop_r in ready:
                return
            for fd in ready:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    continue
                if not data:
                    continue
                if fd == self.master:
                    os.write(self.board, data)
                    with self.lock:
                        self.to_board += len(data)
                else:
                    # A client that has gone away leaves the output in the pty buffer; drop it
                    # when the buffer is full rather than blocking the relay.
                    try:
                        os.write(self.master, data)
                    except BlockingIOError:
                        pass
                    with self.lock:
                        self.from_board += len(data)

    def total(self):
        with self.lock:
            return self.to_board + self.from_board

    def close(self):
        os.write(self.stop_w, b"x")
        self.thread.join(timeout=5)
        for fd in (self.master, self.slave, self.board, self.stop_r, self.stop_w):
            os.close(fd)


class Board:
    """One `upy-sim --pty` process on its own flash image, behind a relay."""

    def __init__(self, sim, workdir, name):
        self.flash = os.path.join(workdir, f"{name}-flash.img")
        self.proc = subprocess.Popen(
            [sim, "--pty", "--flash", self.flash],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        line = self.proc.stdout.readline().strip()
        if not line.startswith("/dev/"):
            err = self.proc.stderr.read() if self.proc.poll() is not None else ""
            raise SystemExit(f"upy-sim --pty did not print its device path (got {line!r}) {err}")
        self.relay = Relay(line)

    @property
    def path(self):
        return self.relay.path

    def close(self):
        self.relay.close()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Tool:
    def __init__(self, name, argv_for):
        self.name = name
        self.argv_for = argv_for

    def run(self, board, args, cwd):
        argv = self.argv_for(board.path) + args
        start_bytes = board.relay.total()
        t0 = time.perf_counter()
        p = subprocess.run(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
        dt = time.perf_counter() - t0
        # Let the relay forward the last bytes before reading the counter.
        time.sleep(0.05)
        wire = board.relay.total() - start_bytes
        if p.returncode != 0:
            raise RuntimeError(
                f"{self.name}: `{shlex.join(argv)}` failed with exit code {p.returncode}:\n"
                + p.stdout.decode(errors="replace")[-2000:]
                + p.stderr.decode(errors="replace")[-2000:]
            )
        return dt, wire, p.stdout


def make_project(root):
    """200 files of Python-looking text in nested packages, deterministic."""
    rng = random.Random(200)
    words = ["value", "pin", "sensor", "read", "write", "buffer", "self", "return", "import", "machine",
             "time", "sleep_ms", "led", "toggle", "def", "class", "for", "in", "range", "if", "else"]
    total = 0
    for i in range(PROJECT_FILES):
        pkg = os.path.join(root, f"pkg{i % 8}", f"sub{i % 3}") if i % 5 else root
        os.makedirs(pkg, exist_ok=True)
        lines = []
        for _ in range(rng.randint(5, 120)):
            lines.append("    " * rng.randint(0, 2) + " ".join(rng.choice(words) for _ in range(rng.randint(2, 9))))
        data = ("\n".join(lines) + "\n").encode()
        with open(os.path.join(pkg, f"mod{i}.py"), "wb") as f:
            f.write(data)
        total += len(data)
    return total


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def best(tool, board, args, cwd, repeat, before=None, check=None):
    """Best-of-`repeat` time and the wire bytes of that run; `before` runs untimed before each."""
    runs = []
    for _ in range(repeat):
        if before:
            before()
        dt, wire, out = tool.run(board, args, cwd)
        if check:
            check(out)
        runs.append((dt, wire))
    return min(runs)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--upy", default=os.path.join(RELEASE, "upy"))
    ap.add_argument("--sim", default=os.path.join(RELEASE, "upy-sim"))
    ap.add_argument("--mpremote", default="mpremote", help="command that runs mpremote")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--markdown", action="store_true")
    a = ap.parse_args()

    for path in (a.upy, a.sim):
        if not os.access(path, os.X_OK):
            log(f"error: {path} not found; build it with `{BUILD_HINT}`")
            return 2
    mp = shlex.split(a.mpremote)
    if shutil.which(mp[0]) is None:
        log(f"error: {mp[0]} not found; install it with `pip install mpremote==1.29.0`")
        return 2

    upy = Tool("upy", lambda port: [a.upy, "-d", port])
    mpremote = Tool("mpremote", lambda port: mp + ["connect", port])

    work = tempfile.mkdtemp(prefix="upy-transfer-bench-")
    results = {}  # job -> tool -> (seconds, wire bytes)
    payload = {}
    failed = False
    try:
        big = os.path.join(work, "big.bin")
        with open(big, "wb") as f:
            f.write(random.Random(1).randbytes(BIG_SIZE))
        big_sha = sha(big)
        proj = os.path.join(work, "proj")
        proj_bytes = make_project(proj)
        payload.update({"cp 1 MiB to device": BIG_SIZE, "cp 1 MiB from device": BIG_SIZE,
                        "sync 200 files (first)": proj_bytes, "sync 200 files (no change)": None,
                        "exec round trip": None})

        for tool in (upy, mpremote):
            log(f"== {tool.name}")
            board = Board(a.sim, work, tool.name)
            try:
                if tool is upy:
                    put = ["cp", big, ":/big.bin"]
                    get = ["cp", ":/big.bin", os.path.join(work, "back.bin")]
                    rm_big = ["rm", "/big.bin"]
                    sync = ["sync", proj, ":/proj"]
                    rm_proj = ["rm", "-r", "/proj"]
                    exe = ["exec", "pass"]
                else:
                    put = ["cp", big, ":/big.bin"]
                    get = ["cp", ":/big.bin", os.path.join(work, "back.bin")]
                    rm_big = ["rm", ":/big.bin"]
                    sync = ["cp", "-r", proj, ":/"]  # / exists, so this makes /proj
                    rm_proj = ["rm", "-r", ":/proj"]
                    exe = ["exec", "pass"]

                def check_back(_out):
                    got = sha(os.path.join(work, "back.bin"))
                    if got != big_sha:
                        raise RuntimeError(f"{tool.name}: the file read back differs from the one written")
                    os.remove(os.path.join(work, "back.bin"))

                r = results.setdefault
                log("   cp 1 MiB to device")
                # mpremote skips a file whose sha256 already matches: start each run without it.
                r("cp 1 MiB to device", {})[tool.name] = best(
                    tool, board, put, work, a.repeat,
                    before=lambda: tool.run(board, ["exec", REMOVE_BIG], work))
                log("   cp 1 MiB from device")
                r("cp 1 MiB from device", {})[tool.name] = best(tool, board, get, work, a.repeat,
                                                                check=check_back)
                tool.run(board, rm_big, work)
                log("   sync 200 files (first run)")
                def fresh_proj():
                    # Each first run starts without /proj on the device.
                    tool.run(board, ["exec", ENSURE_PROJ], work)
                    tool.run(board, rm_proj, work)

                r("sync 200 files (first)", {})[tool.name] = best(
                    tool, board, sync, work, a.repeat, before=fresh_proj)
                log("   sync 200 files (no change)")
                r("sync 200 files (no change)", {})[tool.name] = best(tool, board, sync, work, a.repeat)
                log("   exec round trip")
                r("exec round trip", {})[tool.name] = best(tool, board, exe, work, max(a.repeat, 5))
            except (RuntimeError, subprocess.TimeoutExpired) as e:
                log(f"error: {e}")
                failed = True
            finally:
                board.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    rows = []
    for job, per in results.items():
        u = per.get("upy")
        m = per.get("mpremote")
        ratio = f"{m[0] / u[0]:.1f}x" if u and m else "-"
        def wire(t):
            if not t or not payload.get(job):
                return "-"
            return f"{t[1] / payload[job]:.3f}"
        rows.append((job, f"{u[0]:.3f}" if u else "-", f"{m[0]:.3f}" if m else "-", ratio, wire(u), wire(m)))
    head = ("job", "upy s", "mpremote s", "upy speed-up", "upy wire/payload", "mpremote wire/payload")
    if a.markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
        for row in (head, *rows):
            print("  ".join(str(x).ljust(w) for x, w in zip(row, widths)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
