//! `upy repl`: terminal passthrough to the board's friendly REPL.
//!
//! Keys go to the board byte for byte (the terminal is put in raw mode when stdin is a terminal), board
//! output goes to stdout byte for byte, so UTF-8 sequences split across reads reach the terminal intact.
//! Ctrl-] ends the session. When stdin is not a terminal (a pipe, a test), its bytes are sent as they are
//! and the session ends at end of input once the board has been quiet for a moment.

use std::io::{IsTerminal, Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use upy_protocol::host::Transport;

use crate::device::Board;
use crate::error::{Result, UpyError};

/// The key that ends the session (Ctrl-]).
pub const EXIT_KEY: u8 = 0x1d;

/// Restores the terminal mode on drop.
struct RawMode {
    #[cfg(unix)]
    saved: Option<libc::termios>,
}

impl RawMode {
    fn enable() -> RawMode {
        #[cfg(unix)]
        {
            // SAFETY: tcgetattr/tcsetattr on fd 0 with a properly sized, initialised termios struct.
            unsafe {
                let mut t: libc::termios = std::mem::zeroed();
                if libc::tcgetattr(0, &mut t) != 0 {
                    return RawMode { saved: None };
                }
                let saved = t;
                libc::cfmakeraw(&mut t);
                if libc::tcsetattr(0, libc::TCSANOW, &t) != 0 {
                    return RawMode { saved: None };
                }
                RawMode { saved: Some(saved) }
            }
        }
        #[cfg(not(unix))]
        RawMode {}
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(t) = self.saved {
            // SAFETY: restoring the termios read by tcgetattr above.
            unsafe {
                libc::tcsetattr(0, libc::TCSANOW, &t);
            }
        }
    }
}

/// Run the passthrough until Ctrl-] (or end of piped input).
pub fn run(board: &mut Board, json: bool) -> Result<()> {
    let name = board.name().to_string();
    let interactive = std::io::stdin().is_terminal();
    if !json {
        eprintln!("Connected to {name}. Exit with Ctrl-]. Press Enter for a prompt.");
    }
    let _raw = interactive.then(RawMode::enable);
    let (tx, rx) = mpsc::channel::<Option<Vec<u8>>>();
    std::thread::spawn(move || {
        let mut stdin = std::io::stdin();
        let mut buf = [0u8; 256];
        loop {
            match stdin.read(&mut buf) {
                Ok(0) | Err(_) => {
                    let _ = tx.send(None);
                    return;
                }
                Ok(n) => {
                    if tx.send(Some(buf[..n].to_vec())).is_err() {
                        return;
                    }
                }
            }
        }
    });
    let pending = board.client().take_pending();
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(&pending);
    let _ = stdout.flush();
    let transport = board.client().transport_mut();
    let mut input_done_at: Option<Instant> = None;
    let mut last_output = Instant::now();
    let mut buf = [0u8; 4096];
    loop {
        loop {
            match rx.try_recv() {
                Ok(Some(bytes)) => {
                    if let Some(pos) = bytes.iter().position(|&b| b == EXIT_KEY) {
                        send(transport.as_mut(), &bytes[..pos], &name)?;
                        finish(&mut stdout, interactive, json.then_some("exit key"));
                        return Ok(());
                    }
                    send(transport.as_mut(), &bytes, &name)?;
                }
                Ok(None) | Err(mpsc::TryRecvError::Disconnected) => {
                    input_done_at.get_or_insert_with(Instant::now);
                    break;
                }
                Err(mpsc::TryRecvError::Empty) => break,
            }
        }
        if let Some(t) = input_done_at {
            // Piped input ended: leave once the board has answered and gone quiet.
            if t.elapsed() > Duration::from_millis(500)
                && last_output.elapsed() > Duration::from_millis(500)
            {
                finish(&mut stdout, interactive, json.then_some("end of input"));
                return Ok(());
            }
        }
        match transport.read(&mut buf, Duration::from_millis(20)) {
            Ok(0) => {}
            Ok(n) => {
                last_output = Instant::now();
                let _ = stdout.write_all(&buf[..n]);
                let _ = stdout.flush();
            }
            Err(e) => {
                finish(&mut stdout, interactive, None);
                return Err(
                    UpyError::connection(format!("repl: {name} disconnected: {e}")).hint(
                        "the board was reset or unplugged; run `upy repl` again once it is back",
                    ),
                );
            }
        }
    }
}

fn send(t: &mut dyn Transport, bytes: &[u8], name: &str) -> Result<()> {
    if bytes.is_empty() {
        return Ok(());
    }
    t.write_all(bytes)
        .map_err(|e| UpyError::connection(format!("repl: writing to {name}: {e}")))
}

fn finish(stdout: &mut impl Write, interactive: bool, json_end: Option<&str>) {
    if interactive {
        let _ = stdout.write_all(b"\r\n");
    }
    if let Some(how) = json_end {
        // The session's text went to stdout as it came; the last line says how it ended.
        let _ = writeln!(
            stdout,
            "\n{}",
            serde_json::json!({ "ok": true, "ended": how })
        );
    }
    let _ = stdout.flush();
}
