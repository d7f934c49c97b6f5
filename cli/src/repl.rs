//! `upy repl`: terminal passthrough to the board's friendly REPL, on Linux, macOS and Windows.
//!
//! When stdin is a terminal it is put in raw mode (crossterm; restored by a guard on every way out: return,
//! error, panic), so every key goes to the board — Ctrl-C too, which interrupts the program on the board,
//! not `upy`. Ctrl-] ends the session.
//!
//! * Unix: the keys are read from stdin as raw bytes, exactly what the terminal sends.
//! * Windows: the console delivers key events, not bytes; [`key_to_bytes`] turns each one into the bytes a
//!   VT terminal would send (UTF-8 text, `\r` for Enter, `\x7f` for Backspace, `\x1b[A` for Up, ...), and
//!   VT output processing is switched on so the board's ANSI sequences render.
//!
//! Board output goes to stdout byte for byte, so UTF-8 sequences split across reads reach the terminal
//! intact (a Windows console, which only takes valid UTF-8, gets invalid bytes as U+FFFD instead).
//! When stdin is not a terminal (a pipe, a test), its bytes are sent as they are and the session ends at end
//! of input once the board has been quiet for a moment.

use std::io::{IsTerminal, Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use upy_protocol::host::Transport;

use crate::device::Board;
use crate::error::{Result, UpyError};

/// The key that ends the session (Ctrl-]).
pub const EXIT_KEY: u8 = 0x1d;

/// What a key press sends to the board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyInput {
    /// These bytes.
    Bytes(Vec<u8>),
    /// Nothing: the session ends (Ctrl-]).
    Exit,
    /// Nothing (a key release, a key with no VT encoding).
    Nothing,
}

