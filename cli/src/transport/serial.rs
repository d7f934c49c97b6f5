//! Serial ports through the `serialport` crate (opened exclusively: TIOCEXCL plus an flock).

use std::io::{self, Read, Write};
use std::time::Duration;

use serialport::SerialPort;
use upy_protocol::host::Transport;

/// The platform's native port type (what `open_native` returns).
#[cfg(unix)]
type NativePort = serialport::TTYPort;
#[cfg(windows)]
type NativePort = serialport::COMPort;

/// MicroPython's REPL speed on UARTs; USB CDC ignores it.
pub const BAUD: u32 = 115_200;

/// An open serial port.
pub struct SerialTransport {
    port: NativePort,
    path: String,
}

impl SerialTransport {
    /// Open `path` exclusively at 115200 baud, with DTR and RTS asserted (modem-line errors are ignored:
    /// ptys have none).
    pub fn open(path: &str) -> Result<Self, serialport::Error> {
        let mut port = serialport::new(path, BAUD)
            .timeout(Duration::from_millis(100))
            .open_native()?;
        let _ = port.write_data_terminal_ready(true);
        let _ = port.write_request_to_send(true);
        Ok(SerialTransport {
            port,
            path: path.to_string(),
        })
    }

    /// The port path.
    pub fn path(&self) -> &str {
        &self.path
    }
}

impl Transport for SerialTransport {
    fn write_all(&mut self, data: &[u8]) -> io::Result<()> {
        self.port
            .set_timeout(Duration::from_secs(10))
            .map_err(io::Error::from)?;
        Write::write_all(&mut self.port, data)?;
        Write::flush(&mut self.port)
    }

    fn read(&mut self, buf: &mut [u8], timeout: Duration) -> io::Result<usize> {
        self.port.set_timeout(timeout).map_err(io::Error::from)?;
        match Read::read(&mut self.port, buf) {
            Ok(0) if !buf.is_empty() => Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the port was closed",
            )),
            Ok(n) => Ok(n),
            Err(e) if e.kind() == io::ErrorKind::TimedOut => Ok(0),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => Ok(0),
            Err(e) => Err(e),
        }
    }

    fn describe(&self) -> String {
        self.path.clone()
    }
}
