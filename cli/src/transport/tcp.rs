//! `tcp:HOST:PORT`: a raw TCP byte stream to a board (serial-to-network bridges, `socat`, QEMU
//! `-serial tcp:...`, simulators). No telnet negotiation.

use std::io::{self, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use upy_protocol::host::Transport;

/// A connected TCP stream.
pub struct TcpTransport {
    stream: TcpStream,
    name: String,
}

impl TcpTransport {
    /// Connect to `host:port` (5 s timeout per address).
    pub fn connect(host_port: &str) -> io::Result<Self> {
        let mut last = io::Error::new(
            io::ErrorKind::NotFound,
            "the host name resolved to no address",
        );
        for addr in host_port.to_socket_addrs()? {
            match TcpStream::connect_timeout(&addr, Duration::from_secs(5)) {
                Ok(stream) => {
                    let _ = stream.set_nodelay(true);
                    return Ok(TcpTransport {
                        stream,
                        name: format!("tcp:{host_port}"),
                    });
                }
                Err(e) => last = e,
            }
        }
        Err(last)
    }
}

impl Transport for TcpTransport {
    fn write_all(&mut self, data: &[u8]) -> io::Result<()> {
        self.stream.write_all(data)
    }

    fn read(&mut self, buf: &mut [u8], timeout: Duration) -> io::Result<usize> {
        if timeout.is_zero() {
            self.stream.set_nonblocking(true)?;
            let r = self.stream.read(buf);
            self.stream.set_nonblocking(false)?;
            return match r {
                Ok(0) => Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the connection was closed",
                )),
                Ok(n) => Ok(n),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => Ok(0),
                Err(e) => Err(e),
            };
        }
        self.stream.set_read_timeout(Some(timeout))?;
        match self.stream.read(buf) {
            Ok(0) => Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the connection was closed",
            )),
            Ok(n) => Ok(n),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                Ok(0)
            }
            Err(e) => Err(e),
        }
    }

    fn describe(&self) -> String {
        self.name.clone()
    }
}
