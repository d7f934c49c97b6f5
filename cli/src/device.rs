//! Device selection (`-d`), connecting, raw-REPL entry with diagnosis, and reconnecting after a reset.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use upy_protocol::host::{Client, Transport};

use crate::config::Config;
use crate::error::{Result, UpyError};
use crate::ports;
use crate::transport::{SerialTransport, TcpTransport};
#[cfg(unix)]
use crate::transport::{SimOptions, SimTransport};

/// What `-d` asked for, after alias resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeviceSpec {
    /// The one known board attached (ask when there are several).
    Auto,
    /// The simulated board linked into `upy` (its flash image under the user's data directory).
    Sim,
    /// `tcp:HOST:PORT`.
    Tcp(String),
    /// A serial port path.
    Port(String),
    /// `id:SERIAL`: the USB port with this serial number.
    SerialId(String),
}

/// Parse a device string, resolving aliases from `config`.
pub fn resolve(input: &str, config: &Config) -> Result<DeviceSpec> {
    let mut text = input.trim().to_string();
    for _ in 0..8 {
        match config.aliases.get(&text) {
            Some(alias) => text = alias.value.clone(),
            None => return parse_plain(&text, config),
        }
    }
    Err(UpyError::usage(format!(
        "device alias '{input}' refers to itself in a loop"
    )))
}

fn parse_plain(text: &str, config: &Config) -> Result<DeviceSpec> {
    if text.is_empty() {
        return Err(UpyError::usage("empty device name")
            .hint("use -d auto, -d PORT, -d sim, -d tcp:HOST:PORT or an alias"));
    }
    if text == "auto" {
        return Ok(DeviceSpec::Auto);
    }
    if text == "sim" {
        return Ok(DeviceSpec::Sim);
    }
    if let Some(rest) = text.strip_prefix("tcp:") {
        let ok = rest
            .rsplit_once(':')
            .is_some_and(|(h, p)| !h.is_empty() && p.parse::<u16>().is_ok());
        if !ok {
            return Err(UpyError::usage(format!("'{text}' is not a TCP device"))
                .hint("write it as tcp:HOST:PORT, e.g. tcp:192.168.4.1:23"));
        }
        return Ok(DeviceSpec::Tcp(rest.to_string()));
    }
    if let Some(rest) = text.strip_prefix("id:") {
        return Ok(DeviceSpec::SerialId(rest.to_string()));
    }
    if let Some(rest) = text.strip_prefix("port:") {
        return Ok(DeviceSpec::Port(rest.to_string()));
    }
    let looks_like_path = text.contains('/')
        || text.contains('\\')
        || text.to_ascii_uppercase().starts_with("COM")
        || std::path::Path::new(text).exists();
    if looks_like_path {
        return Ok(DeviceSpec::Port(text.to_string()));
    }
    let names: Vec<&str> = config
        .aliases
        .keys()
        .map(String::as_str)
        .chain(["auto", "sim"])
        .collect();
    let mut err = UpyError::usage(format!(
        "unknown device '{text}': not a port path, sim, tcp:HOST:PORT, id:SERIAL or alias"
    ));
    err = match suggest(text, &names) {
        Some(s) => err.hint(format!("did you mean '{s}'?")),
        None if config.aliases.is_empty() => err.hint(
            "give a port path (see `upy devices`), or define aliases in upy.toml under [aliases]",
        ),
        None => err.hint(format!(
            "known aliases: {}",
            config
                .aliases
                .keys()
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        )),
    };
    Err(err)
}

/// The closest of `candidates` to `word`, if close enough to be a typo.
pub fn suggest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The device string to use: `-d`, else `$UPY_DEVICE`, else the configured default, else `auto`.
pub fn choose(flag: Option<&str>, config: &Config) -> Result<DeviceSpec> {
    if let Some(d) = flag {
        return resolve(d, config);
    }
    if let Ok(d) = std::env::var("UPY_DEVICE")
        && !d.is_empty()
    {
        return resolve(&d, config);
    }
    if let Some(d) = &config.default_device {
        return resolve(&d.value, config).map_err(|mut e| {
            e.message = format!(
                "{} (the default device in {})",
                e.message,
                d.source.display()
            );
            e
        });
    }
    Ok(DeviceSpec::Auto)
}

