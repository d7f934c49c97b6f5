//! Byte transports to boards: serial ports (USB CDC, UART bridges, ptys), TCP sockets, and the
//! simulated board linked into `upy` (`-d sim`).
//!
//! All implement [`upy_protocol::host::Transport`]; everything above them is the same for every board.

pub mod serial;
#[cfg(unix)]
pub mod sim;
pub mod tcp;

pub use serial::SerialTransport;
#[cfg(unix)]
pub use sim::{SimOptions, SimTransport};
pub use tcp::TcpTransport;

/// Wraps a transport and logs every byte to stderr with a timestamp (`UPY_TRACE=1`), for diagnosing
/// boards that misbehave.
pub struct Trace<T> {
    inner: T,
    start: std::time::Instant,
}

impl<T> Trace<T> {
    /// Start tracing `inner`.
    pub fn new(inner: T) -> Self {
        Trace {
            inner,
            start: std::time::Instant::now(),
        }
    }
}

impl<T: upy_protocol::host::Transport> upy_protocol::host::Transport for Trace<T> {
    fn write_all(&mut self, data: &[u8]) -> std::io::Result<()> {
        eprintln!(
            "[{:>8.3}] > {}",
            self.start.elapsed().as_secs_f64(),
            upy_protocol::host::show_bytes(data)
        );
        self.inner.write_all(data)
    }
    fn read(&mut self, buf: &mut [u8], timeout: std::time::Duration) -> std::io::Result<usize> {
        let r = self.inner.read(buf, timeout);
        match &r {
            Ok(0) => {}
            Ok(n) => eprintln!(
                "[{:>8.3}] < {}",
                self.start.elapsed().as_secs_f64(),
                upy_protocol::host::show_bytes(&buf[..*n])
            ),
            Err(e) => eprintln!("[{:>8.3}] ! {e}", self.start.elapsed().as_secs_f64()),
        }
        r
    }
    fn describe(&self) -> String {
        self.inner.describe()
    }
}
