//! Serial port discovery: which ports exist, which look like MicroPython boards, who holds a port.

use serde::Serialize;

/// USB vendor/product pairs that identify MicroPython-capable boards or the USB-UART bridges they use.
/// `None` as product id matches any product of the vendor.
const KNOWN: &[(u16, Option<u16>, &str)] = &[
    (0x2e8a, None, "Raspberry Pi RP2 board"),
    (
        0xf055,
        None,
        "MicroPython board (pyboard, stm32, samd, nrf, mimxrt)",
    ),
    (0x303a, None, "Espressif ESP32 board"),
    (0x0d28, Some(0x0204), "BBC micro:bit (DAPLink)"),
    (0x239a, None, "Adafruit board (CircuitPython)"),
    (0x1209, Some(0xadda), "MicroPython board (pid.codes)"),
    (0x1a86, Some(0x7523), "CH340 USB-UART bridge"),
    (0x1a86, Some(0x5523), "CH341 USB-UART bridge"),
    (0x1a86, Some(0x55d3), "CH343 USB-UART bridge"),
    (0x1a86, Some(0x55d4), "CH9102 USB-UART bridge"),
    (0x10c4, Some(0xea60), "CP210x USB-UART bridge"),
    (0x0403, Some(0x6001), "FTDI USB-UART bridge"),
    (0x0403, Some(0x6010), "FTDI USB-UART bridge"),
    (0x0403, Some(0x6011), "FTDI USB-UART bridge"),
    (0x0403, Some(0x6014), "FTDI USB-UART bridge"),
    (0x0403, Some(0x6015), "FTDI USB-UART bridge"),
];

/// What the board family of a VID:PID is, if known.
pub fn known_board(vid: u16, pid: u16) -> Option<&'static str> {
    KNOWN
        .iter()
        .find(|(v, p, _)| *v == vid && p.is_none_or(|p| p == pid))
        .map(|(_, _, name)| *name)
}

/// One serial port.
#[derive(Debug, Clone, Serialize)]
pub struct PortInfo {
    /// Path (`/dev/ttyACM0`, `COM3`).
    pub port: String,
    /// `usb`, `pci`, `bluetooth` or `unknown`.
    pub kind: &'static str,
    /// `vvvv:pppp` in hex, for USB ports.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vid_pid: Option<String>,
    /// USB serial number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serial_number: Option<String>,
    /// USB manufacturer string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manufacturer: Option<String>,
    /// USB product string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    /// The board family when the VID:PID is a known MicroPython board or bridge.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub board: Option<&'static str>,
    /// Whether `-d auto` considers this port.
    pub micropython: bool,
}

/// All serial ports the OS reports, sorted by path.
pub fn list() -> Result<Vec<PortInfo>, serialport::Error> {
    let mut ports: Vec<PortInfo> = serialport::available_ports()?
        .into_iter()
        .map(|p| match p.port_type {
            serialport::SerialPortType::UsbPort(u) => {
                let board = known_board(u.vid, u.pid);
                let mp_product = u
                    .product
                    .as_deref()
                    .is_some_and(|s| s.to_lowercase().contains("micropython"))
                    || u.manufacturer
                        .as_deref()
                        .is_some_and(|s| s.to_lowercase().contains("micropython"));
                PortInfo {
                    port: p.port_name,
                    kind: "usb",
                    vid_pid: Some(format!("{:04x}:{:04x}", u.vid, u.pid)),
                    serial_number: u.serial_number,
                    manufacturer: u.manufacturer,
                    product: u.product,
                    board,
                    micropython: board.is_some() || mp_product,
                }
            }
            other => PortInfo {
                port: p.port_name,
                kind: match other {
                    serialport::SerialPortType::PciPort => "pci",
                    serialport::SerialPortType::BluetoothPort => "bluetooth",
                    _ => "unknown",
                },
                vid_pid: None,
                serial_number: None,
                manufacturer: None,
                product: None,
                board: None,
                micropython: false,
            },
        })
        .collect();
    ports.sort_by(|a, b| a.port.cmp(&b.port));
    Ok(ports)
}

/// Other processes that have `path` open (Linux: scans `/proc/*/fd`), as `name (pid N)`.
pub fn holders(path: &str) -> Vec<String> {
    holding(std::path::Path::new(path))
        .into_iter()
        .map(|h| format!("{} (pid {})", h.name, h.pid))
        .collect()
}

/// A process that has a file open.
#[derive(Debug, Clone)]
pub struct Holder {
    /// Its process id.
    pub pid: u32,
    /// Its command name (`/proc/PID/comm`).
    pub name: String,
    /// The pty it serves when it holds a pty master (e.g. `upy-sim --pty`), as a `-d` path.
    pub pty: Option<String>,
}

/// The other processes that have `path` open (Linux: scans `/proc/*/fd`; elsewhere none).
pub fn holding(path: &std::path::Path) -> Vec<Holder> {
    let Ok(target) = std::fs::canonicalize(path) else {
        return Vec::new();
    };
    let me = std::process::id();
    let mut found = Vec::new();
    let Ok(procs) = std::fs::read_dir("/proc") else {
        return found;
    };
    for entry in procs.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<u32>().ok())
        else {
            continue;
        };
        if pid == me {
            continue;
        }
        let Ok(fds) = std::fs::read_dir(entry.path().join("fd")) else {
            continue;
        };
        let mut holds = false;
        let mut pty = None;
        for fd in fds.flatten() {
            let Ok(link) = std::fs::read_link(fd.path()) else {
                continue;
            };
            if link == target {
                holds = true;
            } else if link == std::path::Path::new("/dev/ptmx") || link.starts_with("/dev/pts/ptmx")
            {
                let info =
                    std::fs::read_to_string(entry.path().join("fdinfo").join(fd.file_name()))
                        .unwrap_or_default();
                pty = info
                    .lines()
                    .find_map(|l| l.strip_prefix("tty-index:"))
                    .and_then(|n| n.trim().parse::<u32>().ok())
                    .map(|n| format!("/dev/pts/{n}"));
            }
        }
        if holds {
            let name = std::fs::read_to_string(entry.path().join("comm")).unwrap_or_default();
            found.push(Holder {
                pid,
                name: name.trim().to_string(),
                pty,
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_ids() {
        assert_eq!(known_board(0x2e8a, 0x0005), Some("Raspberry Pi RP2 board"));
        assert!(known_board(0x303a, 0x4001).is_some());
        assert!(known_board(0x10c4, 0xea60).is_some());
        assert_eq!(known_board(0x10c4, 0x0001), None);
        assert_eq!(known_board(0x046d, 0xc52b), None);
    }

    #[test]
    fn holders_finds_a_process_with_the_file_open() {
        let path = std::env::temp_dir().join(format!("upy-holders-{}", std::process::id()));
        std::fs::write(&path, b"x").unwrap();
        let mut child = std::process::Command::new("sleep")
            .arg("30")
            .stdin(std::fs::File::open(&path).unwrap())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(100));
        let found = holders(path.to_str().unwrap());
        let _ = child.kill();
        let _ = child.wait();
        let _ = std::fs::remove_file(&path);
        assert!(
            found
                .iter()
                .any(|h| h.contains(&format!("pid {}", child.id()))),
            "{found:?}"
        );
    }
}
