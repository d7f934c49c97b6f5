//! Errors of the host client, and device tracebacks turned into typed values.

use std::fmt;
use std::io;

pub use crate::errno::Errno;

/// Everything that can go wrong while talking to a board.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The transport failed (port unplugged, socket closed, ...).
    #[error("i/o error: {0}")]
    Io(#[from] io::Error),
    /// The device stopped answering in the middle of a protocol step.
    #[error(
        "timed out waiting for {waiting_for} (received {})",
        show_bytes(received)
    )]
    Timeout {
        /// What the client was waiting for.
        waiting_for: &'static str,
        /// The bytes received while waiting (tail, for diagnosis).
        received: Vec<u8>,
    },
    /// The raw-REPL handshake failed: the board did not print the raw banner.
    #[error("could not enter raw REPL (received {})", show_bytes(received))]
    CouldNotEnterRawRepl {
        /// What the device sent instead (tail, for diagnosis).
        received: Vec<u8>,
    },
    /// The device sent bytes the protocol does not allow at this point.
    #[error("protocol error: {0}")]
    Protocol(String),
    /// The program raised an exception on the device.
    #[error("{0}")]
    Exception(DeviceException),
    /// The host interrupted the program (Ctrl-C) and the device reported it.
    #[error("interrupted")]
    Interrupted,
}

impl Error {
    /// The errno of an `OSError` raised on the device, if that is what this error is.
    pub fn errno(&self) -> Option<Errno> {
        match self {
            Error::Exception(e) => e.errno,
            _ => None,
        }
    }
}

/// Printable form of raw bytes for error messages: a Rust byte-string literal, truncated to the tail.
pub fn show_bytes(bytes: &[u8]) -> String {
    const MAX: usize = 160;
    let (prefix, tail) = if bytes.len() > MAX {
        ("…", &bytes[bytes.len() - MAX..])
    } else {
        ("", bytes)
    };
    format!("{prefix}b\"{}\"", tail.escape_ascii())
}

/// An exception raised by a program on the device, parsed from the traceback text between the two `\x04`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceException {
    /// Exception type name, e.g. `OSError`, `NameError`, `KeyboardInterrupt`.
    pub kind: String,
    /// The message after `Type: ` on the last line (may be empty).
    pub message: String,
    /// For `OSError`: the errno, from `[Errno 2] ENOENT`, `ENOENT` or `2`.
    pub errno: Option<Errno>,
    /// The full traceback text, newlines normalised to `\n`.
    pub traceback: String,
}

impl DeviceException {
    /// Parse the error text a device printed (the part between the two `\x04`).
    pub fn parse(stderr: &[u8]) -> Self {
        let traceback = String::from_utf8_lossy(stderr).replace("\r\n", "\n");
        let last = traceback
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim();
        let (kind, message) = match last.split_once(':') {
            Some((k, m)) if is_identifier_path(k) => (k.to_string(), m.trim().to_string()),
            _ if is_identifier_path(last) => (last.to_string(), String::new()),
            _ => ("Exception".to_string(), last.to_string()),
        };
        let errno = if kind.ends_with("OSError") || kind == "IOError" {
            Errno::parse_message(&message)
        } else {
            None
        };
        DeviceException {
            kind,
            message,
            errno,
            traceback,
        }
    }
}

fn is_identifier_path(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
}

impl fmt::Display for DeviceException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            write!(f, "{}", self.kind)
        } else {
            write!(f, "{}: {}", self.kind, self.message)
        }
    }
}

impl Errno {
    /// The symbolic name (`ENOENT`), or `E<n>` for unknown numbers.
    pub fn name(self) -> String {
        match self.symbol() {
            Some(n) => n.to_string(),
            None => format!("E{}", self.code()),
        }
    }
    /// A short lowercase description for messages ("no such file or directory").
    pub fn describe(self) -> String {
        match self.text() {
            Some(t) => t.to_string(),
            None => format!("error {}", self.code()),
        }
    }
}

impl Errno {
    /// Parse the message of an `OSError`: `[Errno 2] ENOENT`, `ENOENT`, `2`, or `(2, 'ENOENT')`.
    pub fn parse_message(message: &str) -> Option<Self> {
        let m = message.trim();
        if let Some(rest) = m.strip_prefix("[Errno ") {
            let num: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
            return num.parse().ok().map(Errno::from_code);
        }
        let word = m
            .trim_start_matches('(')
            .split([',', ' ', ')'])
            .next()
            .unwrap_or("");
        if let Ok(n) = word.parse::<i32>() {
            return Some(Errno::from_code(n));
        }
        if let Some(e) = Errno::from_name(word) {
            return Some(e);
        }
        // Ports that raise OSError with a text instead of an errno (the micro:bit: "file not found").
        let lower = m.to_ascii_lowercase();
        [
            ("not found", Errno::ENOENT),
            ("no such file", Errno::ENOENT),
            ("exists", Errno::EEXIST),
            ("no space", Errno::ENOSPC),
            ("storage space", Errno::ENOSPC),
        ]
        .into_iter()
        .find(|(text, _)| lower.contains(text))
        .map(|(_, e)| e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_micropython_oserror() {
        let tb = b"Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\nOSError: [Errno 2] ENOENT\r\n";
        let e = DeviceException::parse(tb);
        assert_eq!(e.kind, "OSError");
        assert_eq!(e.errno, Some(Errno::ENOENT));
        assert_eq!(e.to_string(), "OSError: [Errno 2] ENOENT");
    }

    #[test]
    fn parses_bare_numbers_and_names() {
        assert_eq!(
            DeviceException::parse(b"OSError: 28\r\n").errno,
            Some(Errno::ENOSPC)
        );
        assert_eq!(
            DeviceException::parse(b"OSError: EEXIST\r\n").errno,
            Some(Errno::EEXIST)
        );
        assert_eq!(
            DeviceException::parse(b"OSError: 1234\r\n").errno,
            Some(Errno::Other(1234))
        );
        // micro:bit MicroPython 1.9.2
        assert_eq!(
            DeviceException::parse(b"OSError: file not found\r\n").errno,
            Some(Errno::ENOENT)
        );
        assert_eq!(
            DeviceException::parse(b"OSError: something odd\r\n").errno,
            None
        );
    }

    #[test]
    fn non_os_errors_have_no_errno() {
        let e = DeviceException::parse(
            b"Traceback (most recent call last):\r\nNameError: name 'x' isn't defined\r\n",
        );
        assert_eq!(e.kind, "NameError");
        assert_eq!(e.message, "name 'x' isn't defined");
        assert_eq!(e.errno, None);
        let e = DeviceException::parse(
            b"Traceback (most recent call last):\r\nKeyboardInterrupt: \r\n",
        );
        assert_eq!(e.kind, "KeyboardInterrupt");
        let e = DeviceException::parse(b"\xff\xfe garbage without colon ###");
        assert_eq!(e.kind, "Exception");
    }

    #[test]
    fn errno_round_trips() {
        for code in 0..200 {
            let e = Errno::from_code(code);
            assert_eq!(e.code(), code);
            if !matches!(e, Errno::Other(_)) {
                assert_eq!(Errno::from_name(&e.name()), Some(e));
            }
        }
    }
}
