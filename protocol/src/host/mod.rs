//! Host end of the raw REPL: a blocking client over any byte [`Transport`].
//!
//! The client follows mpremote's byte sequences exactly (`docs/protocol-facts.md` §1.2–§2.3): it enters the
//! raw REPL with `\r\x03`, drain, `\r\x01`; submits programs with raw-paste (`\x05A\x01`, window flow
//! control) and falls back to classic raw mode (`OK` ack, 256-byte slices) when the device does not answer
//! `R\x01`; and splits program output into stdout and error text at the two `\x04`.
//!
//! On upy firmware the client can also switch to upy binary frames (`\x05U\x01`, `docs/protocol.md`) for
//! file operations: see [`Client::frames`] and the `f*` methods.

mod client;
mod error;
mod frames;

pub use client::{Client, ExecOutput, FollowOptions, STEP_TIMEOUT};
pub use error::{DeviceException, Errno, Error, show_bytes};
pub use frames::{FileStat, FrameEntry, FramesInfo, FsUsage, WireStats};

use std::io;
use std::time::Duration;

/// A byte pipe to a board: serial port, TCP socket, pty, or an in-process simulated device.
///
/// This is the seam where new kinds of boards plug in (the simulated board will implement it).
pub trait Transport {
    /// Write all of `data` to the device.
    fn write_all(&mut self, data: &[u8]) -> io::Result<()>;

    /// Read whatever is available into `buf`, waiting at most `timeout` for the first byte.
    /// Returns `Ok(0)` when nothing arrived in time; a closed connection is an error
    /// ([`io::ErrorKind::UnexpectedEof`] or [`io::ErrorKind::BrokenPipe`]).
    fn read(&mut self, buf: &mut [u8], timeout: Duration) -> io::Result<usize>;

    /// A short human name for messages: the port path, `tcp:host:port`, `sim`.
    fn describe(&self) -> String;
}

impl<T: Transport + ?Sized> Transport for Box<T> {
    fn write_all(&mut self, data: &[u8]) -> io::Result<()> {
        (**self).write_all(data)
    }
    fn read(&mut self, buf: &mut [u8], timeout: Duration) -> io::Result<usize> {
        (**self).read(buf, timeout)
    }
    fn describe(&self) -> String {
        (**self).describe()
    }
}