/// The bytes a VT (xterm) terminal sends for `key`; Ctrl-] is [`KeyInput::Exit`].
///
/// Printable characters are UTF-8; Enter `\r`, Backspace `\x7f` (Ctrl-Backspace `\x08`), Tab `\t`,
/// Shift-Tab `\x1b[Z`, Esc `\x1b`; arrows `\x1b[A`..`\x1b[D`, Home `\x1b[H`, End `\x1b[F`, Insert, Delete,
/// PageUp, PageDown `\x1b[2~`, `\x1b[3~`, `\x1b[5~`, `\x1b[6~`, with xterm's `;N` modifier parameter when
/// Shift/Alt/Ctrl is held (Ctrl-Left `\x1b[1;5D`); F1–F12. Ctrl-letter is the control byte (Ctrl-A `\x01`),
/// and Ctrl-Space/@/2, [/3, \/4, ]/5, ^/6, _/-/7, ?/8 give the other C0 bytes as in xterm. Alt prefixes
/// `\x1b`. Ctrl+Alt with a non-letter is AltGr on Windows: the character itself is sent.
pub fn key_to_bytes(key: &KeyEvent) -> KeyInput {
    if key.kind == KeyEventKind::Release {
        return KeyInput::Nothing;
    }
    let m = key.modifiers;
    let ctrl = m.contains(KeyModifiers::CONTROL);
    let alt = m.contains(KeyModifiers::ALT);
    let shift = m.contains(KeyModifiers::SHIFT);
    // xterm's modifier parameter: 1 + Shift + 2·Alt + 4·Ctrl.
    let param = 1 + u8::from(shift) + 2 * u8::from(alt) + 4 * u8::from(ctrl);
    let mut out = Vec::new();
    let csi_letter = |out: &mut Vec<u8>, letter: u8| {
        if param > 1 {
            out.extend_from_slice(format!("\x1b[1;{param}").as_bytes());
        } else {
            out.extend_from_slice(b"\x1b[");
        }
        out.push(letter);
    };
    let csi_tilde = |out: &mut Vec<u8>, n: u8| {
        if param > 1 {
            out.extend_from_slice(format!("\x1b[{n};{param}~").as_bytes());
        } else {
            out.extend_from_slice(format!("\x1b[{n}~").as_bytes());
        }
    };
    match key.code {
        KeyCode::Char(c) => {
            // Windows reports AltGr as Ctrl+Alt, with the character the layout produced.
            let altgr = ctrl && alt && !c.is_ascii_alphabetic();
            if ctrl
                && (!altgr || c == ']')
                && let Some(b) = control_byte(c)
            {
                if b == EXIT_KEY {
                    return KeyInput::Exit;
                }
                if alt {
                    out.push(0x1b);
                }
                out.push(b);
                return KeyInput::Bytes(out);
            }
            if alt && !altgr {
                out.push(0x1b);
            }
            let mut utf8 = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
        }
        KeyCode::Enter => {
            if alt {
                out.push(0x1b);
            }
            out.push(b'\r');
        }
        KeyCode::Backspace => {
            if alt {
                out.push(0x1b);
            }
            out.push(if ctrl { 0x08 } else { 0x7f });
        }
        KeyCode::Tab => {
            if alt {
                out.push(0x1b);
            }
            out.push(b'\t');
        }
        KeyCode::BackTab => out.extend_from_slice(b"\x1b[Z"),
        KeyCode::Esc => {
            if alt {
                out.push(0x1b);
            }
            out.push(0x1b);
        }
        KeyCode::Up => csi_letter(&mut out, b'A'),
        KeyCode::Down => csi_letter(&mut out, b'B'),
        KeyCode::Right => csi_letter(&mut out, b'C'),
        KeyCode::Left => csi_letter(&mut out, b'D'),
        KeyCode::Home => csi_letter(&mut out, b'H'),
        KeyCode::End => csi_letter(&mut out, b'F'),
        KeyCode::Insert => csi_tilde(&mut out, 2),
        KeyCode::Delete => csi_tilde(&mut out, 3),
        KeyCode::PageUp => csi_tilde(&mut out, 5),
        KeyCode::PageDown => csi_tilde(&mut out, 6),
        KeyCode::F(n @ 1..=4) => {
            let letter = b'P' + (n - 1);
            if param > 1 {
                csi_letter(&mut out, letter);
            } else {
                out.extend_from_slice(&[0x1b, b'O', letter]);
            }
        }
        KeyCode::F(n @ 5..=12) => {
            const CODES: [u8; 8] = [15, 17, 18, 19, 20, 21, 23, 24];
            csi_tilde(&mut out, CODES[usize::from(n - 5)]);
        }
        KeyCode::Null => out.push(0),
        _ => return KeyInput::Nothing,
    }
    KeyInput::Bytes(out)
}

/// The C0 byte a VT terminal sends for Ctrl+`c`, if any.
fn control_byte(c: char) -> Option<u8> {
    let c = c.to_ascii_lowercase();
    match c {
        'a'..='z' => Some(c as u8 & 0x1f),
        '@' | ' ' | '2' => Some(0x00),
        '[' | '3' => Some(0x1b),
        '\\' | '4' => Some(0x1c),
        ']' | '5' => Some(0x1d),
        '^' | '6' | '~' | '`' => Some(0x1e),
        '_' | '-' | '7' | '/' => Some(0x1f),
        '?' | '8' => Some(0x7f),
        _ => None,
    }
}

/// Whether a [`RawMode`] guard has the terminal in raw mode (read by the panic hook).
static RAW_ACTIVE: AtomicBool = AtomicBool::new(false);

/// Puts the terminal in raw mode; restores it when dropped (return, `?`, unwinding panic). A panic hook,
/// installed once, restores it before the panic message is printed, so the message is readable.
struct RawMode(());

impl RawMode {
    fn enable() -> std::io::Result<RawMode> {
        static HOOK: std::sync::Once = std::sync::Once::new();
        HOOK.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                restore_terminal();
                previous(info);
            }));
        });
        crossterm::terminal::enable_raw_mode()?;
        RAW_ACTIVE.store(true, Ordering::SeqCst);
        Ok(RawMode(()))
    }
}

