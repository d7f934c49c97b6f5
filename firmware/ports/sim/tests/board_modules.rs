//! Board modules that CPython does not have in the same form, checked against CPython's
//! own codecs: `deflate.DeflateIO` output must inflate with `zlib` (RAW, ZLIB, GZIP) and
//! `zlib`-made streams must read back through DeflateIO.

mod board;

use std::process::{Command, Stdio};
use std::time::Duration;

fn sim(code: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_upy-sim")).arg("-c").arg(code).stdin(Stdio::null()).output().expect("upy-sim");
    assert!(out.status.success(), "upy-sim failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn python(code: &str) -> Option<String> {
    let out = Command::new("python3").arg("-c").arg(code).output().ok()?;
    assert!(out.status.success(), "python3 failed: {}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

const DATA: &str = "bytes(range(256)) * 3 + b'hello world ' * 40";

#[test]
fn deflate_round_trips_with_zlib() {
    // Board compresses; CPython decompresses.
    let board = sim(&format!(
        "import deflate, io, binascii\ndata = {DATA}\nfor f in (deflate.RAW, deflate.ZLIB, deflate.GZIP):\n    o = io.BytesIO()\n    with deflate.DeflateIO(o, f) as d:\n        d.write(data[:100])\n        d.write(data[100:])\n    print(f, binascii.b2a_base64(o.getvalue(), newline=False).decode())\n"
    ));
    let check = format!(
        "import zlib, binascii, sys\ndata = {DATA}\nwb = {{1: -15, 2: 15, 3: 31}}\nfor line in sys.argv[1].splitlines():\n    f, b = line.split()\n    print(zlib.decompress(binascii.a2b_base64(b), wb[int(f)]) == data)\n"
    );
    let Some(py) = Command::new("python3").arg("-c").arg(&check).arg(&board).output().ok() else {
        eprintln!("python3 not found: skipped");
        return;
    };
    assert_eq!(String::from_utf8_lossy(&py.stdout), "True\nTrue\nTrue\n", "board output: {board}\n{}", String::from_utf8_lossy(&py.stderr));

    // CPython compresses; the board decompresses (explicit formats and AUTO).
    let Some(streams) = python(&format!(
        "import zlib, binascii\ndata = {DATA}\nfor f, wb in ((1, -15), (2, 15), (3, 31)):\n    c = zlib.compressobj(9, zlib.DEFLATED, wb)\n    print(f, binascii.b2a_base64(c.compress(data) + c.flush(), newline=False).decode())\n"
    )) else {
        return;
    };
    let mut code = format!("import deflate, io, binascii\ndata = {DATA}\n");
    for line in streams.lines() {
        let (f, b) = line.split_once(' ').expect("format and data");
        code.push_str(&format!(
            "z = binascii.a2b_base64('{b}')\nprint(deflate.DeflateIO(io.BytesIO(z), {f}).read() == data)\nr = deflate.DeflateIO(io.BytesIO(z), {auto})\nprint(r.read(10) == data[:10], r.read() == data[10:], r.read())\n",
            auto = if f == "1" { "1" } else { "deflate.AUTO" }
        ));
    }
    code.push_str("try:\n    deflate.DeflateIO(io.BytesIO(b'not deflate data'), deflate.ZLIB).read()\nexcept OSError as e:\n    print('OSError', e.errno)\n");
    assert_eq!(sim(&code), "True\nTrue True b''\n".repeat(3) + "OSError 5\n");
}

#[test]
fn select_poll_and_console_buffers() {
    // stdin is /dev/null here: at end of input, which poll(2) reports as readable (POLLIN, as
    // MicroPython's unix port does), and reads give nothing.
    let out = sim(
        "import select, sys\np = select.poll()\np.register(sys.stdout, select.POLLOUT)\nr = p.poll(0)\nprint(len(r), r[0][0] is sys.stdout, r[0][1])\np.register(sys.stdin, select.POLLIN)\np.unregister(sys.stdout)\nprint(p.poll(10))\nprint(sys.stdout.buffer.write(b'raw bytes\\n'))\nb = bytearray(4)\nprint(sys.stdin.buffer.readinto(b), b)\n",
    );
    assert_eq!(out, "1 True 4\n[(<io.TextIOWrapper 0>, 1)]\nraw bytes\n10\n0 bytearray(b'\\x00\\x00\\x00\\x00')\n");
}

#[test]
fn bad_input_raises_never_crashes() {
    // Every call below must raise a Python exception (or return); the process must not
    // panic or abort.
    let dir = std::env::temp_dir().join(format!("upy-badinput-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let image = dir.join("flash.img");
    let code = r#"
import struct, binascii, hashlib, io, os, deflate, select, errno, vfs, sys
class Dev:
    def __init__(self, bs, n):
        self.bs, self.n = bs, n
        self.data = bytearray(512 * 10)
    def readblocks(self, b, buf, off=0):
        a = b * 512 + off
        buf[:] = self.data[a:a + len(buf)] if a >= 0 else bytes(len(buf))
    def writeblocks(self, b, buf, off=0):
        pass
    def ioctl(self, op, arg):
        return {4: self.n, 5: self.bs}.get(op)
class Grow(Dev):
    def readblocks(self, b, buf, off=0):
        buf.append(1)
class Neg(Dev):
    def writeblocks(self, b, buf, off=0):
        return -5
class Min(Dev):
    def writeblocks(self, b, buf, off=0):
        return -2**63
calls = [
    lambda: struct.pack('<' + '9' * 30 + 'q'),
    lambda: struct.pack('zz', 1),
    lambda: struct.pack('<', 1),
    lambda: struct.unpack('<q', b''),
    lambda: struct.unpack_from('<I', b'abc', 10),
    lambda: struct.unpack_from('<I', b'abcd', -100),
    lambda: struct.pack_into('<I', bytearray(2), 0, 1),
    lambda: struct.pack_into('<I', b'immutable', 0, 1),
    lambda: struct.pack('<I', 'x'),
    lambda: struct.pack('<d', 'x'),
    lambda: struct.pack('<5s', 5),
    lambda: struct.calcsize(5),
    lambda: struct.calcsize('1000000000000000000000000q'),
    lambda: binascii.unhexlify('0'),
    lambda: binascii.unhexlify(5),
    lambda: binascii.a2b_base64(b'=' * 7),
    lambda: binascii.a2b_base64(b'ab=c'),
    lambda: binascii.crc32('é'),
    lambda: binascii.b2a_base64(b'x', bogus=1),
    lambda: hashlib.sha256(5),
    lambda: hashlib.sha256().update(None),
    lambda: hashlib.md5.digest(5),
    lambda: io.StringIO(5),
    lambda: io.BytesIO('str'),
    lambda: io.BytesIO().seek(0, 7),
    lambda: io.BytesIO().read('x'),
    lambda: io.BytesIO().readinto(b'immutable'),
    lambda: io.BytesIO().seek(2**40).write(b'x'),
    lambda: open(5),
    lambda: open('x', 5),
    lambda: open('x', 'rwx'),
    lambda: open('x', 'rbt'),
    lambda: open('\x00'),
    lambda: open('a' * 300, 'w'),
    lambda: open('/', 'w'),
    lambda: open('/nonexistent/dir/file', 'w'),
    lambda: open('f', 'w').seek(2**40),
    lambda: open('f', 'w').seek(-5),
    lambda: open('f', 'r').write('x'),
    lambda: open('f', 'w').read(),
    lambda: open('f', 'rb').readinto(5),
    lambda: os.listdir(5),
    lambda: os.stat(''),
    lambda: os.mkdir('/'),
    lambda: os.rmdir('/'),
    lambda: os.remove('/'),
    lambda: os.rename('/', '/x'),
    lambda: os.rename('f', '/nonexistent/dir/f'),
    lambda: os.chdir('/nope'),
    lambda: os.urandom(-1),
    lambda: os.urandom(10**12),
    lambda: os.mount(None, '/x'),
    lambda: os.mount(object(), '/'),
    lambda: os.umount('/not-mounted'),
    lambda: os.umount(object()),
    lambda: deflate.DeflateIO(io.BytesIO(b'\x1f\x8b\x08garbage'), deflate.GZIP).read(),
    lambda: deflate.DeflateIO(io.BytesIO(b''), 9),
    lambda: deflate.DeflateIO(5).read(),
    lambda: deflate.DeflateIO(io.BytesIO(), deflate.RAW).readinto(b'x'),
    lambda: select.poll().modify(sys.stdin, 1),
    lambda: select.poll().poll('x'),
    lambda: sys.stdin.buffer.readinto(5),
    lambda: sys.stdout.buffer.write(5),
    lambda: vfs.VfsLfs2.mkfs(1, 2),
    lambda: vfs.VfsLfs2(5),
    lambda: vfs.VfsLfs2.mkfs(object()),
    lambda: vfs.VfsLfs2.mkfs(Dev(0, 10)),
    lambda: vfs.VfsLfs2.mkfs(Dev(-512, 10)),
    lambda: vfs.VfsLfs2.mkfs(Dev(512, -1)),
    lambda: vfs.VfsLfs2.mkfs(Dev(512, 2**40)),
    lambda: vfs.VfsLfs2.mkfs(Dev('x', 10)),
    lambda: vfs.VfsLfs2.mkfs(Dev(2**31, 4)),
    lambda: vfs.VfsLfs2.mkfs(Grow(512, 10)),
    lambda: vfs.VfsLfs2.mkfs(Neg(512, 10)),
    lambda: vfs.VfsLfs2.mkfs(Min(512, 10)),
    lambda: vfs.VfsLfs2(Dev(512, 10)),
    lambda: vfs.VfsLfs2(Dev(512, 10), readsize=0),
    lambda: vfs.VfsLfs2(Dev(512, 10), readsize=7),
    lambda: vfs.VfsLfs2(Dev(512, 10), bogus=1),
    lambda: vfs.mount(Dev(512, 10), '/dev'),
    lambda: vfs.mount(Grow(512, 10), '/grow'),
]
raised = 0
for c in calls:
    try:
        c()
    except Exception:
        raised += 1
print('done', len(calls), raised > len(calls) // 2)
print(sorted(os.listdir('/')))
"#;
    let out = Command::new(env!("CARGO_BIN_EXE_upy-sim"))
        .arg("--flash")
        .arg(&image)
        .arg("-c")
        .arg(code)
        .env("UPY_SIM_FLASH_NOSYNC", "1")
        .stdin(Stdio::null())
        .output()
        .expect("upy-sim");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "upy-sim failed: {stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.starts_with("done ") && stdout.contains(" True\n"), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// DeflateIO on a 64 KiB heap: a stream that inflates to far more than the heap (1 MiB of
/// zeros from CPython's zlib, ~1 KiB compressed) raises MemoryError, as does compressing more
/// than the heap holds; a 16 KiB stream that fits inflates correctly; the board goes on.
#[test]
fn deflate_large_streams_on_a_small_heap() {
    let Some(streams) = python(
        "import zlib, binascii\nfor d in (bytes(1 << 20), bytes(range(256)) * 64):\n    print(binascii.b2a_base64(zlib.compress(d, 9), newline=False).decode())\n",
    ) else {
        eprintln!("python3 not found: skipped");
        return;
    };
    let mut lines = streams.lines();
    let (bomb, fits) = (lines.next().expect("first stream"), lines.next().expect("second stream"));
    // Two boards: the MemoryError of the first case leaves its partial buffer behind for a
    // while, which would starve the second case on the same 64 KiB heap.
    let board = |code: &str| -> String {
        let out = Command::new(env!("CARGO_BIN_EXE_upy-sim")).args(["--heap", "64K", "-c", code]).stdin(Stdio::null()).output().expect("upy-sim");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
        stdout
    };
    let bomb_out = board(&format!(
        r#"
import deflate, io, binascii
bomb = binascii.a2b_base64('{bomb}')
print(len(bomb) < 4096)
try:
    deflate.DeflateIO(io.BytesIO(bomb), deflate.ZLIB).read(10)
    print('no error')
except MemoryError:
    print('MemoryError')
print(sum(range(10)))
"#
    ));
    assert_eq!(bomb_out, "True\nMemoryError\n45\n");
    let fits_out = board(&format!(
        r#"
import deflate, io, binascii
r = deflate.DeflateIO(io.BytesIO(binascii.a2b_base64('{fits}')), deflate.AUTO)
buf = bytearray(1000)
total, ok = 0, True
while True:
    n = r.readinto(buf)
    if not n:
        break
    for k in range(n):
        if buf[k] != (total + k) % 256:
            ok = False
    total += n
print(total, ok)
del r, buf
try:
    o = io.BytesIO()
    with deflate.DeflateIO(o, deflate.RAW) as d:
        for i in range(200):
            d.write(b'x' * 1024)
    print('no error')
except MemoryError:
    print('MemoryError')
print(sum(range(10)))
"#
    ));
    assert_eq!(fits_out, "16384 True\nMemoryError\n45\n");
}

/// `os.uname()` is a 5-tuple with named fields (MicroPython's `uname_result`) that says upy.
#[test]
fn uname_says_upy() {
    let out = sim("import os\nu = os.uname()\nprint(len(u), u[0], u.sysname, u.nodename, u.release == u[2])\nprint('upy' in u.version, 'MicroPython' in u.version, u.machine == u[4], ' with ' in u.machine)\ns, n, r, v, m = u\nprint(repr(u).startswith(\"(sysname='upy', nodename='upy', release=\"))\n");
    assert_eq!(out, "5 upy upy upy True\nTrue True True True\nTrue\n");
}

/// On the board (pty): `select.poll` on `sys.stdin` reports input only when there is some,
/// and `sys.stdin.buffer.readinto` takes binary bytes untouched (a bytearray, a memoryview
/// slice), as mpremote's `mount` protocol needs.
#[test]
fn stdin_poll_and_buffer_readinto_on_the_board() {
    let b = board::Board::start(&[]);
    let mut c = b.connect();
    c.enter_raw();
    c.write(b"import sys, select\np = select.poll()\np.register(sys.stdin, select.POLLIN)\nprint('empty', p.poll(0))\nprint('ready')\nr = p.poll(5000)\nprint(len(r), r[0][0] is sys.stdin, r[0][1] & select.POLLIN)\nb = bytearray(4)\nprint(sys.stdin.buffer.readinto(b), bytes(b))\nm = memoryview(bytearray(6))\nprint(sys.stdin.buffer.readinto(m[1:4]), bytes(m))\nprint('after', p.poll(0))\n\x04");
    let got = c.read_until(b"ready\r\n", Duration::from_secs(10));
    assert_eq!(String::from_utf8_lossy(&got), "OKempty []\r\nready\r\n");
    c.write(b"WXYZ\x00\xff\x80");
    let got = c.read_until(b"\x04>", Duration::from_secs(10));
    assert_eq!(String::from_utf8_lossy(&got), "1 True 1\r\n4 b'WXYZ'\r\n3 b'\\x00\\x00\\xff\\x80\\x00\\x00'\r\nafter []\r\n\x04\x04>");
}

/// Ctrl-C while littlefs waits on a Python block device: the KeyboardInterrupt raised inside
/// `readblocks` ends the program with a traceback through `readblocks`; the filesystem is
/// not lost (it was out of the VM during the call) and the board and the mount go on.
#[test]
fn ctrl_c_inside_readblocks() {
    let b = board::Board::start(&[]);
    let mut c = b.connect();
    c.enter_raw();
    let setup = "import os, vfs\nclass Dev:\n    spin = False\n    def __init__(self):\n        self.data = bytearray(512 * 32)\n    def readblocks(self, n, buf, off=0):\n        if self.spin:\n            print('in readblocks')\n            while True:\n                pass\n        a = n * 512 + off\n        buf[:] = self.data[a:a + len(buf)]\n    def writeblocks(self, n, buf, off=0):\n        a = n * 512 + off\n        self.data[a:a + len(buf)] = buf\n    def ioctl(self, op, arg):\n        return {4: 32, 5: 512}.get(op)\ndev = Dev()\nvfs.VfsLfs2.mkfs(dev)\nvfs.mount(dev, '/ram')\nwith open('/ram/f.txt', 'w') as f:\n    f.write('hello')\nprint('mounted', os.listdir('/ram'))\n";
    let (out, err) = c.raw_exec(setup);
    assert_eq!((out.as_str(), err.as_str()), ("mounted ['f.txt']\r\n", ""));
    c.write(b"dev.spin = True\nos.listdir('/ram')\n\x04");
    assert_eq!(c.read_exact(2, Duration::from_secs(10)), b"OK");
    c.read_until(b"in readblocks\r\n", Duration::from_secs(10));
    c.write(b"\x03");
    let t = String::from_utf8_lossy(&c.read_until(b"\x04>", Duration::from_secs(10))).into_owned();
    assert!(t.starts_with("\x04Traceback"), "{t:?}");
    assert!(t.contains(", in readblocks\r\n") && t.contains("KeyboardInterrupt"), "{t:?}");
    let (out, err) = c.raw_exec("dev.spin = False\nprint(open('/ram/f.txt').read(), os.listdir('/ram'), 'ram' in os.listdir('/'))");
    assert_eq!((out.as_str(), err.as_str()), ("hello ['f.txt'] True\r\n", ""));
}

/// Python code that runs inside mount/umount (a VFS's `mount()`, a block device committing
/// files at `umount`) may change the mount table itself; the table stays consistent.
#[test]
fn mount_table_changed_by_python_callbacks() {
    let dir = std::env::temp_dir().join(format!("upy-mounttable-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let image = dir.join("flash.img");
    let code = r#"
import os, vfs
class Plain:
    def mount(self, ro, mk):
        pass
    def ilistdir(self, p):
        return iter([])
    def stat(self, p):
        return (0x4000, 0, 0, 0, 0, 0, 0, 0, 0, 0)
class Sneaky(Plain):
    def mount(self, ro, mk):
        os.mount(Plain(), '/sneak')
try:
    os.mount(Sneaky(), '/sneak')
except OSError as e:
    print('OSError', e.errno)
print([m for _, m in vfs.mount()])
class Dev:
    hook = False
    def __init__(self):
        self.data = bytearray(512 * 16)
    def readblocks(self, n, buf, off=0):
        a = n * 512 + off
        buf[:] = self.data[a:a + len(buf)]
    def writeblocks(self, n, buf, off=0):
        if self.hook:
            self.hook = False
            os.umount('/a')
        a = n * 512 + off
        self.data[a:a + len(buf)] = buf
    def ioctl(self, op, arg):
        return {4: 16, 5: 512}.get(op)
d = Dev()
vfs.VfsLfs2.mkfs(d)
os.mount(Plain(), '/a')
vfs.mount(d, '/b')
os.mount(Plain(), '/c')
f = open('/b/x.txt', 'w')
f.write('x')
d.hook = True
os.umount('/b')
print(sorted(m for _, m in vfs.mount()))
"#;
    let out = Command::new(env!("CARGO_BIN_EXE_upy-sim"))
        .arg("--flash")
        .arg(&image)
        .arg("-c")
        .arg(code)
        .env("UPY_SIM_FLASH_NOSYNC", "1")
        .stdin(Stdio::null())
        .output()
        .expect("upy-sim");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(stdout, "OSError 1\n['/sneak', '/']\n['/', '/c', '/sneak']\n");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A block device that shrinks the caller's `readinto` buffer while littlefs reads: no
/// crash, the bytes that fit are stored.
#[test]
fn readinto_buffer_shrunk_by_the_block_device() {
    let dir = std::env::temp_dir().join(format!("upy-shrink-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let image = dir.join("flash.img");
    let code = r#"
import vfs
target = bytearray(100)
class Dev:
    evil = False
    def __init__(self):
        self.data = bytearray(512 * 16)
    def readblocks(self, n, buf, off=0):
        if self.evil:
            target[:] = b''
        a = n * 512 + off
        buf[:] = self.data[a:a + len(buf)]
    def writeblocks(self, n, buf, off=0):
        a = n * 512 + off
        self.data[a:a + len(buf)] = buf
    def ioctl(self, op, arg):
        return {4: 16, 5: 512}.get(op)
d = Dev()
vfs.VfsLfs2.mkfs(d)
vfs.mount(d, '/d')
with open('/d/f', 'wb') as f:
    f.write(b'z' * 4000)
vfs.umount('/d')
vfs.mount(d, '/d')
f = open('/d/f', 'rb')
d.evil = True
print(f.readinto(target), len(target))
"#;
    let out = Command::new(env!("CARGO_BIN_EXE_upy-sim"))
        .arg("--flash")
        .arg(&image)
        .arg("-c")
        .arg(code)
        .env("UPY_SIM_FLASH_NOSYNC", "1")
        .stdin(Stdio::null())
        .output()
        .expect("upy-sim");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(stdout, "0 0\n");
    let _ = std::fs::remove_dir_all(&dir);
}
