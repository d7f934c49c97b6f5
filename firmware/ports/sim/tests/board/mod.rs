//! Shared by the pty tests: start `upy-sim --pty` with its own flash image in a temporary
//! directory, open the device like a host would (raw mode), read with timeouts, and stop the
//! board with SIGTERM when the test ends.
#![allow(dead_code)]

use std::os::fd::{AsFd, OwnedFd};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use nix::fcntl::{OFlag, open};
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::stat::Mode;
use nix::sys::termios::{self, SetArg};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// The raw REPL banner and prompt (protocol-facts §1.2).
pub const RAW_BANNER_PROMPT: &[u8] = b"raw REPL; CTRL-B to exit\r\n>";

/// A running virtual board.
pub struct Board {
    child: Child,
    /// The pty slave path printed on upy-sim's first stdout line.
    pub path: String,
    /// Temporary directory (cwd of the board, holds its flash image).
    pub dir: PathBuf,
}

impl Board {
    /// `upy-sim --pty` with a fresh flash image and extra arguments (e.g. `--heap 64K`).
    pub fn start(extra: &[&str]) -> Board {
        let dir = std::env::temp_dir().join(format!(
            "upy-board-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let flash = dir.join("flash.img");
        let mut child = Command::new(env!("CARGO_BIN_EXE_upy-sim"))
            .arg("--pty")
            .arg("--flash")
            .arg(&flash)
            .args(extra)
            .current_dir(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn upy-sim --pty");
        let mut out = child.stdout.take().expect("stdout");
        let mut line = Vec::new();
        let mut b = [0u8; 1];
        while std::io::Read::read(&mut out, &mut b).unwrap_or(0) == 1 && b[0] != b'\n' {
            line.push(b[0]);
        }
        let path = String::from_utf8(line).expect("pty path");
        assert!(path.starts_with("/dev/"), "first stdout line must be the device path, got {path:?}");
        // Keep draining stdout so the board never blocks on it.
        std::thread::spawn(move || {
            let mut sink = Vec::new();
            let _ = std::io::Read::read_to_end(&mut out, &mut sink);
        });
        Board { child, path, dir }
    }

    /// Open the device like a host (raw mode).
    pub fn connect(&self) -> Conn {
        Conn::open(&self.path)
    }

    /// Send SIGTERM and wait for the exit status (None if it did not exit within `limit`).
    pub fn terminate(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let pid = nix::unistd::Pid::from_raw(self.child.id() as i32);
        let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM);
        let end = Instant::now() + limit;
        while Instant::now() < end {
            if let Ok(Some(st)) = self.child.try_wait() {
                return Some(st);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// Is the board process still running?
    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Board {
    fn drop(&mut self) {
        if self.terminate(Duration::from_secs(5)).is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A host's connection to the board's pty.
pub struct Conn {
    fd: OwnedFd,
    /// Everything read so far (for failure messages).
    pub log: Vec<u8>,
}

impl Conn {
    /// Open `path` in raw mode.
    pub fn open(path: &str) -> Conn {
        let fd = open(path, OFlag::O_RDWR | OFlag::O_NOCTTY, Mode::empty()).expect("open pty");
        let mut t = termios::tcgetattr(&fd).expect("tcgetattr");
        termios::cfmakeraw(&mut t);
        termios::tcsetattr(&fd, SetArg::TCSANOW, &t).expect("tcsetattr");
        Conn { fd, log: Vec::new() }
    }

    /// Write all of `bytes`.
    pub fn write(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        while !rest.is_empty() {
            match nix::unistd::write(self.fd.as_fd(), rest) {
                Ok(n) => rest = &rest[n..],
                Err(nix::errno::Errno::EINTR | nix::errno::Errno::EAGAIN) => std::thread::sleep(Duration::from_millis(1)),
                Err(e) => panic!("write to the board: {e}"),
            }
        }
    }

    /// Read what arrives within `wait` (returns early once nothing more came for `wait`).
    pub fn read_quiet(&mut self, wait: Duration) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(b) = self.read_some(wait) {
            out.extend_from_slice(&b);
        }
        out
    }

    /// One read, waiting up to `wait`.
    pub fn read_some(&mut self, wait: Duration) -> Option<Vec<u8>> {
        let mut fds = [PollFd::new(self.fd.as_fd(), PollFlags::POLLIN)];
        let ms = wait.as_millis().min(60_000) as u16;
        match poll(&mut fds, PollTimeout::from(ms)) {
            Ok(n) if n > 0 => {}
            _ => return None,
        }
        let mut buf = [0u8; 4096];
        match nix::unistd::read(self.fd.as_fd(), &mut buf) {
            Ok(n) if n > 0 => {
                self.log.extend_from_slice(&buf[..n]);
                Some(buf[..n].to_vec())
            }
            _ => None,
        }
    }

    /// Read exactly `n` bytes (panics after `limit`).
    pub fn read_exact(&mut self, n: usize, limit: Duration) -> Vec<u8> {
        let end = Instant::now() + limit;
        let mut out = Vec::new();
        while out.len() < n {
            let left = end.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "timed out reading {n} bytes; got {:?}", String::from_utf8_lossy(&out));
            let mut fds = [PollFd::new(self.fd.as_fd(), PollFlags::POLLIN)];
            let _ = poll(&mut fds, PollTimeout::from(left.as_millis().min(60_000) as u16));
            let mut buf = vec![0u8; n - out.len()];
            if let Ok(k) = nix::unistd::read(self.fd.as_fd(), &mut buf) {
                out.extend_from_slice(&buf[..k]);
            }
        }
        self.log.extend_from_slice(&out);
        out
    }

    /// Read until the bytes received end with `pat`; returns everything read (panics after `limit`).
    pub fn read_until(&mut self, pat: &[u8], limit: Duration) -> Vec<u8> {
        let end = Instant::now() + limit;
        let mut out = Vec::new();
        loop {
            if out.ends_with(pat) {
                return out;
            }
            let left = end.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "timed out waiting for {:?}; got {:?}",
                String::from_utf8_lossy(pat),
                String::from_utf8_lossy(&out)
            );
            let mut fds = [PollFd::new(self.fd.as_fd(), PollFlags::POLLIN)];
            let _ = poll(&mut fds, PollTimeout::from(left.as_millis().min(60_000) as u16));
            let mut b = [0u8; 1];
            if let Ok(1) = nix::unistd::read(self.fd.as_fd(), &mut b) {
                out.push(b[0]);
                self.log.push(b[0]);
            }
        }
    }

    /// mpremote's raw REPL entry (protocol-facts §1.2): `\r\x03`, drain, `\r\x01`, wait for the banner.
    pub fn enter_raw(&mut self) {
        self.write(b"\r\x03");
        self.read_quiet(Duration::from_millis(200));
        self.write(b"\r\x01");
        self.read_until(RAW_BANNER_PROMPT, Duration::from_secs(10));
    }

    /// Run `code` in the classic raw REPL; returns (stdout, stderr) between the `\x04`s.
    pub fn raw_exec(&mut self, code: &str) -> (String, String) {
        self.write(code.as_bytes());
        self.write(b"\x04");
        let ok = self.read_exact(2, Duration::from_secs(10));
        assert_eq!(ok, b"OK", "raw REPL ack");
        let out = self.read_until(b"\x04", Duration::from_secs(30));
        let err = self.read_until(b"\x04", Duration::from_secs(30));
        let prompt = self.read_exact(1, Duration::from_secs(10));
        assert_eq!(prompt, b">", "raw prompt after execution");
        (
            String::from_utf8_lossy(&out[..out.len() - 1]).into_owned(),
            String::from_utf8_lossy(&err[..err.len() - 1]).into_owned(),
        )
    }
}

/// Send `code` through raw-paste as mpremote does (window flow control); returns the device's
/// bytes after the end-of-data `\x04` acknowledgement up to and including the final `>`, and
/// whether the device aborted the transfer early.
pub fn raw_paste(c: &mut Conn, code: &[u8]) -> (Vec<u8>, bool, usize) {
    c.write(b"\x05A\x01");
    let hdr = c.read_exact(2, Duration::from_secs(10));
    assert_eq!(hdr, b"R\x01", "raw-paste supported");
    let w = c.read_exact(2, Duration::from_secs(10));
    let window = u16::from_le_bytes([w[0], w[1]]) as usize;
    let mut remaining = window;
    let mut sent = 0;
    let mut aborted = false;
    let mut grants = 0usize;
    while sent < code.len() {
        // Read flow-control bytes whenever the window is used up or the device sent something.
        loop {
            let wait = if remaining == 0 { Duration::from_secs(10) } else { Duration::ZERO };
            let Some(b) = c.read_some_byte(wait) else {
                assert!(remaining > 0, "device granted no window");
                break;
            };
            match b {
                0x01 => {
                    remaining += window;
                    grants += 1;
                }
                0x04 => {
                    aborted = true;
                    break;
                }
                other => panic!("unexpected byte {other:#x} during raw-paste"),
            }
        }
        if aborted {
            break;
        }
        let n = remaining.min(code.len() - sent);
        c.write(&code[sent..sent + n]);
        sent += n;
        remaining -= n;
    }
    c.write(b"\x04");
    if !aborted {
        // Discard late grants until the end acknowledgement.
        loop {
            match c.read_exact(1, Duration::from_secs(10))[0] {
                0x01 => grants += 1,
                0x04 => break,
                other => panic!("unexpected byte {other:#x} before end ack"),
            }
        }
    }
    let mut rest = c.read_until(b"\x04", Duration::from_secs(30));
    rest.extend(c.read_until(b"\x04", Duration::from_secs(30)));
    rest.extend(c.read_exact(1, Duration::from_secs(10)));
    (rest, aborted, grants)
}

impl Conn {
    /// One byte if it arrives within `wait`.
    pub fn read_some_byte(&mut self, wait: Duration) -> Option<u8> {
        let mut fds = [PollFd::new(self.fd.as_fd(), PollFlags::POLLIN)];
        match poll(&mut fds, PollTimeout::from(wait.as_millis().min(60_000) as u16)) {
            Ok(n) if n > 0 => {}
            _ => return None,
        }
        let mut b = [0u8; 1];
        match nix::unistd::read(self.fd.as_fd(), &mut b) {
            Ok(1) => {
                self.log.push(b[0]);
                Some(b[0])
            }
            _ => None,
        }
    }
}
