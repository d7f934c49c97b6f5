//! `upy -d sim`: the real `upy` binary against the simulated board linked into it. Every test
//! gets its own HOME and XDG_DATA_HOME, so the board's flash image lives in a temporary directory
//! (`$XDG_DATA_HOME/upy/sim-flash.img`) and each `upy` run is one power cycle of that board.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::os::fd::{AsFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{Run, TempDir, noise, sha256_hex, upy_cmd};

/// A home directory with a simulated board's flash image in it.
struct Sim {
    dir: TempDir,
}

impl Sim {
    fn new(tag: &str) -> Sim {
        let dir = TempDir::new(&format!("sim-{tag}"));
        std::fs::create_dir_all(dir.path().join("work")).unwrap();
        Sim { dir }
    }

    /// The host working directory of the `upy` runs.
    fn work(&self) -> PathBuf {
        self.dir.path().join("work")
    }

    /// Where `upy -d sim` keeps the flash image with this environment.
    fn image(&self) -> PathBuf {
        self.dir.path().join("data/upy/sim-flash.img")
    }

    /// `upy -d sim` with HOME, XDG_DATA_HOME and XDG_CONFIG_HOME in the temporary directory, and
    /// `UPY_CONFIG` naming a missing file (never the user's real config or image).
    fn cmd(&self) -> Command {
        let mut c = upy_cmd(&self.work());
        c.env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env_remove("UPY_SIM_FLASH")
            .env_remove("UPY_SIM_HEAP")
            .arg("-d")
            .arg("sim");
        c
    }

    fn run(&self, args: &[&str]) -> Run {
        let mut c = self.cmd();
        c.args(args);
        run_with_limit(c, Duration::from_secs(60))
    }
}

/// Run to completion, failing the test (and killing the process) if it takes longer than `limit`.
fn run_with_limit(mut c: Command, limit: Duration) -> Run {
    let mut child = c
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run upy");
    let (out, err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let read_all = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = r.read_to_end(&mut v);
            v
        })
    };
    let (out, err) = (read_all(Box::new(out)), read_all(Box::new(err)));
    let Some(status) = wait_limit(&mut child, limit) else {
        let _ = child.kill();
        let _ = child.wait();
        panic!(
            "upy did not finish within {limit:?}; stderr: {}",
            String::from_utf8_lossy(&err.join().unwrap_or_default())
        )
    };
    let raw_stdout = out.join().unwrap();
    let stderr = err.join().unwrap();
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&raw_stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        raw_stdout,
    }
}