/// How to find the same board again after it resets.
#[derive(Debug, Clone)]
enum Identity {
    Path(String),
    Serial {
        serial: String,
        last_path: String,
    },
    Tcp(String),
    /// The in-process board: "reconnecting" is reopening the same board.
    #[cfg(unix)]
    Sim(SimTransport),
}

/// A connected board.
pub struct Board {
    client: Client<Box<dyn Transport>>,
    name: String,
    identity: Identity,
}

/// Open a transport for `spec` (no bytes sent yet).
pub fn connect(spec: &DeviceSpec) -> Result<Board> {
    match spec {
        #[cfg(not(unix))]
        DeviceSpec::Sim => Err(UpyError::connection(
            "the simulated board (-d sim) is built into upy on Linux and macOS only",
        )
        .hint("run `upy-sim --pty` under WSL, or give a board with -d PORT")),
        #[cfg(unix)]
        DeviceSpec::Sim => {
            let options = SimOptions::load()?;
            let t = SimTransport::start(&options)
                .map_err(|e| crate::transport::sim::start_error(&options, e))?;
            Ok(Board::new(Box::new(t.clone()), Identity::Sim(t)))
        }
        DeviceSpec::Tcp(hp) => {
            let t = TcpTransport::connect(hp).map_err(|e| {
                UpyError::connection(format!("cannot connect to tcp:{hp}: {e}"))
                    .hint("check that the board or bridge is listening on that address")
            })?;
            Ok(Board::new(Box::new(t), Identity::Tcp(hp.clone())))
        }
        DeviceSpec::Port(path) => open_port(path, Identity::Path(path.clone())),
        DeviceSpec::SerialId(id) => {
            let port = find_by_serial(id)?.ok_or_else(|| {
                UpyError::connection(format!(
                    "no serial port with USB serial number '{id}' is attached"
                ))
                .hint("see `upy devices` for the attached boards and their serial numbers")
            })?;
            open_port(
                &port,
                Identity::Serial {
                    serial: id.clone(),
                    last_path: port.clone(),
                },
            )
        }
        DeviceSpec::Auto => {
            let port = auto_port()?;
            let identity = match serial_of(&port) {
                Some(serial) => Identity::Serial {
                    serial,
                    last_path: port.clone(),
                },
                None => Identity::Path(port.clone()),
            };
            open_port(&port, identity)
        }
    }
}

fn find_by_serial(id: &str) -> Result<Option<String>> {
    let ports = ports::list()
        .map_err(|e| UpyError::connection(format!("cannot list serial ports: {e}")))?;
    Ok(ports
        .into_iter()
        .find(|p| p.serial_number.as_deref() == Some(id))
        .map(|p| p.port))
}

fn serial_of(port: &str) -> Option<String> {
    ports::list()
        .ok()?
        .into_iter()
        .find(|p| p.port == port)
        .and_then(|p| p.serial_number)
}

fn auto_port() -> Result<String> {
    let ports = ports::list()
        .map_err(|e| UpyError::connection(format!("cannot list serial ports: {e}")))?;
    pick_auto(&ports)
}

