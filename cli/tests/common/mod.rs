//! Test harness: the real `upy` binary, and a real stock MicroPython board (the BBC micro:bit firmware
//! from Debian's `firmware-microbit-micropython`) running in `qemu-system-arm -M microbit`.

#![allow(dead_code)]

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

pub const FIRMWARE: &str = "/usr/share/firmware-microbit-micropython/firmware.hex";

/// A micro:bit running stock MicroPython 1.9.2 under QEMU, its UART on a pty.
pub struct Microbit {
    child: Child,
    /// The pty path to give to `upy -d`.
    pub port: String,
    /// Held open for the whole test: QEMU's pty backend drops guest output for up to a second each time
    /// the last reader closes and reopens the pty; with this handle open it never sees a hang-up.
    _holder: File,
}

impl Microbit {
    /// Boot a fresh board (empty filesystem). Fails with the package to install when QEMU or the
    /// firmware is missing.
    pub fn start() -> Microbit {
        let qemu_ok = Command::new("qemu-system-arm")
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        assert!(
            qemu_ok,
            "qemu-system-arm is not installed: these end-to-end tests need it (apt-get install -y qemu-system-arm)"
        );
        assert!(
            Path::new(FIRMWARE).is_file(),
            "{FIRMWARE} is missing: these end-to-end tests need it (apt-get install -y firmware-microbit-micropython)"
        );
        let mut child = Command::new("qemu-system-arm")
            .args([
                "-M",
                "microbit",
                "-nographic",
                "-monitor",
                "none",
                "-serial",
                "pty",
                "-device",
            ])
            .arg(format!("loader,file={FIRMWARE}"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start qemu-system-arm");
        let stderr = child.stderr.take().expect("qemu stderr");
        let stdout = child.stdout.take().expect("qemu stdout");
        let (tx, rx) = mpsc::channel();
        for stream in [
            Box::new(stderr) as Box<dyn std::io::Read + Send>,
            Box::new(stdout),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if let Some(rest) = line.split("char device redirected to ").nth(1) {
                        let _ = tx.send(rest.split_whitespace().next().unwrap_or("").to_string());
                    }
                }
            });
        }
        let port = match rx.recv_timeout(Duration::from_secs(20)) {
            Ok(p) => p,
            Err(_) => {
                let _ = child.kill();
                panic!("qemu-system-arm did not report its pty within 20 s");
            }
        };
        let holder = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .custom_flags(libc::O_NOCTTY)
            .open(&port)
            .expect("open the QEMU pty");
        Microbit {
            child,
            port,
            _holder: holder,
        }
    }
}

impl Drop for Microbit {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A scratch directory removed at drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let p = std::env::temp_dir().join(format!("upy-test-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
    pub fn path(&self) -> &Path {
        &self.0
    }
    pub fn write(&self, rel: &str, data: impl AsRef<[u8]>) -> PathBuf {
        let p = self.0.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, data).unwrap();
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The `upy` command, isolated from the user's config and environment, run in `cwd`.
pub fn upy_cmd(cwd: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_upy"));
    c.current_dir(cwd)
        .env_remove("UPY_DEVICE")
        .env_remove("UPY_TRACE")
        .env("UPY_CONFIG", cwd.join("no-such-user-config.toml"))
        .stdin(Stdio::null());
    c
}

/// The result of one `upy` run.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub raw_stdout: Vec<u8>,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(self.stdout.trim()).unwrap_or_else(|e| {
            panic!(
                "stdout is not one JSON document ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }
    #[track_caller]
    pub fn ok(&self) -> &Run {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
            raw_stdout: o.stdout,
        }
    }
}

/// Run `upy ARGS` in `cwd`.
pub fn upy(cwd: &Path, args: &[&str]) -> Run {
    upy_cmd(cwd).args(args).output().expect("run upy").into()
}

/// Run `upy -d PORT ARGS` in `cwd`.
pub fn upy_on(board: &Microbit, cwd: &Path, args: &[&str]) -> Run {
    let mut all = vec!["-d", board.port.as_str()];
    all.extend_from_slice(args);
    upy(cwd, &all)
}

/// Lowercase hex sha256 of data, computed independently of the code under test.
pub fn sha256_hex(data: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Deterministic pseudo-random bytes.
pub fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}
