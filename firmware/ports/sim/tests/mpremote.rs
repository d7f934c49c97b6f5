//! mpremote from PyPI — a client nobody here wrote — against the virtual board, unmodified.
//!
//! CI must install it: `pip install mpremote==1.29.0`. These tests fail (not skip) without it.

mod board;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use board::Board;

const MPREMOTE_VERSION: &str = "1.29.0";

/// How to start mpremote: the `mpremote` script, or `python3 -m mpremote` when the script is not
/// on PATH (e.g. `pip install --user`). Panics with the install command when neither works.
fn mpremote_cmd() -> Command {
    static USE_MODULE: OnceLock<bool> = OnceLock::new();
    let use_module = *USE_MODULE.get_or_init(|| {
        let version_ok = |cmd: &mut Command| {
            cmd.arg("--version").output().is_ok_and(|o| {
                o.status.success() && String::from_utf8_lossy(&o.stdout).contains(MPREMOTE_VERSION)
            })
        };
        if version_ok(&mut Command::new("mpremote")) {
            return false;
        }
        if version_ok(Command::new("python3").args(["-m", "mpremote"])) {
            return true;
        }
        panic!(
            "mpremote {MPREMOTE_VERSION} is required for these tests and was not found \
             (neither `mpremote` nor `python3 -m mpremote`): pip install mpremote=={MPREMOTE_VERSION}"
        );
    });
    if use_module {
        let mut c = Command::new("python3");
        c.args(["-m", "mpremote"]);
        c
    } else {
        Command::new("mpremote")
    }
}

fn check_mpremote() {
    let _ = mpremote_cmd();
}

struct Run {
    code: Option<i32>,
    out: String,
}