/// Leave raw mode if a [`RawMode`] guard put the terminal in it (once).
fn restore_terminal() {
    if RAW_ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = crossterm::terminal::disable_raw_mode();
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Input for the session, from the thread that reads the keyboard or the pipe.
enum Input {
    Bytes(Vec<u8>),
    /// The exit key was pressed (Windows console; on Unix it arrives as the byte [`EXIT_KEY`]).
    #[cfg_attr(not(windows), allow(dead_code))]
    Exit,
    /// End of input (piped stdin closed, or stdin failed).
    End,
}

/// Read stdin as bytes (Unix terminals in raw mode, and pipes everywhere) until end of input.
fn read_stdin_bytes(tx: mpsc::Sender<Input>) {
    let mut stdin = std::io::stdin();
    let mut buf = [0u8; 256];
    loop {
        match stdin.read(&mut buf) {
            Ok(0) | Err(_) => {
                let _ = tx.send(Input::End);
                return;
            }
            Ok(n) => {
                if tx.send(Input::Bytes(buf[..n].to_vec())).is_err() {
                    return;
                }
            }
        }
    }
}

/// Read key events from the Windows console (in raw mode) and send the bytes a VT terminal would.
#[cfg(windows)]
fn read_console_keys(tx: mpsc::Sender<Input>) {
    use crossterm::event::Event;
    loop {
        let input = match crossterm::event::read() {
            Ok(Event::Key(key)) => match key_to_bytes(&key) {
                KeyInput::Bytes(b) => Input::Bytes(b),
                KeyInput::Exit => Input::Exit,
                KeyInput::Nothing => continue,
            },
            Ok(_) => continue,
            Err(_) => Input::End,
        };
        let last = matches!(input, Input::Exit | Input::End);
        if tx.send(input).is_err() || last {
            return;
        }
    }
}

/// Turns a byte stream into text for a console that only takes valid UTF-8 (Windows): a sequence split
/// across two reads is completed with the next one, invalid bytes become U+FFFD.
#[cfg_attr(not(windows), allow(dead_code))]
#[derive(Debug, Default)]
struct Utf8Text {
    /// The start of a sequence that the next bytes complete.
    pending: Vec<u8>,
}

#[cfg_attr(not(windows), allow(dead_code))]
impl Utf8Text {
    fn push(&mut self, bytes: &[u8]) -> String {
        let mut data = std::mem::take(&mut self.pending);
        data.extend_from_slice(bytes);
        let mut out = String::new();
        let mut rest = &data[..];
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    out.push_str(s);
                    return out;
                }
                Err(e) => {
                    let (good, after) = rest.split_at(e.valid_up_to());
                    // `good` is valid UTF-8 by construction; the lossy call never replaces anything.
                    out.push_str(&String::from_utf8_lossy(good));
                    match e.error_len() {
                        Some(n) => {
                            out.push(char::REPLACEMENT_CHARACTER);
                            rest = &after[n.min(after.len())..];
                        }
                        None => {
                            // An incomplete sequence at the end: wait for the rest.
                            self.pending = after.to_vec();
                            return out;
                        }
                    }
                }
            }
        }
    }
}

/// Where board output goes: stdout byte for byte, or as text on a Windows console.
struct Screen<'a> {
    out: std::io::StdoutLock<'a>,
    #[cfg(windows)]
    console: Option<Utf8Text>,
}

impl Screen<'_> {
    fn new() -> Self {
        let stdout = std::io::stdout();
        #[cfg(windows)]
        let console = stdout.is_terminal().then(|| {
            // Let the console interpret the board's ANSI sequences (colours, cursor moves).
            let _ = crossterm::ansi_support::supports_ansi();
            Utf8Text::default()
        });
        Screen {
            out: stdout.lock(),
            #[cfg(windows)]
            console,
        }
    }

    fn write(&mut self, bytes: &[u8]) {
        #[cfg(windows)]
        if let Some(text) = &mut self.console {
            let s = text.push(bytes);
            let _ = self.out.write_all(s.as_bytes());
            let _ = self.out.flush();
            return;
        }
        let _ = self.out.write_all(bytes);
        let _ = self.out.flush();
    }
}