/// `-d auto` over a port list: the one known board, a question (on a terminal) or an error listing them,
/// or "no MicroPython board found" with a hint towards `-d PORT` and `-d sim`.
fn pick_auto(ports: &[ports::PortInfo]) -> Result<String> {
    let boards: Vec<_> = ports.iter().filter(|p| p.micropython).collect();
    match boards.len() {
        0 => {
            let usb: Vec<_> = ports
                .iter()
                .filter(|p| p.kind == "usb")
                .map(|p| p.port.as_str())
                .collect();
            let mut err = UpyError::connection("no MicroPython board found");
            err = if usb.is_empty() {
                err.hint("plug in a board, give a port with -d PORT, or use -d sim for the simulated board")
            } else {
                err.hint(format!(
                    "these USB serial ports are not known boards: {}; pick one with -d PORT, or use -d sim for the simulated board",
                    usb.join(", ")
                ))
            };
            Err(err)
        }
        1 => Ok(boards[0].port.clone()),
        _ => {
            let list: Vec<String> = boards
                .iter()
                .map(|p| {
                    format!(
                        "{} ({})",
                        p.port,
                        p.board.or(p.product.as_deref()).unwrap_or("?")
                    )
                })
                .collect();
            if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
                eprintln!("Several boards are attached:");
                for (i, l) in list.iter().enumerate() {
                    eprintln!("  {}) {l}", i + 1);
                }
                eprint!("Which one? [1-{}] ", list.len());
                let mut answer = String::new();
                let _ = std::io::stdin().read_line(&mut answer);
                if let Some(i) = answer
                    .trim()
                    .parse::<usize>()
                    .ok()
                    .filter(|i| (1..=list.len()).contains(i))
                {
                    return Ok(boards[i - 1].port.clone());
                }
            }
            Err(
                UpyError::connection(format!("several boards are attached: {}", list.join(", ")))
                    .hint("choose one with -d PORT, or set `[device] default` in upy.toml"),
            )
        }
    }
}

fn open_port(path: &str, identity: Identity) -> Result<Board> {
    let t = SerialTransport::open(path).map_err(|e| port_open_error(path, &e))?;
    Ok(Board::new(Box::new(t), identity))
}

fn port_open_error(path: &str, e: &serialport::Error) -> UpyError {
    let holders = ports::holders(path);
    let msg = e.to_string();
    if matches!(e.kind, serialport::ErrorKind::NoDevice) && msg.contains("lock")
        || !holders.is_empty()
    {
        let who = if holders.is_empty() {
            "another program".to_string()
        } else {
            holders.join(", ")
        };
        return UpyError::connection(format!("port {path} is in use by {who}"))
            .hint("close the other program (a terminal, an IDE, another upy) and retry");
    }
    if let serialport::ErrorKind::Io(kind) = e.kind {
        if kind == std::io::ErrorKind::NotFound {
            return UpyError::connection(format!("no such port {path}")).hint(
                "see `upy devices` for attached boards, or use -d sim for the simulated board",
            );
        }
        if kind == std::io::ErrorKind::PermissionDenied {
            return UpyError::connection(format!("permission denied opening {path}"))
                .hint("add yourself to the group that owns the port (often `dialout`: sudo usermod -aG dialout $USER), then log in again");
        }
    }
    if !std::path::Path::new(path).exists() {
        return UpyError::connection(format!("no such port {path}"))
            .hint("see `upy devices` for attached boards, or use -d sim for the simulated board");
    }
    UpyError::connection(format!("cannot open {path}: {msg}"))
        .hint("is it a serial port? see `upy devices`")
}

/// A hint for "could not enter raw REPL": what the bytes received suggest, and who else holds the port.
pub fn raw_repl_diagnosis(device: &str, received: &[u8]) -> String {
    let text = String::from_utf8_lossy(received);
    let mut hint = if received.is_empty() {
        format!(
            "{device} sent nothing back: it may not be a MicroPython board, the board may be busy in a program \
             that blocks the UART, or the wrong port was chosen (see `upy devices`)"
        )
    } else if text.contains(">>> ") || text.contains("MicroPython") {
        format!(
            "{device} shows the friendly REPL but did not switch to the raw REPL; it may run a custom REPL or very old firmware"
        )
    } else {
        format!(
            "a program on {device} keeps running and does not stop on Ctrl-C (it may catch KeyboardInterrupt or call \
             micropython.kbd_intr(-1)); press the board's reset button and retry"
        )
    };
    let holders = ports::holders(device);
    if !holders.is_empty() {
        hint.push_str(&format!(
            "; the port is also open in {}: close it",
            holders.join(", ")
        ));
    }
    if !received.is_empty() {
        hint.push_str(&format!(
            "; last bytes received: {}",
            upy_protocol::host::show_bytes(received)
        ));
    }
    hint
}

