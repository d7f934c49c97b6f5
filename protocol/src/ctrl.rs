//! Control bytes and fixed strings of the raw REPL and raw-paste protocols (protocol-facts §1, §2).

/// Ctrl-A: friendly REPL → raw REPL; in raw REPL: reprint the banner, or dispatch a `\x05 X` command.
pub const CTRL_A: u8 = 0x01;
/// Ctrl-B: leave the raw REPL for the friendly REPL.
pub const CTRL_B: u8 = 0x02;
/// Ctrl-C: interrupt a running program; in the raw REPL: discard the code collected so far.
pub const CTRL_C: u8 = 0x03;
/// Ctrl-D: end of code (run it), or soft reset when the raw code buffer is empty.
pub const CTRL_D: u8 = 0x04;
/// Ctrl-E: first byte of the raw-paste request `\x05A\x01`.
pub const CTRL_E: u8 = 0x05;

/// The raw REPL banner, printed on entry and on every Ctrl-A inside the raw REPL.
pub const RAW_BANNER: &[u8] = b"raw REPL; CTRL-B to exit\r\n";
/// What a host waits for after sending `\r\x01`: the banner followed by the prompt.
pub const RAW_BANNER_PROMPT: &[u8] = b"raw REPL; CTRL-B to exit\r\n>";
/// The raw REPL prompt.
pub const RAW_PROMPT: &[u8] = b">";
/// Acknowledgement of a program submitted in classic raw mode.
pub const RAW_OK: &[u8] = b"OK";
/// Suffix of every port's soft-reboot line (`MPY: soft reboot\r\n`, `soft reboot\r\n`).
pub const SOFT_REBOOT: &[u8] = b"soft reboot\r\n";
/// The raw-paste request: Ctrl-E, command `A`, Ctrl-A.
pub const RAW_PASTE_REQUEST: &[u8] = b"\x05A\x01";
/// Answer to a raw-paste request when raw-paste is supported (followed by the window header).
pub const RAW_PASTE_SUPPORTED: &[u8] = b"R\x01";
/// Answer to a `\x05 X` command the device does not know (followed by the `>` prompt).
pub const RAW_PASTE_UNKNOWN: &[u8] = b"R\x00";
/// Default raw-paste window: `MICROPY_REPL_STDIN_BUFFER_MAX` (256) / 2.
pub const DEFAULT_WINDOW: u16 = 128;