/// Run the passthrough until Ctrl-] (or end of piped input).
pub fn run(board: &mut Board, json: bool) -> Result<()> {
    let name = board.name().to_string();
    let interactive = std::io::stdin().is_terminal();
    if !json {
        eprintln!("Connected to {name}. Exit with Ctrl-]. Press Enter for a prompt.");
    }
    let _raw = if interactive {
        Some(RawMode::enable().map_err(|e| {
            UpyError::local(format!("repl: cannot put the terminal in raw mode: {e}")).hint(
                "run upy repl in a terminal window, or pipe the input: echo 'print(1)' | upy repl",
            )
        })?)
    } else {
        None
    };
    let (tx, rx) = mpsc::channel::<Input>();
    #[cfg(windows)]
    if interactive {
        std::thread::spawn(move || read_console_keys(tx));
    } else {
        std::thread::spawn(move || read_stdin_bytes(tx));
    }
    #[cfg(not(windows))]
    std::thread::spawn(move || read_stdin_bytes(tx));

    let mut screen = Screen::new();
    let pending = board.client().take_pending();
    screen.write(&pending);
    let transport = board.client().transport_mut();
    let mut input_done_at: Option<Instant> = None;
    let mut last_output = Instant::now();
    let mut buf = [0u8; 4096];
    loop {
        loop {
            match rx.try_recv() {
                Ok(Input::Bytes(bytes)) => {
                    if let Some(pos) = bytes.iter().position(|&b| b == EXIT_KEY) {
                        send(transport.as_mut(), &bytes[..pos], &name)?;
                        finish(&mut screen, interactive, json.then_some("exit key"));
                        return Ok(());
                    }
                    send(transport.as_mut(), &bytes, &name)?;
                }
                Ok(Input::Exit) => {
                    finish(&mut screen, interactive, json.then_some("exit key"));
                    return Ok(());
                }
                Ok(Input::End) | Err(mpsc::TryRecvError::Disconnected) => {
                    input_done_at.get_or_insert_with(Instant::now);
                    break;
                }
                Err(mpsc::TryRecvError::Empty) => break,
            }
        }
        if let Some(t) = input_done_at {
            // Piped input ended: leave once the board has answered and gone quiet.
            if t.elapsed() > Duration::from_millis(500)
                && last_output.elapsed() > Duration::from_millis(500)
            {
                finish(&mut screen, interactive, json.then_some("end of input"));
                return Ok(());
            }
        }
        match transport.read(&mut buf, Duration::from_millis(20)) {
            Ok(0) => {}
            Ok(n) => {
                last_output = Instant::now();
                screen.write(&buf[..n]);
            }
            Err(e) => {
                finish(&mut screen, interactive, None);
                return Err(
                    UpyError::connection(format!("repl: {name} disconnected: {e}")).hint(
                        "the board was reset or unplugged; run `upy repl` again once it is back",
                    ),
                );
            }
        }
    }
}

fn send(t: &mut dyn Transport, bytes: &[u8], name: &str) -> Result<()> {
    if bytes.is_empty() {
        return Ok(());
    }
    t.write_all(bytes)
        .map_err(|e| UpyError::connection(format!("repl: writing to {name}: {e}")))
}