impl Board {
    fn new(transport: Box<dyn Transport>, identity: Identity) -> Self {
        let name = transport.describe();
        let transport: Box<dyn Transport> =
            if std::env::var_os("UPY_TRACE").is_some_and(|v| !v.is_empty() && v != "0") {
                Box::new(crate::transport::Trace::new(transport))
            } else {
                transport
            };
        Board {
            client: Client::new(transport),
            name,
            identity,
        }
    }

    /// The board's name for messages (port path, `tcp:...`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The raw-REPL client.
    pub fn client(&mut self) -> &mut Client<Box<dyn Transport>> {
        &mut self.client
    }

    /// Interrupt whatever runs and enter the raw REPL (optionally soft-resetting, as mpremote does before
    /// running user code).
    pub fn enter_raw(&mut self, soft_reset: bool) -> Result<()> {
        let name = self.name.clone();
        self.client
            .enter_raw_repl(soft_reset)
            .map_err(|e| UpyError::from_protocol(e, "connect", &name))
    }

    /// Leave the raw REPL (the board is left at the friendly prompt). Errors are ignored: this is cleanup.
    pub fn close(&mut self) {
        let _ = self.client.exit_raw_repl();
    }

    /// The simulated board linked into `upy` has no `machine.reset()` to call: power-cycle it in
    /// this process (fresh VM, boot.py, main.py), reopen it and enter the raw REPL. Returns false
    /// (doing nothing) for every other board.
    pub fn restart_in_process(&mut self) -> Result<bool> {
        #[cfg(unix)]
        if let Identity::Sim(t) = &self.identity {
            let t = t.clone();
            t.device().hard_reset().map_err(|e| {
                UpyError::connection(format!("reset: cannot restart the simulated board: {e}"))
                    .hint("its program ignores Ctrl-C; end this upy process (the board stops with it) and run the command again")
            })?;
            let mut board = Board::new(Box::new(t), self.identity.clone());
            board.enter_raw(false)?;
            *self = board;
            return Ok(true);
        }
        Ok(false)
    }

