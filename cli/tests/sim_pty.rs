//! End to end over real processes: the real `upy` binary against `upy-sim --pty` (upy firmware, so file
//! operations go over upy binary frames, docs/protocol.md), plus a raw test host that speaks the frame
//! protocol by hand to check errors and recovery, and mpremote as a client nobody here wrote.
//!
//! `upy-sim` is looked up next to the `upy` binary (a workspace build makes both); when it is missing the
//! test builds it with cargo.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::AsFd;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::termios::{self, SetArg};
use sha2::{Digest, Sha256};
use upy_protocol::frame::{self, Decoder, Feed, Type};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

fn upy_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_upy"))
}

fn sim_bin() -> PathBuf {
    let dir = upy_bin().parent().expect("bin dir").to_path_buf();
    let sim = dir.join("upy-sim");
    if !sim.exists() {
        // target/<profile>/upy → target dir is two levels up.
        let target = dir.parent().expect("target dir");
        let profile = dir.file_name().and_then(|n| n.to_str()).unwrap_or("debug");
        let mut cmd = Command::new(env!("CARGO"));
        cmd.args(["build", "-p", "upy-port-sim", "--bin", "upy-sim"]);
        if profile == "release" {
            cmd.arg("--release");
        }
        let st = cmd
            .env("CARGO_TARGET_DIR", target)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .expect("run cargo build for upy-sim");
        assert!(st.success(), "building upy-sim failed");
    }
    assert!(
        sim.exists(),
        "{} is missing: build it with `cargo build -p upy-port-sim`",
        sim.display()
    );
    sim
}

/// A virtual board on a pty with its own flash image.
struct Sim {
    child: Child,
    path: String,
    dir: PathBuf,
}