fn wait_limit(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let end = Instant::now() + limit;
    while Instant::now() < end {
        if let Ok(Some(st)) = child.try_wait() {
            return Some(st);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

#[test]
fn exec_and_eval_output_and_exit_codes() {
    let s = Sim::new("exec");
    let r = s.run(&["exec", "print(1 + 2)\nprint('two\\nlines')"]);
    r.ok();
    assert_eq!(r.stdout, "3\ntwo\nlines\n");
    let r = s.run(&["eval", "[i * i for i in range(4)]"]);
    r.ok();
    assert_eq!(r.stdout.trim_end(), "[0, 1, 4, 9]");
    let v = s.run(&["--json", "eval", "6 * 7"]);
    v.ok();
    assert_eq!(v.json()["value"], "42", "{}", v.stdout);

    // A Python error on the device: exit 1, the device's traceback on stderr, output before it kept.
    let r = s.run(&["exec", "print('before')\n1/0"]);
    assert_eq!(r.code, 1, "stdout: {}\nstderr: {}", r.stdout, r.stderr);
    assert_eq!(r.stdout, "before\n");
    assert!(
        r.stderr.contains("Traceback (most recent call last)"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("ZeroDivisionError"), "{}", r.stderr);
    let j = s.run(&["--json", "exec", "raise ValueError('bad value')"]);
    assert_eq!(j.code, 1);
    assert!(j.stdout.contains("ValueError"), "{}", j.stdout);

    // Usage errors: exit 2.
    let r = s.run(&["exec"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let r = s.run(&["no-such-command"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let mut c = s.cmd();
    c.env("UPY_SIM_HEAP", "lots").args(["exec", "pass"]);
    let r = run_with_limit(c, Duration::from_secs(30));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("UPY_SIM_HEAP=lots"), "{}", r.stderr);
}

#[test]
fn the_heap_is_the_configured_one() {
    let s = Sim::new("heap");
    let total = "import gc\ngc.collect()\nprint(gc.mem_free() + gc.mem_alloc())";
    let n = |r: Run| -> usize {
        r.ok();
        r.stdout
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("not a number: {:?}", r.stdout))
    };
    let default = n(s.run(&["exec", total]));
    assert!(
        default > 200 * 1024 && default <= 256 * 1024,
        "default heap {default}"
    );
    let mut c = s.cmd();
    c.env("UPY_SIM_HEAP", "64K").args(["exec", total]);
    let small = n(run_with_limit(c, Duration::from_secs(60)));
    assert!(small > 40 * 1024 && small <= 64 * 1024, "64K heap {small}");
    let mut c = s.cmd();
    c.env("UPY_SIM_HEAP", "64K")
        .args(["exec", "x = bytearray(100 * 1024)"]);
    let r = run_with_limit(c, Duration::from_secs(60));
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("MemoryError"), "{}", r.stderr);
}

#[test]
fn run_a_local_file() {
    let s = Sim::new("run");
    let prog = s.dir.write(
        "work/prog.py",
        "import sys\ntotal = 0\nfor i in range(10):\n    total += i\nprint('total', total)\nprint(sys.platform)\n",
    );
    let r = s.run(&["run", prog.to_str().unwrap()]);
    r.ok();
    assert_eq!(r.stdout, "total 45\nlinux\n");
    let bad = s.dir.write("work/bad.py", "def f(:\n");
    let r = s.run(&["run", bad.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("SyntaxError"), "{}", r.stderr);
    let r = s.run(&["run", "missing.py"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
}

#[test]
fn files_copy_both_ways_and_persist_across_runs() {
    let s = Sim::new("cp");
    let data = noise(150_000, 7);
    let local = s.dir.write("work/blob.bin", &data);
    let j = s.run(&["--json", "cp", local.to_str().unwrap(), ":/blob.bin"]);
    j.ok();
    // The board offers upy frames and its console serves them in-process.
    assert_eq!(j.json()["transport"], "frames", "{}", j.stdout);
    assert!(
        s.image().is_file(),
        "image under XDG_DATA_HOME: {}",
        s.image().display()
    );
    // A later upy run (a new power cycle of the board) sees the file.
    let r = s.run(&["sha256sum", ":/blob.bin"]);
    r.ok();
    assert!(r.stdout.contains(&sha256_hex(&data)), "{}", r.stdout);
    s.run(&["cp", ":/blob.bin", "back.bin"]).ok();
    let back = std::fs::read(s.work().join("back.bin")).unwrap();
    assert_eq!(back.len(), data.len());
    assert!(back == data, "bytes differ after the round trip");

    // State written by one process, read by the next.
    s.run(&[
        "exec",
        "with open('/note.txt', 'w') as f:\n    f.write('written by run one')",
    ])
    .ok();
    let r = s.run(&["cat", ":/note.txt"]);
    r.ok();
    assert_eq!(r.stdout, "written by run one");
    // A file the program left open is committed when upy ends (the board is switched off cleanly).
    s.run(&["exec", "f = open('/open.txt', 'w')\nf.write('left open')"])
        .ok();
    let r = s.run(&["eval", "repr(open('/open.txt').read())"]);
    r.ok();
    assert_eq!(r.stdout.trim_end(), "'left open'");
}

#[test]
fn directories_ls_tree_rm_and_df() {
    let s = Sim::new("dirs");
    s.run(&["mkdir", "-p", ":/a/b/c"]).ok();
    s.run(&["mkdir", "-p", ":/a/b/c"]).ok();
    s.run(&["touch", ":/a/b/c/empty.txt", ":/a/top.txt"]).ok();
    s.run(&[
        "exec",
        "with open('/a/b/data.txt', 'w') as f:\n    f.write('12345')",
    ])
    .ok();
    let r = s.run(&["ls", ":/a"]);
    r.ok();
    let names: Vec<&str> = r.stdout.lines().map(str::trim).collect();
    assert!(names.iter().any(|l| l.starts_with('b')), "{}", r.stdout);
    assert!(names.iter().any(|l| l.contains("top.txt")), "{}", r.stdout);
    let j = s.run(&["--json", "ls", "-r", ":/a"]);
    j.ok();
    let text = j.stdout.clone();
    for p in ["b", "c", "empty.txt", "data.txt", "top.txt"] {
        assert!(text.contains(p), "{p} missing from {text}");
    }
    let r = s.run(&["tree", "-s", ":/a"]);
    r.ok();
    assert!(
        r.stdout
            .lines()
            .any(|l| l.contains("5]") && l.contains("data.txt")),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("empty.txt"), "{}", r.stdout);
    // rmdir refuses a non-empty directory (exit 1), rm -r removes the tree.
    let r = s.run(&["rmdir", ":/a/b"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    s.run(&["rm", "-r", ":/a/b"]).ok();
    let r = s.run(&["eval", "sorted(__import__('os').listdir('/a'))"]);
    r.ok();
    assert_eq!(r.stdout.trim_end(), "['top.txt']");
    let r = s.run(&["rm", ":/nothing-here.txt"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let j = s.run(&["--json", "df"]);
    j.ok();
    assert!(
        j.stdout.contains("free") || j.stdout.contains("total"),
        "{}",
        j.stdout
    );
}

#[test]
fn sync_then_nothing_to_do() {
    let s = Sim::new("sync");
    s.dir.write("work/app/main.py", "print('app')\n");
    s.dir.write("work/app/lib/util.py", "X = 1\n");
    s.dir.write("work/app/data.bin", noise(10_000, 3));
    let first = s.run(&["--json", "sync", "app", ":/"]);
    first.ok();
    let j = first.json();
    let actions = j["actions"].as_array().expect("actions");
    assert!(actions.len() >= 3, "{}", first.stdout);
    let second = s.run(&["--json", "sync", "app", ":/"]);
    second.ok();
    let j = second.json();
    assert_eq!(
        j["actions"].as_array().map(Vec::len),
        Some(0),
        "{}",
        second.stdout
    );
    let r = s.run(&["cat", ":/lib/util.py"]);
    r.ok();
    assert_eq!(r.stdout, "X = 1\n");
}

#[test]
fn hard_reset_power_cycles_and_soft_reset_does_not() {
    let s = Sim::new("reset");
    s.run(&[
        "exec",
        "for name, mark in (('boot', 'b'), ('main', 'm')):\n\
         \x20   with open('/%s.py' % name, 'w') as f:\n\
         \x20       f.write(\"with open('/%ss', 'a') as f:\\n    f.write('%s')\\n\" % (name, mark))",
    ])
    .ok();
    // Power on (boot.py, main.py), then the hard reset (both again).
    let r = s.run(&["reset", "--hard"]);
    r.ok();
    assert!(r.stderr.contains("hard reset sim"), "{}", r.stderr);
    // Power on (both), then a soft reset from the raw REPL (boot.py only).
    s.run(&["reset", "--soft"]).ok();
    // Power on (both), no reset.
    let r = s.run(&[
        "eval",
        "(open('/boots').read(), open('/mains').read())",
        "--no-reset",
    ]);
    r.ok();
    assert_eq!(r.stdout.trim_end(), "('bbbbb', 'mmmm')");
    let j = s.run(&["--json", "reset"]);
    j.ok();
    assert_eq!(j.json()["reconnected"], true, "{}", j.stdout);
}

/// Wait for the first stdout line of `child` (upy-sim --pty prints its device path there).
fn first_line(child: &mut Child) -> String {
    let out = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut r = BufReader::new(out);
        let mut line = String::new();
        let _ = r.read_line(&mut line);
        let _ = tx.send(line);
        let mut sink = Vec::new();
        let _ = r.read_to_end(&mut sink);
    });
    rx.recv_timeout(Duration::from_secs(30))
        .expect("upy-sim --pty printed no device path")
        .trim()
        .to_string()
}

/// `upy-sim`, next to `upy` (`cargo test --workspace` builds it); built here when it is missing
/// (`cargo test -p upy-cli` alone does not build other packages' binaries).
fn upy_sim_exe() -> PathBuf {
    let upy = Path::new(env!("CARGO_BIN_EXE_upy"));
    let sim = upy.with_file_name("upy-sim");
    if sim.is_file() {
        return sim;
    }
    let profile_dir = upy.parent().expect("upy's directory");
    let target_dir = profile_dir.parent().expect("the target directory");
    let mut c = Command::new(env!("CARGO"));
    c.args(["build", "-p", "upy-port-sim", "--bin", "upy-sim"])
        .env("CARGO_TARGET_DIR", target_dir)
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    if profile_dir.file_name().is_some_and(|n| n == "release") {
        c.arg("--release");
    }
    eprintln!("{} is missing: building it", sim.display());
    let r = run_with_limit(c, Duration::from_secs(1800));
    assert!(
        r.code == 0 && sim.is_file(),
        "could not build {} (`cargo build -p upy-port-sim`):\n{}",
        sim.display(),
        r.stderr
    );
    sim
}

#[test]
fn a_held_image_is_a_clear_error() {
    let s = Sim::new("lock");
    s.run(&["exec", "with open('/x', 'w') as f:\n    f.write('x')"])
        .ok();
    let mut board = Command::new(upy_sim_exe())
        .arg("--pty")
        .arg("--flash")
        .arg(s.image())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start upy-sim --pty");
    let pty = first_line(&mut board);
    assert!(pty.starts_with("/dev/"), "{pty:?}");
    let r = s.run(&["ls"]);
    let _ = board.kill();
    let _ = board.wait();
    assert_eq!(r.code, 2, "stdout: {}\nstderr: {}", r.stdout, r.stderr);
    let image = s.image().display().to_string();
    assert!(r.stderr.contains(&image), "names the image: {}", r.stderr);
    assert!(
        r.stderr.contains("in use by upy-sim (pid "),
        "names the holder: {}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&format!("-d {pty}")),
        "says how to reach that board: {}",
        r.stderr
    );
    assert!(
        r.stderr.contains("UPY_SIM_FLASH="),
        "says how to use another image: {}",
        r.stderr
    );
    // Once the other board is gone the image is free again, files intact.
    let r = s.run(&["cat", ":/x"]);
    r.ok();
    assert_eq!(r.stdout, "x");

    // Another upy on the same image, and UPY_SIM_FLASH choosing a second one.
    let mut holder = PtyUpy::spawn(&s, &["repl"]);
    holder.read_until(">>> ", Duration::from_secs(30));
    let r = s.run(&["ls"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("in use by upy (pid "), "{}", r.stderr);
    let mut c = s.cmd();
    c.env("UPY_SIM_FLASH", s.dir.path().join("second.img"))
        .args(["eval", "len(__import__('os').listdir('/'))"]);
    let r = run_with_limit(c, Duration::from_secs(60));
    r.ok();
    assert_eq!(r.stdout.trim(), "0", "a fresh image: {}", r.stdout);
    assert!(s.dir.path().join("second.img").is_file());
    holder.quit();
}

/// `upy -d sim ARGS` with a pseudo-terminal as its stdin, stdout and stderr.
struct PtyUpy {
    child: Child,
    master: OwnedFd,
    log: Vec<u8>,
    pos: usize,
}

impl PtyUpy {
    fn spawn(s: &Sim, args: &[&str]) -> PtyUpy {
        let mut c = s.cmd();
        c.args(args);
        PtyUpy::spawn_command(c)
    }

    /// `c` with a pseudo-terminal as its stdin, stdout and stderr.
    fn spawn_command(mut c: Command) -> PtyUpy {
        let pty = nix::pty::openpty(None, None).expect("openpty");
        let slave = std::fs::File::from(pty.slave);
        let child = c
            .stdin(slave.try_clone().unwrap())
            .stdout(slave.try_clone().unwrap())
            .stderr(slave)
            .spawn()
            .expect("spawn upy");
        PtyUpy {
            child,
            master: pty.master,
            log: Vec::new(),
            pos: 0,
        }
    }

    fn write(&mut self, b: &[u8]) {
        nix::unistd::write(&self.master, b).expect("write to upy's terminal");
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.log).into_owned()
    }

    fn read_until(&mut self, pat: &str, limit: Duration) {
        let end = Instant::now() + limit;
        loop {
            let seen = String::from_utf8_lossy(&self.log[self.pos..]).into_owned();
            if let Some(i) = seen.find(pat) {
                self.pos = (self.pos + i + pat.len()).min(self.log.len());
                return;
            }
            assert!(
                Instant::now() < end,
                "timed out waiting for {pat:?}; got {:?}",
                self.text()
            );
            let mut fds = [nix::poll::PollFd::new(
                self.master.as_fd(),
                nix::poll::PollFlags::POLLIN,
            )];
            if !matches!(nix::poll::poll(&mut fds, nix::poll::PollTimeout::from(100u16)), Ok(n) if n > 0)
            {
                continue;
            }
            let mut buf = [0u8; 1024];
            match nix::unistd::read(self.master.as_fd(), &mut buf) {
                Ok(n) if n > 0 => self.log.extend_from_slice(&buf[..n]),
                // EIO: upy exited and closed its terminal.
                _ => std::thread::sleep(Duration::from_millis(50)),
            }
        }
    }

    /// Ctrl-] leaves `upy repl`; it must exit 0.
    fn quit(&mut self) {
        self.write(b"\x1d");
        match wait_limit(&mut self.child, Duration::from_secs(15)) {
            Some(st) => assert!(
                st.success(),
                "upy repl exited with {st}; output {:?}",
                self.text()
            ),
            None => panic!("upy repl did not exit on Ctrl-]; output {:?}", self.text()),
        }
    }
}

impl Drop for PtyUpy {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[test]
fn repl_through_a_real_terminal() {
    let s = Sim::new("repl");
    let mut r = PtyUpy::spawn(&s, &["repl"]);
    r.read_until("Connected to sim", Duration::from_secs(30));
    r.read_until(">>> ", Duration::from_secs(30));
    r.write(b"1+2\r");
    r.read_until("1+2\r\n3\r\n>>> ", Duration::from_secs(10));
    // UTF-8 typed at the terminal reaches the board, and its answer the terminal, unchanged.
    r.write("print('é€' * 2)\r".as_bytes());
    r.read_until("é€é€\r\n>>> ", Duration::from_secs(10));
    r.write(b"x = 'kept'\r");
    r.read_until(">>> ", Duration::from_secs(10));
    // Ctrl-C interrupts a loop started at the prompt.
    r.write(b"while True: pass\r\r");
    std::thread::sleep(Duration::from_millis(300));
    r.write(b"\x03");
    r.read_until("KeyboardInterrupt", Duration::from_secs(10));
    r.read_until(">>> ", Duration::from_secs(10));
    r.write(b"x\r");
    r.read_until("'kept'", Duration::from_secs(10));
    // Ctrl-D soft-resets the board: a fresh VM.
    r.write(b"\x04");
    r.read_until("soft reboot", Duration::from_secs(10));
    r.read_until(">>> ", Duration::from_secs(10));
    r.write(b"x\r");
    r.read_until("NameError", Duration::from_secs(10));
    r.quit();
    // The terminal's settings were restored: the pty is back in canonical (cooked) mode.
    let t = nix::sys::termios::tcgetattr(&r.master).expect("tcgetattr");
    assert!(
        t.local_flags
            .contains(nix::sys::termios::LocalFlags::ICANON),
        "terminal left in raw mode"
    );
}

#[test]
fn sigint_stops_the_device_program_of_run() {
    let s = Sim::new("sigint");
    let prog = s.dir.write(
        "work/spin.py",
        "f = open('/progress', 'w')\nf.write('started')\nf.close()\nprint('spinning')\nwhile True:\n    pass\n",
    );
    let mut child = s
        .cmd()
        .args(["run", prog.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn upy run");
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).expect("read upy's stdout");
    assert_eq!(line, "spinning\n");
    std::thread::sleep(Duration::from_millis(300));
    let pid = nix::unistd::Pid::from_raw(child.id() as i32);
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGINT).expect("SIGINT");
    let Some(status) = wait_limit(&mut child, Duration::from_secs(15)) else {
        let _ = child.kill();
        panic!("upy run did not stop after SIGINT");
    };
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(status.code(), Some(1), "stderr: {err}");
    assert!(
        err.contains("KeyboardInterrupt"),
        "the device program was interrupted: {err}"
    );
    // The board is free again and its filesystem intact.
    let r = s.run(&["cat", ":/progress"]);
    r.ok();
    assert_eq!(r.stdout, "started");
}

/// Run `c` with `input` as its stdin (a pipe, closed after the input), failing after `limit`.
fn run_with_input(mut c: Command, input: &'static [u8], limit: Duration) -> Run {
    let mut child = c
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run upy");
    let mut stdin = child.stdin.take().unwrap();
    std::thread::spawn(move || {
        use std::io::Write;
        // Wait for the prompt the board prints at power-on before typing, as a person would.
        std::thread::sleep(Duration::from_millis(500));
        let _ = stdin.write_all(input);
    });
    let (out, err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let read_all = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = r.read_to_end(&mut v);
            v
        })
    };
    let (out, err) = (read_all(Box::new(out)), read_all(Box::new(err)));
    let Some(status) = wait_limit(&mut child, limit) else {
        let _ = child.kill();
        let _ = child.wait();
        panic!("upy did not finish within {limit:?}");
    };
    let raw_stdout = out.join().unwrap();
    let stderr = err.join().unwrap();
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&raw_stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        raw_stdout,
    }
}

#[test]
fn repl_with_piped_input_passes_bytes_and_ends() {
    let s = Sim::new("repl-pipe");
    // End of input: the session ends once the board is quiet; its UTF-8 output arrives unchanged.
    let mut c = s.cmd();
    c.args(["--json", "repl"]);
    let r = run_with_input(c, b"print('\\u20ac' * 3, 6 * 7)\r", Duration::from_secs(60));
    r.ok();
    assert!(
        r.stdout.contains("\u{20ac}\u{20ac}\u{20ac} 42\r\n>>> "),
        "{:?}",
        r.stdout
    );
    let last = r.stdout.trim_end().lines().last().unwrap_or("");
    let v: serde_json::Value = serde_json::from_str(last).expect("last line is JSON");
    assert_eq!(v["ended"], "end of input", "{last}");
    // Ctrl-] in the input ends the session at once; what came before it was sent.
    let mut c = s.cmd();
    c.args(["--json", "repl"]);
    let r = run_with_input(
        c,
        b"x = 5\rprint(x + 1)\r\x1dprint('never sent')\r",
        Duration::from_secs(60),
    );
    r.ok();
    let last = r.stdout.trim_end().lines().last().unwrap_or("");
    let v: serde_json::Value = serde_json::from_str(last).expect("last line is JSON");
    assert_eq!(v["ended"], "exit key", "{last}");
    assert!(!r.stdout.contains("never sent"), "{:?}", r.stdout);
}

#[test]
fn sim_image_and_heap_from_the_config_files() {
    let s = Sim::new("config");
    // The user config file (as `UPY_CONFIG` names it; its default place differs between OSes).
    let user = s.dir.path().join("config/upy/config.toml");
    let cmd = |args: &[&str]| {
        let mut c = s.cmd();
        c.env("UPY_CONFIG", &user).args(args);
        c
    };
    let run = |args: &[&str]| run_with_limit(cmd(args), Duration::from_secs(60));
    let total = "import gc\ngc.collect()\nprint(gc.mem_free() + gc.mem_alloc())";
    let heap = |r: Run| -> usize {
        r.ok();
        r.stdout
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("not a number: {:?}", r.stdout))
    };
    // A relative image is relative to the file's directory.
    s.dir.write(
        "config/upy/config.toml",
        "[sim]\nheap = \"64K\"\nflash = \"user.img\"\n",
    );
    let n = heap(run(&["exec", total]));
    assert!(n > 40 * 1024 && n <= 64 * 1024, "64K heap {n}");
    assert!(s.dir.path().join("config/upy/user.img").is_file());
    assert!(!s.image().exists(), "the default image was not used");

    // The project upy.toml wins for the image; the user file's heap still applies.
    s.dir
        .write("work/upy.toml", "[sim]\nflash = \"proj.img\"\n");
    run(&["exec", "open('/where.txt', 'w').write('project')"]).ok();
    assert!(s.work().join("proj.img").is_file());
    let n = heap(run(&["exec", total]));
    assert!(n <= 64 * 1024, "user heap kept: {n}");
    let r = run(&["cat", ":/where.txt"]);
    r.ok();
    assert_eq!(r.stdout, "project");

    // The environment wins over both files.
    let env_img = s.dir.path().join("env.img");
    let mut c = cmd(&["exec", total]);
    c.env("UPY_SIM_HEAP", "128K").env("UPY_SIM_FLASH", &env_img);
    let n = heap(run_with_limit(c, Duration::from_secs(60)));
    assert!(n > 100 * 1024 && n <= 128 * 1024, "128K heap {n}");
    assert!(env_img.is_file());

    // A bad value is a usage error naming the file and the key.
    let project = s.dir.write("work/upy.toml", "[sim]\nheap = \"lots\"\n");
    let r = run(&["exec", "pass"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains(&project.display().to_string()) && r.stderr.contains("[sim] heap"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("UPY_SIM_HEAP="), "the hint: {}", r.stderr);
    let j = run(&["--json", "exec", "pass"]);
    assert_eq!(j.code, 2);
    let v: serde_json::Value = serde_json::from_str(&j.stdout).expect("one JSON document");
    assert_eq!(v["error"]["kind"], "usage", "{v}");
    // ... which the environment overrides.
    let mut c = cmd(&["exec", "print('ok')"]);
    c.env("UPY_SIM_HEAP", "64K");
    let r = run_with_limit(c, Duration::from_secs(60));
    r.ok();
    assert_eq!(r.stdout, "ok\n");
    // A wrong type is caught when the file is read.
    s.dir.write("work/upy.toml", "[sim]\nflash = 7\n");
    let r = run(&["exec", "pass"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("upy.toml"), "{}", r.stderr);
}

#[test]
fn repl_restores_the_terminal_when_the_link_is_lost() {
    let s = Sim::new("repl-lost");
    // A "board" on TCP that shows a prompt, then cuts the link.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let addr = listener.local_addr().unwrap();
    let server = std::thread::spawn(move || {
        use std::io::Write;
        let (mut conn, _) = listener.accept().expect("accept upy");
        let _ = conn.write_all(b"\r\n>>> ");
        std::thread::sleep(Duration::from_millis(800));
    });
    let mut c = upy_cmd(&s.work());
    c.env("HOME", s.dir.path())
        .args(["-d", &format!("tcp:{addr}"), "repl"]);
    let mut r = PtyUpy::spawn_command(c);
    r.read_until(">>> ", Duration::from_secs(30));
    // In raw mode while the session runs.
    let t = nix::sys::termios::tcgetattr(&r.master).expect("tcgetattr");
    assert!(
        !t.local_flags
            .contains(nix::sys::termios::LocalFlags::ICANON),
        "the terminal is in raw mode during the session"
    );
    r.read_until("disconnected", Duration::from_secs(15));
    let st = wait_limit(&mut r.child, Duration::from_secs(15)).expect("upy repl exits");
    assert_eq!(st.code(), Some(2), "output {:?}", r.text());
    let t = nix::sys::termios::tcgetattr(&r.master).expect("tcgetattr");
    assert!(
        t.local_flags
            .contains(nix::sys::termios::LocalFlags::ICANON),
        "terminal left in raw mode after the error"
    );
    server.join().unwrap();
}
