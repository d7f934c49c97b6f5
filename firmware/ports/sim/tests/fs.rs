//! The board's filesystem through `upy-sim --flash IMAGE`:
//! - `file_ops_match_cpython`: open modes, read/readline/readlines/readinto/iteration,
//!   write/seek/tell/flush, `with`, and the os functions CPython shares, run on the board
//!   and under `python3` in a temporary directory; outputs must be equal.
//! - `board_only_features`: ilistdir, statvfs, uname, urandom, sync, io.StringIO/BytesIO,
//!   `os.mount` of a Python VFS object, errno, persistence across runs.
//! - `power_loss`: SIGKILL during a burst of writes/renames/deletes, restart (>= 100 times),
//!   every file must hold exactly one complete version (or be empty: a file created by an
//!   interrupted `open(new_name, 'w')`, which exists from the open on).
//! - `full_filesystem`: ENOSPC is raised, no half-written file is left, the board stays usable.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn sim() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_upy-sim"))
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("upy-fs-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Run `code` on the board with `image`; returns (stdout, stderr, success).
fn run_sim(image: &Path, code: &str) -> (String, String, bool) {
    let out = Command::new(sim())
        .arg("--flash")
        .arg(image)
        .arg("-c")
        .arg(code)
        .env("UPY_SIM_FLASH_NOSYNC", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run upy-sim");
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned(), out.status.success())
}

fn python3() -> Option<PathBuf> {
    Command::new("python3").arg("-c").arg("pass").status().ok().filter(|s| s.success()).map(|_| PathBuf::from("python3"))
}

const COMMON: &str = r#"
import os
def err(f, *a):
    try:
        f(*a)
        print('no error')
    except OSError as e:
        print('OSError', e.errno)

print(sorted(os.listdir()))
with open('t.txt', 'w') as f:
    print(f.write('line one\n'), f.write('dé\u00e9 two\n'), f.write('three'))
with open('t.txt') as f:
    print(repr(f.read()))
with open('t.txt', 'r') as f:
    print(repr(f.readline()), repr(f.read(3)), repr(f.readline()), repr(f.readline()), repr(f.readline()))
with open('t.txt') as f:
    print(f.readlines())
with open('t.txt') as f:
    print([l for l in f])
with open('t.txt', 'rb') as f:
    print(f.read(5), f.tell(), f.seek(2), f.read(3), f.seek(-2, 2), f.read(), f.tell())
with open('t.txt', 'a') as f:
    f.write('\nappended')
with open('t.txt', 'rb') as f:
    print(f.read())
with open('b.bin', 'wb') as f:
    print(f.write(bytes(range(256))), f.write(bytearray(b'xyz')), f.write(memoryview(b'12345')[1:3]))
with open('b.bin', 'rb') as f:
    buf = bytearray(10)
    print(f.readinto(buf), buf)
    mv = memoryview(bytearray(300))
    n = f.readinto(mv)
    print(n, bytes(mv[:3]), bytes(mv[n-5:n]))
with open('b.bin', 'r+b') as f:
    f.seek(1)
    f.write(b'AB')
    f.flush()
    f.seek(0)
    print(f.read(4))
with open('b.bin', 'w+b') as f:
    f.write(b'new')
    f.seek(0)
    print(f.read())
with open('b.bin', 'rb') as f:
    print(f.read())
err(open, 'b.bin', 'x')
with open('x.txt', 'x') as f:
    f.write('exclusive')
print(open('x.txt').read())
with open('x.txt', 'a+') as f:
    f.write('!')
    f.seek(0)
    print(f.read())
err(open, 'missing.txt')
err(open, 'missing.txt', 'r+')
os.mkdir('d')
err(os.mkdir, 'd')
err(open, 'd')
err(open, 'd', 'w')
os.mkdir('d/e')
os.rename('t.txt', 'd/e/moved.txt')
print(sorted(os.listdir('d')), os.listdir('d/e'))
err(os.stat, 't.txt')
print(os.stat('d')[0] & 0xF000 == 0x4000, os.stat('d/e/moved.txt')[0] & 0xF000 == 0x8000, os.stat('d/e/moved.txt')[6])
err(os.rmdir, 'd')
err(os.rmdir, 'x.txt')
err(os.remove, 'd')
err(os.remove, 'nothing')
err(os.rename, 'nothing', 'other')
err(os.listdir, 'nothing')
err(os.listdir, 'x.txt')
err(os.chdir, 'nothing')
err(os.chdir, 'x.txt')
os.rename('x.txt', 'b.bin')
print(open('b.bin').read())
here = os.getcwd()
os.chdir('d')
print(os.listdir(), os.listdir('..') == os.listdir(here))
with open('e/moved.txt') as f:
    print(f.readline())
os.chdir('e')
os.remove('moved.txt')
os.chdir('..')
os.rmdir('e')
os.chdir('..')
os.rmdir('d')
print(os.getcwd() == here, sorted(os.listdir()))
f = open('b.bin')
f.close()
f.close()
try:
    f.read()
except ValueError:
    print('closed file: ValueError')
try:
    open('b.bin', 'rw')
except ValueError:
    print('bad mode: ValueError')
with open('b.bin', 'w') as f:
    try:
        f.write(b'bytes')
    except TypeError:
        print('text file takes str')
with open('b.bin', 'wb') as f:
    try:
        f.write('str')
    except TypeError:
        print('binary file takes bytes')
with open('b.bin', 'rb') as f:
    print(f.read())
os.remove('b.bin')
print(sorted(os.listdir()))
"#;

#[test]
fn file_ops_match_cpython() {
    let dir = tmpdir("common");
    let image = dir.join("flash.img");
    let (out, err, ok) = run_sim(&image, COMMON);
    assert!(ok, "upy-sim failed:\n{out}\n{err}");
    let Some(py) = python3() else {
        eprintln!("python3 not found: checking the board's output only");
        assert!(out.contains("closed file: ValueError"), "{out}");
        return;
    };
    let work = dir.join("cpython");
    std::fs::create_dir_all(&work).unwrap();
    let exp = Command::new(py).arg("-c").arg(COMMON).current_dir(&work).output().expect("python3");
    let exp = String::from_utf8_lossy(&exp.stdout).into_owned();
    if out != exp {
        for (i, (a, b)) in out.lines().zip(exp.lines()).enumerate() {
            if a != b {
                eprintln!("line {}:\n  upy:     {a}\n  cpython: {b}", i + 1);
            }
        }
        panic!("outputs differ\n--- upy ---\n{out}\n--- cpython ---\n{exp}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn board_only_features() {
    let dir = tmpdir("board");
    let image = dir.join("flash.img");
    let (out, err, ok) = run_sim(
        &image,
        r#"
import os, io, errno, vfs
with open('keep.txt', 'w') as f:
    f.write('kept')
os.mkdir('sub')
print(sorted(os.ilistdir()))
s = os.statvfs('/')
print(s[0], s[2], 0 < s[3] < s[2], s[9])
print(os.uname().sysname, len(os.urandom(16)), type(os.urandom(3)))
os.sync()
print(errno.ENOENT, errno.ENOSPC, errno.errorcode[errno.EEXIST])
try:
    open('/nope')
except OSError as e:
    print(e.errno == errno.ENOENT)
b = io.BytesIO(b'ab\ncd')
print(b.readline(), b.read(), b.tell(), b.seek(1), b.read(1), b.getvalue())
s = io.StringIO()
print(s.write('hé'), s.getvalue())
s = io.StringIO('x\ny\n')
print(list(s))

class RemoteFile(io.IOBase):
    def __init__(self, data):
        self.data = data
    def read(self, n=-1):
        return self.data
    def close(self):
        print('RemoteFile closed')

class RemoteFS:
    def __init__(self):
        self.cwd = '/'
    def mount(self, readonly, mkfs):
        print('mounted', readonly, mkfs)
    def umount(self):
        print('umounted')
    def ilistdir(self, path):
        yield ('hello.txt', 0x8000, 0, 5)
    def stat(self, path):
        return (0x8000, 0, 0, 0, 0, 0, 5, 0, 0, 0)
    def open(self, path, mode):
        return RemoteFile('remote ' + path + ' ' + mode)
    def mkdir(self, path):
        print('mkdir', path)
    def chdir(self, path):
        self.cwd = path
    def remove(self, path):
        print('remove', path)

os.mount(RemoteFS(), '/remote')
print(os.listdir('/remote'), os.stat('/remote/hello.txt')[6])
with open('/remote/a/b.txt', 'rb') as f:
    print(f.read())
os.mkdir('/remote/newdir')
os.remove('/remote/x')
os.chdir('/remote')
print(os.getcwd())
with open('hello.txt') as f:
    print(f.read())
os.umount('/remote')
print(os.getcwd(), sorted(os.listdir()))
r = vfs.VfsLfs2(None)
print(type(r).__name__)
"#,
    );
    assert!(ok, "upy-sim failed:\n{out}\n{err}");
    let expected = "[('keep.txt', 32768, 0, 4), ('sub', 16384, 0, 0)]
4096 512 True 255
upy 16 <class 'bytes'>
2 28 EEXIST
True
b'ab\\n' b'cd' 5 1 b'b' b'ab\\ncd'
2 hé
['x\\n', 'y\\n']
mounted False False
['hello.txt'] 5
remote /a/b.txt rb
RemoteFile closed
mkdir /newdir
remove /x
/remote
remote /hello.txt r
RemoteFile closed
umounted
/ ['keep.txt', 'sub']
VfsLfs2
";
    assert_eq!(out, expected);
    // Persistence: a new process sees the files.
    let (out, err, ok) = run_sim(&image, "import os\nprint(sorted(os.listdir('/')), open('keep.txt').read())");
    assert!(ok, "{err}");
    assert_eq!(out, "['keep.txt', 'sub'] kept\n");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The burst: endless writes (in place and via temp+rename), removes and directory churn
/// over files f0..f7 whose content names their version.
const BURST: &str = r#"
import os
def content(i, n):
    body = ('%d.%d;' % (i, n)) * (20 + (n * 37 + i * 11) % 700)
    return 'F%d V%d L%d|' % (i, n, len(body)) + body + '|END'
def version(i):
    try:
        with open('f%d' % i) as f:
            h = f.read(40)
        return int(h.split(' ')[1][1:])
    except (OSError, IndexError, ValueError):
        return 0
vers = [version(i) for i in range(8)]
k = int.from_bytes(os.urandom(2), 'little')
while True:
    k = (k * 1103515245 + 12345) & 0x7fffffff
    i = k % 8
    op = (k >> 8) % 6
    vers[i] += 1
    n = vers[i]
    if op <= 2:
        with open('f%d' % i, 'w') as f:
            f.write(content(i, n))
    elif op == 3:
        with open('t%d.tmp' % i, 'w') as f:
            f.write(content(i, n))
        os.rename('t%d.tmp' % i, 'f%d' % i)
    elif op == 4:
        try:
            os.remove('f%d' % i)
        except OSError:
            pass
    else:
        try:
            os.mkdir('dir%d' % i)
            with open('dir%d/x' % i, 'w') as f:
                f.write(content(i, n))
            os.remove('dir%d/x' % i)
            os.rmdir('dir%d' % i)
        except OSError:
            pass
"#;

const CHECK: &str = r#"
import os
def content(i, n):
    body = ('%d.%d;' % (i, n)) * (20 + (n * 37 + i * 11) % 700)
    return 'F%d V%d L%d|' % (i, n, len(body)) + body + '|END'
bad = []
vers = []
# Written once before the first kill: if the image ever failed to mount (and was
# reformatted), it is gone.
if open('sentinel').read() != 'mounted':
    bad.append('sentinel')
for name in sorted(os.listdir('/')):
    if name == 'sentinel':
        continue
    if name.startswith('dir'):
        for x in os.listdir(name):
            data = open(name + '/' + x).read()
            if data and not data.endswith('|END'):
                bad.append(name + '/' + x)
        continue
    data = open(name).read()
    if data == '':
        # A new file whose open() was committed but whose content was not (documented:
        # a created file exists, empty, from open() on; its content appears at close).
        continue
    try:
        i = int(data.split(' ')[0][1:])
        n = int(data.split(' ')[1][1:])
        ok = data == content(i, n) and (name == 'f%d' % i or name == 't%d.tmp' % i)
    except Exception:
        ok = False
    if not ok:
        bad.append(name + ':' + data[:30] + '...' + data[-10:])
    elif name.startswith('f'):
        vers.append('%s=%d' % (name, n))
print('BAD' if bad else 'OK', bad, ' '.join(vers))
"#;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn power_loss() {
    let seed = std::env::var("UPY_POWER_LOSS_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64) | 1
    });
    let rounds: usize = std::env::var("UPY_POWER_LOSS_ROUNDS").ok().and_then(|s| s.parse().ok()).unwrap_or(120);
    eprintln!("power_loss: seed {seed} (UPY_POWER_LOSS_SEED={seed} to repeat), {rounds} kills");
    let mut rng = Rng(seed);
    let dir = tmpdir("power");
    let image = dir.join("flash.img");
    let (_, err, ok) = run_sim(&image, "f = open('sentinel', 'w')\nf.write('mounted')\nf.close()");
    assert!(ok, "{err}");
    let start = Instant::now();
    let mut last = String::new();
    let mut versions_seen = std::collections::BTreeSet::new();
    for round in 0..rounds {
        let mut child = Command::new(sim())
            .arg("--flash")
            .arg(&image)
            .arg("-c")
            .arg(BURST)
            .env("UPY_SIM_FLASH_NOSYNC", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn upy-sim");
        let wait = Duration::from_micros(3_000 + rng.next() % 60_000);
        std::thread::sleep(wait);
        if let Ok(Some(st)) = child.try_wait() {
            let mut e = String::new();
            let _ = std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut e);
            panic!("round {round} (seed {seed}): the burst stopped by itself ({st}): {e}");
        }
        child.kill().expect("SIGKILL");
        let _ = child.wait();
        let (out, err, ok) = run_sim(&image, CHECK);
        assert!(ok && out.starts_with("OK"), "round {round} (seed {seed}, killed after {wait:?}): check failed:\n{out}\n{err}\nprevious: {last}");
        for v in out.split_whitespace().filter(|w| w.starts_with('f')) {
            versions_seen.insert(v.to_string());
        }
        last = out;
    }
    eprintln!("power_loss: {rounds} kills in {:?}, {} distinct file versions seen", start.elapsed(), versions_seen.len());
    assert!(versions_seen.len() > 20, "the burst made too little progress: {versions_seen:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn full_filesystem() {
    let dir = tmpdir("full");
    let image = dir.join("flash.img");
    // A small (256 KiB) blank image: formatted on first use.
    std::fs::File::create(&image).unwrap().write_all(&vec![0xffu8; 256 * 1024]).unwrap();
    let (out, err, ok) = run_sim(
        &image,
        r#"
import os
with open('keep.txt', 'w') as f:
    f.write('precious')
try:
    with open('big.bin', 'wb') as f:
        while True:
            f.write(b'x' * 4096)
except OSError as e:
    print('big', e.errno)
print('big.bin' in os.listdir())
try:
    with open('keep.txt', 'w') as f:
        for i in range(1000):
            f.write('y' * 4096)
except OSError as e:
    print('keep', e.errno)
print(open('keep.txt').read())
f = open('keep.txt', 'a')
try:
    for i in range(1000):
        f.write('z' * 1000)
except OSError as e:
    print('append', e.errno)
f.close()
print(open('keep.txt').read())
n = 0
try:
    while True:
        with open('s%d' % n, 'wb') as f:
            f.write(b'z' * 3000)
        n += 1
except OSError as e:
    print('small', e.errno, n > 10)
names = os.listdir()
print('s%d' % n in names, all(os.stat('s%d' % i)[6] == 3000 for i in range(n)))
for i in range(n):
    os.remove('s%d' % i)
with open('after.txt', 'w') as f:
    f.write('usable')
print(open('after.txt').read(), sorted(os.listdir()))
"#,
    );
    assert!(ok, "upy-sim failed:\n{out}\n{err}");
    assert_eq!(
        out,
        "big 28\nFalse\nkeep 28\nprecious\nappend 28\nprecious\nsmall 28 True\nFalse True\nusable ['after.txt', 'keep.txt']\n"
    );
    // The image still mounts and holds the same files.
    let (out, _, ok) = run_sim(&image, "import os\nprint(sorted(os.listdir()), open('keep.txt').read())");
    assert!(ok);
    assert_eq!(out, "['after.txt', 'keep.txt'] precious\n");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn import_from_flash_and_mounts() {
    let dir = tmpdir("import");
    let image = dir.join("flash.img");
    let (out, err, ok) = run_sim(&image, "import os\nos.mkdir('/lib')\nwith open('/lib/flashmod.py', 'w') as f:\n    f.write('X = 42\\n')\nopen('/lib/unclosed.py', 'w').write('Y = 7\\n')\n");
    assert!(ok, "{out}{err}");
    let (out, err, ok) = run_sim(
        &image,
        r#"
import sys, os, io
sys.path.append('/lib')
import flashmod, unclosed
print(flashmod.X, flashmod.__file__, unclosed.Y)

class MemFS:
    files = {'/memmod.py': b'Z = "from the mount"\n'}
    def stat(self, path):
        if path == '/':
            return (0x4000, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        if path in self.files:
            return (0x8000, 0, 0, 0, 0, 0, len(self.files[path]), 0, 0, 0)
        raise OSError(2)
    def open(self, path, mode):
        if path not in self.files:
            raise OSError(2)
        return io.BytesIO(self.files[path])
    def chdir(self, path):
        pass

os.mount(MemFS(), '/remote')
os.chdir('/remote')
import memmod
print(memmod.Z)
try:
    import nothere
except ImportError:
    print('ImportError')
"#,
    );
    assert!(ok, "{out}{err}");
    assert_eq!(out, "42 /lib/flashmod.py 7\nfrom the mount\nImportError\n");
    let _ = std::fs::remove_dir_all(&dir);
}

/// MicroPython's `RAMBlockDev` from its `vfs` documentation (extended block protocol).
const RAM_BLOCK_DEV: &str = r#"
class RAMBlockDev:
    def __init__(self, block_size, num_blocks):
        self.block_size = block_size
        self.data = bytearray(block_size * num_blocks)

    def readblocks(self, block_num, buf, offset=0):
        addr = block_num * self.block_size + offset
        for i in range(len(buf)):
            buf[i] = self.data[addr + i]

    def writeblocks(self, block_num, buf, offset=None):
        if offset is None:
            # do erase, then write
            for i in range(len(buf) // self.block_size):
                self.ioctl(6, block_num + i)
            offset = 0
        addr = block_num * self.block_size + offset
        for i in range(len(buf)):
            self.data[addr + i] = buf[i]

    def ioctl(self, op, arg):
        if op == 4: # block count
            return len(self.data) // self.block_size
        if op == 5: # block size
            return self.block_size
        if op == 6: # block erase
            return 0
"#;

#[test]
fn vfs_lfs2_on_python_block_device() {
    let dir = tmpdir("pybdev");
    let image = dir.join("flash.img");
    let code = format!(
        "{RAM_BLOCK_DEV}{}",
        r#"
import os, vfs
with open('/keep.txt', 'w') as f:
    f.write('on the flash')

# The documentation's example, with os.VfsLfs2 and a block device handed to mount().
bdev = RAMBlockDev(512, 50)
os.VfsLfs2.mkfs(bdev)
os.mount(bdev, '/ramdisk')
with open('/ramdisk/hello.txt', 'w') as f:
    f.write('Hello world')
print(open('/ramdisk/hello.txt').read())
os.mkdir('/ramdisk/sub')
with open('/ramdisk/sub/data.bin', 'wb') as f:
    f.write(bytes(range(256)) * 8)
with open('/ramdisk/sub/data.bin', 'rb') as f:
    f.seek(1000)
    print(f.read(4), f.tell())
print(os.listdir('/ramdisk'), os.listdir('/ramdisk/sub'))
print(os.listdir('/'))
print([e for e in os.ilistdir('/') if e[0] == 'ramdisk'])
print(os.stat('/ramdisk')[0] == 0x4000, os.stat('/ramdisk/hello.txt')[6])
s = os.statvfs('/ramdisk')
print(s[0], s[2], 0 < s[3] < s[2])
os.chdir('/ramdisk/sub')
print(os.getcwd(), os.listdir())
os.chdir('/')
with open('/ramdisk/rammod.py', 'w') as f:
    f.write('WHERE = "imported from a Python block device"\n')
import sys
sys.path.append('/ramdisk')
import rammod
print(rammod.WHERE)
os.remove('/ramdisk/rammod.py')
os.rename('/ramdisk/hello.txt', '/ramdisk/hi.txt')
os.remove('/ramdisk/sub/data.bin')
os.rmdir('/ramdisk/sub')
try:
    os.rename('/ramdisk/hi.txt', '/hi.txt')
except OSError as e:
    print('rename across filesystems: OSError', e.errno)
try:
    os.rmdir('/ramdisk')
except OSError as e:
    print('rmdir of a mount point: OSError', e.errno)
f = open('/ramdisk/open.txt', 'w')
f.write('committed at umount')
print([m for _, m in vfs.mount()])
os.umount('/ramdisk')
f.close()
print(os.listdir('/'))

# vfs.VfsLfs2 object, mounted again elsewhere: the data survived.
fs = vfs.VfsLfs2(bdev)
vfs.mount(fs, '/ram')
print(sorted(os.listdir('/ram')), open('/ram/hi.txt').read(), open('/ram/open.txt').read())
try:
    vfs.mount(fs, '/again')
except OSError as e:
    print('mounted twice: OSError', e.errno)
vfs.umount(fs)
print('ram' in os.listdir('/'))

# The filesystem object's own methods (MicroPython's VFS protocol), unmounted.
fs2 = vfs.VfsLfs2(bdev)
print(sorted(e[0] for e in fs2.ilistdir('/')))
fs2.mkdir('/m')
fs2.chdir('/m')
print(fs2.getcwd())
with fs2.open('f.txt', 'w') as f:
    f.write('via method')
print(fs2.stat('f.txt')[6], fs2.statvfs('/')[0])
fs2.rename('f.txt', 'g.txt')
print([e[0] for e in fs2.ilistdir()])
vfs.mount(fs2, '/m2')
print(open('/m2/m/g.txt').read())
vfs.umount('/m2')
fs2.remove('/m/g.txt')
fs2.rmdir('/m')
fs2.umount()

# An unformatted device does not mount.
try:
    vfs.VfsLfs2(RAMBlockDev(512, 50))
except OSError as e:
    print('unformatted: OSError')

# A device whose readblocks raises: the original exception surfaces, the board goes on.
class Flaky(RAMBlockDev):
    fail = False
    def readblocks(self, n, buf, off=0):
        if self.fail:
            raise ValueError('flaky block %d' % n)
        super().readblocks(n, buf, off)
fl = Flaky(512, 50)
vfs.VfsLfs2.mkfs(fl)
vfs.mount(fl, '/flaky')
with open('/flaky/a.txt', 'w') as f:
    f.write('still here')
fl.fail = True
try:
    print(open('/flaky/b.txt', 'w'))
    open('/flaky/a.txt').read()
except ValueError as e:
    print('ValueError', str(e).startswith('flaky block'))
fl.fail = False
print(open('/flaky/a.txt').read())

# Re-entrancy: a device that touches its own filesystem while littlefs waits on it.
class Nosy(RAMBlockDev):
    nosy = False
    def readblocks(self, n, buf, off=0):
        if self.nosy:
            os.listdir('/nosy')
        super().readblocks(n, buf, off)
no = Nosy(512, 50)
vfs.VfsLfs2.mkfs(no)
vfs.mount(no, '/nosy')
no.nosy = True
try:
    os.listdir('/nosy')
except OSError as e:
    print('re-entered: OSError', e.errno)
no.nosy = False
print(os.listdir('/nosy'))

# A full Python device: ENOSPC, no half-written file, still usable.
small = RAMBlockDev(512, 16)
vfs.VfsLfs2.mkfs(small)
vfs.mount(small, '/small')
with open('/small/keep.txt', 'w') as f:
    f.write('old content')
for name, data in (('big.bin', b'x' * 512), ('keep.txt', b'y' * 512)):
    try:
        with open('/small/' + name, 'wb') as f:
            for i in range(40):
                f.write(data)
    except OSError as e:
        print(name, 'OSError', e.errno)
print(os.listdir('/small'), open('/small/keep.txt').read())
with open('/small/new.txt', 'w') as f:
    f.write('usable')
print(os.listdir('/small'), open('/small/new.txt').read())

# Not a block device.
for bad in (object(), 5):
    try:
        vfs.VfsLfs2(bad)
    except TypeError:
        print('TypeError')
print(open('/keep.txt').read())

# The filesystem object for the flash, and the virtual root once `/` is unmounted.
root = vfs.VfsLfs2(None)
print([e[0] for e in root.ilistdir('/')], root.getcwd())
os.umount('/')
print(os.listdir('/'), os.stat('/')[0], [m for _, m in vfs.mount()])
vfs.mount(root, '/')
print(open('/keep.txt').read())
"#
    );
    let (out, err, ok) = run_sim(&image, &code);
    assert!(ok, "{out}{err}");
    assert_eq!(
        out,
        "Hello world\n\
         b'\\xe8\\xe9\\xea\\xeb' 1004\n\
         ['hello.txt', 'sub'] ['data.bin']\n\
         ['ramdisk', 'keep.txt']\n\
         [('ramdisk', 16384, 0)]\n\
         True 11\n\
         512 50 True\n\
         /ramdisk/sub ['data.bin']\n\
         imported from a Python block device\n\
         rename across filesystems: OSError 18\n\
         rmdir of a mount point: OSError 22\n\
         ['/ramdisk', '/']\n\
         ['keep.txt']\n\
         ['hi.txt', 'open.txt'] Hello world committed at umount\n\
         mounted twice: OSError 1\n\
         False\n\
         ['hi.txt', 'open.txt']\n\
         /m\n\
         10 512\n\
         ['g.txt']\n\
         via method\n\
         unformatted: OSError\n\
         ValueError True\n\
         still here\n\
         re-entered: OSError 16\n\
         []\n\
         big.bin OSError 28\n\
         keep.txt OSError 28\n\
         ['keep.txt'] old content\n\
         ['keep.txt', 'new.txt'] usable\n\
         TypeError\nTypeError\n\
         on the flash\n\
         ['keep.txt'] /\n\
         ['flaky', 'nosy', 'small'] 16384 ['/flaky', '/nosy', '/small']\n\
         on the flash\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// littlefs made through a Python block device is the same format as the board's flash:
/// an image written by Python `writeblocks` mounts as `upy-sim --flash`.
#[test]
fn python_block_device_image_mounts_as_flash() {
    let dir = tmpdir("pybdev-image");
    let image = dir.join("flash.img");
    let dump = dir.join("dump.img");
    let code = format!(
        "{RAM_BLOCK_DEV}{}",
        r#"
import os, vfs, sys
bdev = RAMBlockDev(4096, 16)
vfs.VfsLfs2.mkfs(bdev)
vfs.mount(bdev, '/ram')
os.mkdir('/ram/d')
with open('/ram/d/f.txt', 'w') as f:
    f.write('written through readblocks/writeblocks\n' * 3)
vfs.umount('/ram')
sys.stdout.buffer.write(bdev.data)
"#
    );
    let out = Command::new(sim())
        .arg("--flash")
        .arg(&image)
        .arg("-c")
        .arg(&code)
        .env("UPY_SIM_FLASH_NOSYNC", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run upy-sim");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.stdout.len(), 4096 * 16, "the device's bytes on stdout");
    std::fs::write(&dump, &out.stdout).expect("write dump");
    let (out, err, ok) = run_sim(&dump, "import os\nprint(os.listdir('/'), os.listdir('/d'))\nprint(open('/d/f.txt').read() == 'written through readblocks/writeblocks\\n' * 3)\n");
    assert!(ok, "{out}{err}");
    assert_eq!(out, "['d'] ['f.txt']\nTrue\n");
    let _ = std::fs::remove_dir_all(&dir);
}
