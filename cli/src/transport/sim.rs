//! `-d sim`: the simulated board linked into `upy`, running on a thread of this process.
//!
//! The board is `upy_port_sim::SimDevice`: the same VM and device agent as `upy-sim --pty`, with
//! its filesystem in a flash image file. It powers on when `upy` connects (boot.py, main.py, the
//! friendly REPL) and off when the connection is dropped; the image keeps the files in between.
//! Its heap and image come from `UPY_SIM_HEAP` and `UPY_SIM_FLASH` (see [`SimOptions`]).

use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use upy_port_sim::SimDevice;
use upy_protocol::host::Transport;

/// Environment variable naming the flash image (default: `upy-sim`'s, under the user's data directory).
pub const FLASH_ENV: &str = "UPY_SIM_FLASH";
/// Environment variable giving the heap size (`256K`, `1M`, bytes; default 256K like `upy-sim`).
pub const HEAP_ENV: &str = "UPY_SIM_HEAP";

/// How to build the simulated board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimOptions {
    /// Heap of the board's VM (bytes).
    pub heap: usize,
    /// The flash image holding its filesystem.
    pub flash: PathBuf,
}

impl SimOptions {
    /// Options from `UPY_SIM_HEAP` / `UPY_SIM_FLASH` as given by `var`, else the defaults.
    /// Errors name the variable and the value.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<SimOptions, String> {
        let heap = match var(HEAP_ENV).filter(|v| !v.trim().is_empty()) {
            Some(v) => {
                upy_port_sim::parse_heap_size(&v).map_err(|e| format!("{HEAP_ENV}={v}: {e}"))?
            }
            None => upy_port_sim::DEFAULT_HEAP,
        };
        let flash = match var(FLASH_ENV).filter(|v| !v.is_empty()) {
            Some(v) => PathBuf::from(v),
            None => upy_port_sim::default_flash_path(),
        };
        Ok(SimOptions { heap, flash })
    }

    /// Options from this process's environment.
    pub fn from_env() -> Result<SimOptions, String> {
        SimOptions::from_vars(|k| std::env::var(k).ok())
    }
}

/// A byte pipe to the in-process board. Clones share the board.
#[derive(Clone)]
pub struct SimTransport {
    device: Arc<SimDevice>,
}

impl SimTransport {
    /// Power on a board (fails when another process holds the image).
    pub fn start(options: &SimOptions) -> Result<SimTransport, upy_port_sim::SimError> {
        let device = SimDevice::start(options.heap, options.flash.clone())?;
        Ok(SimTransport {
            device: Arc::new(device),
        })
    }

    /// The board.
    pub fn device(&self) -> &SimDevice {
        &self.device
    }
}

impl std::fmt::Debug for SimTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SimTransport({})", self.device.flash_path().display())
    }
}

impl Transport for SimTransport {
    fn write_all(&mut self, data: &[u8]) -> io::Result<()> {
        self.device.write(data)
    }

    fn read(&mut self, buf: &mut [u8], timeout: Duration) -> io::Result<usize> {
        self.device.read(buf, timeout)
    }

    fn describe(&self) -> String {
        "sim".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_from_the_environment() {
        let none = SimOptions::from_vars(|_| None).unwrap();
        assert_eq!(none.heap, 256 * 1024);
        assert!(
            none.flash.ends_with("upy/sim-flash.img"),
            "{}",
            none.flash.display()
        );
        let set = SimOptions::from_vars(|k| match k {
            HEAP_ENV => Some("1M".into()),
            FLASH_ENV => Some("/tmp/other.img".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(
            set,
            SimOptions {
                heap: 1024 * 1024,
                flash: "/tmp/other.img".into()
            }
        );
        let bad =
            SimOptions::from_vars(|k| (k == HEAP_ENV).then(|| "lots".to_string())).unwrap_err();
        assert!(
            bad.contains("UPY_SIM_HEAP=lots") && bad.contains("not a size"),
            "{bad}"
        );
    }
}