    /// After a hard reset: close the port, wait for the same board (same USB serial number, else the same
    /// path) to come back, reopen it and enter the raw REPL. Gives up after `wait`.
    pub fn reconnect(&mut self, wait: Duration) -> Result<()> {
        // Drop the old handle first: a re-enumerating USB device gets a new node.
        let placeholder: Box<dyn Transport> = Box::new(Closed(self.name.clone()));
        drop(std::mem::replace(
            &mut self.client,
            Client::new(placeholder),
        ));
        std::thread::sleep(Duration::from_millis(200));
        let start = Instant::now();
        let mut last_err = None;
        while start.elapsed() < wait {
            let spec = match &self.identity {
                #[cfg(unix)]
                Identity::Sim(t) => {
                    // The same board, still running: a fresh client on it.
                    let mut board = Board::new(Box::new(t.clone()), self.identity.clone());
                    board.enter_raw(false)?;
                    *self = board;
                    return Ok(());
                }
                Identity::Path(p) => DeviceSpec::Port(p.clone()),
                Identity::Serial { serial, last_path } => match find_by_serial(serial)? {
                    Some(p) => DeviceSpec::Port(p),
                    None if std::path::Path::new(last_path).exists() => {
                        DeviceSpec::Port(last_path.clone())
                    }
                    None => {
                        std::thread::sleep(Duration::from_millis(100));
                        continue;
                    }
                },
                Identity::Tcp(hp) => DeviceSpec::Tcp(hp.clone()),
            };
            match connect(&spec) {
                Ok(mut board) => {
                    board.identity = self.identity.clone();
                    match board.enter_raw(false) {
                        Ok(()) => {
                            *self = board;
                            return Ok(());
                        }
                        Err(e) => last_err = Some(e),
                    }
                }
                Err(e) => last_err = Some(e),
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let mut err = UpyError::connection(format!(
            "the board did not come back on {} after the reset",
            self.name
        ));
        if let Some(e) = last_err {
            err.message.push_str(&format!(" ({})", e.message));
        }
        Err(err.hint("wait for the board to boot, then retry; `upy devices` shows where it is now"))
    }
}

/// A transport standing in for a closed port during reconnection.
struct Closed(String);

impl Transport for Closed {
    fn write_all(&mut self, _: &[u8]) -> std::io::Result<()> {
        Err(std::io::Error::new(
            std::io::ErrorKind::NotConnected,
            "the port is closed",
        ))
    }
    fn read(&mut self, _: &mut [u8], _: Duration) -> std::io::Result<usize> {
        Err(std::io::Error::new(
            std::io::ErrorKind::NotConnected,
            "the port is closed",
        ))
    }
    fn describe(&self) -> String {
        self.0.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Sourced;

    fn config_with(aliases: &[(&str, &str)]) -> Config {
        let mut c = Config::default();
        for (k, v) in aliases {
            c.aliases.insert(
                k.to_string(),
                Sourced {
                    value: v.to_string(),
                    source: "upy.toml".into(),
                },
            );
        }
        c
    }

    #[test]
    fn parses_device_strings() {
        let c = config_with(&[
            ("pico", "id:E661"),
            ("lab", "pico"),
            ("net", "tcp:10.0.0.2:23"),
        ]);
        assert_eq!(resolve("auto", &c).unwrap(), DeviceSpec::Auto);
        assert_eq!(resolve("sim", &c).unwrap(), DeviceSpec::Sim);
        assert_eq!(
            resolve("/dev/ttyACM0", &c).unwrap(),
            DeviceSpec::Port("/dev/ttyACM0".into())
        );
        assert_eq!(
            resolve("COM3", &c).unwrap(),
            DeviceSpec::Port("COM3".into())
        );
        assert_eq!(
            resolve("lab", &c).unwrap(),
            DeviceSpec::SerialId("E661".into())
        );
        assert_eq!(
            resolve("net", &c).unwrap(),
            DeviceSpec::Tcp("10.0.0.2:23".into())
        );
        assert!(resolve("tcp:nohost", &c).is_err());
        let e = resolve("pikco", &c).unwrap_err();
        assert_eq!(e.hint.as_deref(), Some("did you mean 'pico'?"));
        let loop_cfg = config_with(&[("a", "b"), ("b", "a")]);
        assert!(
            resolve("a", &loop_cfg)
                .unwrap_err()
                .message
                .contains("loop")
        );
    }

    fn usb(port: &str, vid: u16, pid: u16) -> ports::PortInfo {
        let board = ports::known_board(vid, pid);
        ports::PortInfo {
            port: port.into(),
            kind: "usb",
            vid_pid: Some(format!("{vid:04x}:{pid:04x}")),
            serial_number: None,
            manufacturer: None,
            product: None,
            board,
            micropython: board.is_some(),
        }
    }

    #[test]
    fn auto_picks_the_one_board_and_explains_otherwise() {
        let e = pick_auto(&[]).unwrap_err();
        assert_eq!(e.message, "no MicroPython board found");
        assert!(e.hint.as_deref().unwrap().contains("-d sim"));
        let mouse = usb("/dev/ttyACM9", 0x046d, 0xc52b);
        let e = pick_auto(std::slice::from_ref(&mouse)).unwrap_err();
        assert!(
            e.hint.as_deref().unwrap().contains("/dev/ttyACM9"),
            "{:?}",
            e.hint
        );
        let pico = usb("/dev/ttyACM0", 0x2e8a, 0x0005);
        assert_eq!(
            pick_auto(&[mouse.clone(), pico.clone()]).unwrap(),
            "/dev/ttyACM0"
        );
        let esp = usb("/dev/ttyACM1", 0x303a, 0x4001);
        // Not a terminal in tests: an error that names both.
        let e = pick_auto(&[pico, esp]).unwrap_err();
        assert!(
            e.message.contains("/dev/ttyACM0") && e.message.contains("/dev/ttyACM1"),
            "{}",
            e.message
        );
    }
}
