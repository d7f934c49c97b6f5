//! Compile errors: what went wrong and where.

use alloc::string::String;
use core::fmt;

/// Which Python exception a compile error becomes.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// `SyntaxError`
    SyntaxError,
    /// `IndentationError` (also used for CPython's `TabError`)
    IndentationError,
}

impl ErrorKind {
    /// The Python exception name.
    pub const fn name(self) -> &'static str {
        match self {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::IndentationError => "IndentationError",
        }
    }
}

/// A syntax or indentation error with its position (1-based line and column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    /// The exception kind.
    pub kind: ErrorKind,
    /// Message, worded like CPython's where practical.
    pub msg: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (byte offset in the line plus one).
    pub col: u32,
}

impl CompileError {
    /// A `SyntaxError` at `line`/`col`.
    pub fn syntax(msg: impl Into<String>, line: u32, col: u32) -> Self {
        CompileError { kind: ErrorKind::SyntaxError, msg: msg.into(), line, col }
    }
    /// An `IndentationError` at `line`/`col`.
    pub fn indent(msg: impl Into<String>, line: u32, col: u32) -> Self {
        CompileError { kind: ErrorKind::IndentationError, msg: msg.into(), line, col }
    }
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} (line {}, column {})", self.kind.name(), self.msg, self.line, self.col)
    }
}

/// Result type used throughout the compiler.
pub type CResult<T> = Result<T, CompileError>;