impl Sim {
    fn start() -> Sim {
        let dir = std::env::temp_dir().join(format!(
            "upy-frames-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let mut child = Command::new(sim_bin())
            .arg("--pty")
            .arg("--flash")
            .arg(dir.join("flash.img"))
            .current_dir(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn upy-sim --pty");
        let mut out = child.stdout.take().expect("stdout");
        let mut line = Vec::new();
        let mut b = [0u8; 1];
        while out.read(&mut b).unwrap_or(0) == 1 && b[0] != b'\n' {
            line.push(b[0]);
        }
        let path = String::from_utf8(line).expect("pty path");
        assert!(
            path.starts_with("/dev/"),
            "upy-sim printed {path:?} instead of a pty path"
        );
        std::thread::spawn(move || {
            let mut sink = Vec::new();
            let _ = out.read_to_end(&mut sink);
        });
        Sim { child, path, dir }
    }

    /// Run `upy -d PTY args...` with `env`.
    fn upy(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new(upy_bin());
        cmd.arg("-d")
            .arg(&self.path)
            .args(args)
            .current_dir(&self.dir);
        cmd.env_remove("UPY_DEVICE")
            .env_remove("UPY_FRAMES")
            .env_remove("UPY_WIRE_STATS");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().expect("run upy")
    }

    fn upy_ok(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let out = self.upy(args, env);
        assert!(
            out.status.success(),
            "upy {args:?} failed: {}\nstdout: {}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        );
        out
    }
}

impl Drop for Sim {
    fn drop(&mut self) {
        let pid = nix::unistd::Pid::from_raw(self.child.id() as i32);
        let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM);
        let end = Instant::now() + Duration::from_secs(5);
        while Instant::now() < end {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A hand-driven host on the pty.
struct Raw {
    f: File,
    log: Vec<u8>,
}

impl Raw {
    fn open(path: &str) -> Raw {
        let f = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(path)
            .expect("open pty");
        let mut t = termios::tcgetattr(f.as_fd()).expect("tcgetattr");
        termios::cfmakeraw(&mut t);
        termios::tcsetattr(f.as_fd(), SetArg::TCSANOW, &t).expect("tcsetattr");
        Raw { f, log: Vec::new() }
    }

    fn write(&mut self, b: &[u8]) {
        self.f.write_all(b).expect("write to the board");
    }

    fn read_some(&mut self, wait: Duration) -> Option<Vec<u8>> {
        let mut fds = [PollFd::new(self.f.as_fd(), PollFlags::POLLIN)];
        let ms = wait.as_millis().min(60_000) as u16;
        match poll(&mut fds, PollTimeout::from(ms)) {
            Ok(n) if n > 0 => {
                let mut buf = [0u8; 8192];
                match self.f.read(&mut buf) {
                    Ok(n) if n > 0 => {
                        self.log.extend_from_slice(&buf[..n]);
                        Some(buf[..n].to_vec())
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Read until `pat` was seen (returns everything read), failing after `limit`.
    fn read_until(&mut self, pat: &[u8], limit: Duration) -> Vec<u8> {
        let end = Instant::now() + limit;
        // Bytes that arrived behind the last frame come first.
        let mut got = self.take_back().unwrap_or_default();
        if got.windows(pat.len()).any(|w| w == pat) {
            return got;
        }
        while Instant::now() < end {
            if let Some(b) = self.read_some(Duration::from_millis(100)) {
                got.extend_from_slice(&b);
                if got.windows(pat.len()).any(|w| w == pat) {
                    return got;
                }
            }
        }
        panic!(
            "timed out waiting for {:?}; got {:?}",
            String::from_utf8_lossy(pat),
            String::from_utf8_lossy(&got)
        );
    }

    fn enter_raw(&mut self) {
        self.write(b"\r\x03\x03\r\x01");
        self.read_until(b"raw REPL; CTRL-B to exit\r\n>", Duration::from_secs(10));
    }

    /// Read frames until one arrives (stray bytes are skipped); returns (type, seq, payload).
    fn frame(&mut self, dec: &mut Decoder<Vec<u8>>, limit: Duration) -> (u8, u8, Vec<u8>) {
        let end = Instant::now() + limit;
        let mut pending: Vec<u8> = Vec::new();
        loop {
            while !pending.is_empty() {
                let b = pending.remove(0);
                match dec.push(b) {
                    Feed::Frame(h) => {
                        // Put back what came after the frame.
                        self.log_back(pending);
                        return (h.ty, h.seq, dec.payload().to_vec());
                    }
                    Feed::Bad(e) => panic!("damaged frame from the board: {e:?}"),
                    Feed::Pending | Feed::Stray(_) => {}
                }
            }
            if let Some(b) = self.take_back() {
                pending = b;
                continue;
            }
            assert!(
                Instant::now() < end,
                "no frame from the board; read {:?}",
                self.log
            );
            if let Some(b) = self.read_some(Duration::from_millis(100)) {
                pending = b;
            }
        }
    }

    fn log_back(&mut self, rest: Vec<u8>) {
        if !rest.is_empty() {
            BACK.with(|b| b.borrow_mut().extend(rest));
        }
    }

    fn take_back(&mut self) -> Option<Vec<u8>> {
        BACK.with(|b| {
            let mut b = b.borrow_mut();
            if b.is_empty() {
                None
            } else {
                Some(std::mem::take(&mut *b))
            }
        })
    }
}

thread_local! {
    static BACK: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn enc(ty: Type, seq: u8, parts: &[&[u8]]) -> Vec<u8> {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    let mut out = vec![0u8; len + frame::OVERHEAD];
    let n = frame::encode(ty as u8, seq, parts, &mut out).expect("encode");
    out.truncate(n);
    out
}

fn sha_hex(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// 1 MiB holding every byte value many times (and runs of the control bytes 0x01..0x05).
fn mebibyte() -> Vec<u8> {
    let mut data = Vec::with_capacity(1 << 20);
    let mut seed: u32 = 0x1234_5678;
    while data.len() < (1 << 20) {
        if data.len() % 65536 == 0 {
            data.extend(0..=255u8);
            data.extend_from_slice(b"\x03\x03\x03\x01\x02\x04\x05\r\n\xa5\xa5");
        }
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        data.push(seed as u8);
    }
    data.truncate(1 << 20);
    data
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn wire_ratio(err: &str) -> f64 {
    let line = err
        .lines()
        .find(|l| l.contains("upy: wire:"))
        .unwrap_or_else(|| panic!("no wire stats in {err:?}"));
    assert!(
        line.contains("transport=frames"),
        "frames were not used: {line}"
    );
    line.rsplit("ratio=")
        .next()
        .and_then(|r| r.trim().parse().ok())
        .expect("ratio")
}

#[test]
fn cp_a_mebibyte_both_ways_over_frames() {
    let sim = Sim::start();
    let data = mebibyte();
    let local = sim.dir.join("big.bin");
    std::fs::write(&local, &data).unwrap();

    let out = sim.upy_ok(
        &["--json", "cp", "big.bin", ":/big.bin"],
        &[("UPY_WIRE_STATS", "1")],
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["transport"], "frames", "{doc}");
    let ratio = wire_ratio(&stderr(&out));
    assert!(
        ratio > 1.0 && ratio <= 1.1,
        "upload used {ratio} wire bytes per payload byte"
    );

    let out = sim.upy_ok(&["cp", ":/big.bin", "back.bin"], &[("UPY_WIRE_STATS", "1")]);
    let ratio = wire_ratio(&stderr(&out));
    assert!(
        ratio > 1.0 && ratio <= 1.1,
        "download used {ratio} wire bytes per payload byte"
    );
    let back = std::fs::read(sim.dir.join("back.bin")).unwrap();
    assert_eq!(back.len(), data.len());
    assert_eq!(sha_hex(&back), sha_hex(&data));

    // The device's own hash agrees, and no temporary file was left.
    let out = sim.upy_ok(&["sha256sum", ":/big.bin"], &[]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(&sha_hex(&data)),
        "{out:?}"
    );
    let out = sim.upy_ok(&["ls", "/"], &[]);
    let ls = String::from_utf8_lossy(&out.stdout);
    assert!(ls.contains("big.bin") && !ls.contains("upytmp"), "{ls}");

    // The Python path (stock firmware's) still works against the same board and agrees.
    let out = sim.upy_ok(
        &["--json", "cp", ":/big.bin", "back2.bin"],
        &[("UPY_FRAMES", "0")],
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["transport"], "raw-repl");
    assert_eq!(std::fs::read(sim.dir.join("back2.bin")).unwrap(), data);
}

#[test]
fn errors_name_the_file_and_the_errno() {
    let sim = Sim::start();
    let out = sim.upy(&["cp", ":/lib/missing.py", "x.py"], &[]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("/lib/missing.py") && err.to_lowercase().contains("no such file"),
        "{err}"
    );
    let out = sim.upy(&["--json", "rmdir", ":/nothere"], &[]);
    assert!(!out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["error"]["exception"]["errno"], "ENOENT", "{doc}");
}

#[test]
fn cp_recursive_and_sync_over_frames() {
    let sim = Sim::start();
    let src = sim.dir.join("proj");
    for (rel, body) in [
        ("main.py", "print('main')\n"),
        ("lib/util.py", "X = 1\n"),
        ("lib/deep/a.bin", "\x00\x01\x02\x03"),
        ("boot.py", "# boot\n"),
    ] {
        let p = src.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, body).unwrap();
    }
    // cp -r
    sim.upy_ok(&["cp", "-r", "proj", ":/copy"], &[]);
    let out = sim.upy_ok(&["--json", "ls", "-r", "/copy"], &[]);
    let text = String::from_utf8_lossy(&out.stdout);
    for p in ["/copy/main.py", "/copy/lib/util.py", "/copy/lib/deep/a.bin"] {
        assert!(text.contains(p), "{p} missing from {text}");
    }
    let out = sim.upy_ok(&["cat", ":/copy/lib/util.py"], &[]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "X = 1\n");

    // sync: first run adds everything, in frames.
    let out = sim.upy_ok(&["--json", "sync", "proj", ":/app"], &[]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["transport"], "frames");
    assert_eq!(doc["actions"].as_array().map(Vec::len), Some(4), "{doc}");
    // No change: nothing to print, and one listing round trip is fast.
    let t = Instant::now();
    let out = sim.upy_ok(&["sync", "--dry-run", "proj", ":/app"], &[]);
    let took = t.elapsed();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "",
        "no-change dry run printed something"
    );
    eprintln!("no-change sync --dry-run of 4 files took {took:?}");
    // Change one file, remove one: --delete plans update + delete.
    std::fs::write(src.join("main.py"), "print('changed')\n").unwrap();
    std::fs::remove_file(src.join("boot.py")).unwrap();
    let out = sim.upy_ok(&["sync", "--dry-run", "--delete", "proj", ":/app"], &[]);
    let plan = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(plan, "delete /app/boot.py\nupdate /app/main.py\n");
    sim.upy_ok(&["sync", "--delete", "proj", ":/app"], &[]);
    let out = sim.upy_ok(&["sync", "--dry-run", "--delete", "proj", ":/app"], &[]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    let out = sim.upy_ok(&["cat", ":/app/main.py"], &[]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "print('changed')\n");
    // A file as destination is refused; a missing destination is created.
    let out = sim.upy(&["sync", "proj", ":/app/main.py"], &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("/app/main.py is a file"),
        "{}",
        stderr(&out)
    );
    let out = sim.upy_ok(&["sync", "proj", ":/fresh/dir"], &[]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("add /fresh/dir/lib/deep/a.bin"));
    let out = sim.upy_ok(&["cat", ":/fresh/dir/lib/deep/a.bin"], &[]);
    assert_eq!(out.stdout, b"\x00\x01\x02\x03");
}

#[test]
fn sync_of_200_unchanged_files_is_one_quick_round_trip() {
    let sim = Sim::start();
    let src = sim.dir.join("many");
    for i in 0..200 {
        let dir = match i % 3 {
            0 => src.clone(),
            1 => src.join("lib"),
            _ => src.join("lib/sub"),
        };
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(format!("m{i}.py")),
            format!("X = {i}\n{}\n", "#".repeat(i * 3)),
        )
        .unwrap();
    }
    sim.upy_ok(&["sync", "many", ":"], &[]);
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let out = sim.upy_ok(&["sync", "--dry-run", "many", ":"], &[]);
        best = best.min(t.elapsed());
        assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    }
    // Reported, not asserted (no timing assertions in tests; the benchmark checks the 0.5 s goal).
    eprintln!("no-change sync of 200 files: best of 3 = {best:?}");
}

#[test]
fn bad_frames_and_garbage_get_error_replies_and_end_returns_to_the_raw_repl() {
    let sim = Sim::start();
    let mut h = Raw::open(&sim.path);
    h.enter_raw();
    h.write(frame::FRAMES_REQUEST);
    let r = h.read_until(b"R\x01", Duration::from_secs(5));
    let mut dec = Decoder::new(vec![0u8; frame::MAX_PAYLOAD_LIMIT]);
    BACK.with(|b| {
        b.borrow_mut()
            .extend_from_slice(&r[r.windows(2).position(|w| w == b"R\x01").unwrap() + 2..])
    });
    let (ty, _, p) = h.frame(&mut dec, Duration::from_secs(5));
    assert_eq!(ty, Type::Hello as u8);
    let hello = frame::Hello::parse(&p).expect("hello");
    assert_eq!(hello.version, frame::VERSION);
    assert!(hello.window >= 1 && hello.max_payload as usize >= frame::MIN_PAYLOAD);

    // Garbage outside a frame: one error frame.
    h.write(b"garbage!");
    let (ty, _, p) = h.frame(&mut dec, Duration::from_secs(5));
    assert_eq!(ty, Type::Err as u8);
    let (errno, msg) = frame::parse_err(&p).unwrap();
    assert_eq!(errno, 22, "{msg}");
    // A frame with a broken CRC: an error frame (EIO), and the next good frame is served.
    let mut bad = enc(Type::Stat, 7, &[b"/"]);
    let last = bad.len() - 1;
    bad[last] ^= 0xff;
    h.write(&bad);
    let (ty, seq, p) = h.frame(&mut dec, Duration::from_secs(5));
    assert_eq!((ty, seq), (Type::Err as u8, 7));
    assert_eq!(frame::parse_err(&p).unwrap().0, 5);
    // Unknown type: EINVAL.
    h.write(&enc(Type::Ok, 8, &[]));
    h.write(&{
        let mut f = vec![0u8; frame::OVERHEAD];
        let n = frame::encode(0x7f, 9, &[], &mut f).unwrap();
        f.truncate(n);
        f
    });
    let (ty, seq, p) = h.frame(&mut dec, Duration::from_secs(5));
    assert_eq!((ty, seq), (Type::Err as u8, 9));
    assert_eq!(frame::parse_err(&p).unwrap().0, 22);
    // STAT of a missing file: ENOENT with the path in the message.
    h.write(&enc(Type::Stat, 10, &[b"/no/such.py"]));
    let (ty, seq, p) = h.frame(&mut dec, Duration::from_secs(5));
    assert_eq!((ty, seq), (Type::Err as u8, 10));
    let (errno, msg) = frame::parse_err(&p).unwrap();
    assert_eq!(errno, 2);
    assert!(msg.contains("/no/such.py"), "{msg}");
    // END: OK, then the raw prompt, and programs run again.
    h.write(&enc(Type::End, 11, &[]));
    let (ty, seq, _) = h.frame(&mut dec, Duration::from_secs(5));
    assert_eq!((ty, seq), (Type::Ok as u8, 11));
    h.read_until(b">", Duration::from_secs(5));
    h.write(b"print(6*7)\x04");
    h.read_until(b"OK42\r\n\x04\x04>", Duration::from_secs(5));
}

fn mpremote_works(path: &str) {
    let out = Command::new("python3")
        .args([
            "-m",
            "mpremote",
            "connect",
            path,
            "exec",
            "print('mp', 6*7)",
        ])
        .output()
        .expect("run python3 -m mpremote (pip install mpremote==1.29.0)");
    assert!(
        out.status.success() && String::from_utf8_lossy(&out.stdout).contains("mp 42"),
        "mpremote after a cut transfer: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn device_listing(sim: &Sim) -> String {
    String::from_utf8_lossy(&sim.upy_ok(&["ls", "-l", "/"], &[]).stdout).into_owned()
}

#[test]
fn a_host_dying_mid_transfer_leaves_the_old_file_and_a_working_board() {
    let sim = Sim::start();
    let old: Vec<u8> = b"old contents\n".repeat(1000);
    std::fs::write(sim.dir.join("old.bin"), &old).unwrap();
    sim.upy_ok(&["cp", "old.bin", ":/victim.bin"], &[]);

    // 1. A host that dies in the middle of a frame of a PUT.
    {
        let mut h = Raw::open(&sim.path);
        h.enter_raw();
        h.write(frame::FRAMES_REQUEST);
        let r = h.read_until(b"R\x01", Duration::from_secs(5));
        BACK.with(|b| {
            b.borrow_mut()
                .extend_from_slice(&r[r.windows(2).position(|w| w == b"R\x01").unwrap() + 2..])
        });
        let mut dec = Decoder::new(vec![0u8; frame::MAX_PAYLOAD_LIMIT]);
        let (ty, _, _) = h.frame(&mut dec, Duration::from_secs(5));
        assert_eq!(ty, Type::Hello as u8);
        let new = vec![0x03u8; 100_000];
        let sha: [u8; 32] = Sha256::digest(&new).into();
        h.write(&enc(
            Type::Put,
            1,
            &[&(new.len() as u32).to_le_bytes(), &sha, b"/victim.bin"],
        ));
        let (ty, seq, _) = h.frame(&mut dec, Duration::from_secs(5));
        assert_eq!((ty, seq), (Type::Ok as u8, 1));
        h.write(&enc(Type::Data, 1, &[&0u32.to_le_bytes(), &new[..1000]]));
        let f = enc(Type::Data, 1, &[&1000u32.to_le_bytes(), &new[1000..2000]]);
        h.write(&f[..f.len() / 2]);
        // The host is gone (its fd closes here).
    }
    // The next client is mpremote, which starts with `\r\x03` ... `\r\x01`.
    mpremote_works(&sim.path);
    let ls = device_listing(&sim);
    assert!(!ls.contains("upytmp"), "temporary file left behind: {ls}");
    sim.upy_ok(&["cp", ":/victim.bin", "after1.bin"], &[]);
    assert_eq!(
        std::fs::read(sim.dir.join("after1.bin")).unwrap(),
        old,
        "the old file was damaged"
    );

    // 2. The real upy killed at several points of a 1 MiB upload: the target is always either the old
    //    file or the complete new one, and the board keeps working.
    let data = mebibyte();
    std::fs::write(sim.dir.join("new.bin"), &data).unwrap();
    for delay_ms in [5u64, 30, 80] {
        let mut child = Command::new(upy_bin())
            .args(["-d", &sim.path, "cp", "new.bin", ":/victim.bin"])
            .current_dir(&sim.dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn upy");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        mpremote_works(&sim.path);
        let ls = device_listing(&sim);
        assert!(
            !ls.contains("upytmp"),
            "temporary file left behind (killed after {delay_ms} ms): {ls}"
        );
        sim.upy_ok(&["cp", ":/victim.bin", "after.bin"], &[]);
        let got = std::fs::read(sim.dir.join("after.bin")).unwrap();
        assert!(
            got == old || got == data,
            "half-written target after a kill at {delay_ms} ms ({} bytes)",
            got.len()
        );
        // Put the old file back for the next round.
        sim.upy_ok(&["cp", "old.bin", ":/victim.bin"], &[]);
    }

    // 3. upy killed during a download: the board keeps working, and the host file is absent or whole.
    sim.upy_ok(&["cp", "new.bin", ":/big.bin"], &[]);
    for delay_ms in [10u64, 40, 70] {
        let target = sim.dir.join(format!("down-{delay_ms}.bin"));
        let mut child = Command::new(upy_bin())
            .args(["-d", &sim.path, "cp", ":/big.bin"])
            .arg(&target)
            .current_dir(&sim.dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn upy");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        mpremote_works(&sim.path);
        if let Ok(got) = std::fs::read(&target) {
            assert!(
                got == data,
                "half-written host file after a kill at {delay_ms} ms"
            );
        }
        let out = sim.upy_ok(&["sha256sum", ":/big.bin"], &[]);
        assert!(String::from_utf8_lossy(&out.stdout).contains(&sha_hex(&data)));
    }
}

#[test]
fn paths_on_a_python_filesystem_object_fall_back_to_python_programs() {
    let sim = Sim::start();
    // A filesystem object written in Python (as mpremote's `mount` installs one): frames do not serve
    // it (EOPNOTSUPP), so upy uses Python programs for those paths, in the same session.
    let mount = "import os
class Sub:
    def __init__(s, root): s.r = root
    def mount(s, ro, mkfs): pass
    def umount(s): pass
    def p(s, x): return s.r + ('' if x == '/' else x)
    def open(s, path, mode): return open(s.p(path), mode)
    def ilistdir(s, path): return os.ilistdir(s.p(path))
    def stat(s, path): return os.stat(s.p(path))
    def mkdir(s, path): os.mkdir(s.p(path))
    def rmdir(s, path): os.rmdir(s.p(path))
    def remove(s, path): os.remove(s.p(path))
    def rename(s, a, b): os.rename(s.p(a), s.p(b))
    def chdir(s, path): pass
    def getcwd(s): return '/'
    def statvfs(s, path): return os.statvfs('/')
os.mkdir('/backing')
os.mount(Sub('/backing'), '/py')
print('mounted')
";
    let out = sim.upy_ok(&["exec", "--no-reset", mount], &[]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "mounted");
    std::fs::write(sim.dir.join("small.txt"), "through python\n").unwrap();
    sim.upy_ok(&["cp", "small.txt", ":/py/small.txt"], &[]);
    let out = sim.upy_ok(&["cat", ":/py/small.txt"], &[]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "through python\n");
    let out = sim.upy_ok(&["ls", "/py"], &[]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("small.txt"),
        "{out:?}"
    );
    // The same bytes, seen through the board's own filesystem (over frames).
    let out = sim.upy_ok(&["--json", "cp", ":/backing/small.txt", "back.txt"], &[]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["transport"], "frames");
    assert_eq!(
        std::fs::read_to_string(sim.dir.join("back.txt")).unwrap(),
        "through python\n"
    );
}
