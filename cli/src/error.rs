//! The CLI's error type: what failed, where, what to do, and which exit code it means.

use serde::Serialize;
use upy_protocol::host::{DeviceException, Errno, Error as ProtoError};

/// What kind of failure (decides the exit code and the `kind` field of `--json` errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Bad arguments, unknown alias, unsupported operation requested: exit 2.
    Usage,
    /// No board, port busy, no raw REPL, link lost: exit 2.
    Connection,
    /// A host file could not be read or written: exit 2.
    Local,
    /// A file operation failed on the device (missing file, full filesystem...): exit 1.
    Device,
    /// A program raised an exception on the device: exit 1.
    Exception,
}

impl Kind {
    /// The process exit code for this kind of failure.
    pub fn exit_code(self) -> i32 {
        match self {
            Kind::Device | Kind::Exception => 1,
            Kind::Usage | Kind::Connection | Kind::Local => 2,
        }
    }
}

/// An error for the user: message, optional hint, and the device exception behind it if any.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct UpyError {
    /// What kind of failure.
    pub kind: Kind,
    /// One line: what failed, on which device/file.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// The exception raised on the device, when there is one.
    pub exception: Option<Box<DeviceException>>,
    /// The command already showed this error (a traceback on stderr, a JSON document): print nothing more.
    pub reported: bool,
}

/// Shorthand for results in the CLI.
pub type Result<T, E = UpyError> = std::result::Result<T, E>;

impl UpyError {
    /// A new error of `kind`.
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        UpyError {
            kind,
            message: message.into(),
            hint: None,
            exception: None,
            reported: false,
        }
    }
    /// Exit 2: the command line asks for something impossible.
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Kind::Usage, message)
    }
    /// Exit 2: no usable connection to the board.
    pub fn connection(message: impl Into<String>) -> Self {
        Self::new(Kind::Connection, message)
    }
    /// Exit 1: the device refused a file operation.
    pub fn device(message: impl Into<String>) -> Self {
        Self::new(Kind::Device, message)
    }
    /// Exit 2: a host file problem.
    pub fn local(message: impl Into<String>) -> Self {
        Self::new(Kind::Local, message)
    }
    /// A local file operation failed: `context: reason`, the reason as the OS says it without
    /// Rust's `(os error N)` suffix (`sync: ./src: No such file or directory`).
    pub fn io(context: impl std::fmt::Display, e: &std::io::Error) -> Self {
        Self::local(format!("{context}: {}", io_reason(e)))
    }
    /// Add a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The exit code for this error.
    pub fn exit_code(&self) -> i32 {
        self.kind.exit_code()
    }

    /// The errno of the device exception, if any.
    pub fn errno(&self) -> Option<Errno> {
        self.exception.as_ref().and_then(|e| e.errno)
    }

    /// A protocol error that happened while doing `what` on `device`.
    pub fn from_protocol(err: ProtoError, what: &str, device: &str) -> Self {
        match err {
            ProtoError::Exception(e) => {
                let mut u = UpyError::new(Kind::Exception, format!("{what}: {e}"));
                u.exception = Some(Box::new(e));
                u
            }
            ProtoError::Io(e) => UpyError::connection(format!("{what}: lost the connection to {device}: {e}"))
                .hint("check the cable or that the board was not reset or unplugged, then retry"),
            ProtoError::CouldNotEnterRawRepl { received } => {
                UpyError::connection(format!("could not enter raw REPL on {device}"))
                    .hint(crate::device::raw_repl_diagnosis(device, &received))
            }
            ProtoError::Interrupted => UpyError::connection(format!("{what}: interrupted; the program may still run on {device}"))
                .hint("the program ignores Ctrl-C (kbd_intr or a bare except); reset the board with `upy reset`"),
            other @ (ProtoError::Timeout { .. } | ProtoError::Protocol(_)) => {
                UpyError::connection(format!("{what}: {other} on {device}"))
                    .hint("the board stopped answering; retry, or reset it with `upy reset`")
            }
        }
    }

    /// A device exception raised by a file operation on `path`, worded for the user:
    /// `cat: /x.py: no such file on device /dev/ttyACM0`.
    pub fn from_fs(err: ProtoError, cmd: &str, path: &str, device: &str) -> Self {
        match err {
            ProtoError::Exception(e) => {
                let what = match e.errno {
                    Some(Errno::ENOENT) => "no such file or directory".to_string(),
                    Some(Errno::EEXIST) => "already exists".to_string(),
                    Some(Errno::ENOSPC) => "no space left".to_string(),
                    Some(errno) => errno.describe(),
                    None => e.to_string(),
                };
                let mut u = UpyError::device(format!("{cmd}: {path}: {what} on device {device}"));
                if e.errno == Some(Errno::ENOSPC) {
                    u = u.hint("free space with `upy rm` (see `upy df`), then retry");
                }
                u.exception = Some(Box::new(e));
                u
            }
            other => UpyError::from_protocol(other, &format!("{cmd}: {path}"), device),
        }
    }
}

/// Turn an error into `--json` form.
#[derive(Serialize)]
pub struct ErrorJson<'a> {
    /// What kind of failure.
    pub kind: Kind,
    /// The message.
    pub message: &'a str,
    /// The hint, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<&'a str>,
    /// The exit code.
    pub exit_code: i32,
    /// The device exception.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exception: Option<ExceptionJson>,
}

/// A device exception in `--json` form.
#[derive(Serialize)]
pub struct ExceptionJson {
    /// Exception type name.
    #[serde(rename = "type")]
    pub kind: String,
    /// Message after the type.
    pub message: String,
    /// Errno name for OSError (`ENOENT`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errno: Option<String>,
    /// Full traceback text.
    pub traceback: String,
}

impl ExceptionJson {
    /// From a parsed exception.
    pub fn from(e: &DeviceException) -> Self {
        ExceptionJson {
            kind: e.kind.clone(),
            message: e.message.clone(),
            errno: e.errno.map(|n| n.name()),
            traceback: e.traceback.clone(),
        }
    }
}

impl UpyError {
    /// The `--json` form.
    pub fn to_json(&self) -> ErrorJson<'_> {
        ErrorJson {
            kind: self.kind,
            message: &self.message,
            hint: self.hint.as_deref(),
            exit_code: self.exit_code(),
            exception: self.exception.as_deref().map(ExceptionJson::from),
        }
    }
}

/// The text of an I/O error for a user: the OS's message without Rust's ` (os error N)`.
pub fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match e.raw_os_error() {
        Some(n) => text.strip_suffix(&format!(" (os error {n})")).unwrap_or(&text).to_string(),
        None => text,
    }
}

#[cfg(test)]
mod io_reason_tests {
    use super::*;

    #[test]
    fn os_errors_lose_the_rust_suffix() {
        let e = std::fs::metadata("/nonexistent/upy-io-reason").unwrap_err();
        assert_eq!(io_reason(&e), "No such file or directory");
        let err = UpyError::io("sync: ./src", &e);
        assert_eq!(err.to_string(), "sync: ./src: No such file or directory");
        let custom = std::io::Error::other("boom");
        assert_eq!(io_reason(&custom), "boom");
    }
}