fn finish(screen: &mut Screen<'_>, interactive: bool, json_end: Option<&str>) {
    if interactive {
        screen.write(b"\r\n");
    }
    if let Some(how) = json_end {
        // The session's text went to stdout as it came; the last line says how it ended.
        let line = format!("\n{}\n", serde_json::json!({ "ok": true, "ended": how }));
        screen.write(line.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventState;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyInput {
        key_to_bytes(&KeyEvent::new(code, modifiers))
    }

    fn bytes(code: KeyCode, modifiers: KeyModifiers) -> Vec<u8> {
        match key(code, modifiers) {
            KeyInput::Bytes(b) => b,
            other => panic!("{code:?} {modifiers:?} gave {other:?}, not bytes"),
        }
    }

    const NONE: KeyModifiers = KeyModifiers::NONE;
    const CTRL: KeyModifiers = KeyModifiers::CONTROL;
    const ALT: KeyModifiers = KeyModifiers::ALT;
    const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

    #[test]
    fn printable_characters_are_utf8() {
        assert_eq!(bytes(KeyCode::Char('a'), NONE), b"a");
        assert_eq!(bytes(KeyCode::Char('A'), SHIFT), b"A");
        assert_eq!(bytes(KeyCode::Char('é'), NONE), "é".as_bytes());
        assert_eq!(bytes(KeyCode::Char('€'), NONE), [0xe2, 0x82, 0xac]);
        assert_eq!(bytes(KeyCode::Char('😀'), NONE), "😀".as_bytes());
        assert_eq!(bytes(KeyCode::Char(' '), NONE), b" ");
    }

    #[test]
    fn editing_keys_send_what_a_vt_terminal_sends() {
        assert_eq!(bytes(KeyCode::Enter, NONE), b"\r");
        assert_eq!(bytes(KeyCode::Backspace, NONE), b"\x7f");
        assert_eq!(bytes(KeyCode::Backspace, CTRL), b"\x08");
        assert_eq!(bytes(KeyCode::Tab, NONE), b"\t");
        assert_eq!(bytes(KeyCode::BackTab, SHIFT), b"\x1b[Z");
        assert_eq!(bytes(KeyCode::Esc, NONE), b"\x1b");
        assert_eq!(bytes(KeyCode::Up, NONE), b"\x1b[A");
        assert_eq!(bytes(KeyCode::Down, NONE), b"\x1b[B");
        assert_eq!(bytes(KeyCode::Right, NONE), b"\x1b[C");
        assert_eq!(bytes(KeyCode::Left, NONE), b"\x1b[D");
        assert_eq!(bytes(KeyCode::Home, NONE), b"\x1b[H");
        assert_eq!(bytes(KeyCode::End, NONE), b"\x1b[F");
        assert_eq!(bytes(KeyCode::Insert, NONE), b"\x1b[2~");
        assert_eq!(bytes(KeyCode::Delete, NONE), b"\x1b[3~");
        assert_eq!(bytes(KeyCode::PageUp, NONE), b"\x1b[5~");
        assert_eq!(bytes(KeyCode::PageDown, NONE), b"\x1b[6~");
        assert_eq!(bytes(KeyCode::F(1), NONE), b"\x1bOP");
        assert_eq!(bytes(KeyCode::F(4), NONE), b"\x1bOS");
        assert_eq!(bytes(KeyCode::F(5), NONE), b"\x1b[15~");
        assert_eq!(bytes(KeyCode::F(12), NONE), b"\x1b[24~");
        assert_eq!(key(KeyCode::F(13), NONE), KeyInput::Nothing);
        assert_eq!(key(KeyCode::CapsLock, NONE), KeyInput::Nothing);
    }

    #[test]
    fn modified_cursor_keys_carry_xterm_parameters() {
        assert_eq!(bytes(KeyCode::Left, CTRL), b"\x1b[1;5D");
        assert_eq!(bytes(KeyCode::Right, SHIFT), b"\x1b[1;2C");
        assert_eq!(bytes(KeyCode::Up, ALT), b"\x1b[1;3A");
        assert_eq!(bytes(KeyCode::Delete, CTRL), b"\x1b[3;5~");
        assert_eq!(bytes(KeyCode::F(1), SHIFT), b"\x1b[1;2P");
    }

    #[test]
    fn ctrl_letters_are_control_bytes_and_ctrl_bracket_exits() {
        assert_eq!(bytes(KeyCode::Char('a'), CTRL), [0x01]);
        assert_eq!(
            bytes(KeyCode::Char('c'), CTRL),
            [0x03],
            "Ctrl-C goes to the board"
        );
        assert_eq!(bytes(KeyCode::Char('d'), CTRL), [0x04]);
        assert_eq!(bytes(KeyCode::Char('e'), CTRL), [0x05]);
        assert_eq!(bytes(KeyCode::Char('z'), CTRL), [0x1a]);
        assert_eq!(bytes(KeyCode::Char('C'), CTRL | SHIFT), [0x03]);
        assert_eq!(bytes(KeyCode::Char(' '), CTRL), [0x00]);
        assert_eq!(bytes(KeyCode::Char('['), CTRL), [0x1b]);
        assert_eq!(bytes(KeyCode::Char('\\'), CTRL), [0x1c]);
        assert_eq!(bytes(KeyCode::Char('_'), CTRL | SHIFT), [0x1f]);
        assert_eq!(bytes(KeyCode::Char('?'), CTRL), [0x7f]);
        assert_eq!(key(KeyCode::Char(']'), CTRL), KeyInput::Exit);
        assert_eq!(key(KeyCode::Char('5'), CTRL), KeyInput::Exit);
        // Ctrl with a key that has no control byte sends the character.
        assert_eq!(bytes(KeyCode::Char('é'), CTRL), "é".as_bytes());
    }

    #[test]
    fn alt_prefixes_escape_and_altgr_sends_the_character() {
        assert_eq!(bytes(KeyCode::Char('x'), ALT), b"\x1bx");
        assert_eq!(bytes(KeyCode::Char('x'), CTRL | ALT), b"\x1b\x18");
        assert_eq!(bytes(KeyCode::Enter, ALT), b"\x1b\r");
        // AltGr+Q on a German layout: Ctrl+Alt+'@' is '@', not NUL.
        assert_eq!(bytes(KeyCode::Char('@'), CTRL | ALT), b"@");
        assert_eq!(bytes(KeyCode::Char('{'), CTRL | ALT), b"{");
        assert_eq!(bytes(KeyCode::Char('€'), CTRL | ALT), "€".as_bytes());
        // Ctrl+AltGr+9 on a German layout is still Ctrl-].
        assert_eq!(key(KeyCode::Char(']'), CTRL | ALT), KeyInput::Exit);
    }

    #[test]
    fn releases_are_ignored_and_repeats_are_sent() {
        let release = KeyEvent::new_with_kind_and_state(
            KeyCode::Char('a'),
            NONE,
            KeyEventKind::Release,
            KeyEventState::NONE,
        );
        assert_eq!(key_to_bytes(&release), KeyInput::Nothing);
        let repeat = KeyEvent::new_with_kind(KeyCode::Backspace, NONE, KeyEventKind::Repeat);
        assert_eq!(key_to_bytes(&repeat), KeyInput::Bytes(b"\x7f".to_vec()));
    }

    #[test]
    fn console_text_keeps_split_utf8_and_replaces_invalid_bytes() {
        let mut t = Utf8Text::default();
        let euro = "€".as_bytes();
        assert_eq!(t.push(&[b'a', euro[0]]), "a");
        assert_eq!(t.push(&euro[1..2]), "");
        assert_eq!(t.push(&[euro[2], b'b']), "€b");
        assert_eq!(t.push(b"x\xffy"), "x\u{fffd}y");
        assert_eq!(t.push(b"\xe2\x82z"), "\u{fffd}z");
        assert_eq!(t.push(b"\x1b[31mred\x1b[0m"), "\x1b[31mred\x1b[0m");
        assert_eq!(t.push(b""), "");
    }
}