/// `mpremote connect <pty> ARGS...` in `cwd`, killed after 60 s.
fn mpremote(b: &Board, cwd: &Path, args: &[&str]) -> Run {
    check_mpremote();
    let mut child = mpremote_cmd()
        .arg("connect")
        .arg(&b.path)
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn mpremote");
    let mut so = child.stdout.take().expect("stdout");
    let mut se = child.stderr.take().expect("stderr");
    let t1 = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = so.read_to_end(&mut s);
        s
    });
    let t2 = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = se.read_to_end(&mut s);
        s
    });
    let end = Instant::now() + Duration::from_secs(60);
    let code = loop {
        if let Ok(Some(st)) = child.try_wait() {
            break st.code();
        }
        if Instant::now() > end {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut out = t1.join().unwrap_or_default();
    out.extend(t2.join().unwrap_or_default());
    Run { code, out: String::from_utf8_lossy(&out).replace("\r\n", "\n") }
}

fn ok(b: &Board, cwd: &Path, args: &[&str]) -> String {
    let r = mpremote(b, cwd, args);
    assert_eq!(r.code, Some(0), "mpremote {args:?} failed:\n{}", r.out);
    r.out
}

fn workdir(b: &Board, name: &str) -> std::path::PathBuf {
    let d = b.dir.join(name);
    std::fs::create_dir_all(&d).expect("work dir");
    d
}

#[test]
fn mpremote_exec_eval_run() {
    let b = Board::start(&[]);
    let w = workdir(&b, "host");
    assert_eq!(ok(&b, &w, &["exec", "print('hi', 1 + 1)"]), "hi 2\n");
    assert_eq!(ok(&b, &w, &["eval", "2 ** 10"]), "1024\n");
    std::fs::write(w.join("t.py"), "import sys\nfor i in range(3):\n    print(i, sys.platform)\n").unwrap();
    assert_eq!(ok(&b, &w, &["run", "t.py"]), "0 linux\n1 linux\n2 linux\n");
    // A device-side error: traceback shown, exit status 1.
    let r = mpremote(&b, &w, &["exec", "1/0"]);
    assert_eq!(r.code, Some(1), "{}", r.out);
    assert!(r.out.contains("ZeroDivisionError"), "{}", r.out);
    // Several commands in one session, and the board is still fine for the next host.
    assert_eq!(ok(&b, &w, &["exec", "x = 6", "eval", "x * 7"]), "42\n");
}

#[test]
fn mpremote_soft_reset_and_boot_py() {
    let b = Board::start(&[]);
    let w = workdir(&b, "host");
    ok(&b, &w, &["exec", "f = open('boot.py', 'w'); f.write('booted = True\\n'); f.close()"]);
    // mpremote soft-resets before its first raw-REPL command: boot.py ran, main.py did not.
    ok(&b, &w, &["exec", "f = open('main.py', 'w'); f.write('raise SystemExit\\n'); f.close()"]);
    assert_eq!(ok(&b, &w, &["eval", "booted"]), "True\n");
    let out = ok(&b, &w, &["exec", "y = 1", "soft-reset", "exec", "print('y' in globals())"]);
    assert_eq!(out, "False\n");
}

#[test]
fn mpremote_fs_commands() {
    let b = Board::start(&[]);
    let w = workdir(&b, "host");
    std::fs::create_dir_all(w.join("tree/sub")).unwrap();
    std::fs::write(w.join("tree/a.txt"), "hello\n").unwrap();
    let blob: Vec<u8> = (0..5000u32).map(|i| (i * 7 + i / 13) as u8).collect();
    std::fs::write(w.join("tree/sub/b.bin"), &blob).unwrap();
    std::fs::write(w.join("one.txt"), "one\n").unwrap();

    ok(&b, &w, &["fs", "cp", "one.txt", ":one.txt"]);
    assert_eq!(ok(&b, &w, &["fs", "cat", ":one.txt"]), "one\n");
    // Unchanged files are skipped (device-side sha256).
    assert!(ok(&b, &w, &["fs", "cp", "one.txt", ":one.txt"]).contains("Up to date"));
    ok(&b, &w, &["fs", "cp", "-r", "tree", ":"]);
    let ls = ok(&b, &w, &["fs", "ls", ":tree"]);
    assert!(ls.contains("a.txt") && ls.contains("sub/"), "{ls}");
    let tree = ok(&b, &w, &["fs", "tree", ":"]);
    assert!(tree.contains("b.bin") && tree.contains("└── "), "{tree}");
    let sum = ok(&b, &w, &["fs", "sha256sum", ":tree/sub/b.bin"]);
    let want = Command::new("sha256sum").arg(w.join("tree/sub/b.bin")).output().unwrap();
    let want = String::from_utf8_lossy(&want.stdout).split_whitespace().next().unwrap_or("").to_string();
    assert!(sum.contains(&want), "{sum} vs {want}");
    ok(&b, &w, &["fs", "cp", ":tree/sub/b.bin", "back.bin"]);
    assert_eq!(std::fs::read(w.join("back.bin")).unwrap(), blob);
    ok(&b, &w, &["fs", "cp", "-r", ":tree", "copied"]);
    assert_eq!(std::fs::read(w.join("copied/sub/b.bin")).unwrap(), blob);
    ok(&b, &w, &["fs", "mkdir", ":empty"]);
    ok(&b, &w, &["fs", "touch", ":empty/t"]);
    assert!(ok(&b, &w, &["fs", "ls", ":empty"]).contains(" 0 t"));
    ok(&b, &w, &["fs", "rm", ":empty/t"]);
    ok(&b, &w, &["fs", "rmdir", ":empty"]);
    ok(&b, &w, &["fs", "rm", "-r", ":tree"]);
    let ls = ok(&b, &w, &["fs", "ls", ":"]);
    assert!(!ls.contains("tree") && !ls.contains("empty") && ls.contains("one.txt"), "{ls}");
    let df = ok(&b, &w, &["df"]);
    assert!(df.contains("mounted on") && df.contains(" /"), "{df}");
    // A missing file is a clean error.
    let r = mpremote(&b, &w, &["fs", "cat", ":nope.txt"]);
    assert_ne!(r.code, Some(0));
    assert!(r.out.contains("No such file") || r.out.contains("ENOENT"), "{}", r.out);
}

#[test]
fn mpremote_mount_import_and_remount_after_soft_reset() {
    let b = Board::start(&[]);
    let w = workdir(&b, "host");
    std::fs::write(w.join("remmod.py"), "print('imported from', __name__)\nVALUE = 41\n").unwrap();
    std::fs::write(w.join("data.txt"), "line one\nline two\n").unwrap();
    let out = ok(
        &b,
        &w,
        &["mount", ".", "exec", "import remmod, os; print(remmod.VALUE + 1, os.getcwd()); print(open('data.txt').read().split())"],
    );
    assert!(out.contains("imported from remmod") && out.contains("42 /remote"), "{out}");
    assert!(out.contains("['line', 'one', 'line', 'two']"), "{out}");
    // Ctrl-D in `mpremote mount . repl` soft-resets the board and mpremote mounts again.
    std::fs::write(w.join("second.py"), "print('second import ok')\n").unwrap();
    let mut r = PtyRun::spawn(&w, &["connect", &b.path, "mount", ".", "repl"]);
    r.read_until("Connected to MicroPython", Duration::from_secs(20));
    r.write(b"\r");
    r.read_until(">>> ", Duration::from_secs(10));
    r.write(b"\x04");
    r.read_until("Remount local directory", Duration::from_secs(15));
    r.read_until(">>> ", Duration::from_secs(10));
    r.write(b"import second\r");
    r.read_until("second import ok", Duration::from_secs(10));
    r.quit();
}

/// mpremote with a terminal of its own (its `repl` needs one).
struct PtyRun {
    child: std::process::Child,
    master: std::os::fd::OwnedFd,
    log: Vec<u8>,
    pos: usize,
}

impl PtyRun {
    fn spawn(cwd: &Path, args: &[&str]) -> PtyRun {
        check_mpremote();
        let pty = nix::pty::openpty(None, None).expect("openpty");
        let slave = std::fs::File::from(pty.slave);
        let child = mpremote_cmd()
            .args(args)
            .current_dir(cwd)
            .stdin(slave.try_clone().unwrap())
            .stdout(slave.try_clone().unwrap())
            .stderr(slave)
            .spawn()
            .expect("spawn mpremote");
        PtyRun { child, master: pty.master, log: Vec::new(), pos: 0 }
    }

    fn write(&mut self, b: &[u8]) {
        nix::unistd::write(&self.master, b).expect("write to mpremote's terminal");
    }

    fn read_until(&mut self, pat: &str, limit: Duration) {
        use std::os::fd::AsFd;
        let end = Instant::now() + limit;
        loop {
            let seen = String::from_utf8_lossy(&self.log[self.pos..]).into_owned();
            if let Some(i) = seen.find(pat) {
                // Later waits look after this match (byte offsets agree for ASCII output).
                self.pos = (self.pos + i + pat.len()).min(self.log.len());
                return;
            }
            assert!(
                Instant::now() < end,
                "timed out waiting for {pat:?}; got {:?}",
                String::from_utf8_lossy(&self.log)
            );
            let mut fds = [nix::poll::PollFd::new(self.master.as_fd(), nix::poll::PollFlags::POLLIN)];
            if !matches!(nix::poll::poll(&mut fds, nix::poll::PollTimeout::from(100u16)), Ok(n) if n > 0) {
                continue;
            }
            let mut buf = [0u8; 1024];
            match nix::unistd::read(self.master.as_fd(), &mut buf) {
                Ok(n) if n > 0 => self.log.extend_from_slice(&buf[..n]),
                // EIO: mpremote exited and closed its terminal.
                _ => std::thread::sleep(Duration::from_millis(50)),
            }
        }
    }

    /// Ctrl-] leaves mpremote's repl.
    fn quit(&mut self) {
        self.write(b"\x1d");
        let end = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            if Instant::now() > end {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!("mpremote did not exit on Ctrl-]; got {:?}", String::from_utf8_lossy(&self.log));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for PtyRun {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[test]
fn mpremote_repl_through_a_pty() {
    let b = Board::start(&[]);
    let w = workdir(&b, "host");
    let mut r = PtyRun::spawn(&w, &["connect", &b.path, "repl"]);
    r.read_until("Connected to MicroPython", Duration::from_secs(20));
    r.write(b"\r");
    r.read_until(">>> ", Duration::from_secs(10));
    r.write(b"6 * 7\r");
    r.read_until("42", Duration::from_secs(10));
    // Ctrl-D soft-resets the board; the banner comes back.
    r.write(b"\x04");
    r.read_until("soft reboot", Duration::from_secs(10));
    r.read_until("MicroPython v", Duration::from_secs(10));
    r.quit();
}
