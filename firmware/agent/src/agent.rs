//! The agent's main loop: boot, friendly REPL, raw REPL / raw-paste, soft reset.
//!
//! Byte-level behaviour follows MicroPython's `shared/runtime/pyexec.c` (protocol-facts §1–§3).

use alloc::collections::VecDeque;
use alloc::string::String;
use alloc::vec::Vec;
use core::sync::atomic::Ordering;

use upy_hal::NodeKind;
use upy_protocol::ctrl::DEFAULT_WINDOW;
use upy_protocol::device::{Event, Mode, RawRepl};
use upy_vm::types::TypeId;
use upy_vm::{CompileMode, Outcome, Vm};

use crate::frames::Leave;
use crate::readline::{Edit, Editor, History};
use crate::repl;
use crate::{Board, Console, cook};

/// Why [`Agent::run`] returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The console closed (the port is shutting down).
    Shutdown,
    /// `sys.exit(code)` at the friendly REPL of a board that quits on it.
    Quit(i32),
}

/// Where the REPL goes next.
enum Next {
    Raw,
    Friendly,
    Reset,
    Shutdown,
    Quit(i32),
}

/// How an execution ended.
enum Ran {
    Ok,
    Error(String),
    Exit(i32),
}

/// The first raw-paste size at which the source is parsed for an early syntax error; later checks
/// happen each time the size doubles, so the total parsing work stays linear.
const FIRST_EARLY_CHECK: usize = 2 * DEFAULT_WINDOW as usize;

/// The soft-reboot line (`MPY: soft reboot`, as the rp2/stm32 ports print it).
pub const SOFT_REBOOT_LINE: &[u8] = b"MPY: soft reboot\r\n";

/// The device agent for one board.
pub struct Agent<B: Board> {
    board: B,
    rr: RawRepl,
    hist: History,
    ed: Editor,
    /// Program text of the raw REPL, raw-paste or paste mode.
    src: Vec<u8>,
    /// Input read by the frame server that belongs to the raw REPL (read before the console).
    pushback: VecDeque<u8>,
}

/// Leave the board with `exit` (console closed, or `sys.exit()` on a board that quits): commit
/// the files a program left open first, as at a soft reset, so a board switched off keeps them.
/// A pending interrupt (the signal that stopped the board) must not abort a Python block device.
fn power_off(vm: &mut Vm, exit: Exit) -> Exit {
    vm.interrupt_flag().store(false, Ordering::SeqCst);
    upy_vm::modules::os::unmount_all(vm);
    exit
}

impl<B: Board> Agent<B> {
    /// An agent for `board`; nothing happens until [`Agent::run`].
    pub fn new(board: B) -> Self {
        let mut rr = RawRepl::new(DEFAULT_WINDOW);
        rr.set_frames(board.frame_limits().is_some());
        Agent { board, rr, hist: History::new(), ed: Editor::new(), src: Vec::new(), pushback: VecDeque::new() }
    }

    /// The board.
    pub fn board(&mut self) -> &mut B {
        &mut self.board
    }

    /// Run the board: boot (`boot.py`, then `main.py` in friendly mode), then the REPL, with a
    /// fresh VM after every soft reset, until the console closes.
    pub fn run(&mut self) -> Exit {
        loop {
            let mut vm = self.board.new_vm();
            if let Some(next) = self.boot(&mut vm) {
                match next {
                    Next::Shutdown => return power_off(&mut vm, Exit::Shutdown),
                    Next::Quit(c) => return power_off(&mut vm, Exit::Quit(c)),
                    _ => {}
                }
            }
            {
                let con = self.board.console();
                self.rr.after_soft_reset(&mut |b: &[u8]| con.write(b));
                con.flush();
            }
            let next = loop {
                let n = match self.rr.mode() {
                    Mode::Raw => self.raw_repl(&mut vm),
                    Mode::Friendly => self.friendly_repl(&mut vm),
                };
                match n {
                    Next::Raw | Next::Friendly => continue,
                    other => break other,
                }
            };
            match next {
                Next::Shutdown => return power_off(&mut vm, Exit::Shutdown),
                Next::Quit(c) => return power_off(&mut vm, Exit::Quit(c)),
                _ => {}
            }
            // Commit files left open (MicroPython's finalizers close them at soft reset).
            upy_vm::modules::os::unmount_all(&mut vm);
            drop(vm);
            self.board.before_soft_reset();
            let con = self.board.console();
            con.write(SOFT_REBOOT_LINE);
            con.flush();
        }
    }

    fn write(&mut self, bytes: &[u8]) {
        self.board.console().write(bytes);
    }

    fn write_cooked(&mut self, text: &[u8]) {
        let con = self.board.console();
        cook(text, &mut |b: &[u8]| con.write(b));
    }

    fn read(&mut self) -> Option<u8> {
        if let Some(b) = self.pushback.pop_front() {
            return Some(b);
        }
        let con = self.board.console();
        con.flush();
        con.read_byte()
    }

    /// Run `boot.py`, then `main.py` when the REPL is in friendly mode.
    fn boot(&mut self, vm: &mut Vm) -> Option<Next> {
        let ran = self.run_file(vm, "boot.py");
        if let Some(Ran::Exit(_)) = ran {
            // MicroPython would soft-reset again; a boot.py that always exits would then lock the
            // board in a reset loop, so the agent goes on to the REPL instead.
            return None;
        }
        if self.rr.mode() == Mode::Friendly {
            self.run_file(vm, "main.py");
        }
        None
    }

    fn run_file(&mut self, vm: &mut Vm, path: &str) -> Option<Ran> {
        let data = read_board_file(vm, path)?;
        let ran = self.exec(vm, &data, path, CompileMode::Exec);
        if let Ran::Error(tb) = &ran {
            self.write_cooked(tb.as_bytes());
        }
        Some(ran)
    }

    /// Compile and run `src` as `__main__`, with Ctrl-C as the interrupt character.
    fn exec(&mut self, vm: &mut Vm, src: &[u8], name: &str, mode: CompileMode) -> Ran {
        let text = normalize_newlines(src);
        let flag = vm.interrupt_flag();
        flag.store(false, Ordering::SeqCst);
        vm.kbd_intr_char = 3;
        vm.port.set_interrupt_char(3);
        self.board.console().flush();
        let out = vm.run_main(&text, name, mode);
        vm.port.set_interrupt_char(-1);
        flag.store(false, Ordering::SeqCst);
        match out {
            Outcome::Ok => Ran::Ok,
            Outcome::Exit(c) => Ran::Exit(c),
            Outcome::Error(tb) => Ran::Error(tb),
        }
    }

    fn banner(&mut self, vm: &mut Vm) {
        let mut s = String::from("MicroPython ");
        s.push_str(crate::VERSION);
        s.push_str(" on ");
        s.push_str(crate::BUILD_DATE);
        s.push_str("; ");
        s.push_str(vm.port.board_name());
        s.push_str(" with ");
        s.push_str(vm.port.mcu_name());
        s.push_str("\r\n");
        let has_help = vm.qstrs.find("help").is_some_and(|q| vm.dict_get_str(vm.builtins, q).is_some());
        if has_help {
            s.push_str("Type \"help()\" for more information.\r\n");
        }
        self.write(s.as_bytes());
    }

    // ---------------------------------------------------------------- friendly REPL

    /// One key through the line editor (with tab completion against the VM).
    fn edit_key(&mut self, vm: &mut Vm, b: u8) -> Edit {
        let con = self.board.console();
        let mut out = |x: &[u8]| con.write(x);
        let mut complete =
            |line: &[u8]| repl::complete(line, &mut |chain: &[&str]| upy_vm::modules::completion::names(vm, chain));
        self.ed.feed(b, &mut self.hist, &mut complete, &mut out)
    }

    /// Read keys until Enter or a control key; `None` when the console closes.
    fn read_line(&mut self, vm: &mut Vm) -> Option<Edit> {
        loop {
            let b = self.read()?;
            let ev = {
                let con = self.board.console();
                self.rr.feed(b, &mut |x: &[u8]| con.write(x))
            };
            let Event::Friendly(b) = ev else { continue };
            match self.edit_key(vm, b) {
                Edit::More => {}
                e => return Some(e),
            }
        }
    }

    fn friendly_repl(&mut self, vm: &mut Vm) -> Next {
        self.banner(vm);
        'input: loop {
            {
                let con = self.board.console();
                self.ed.start(b">>> ", &mut |x: &[u8]| con.write(x));
            }
            let Some(first) = self.read_line(vm) else { return Next::Shutdown };
            match first {
                Edit::Control(1) => {
                    let con = self.board.console();
                    self.rr.enter_raw(&mut |x: &[u8]| con.write(x));
                    return Next::Raw;
                }
                Edit::Control(2) => {
                    self.write(b"\r\n");
                    self.banner(vm);
                    continue;
                }
                Edit::Control(3) => {
                    self.write(b"\r\n");
                    continue;
                }
                Edit::Control(4) => {
                    self.write(b"\r\n");
                    return Next::Reset;
                }
                Edit::Control(5) => {
                    self.write(b"\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ");
                    let max = self.board.max_program_bytes();
                    let mut overflow = false;
                    self.src.clear();
                    loop {
                        let Some(c) = self.read() else { return Next::Shutdown };
                        match c {
                            3 => {
                                self.write(b"\r\n");
                                self.src.clear();
                                continue 'input;
                            }
                            4 => {
                                self.write(b"\r\n");
                                break;
                            }
                            _ => {
                                if self.src.len() < max {
                                    self.src.push(c);
                                } else {
                                    overflow = true;
                                }
                                if c == b'\r' {
                                    self.write(b"\r\n=== ");
                                } else {
                                    self.write(&[c]);
                                }
                            }
                        }
                    }
                    let ran = if overflow {
                        self.src.clear();
                        Ran::Error(program_too_large(vm))
                    } else {
                        let src = core::mem::take(&mut self.src);
                        let r = self.exec(vm, &src, "<stdin>", CompileMode::Exec);
                        self.src = src;
                        self.src.clear();
                        r
                    };
                    if let Some(n) = self.after_friendly_exec(ran) {
                        return n;
                    }
                    continue;
                }
                _ => {}
            }
            if self.ed.buf.is_empty() {
                continue;
            }
            if repl::continue_with_input(&self.ed.buf) {
                loop {
                    {
                        let con = self.board.console();
                        self.ed.next_line(b"... ", &mut |x: &[u8]| con.write(x));
                    }
                    match self.read_line(vm) {
                        None => return Next::Shutdown,
                        Some(Edit::Control(3)) => {
                            self.write(b"\r\n");
                            continue 'input;
                        }
                        Some(Edit::Control(4)) => break,
                        _ => {}
                    }
                    if !repl::continue_with_input(&self.ed.buf) {
                        break;
                    }
                }
            }
            let src = core::mem::take(&mut self.ed.buf);
            if src.iter().all(|b| b.is_ascii_whitespace()) {
                self.ed.buf = src;
                continue;
            }
            let ran = self.exec(vm, &src, "<stdin>", CompileMode::Single);
            self.ed.buf = src;
            if let Some(n) = self.after_friendly_exec(ran) {
                return n;
            }
        }
    }

    fn after_friendly_exec(&mut self, ran: Ran) -> Option<Next> {
        match ran {
            Ran::Ok => None,
            Ran::Error(tb) => {
                self.write_cooked(tb.as_bytes());
                None
            }
            Ran::Exit(c) => Some(if self.board.quit_on_sys_exit() { Next::Quit(c) } else { Next::Reset }),
        }
    }

    // ---------------------------------------------------------------- raw REPL

    fn raw_repl(&mut self, vm: &mut Vm) -> Next {
        let max = self.board.max_program_bytes();
        self.src.clear();
        let mut overflow = false;
        let mut paste = false;
        let mut next_check = FIRST_EARLY_CHECK;
        loop {
            let Some(b) = self.read() else { return Next::Shutdown };
            let ev = {
                let con = self.board.console();
                self.rr.feed(b, &mut |x: &[u8]| con.write(x))
            };
            match ev {
                Event::Source(c) => {
                    if self.src.len() < max {
                        self.src.push(c);
                    } else if !overflow {
                        overflow = true;
                        if paste {
                            // Stop the host: the program cannot fit.
                            let con = self.board.console();
                            self.rr.abort_paste(&mut |x: &[u8]| con.write(x));
                        }
                    }
                    if paste && !overflow && self.src.len() >= next_check {
                        next_check = next_check.saturating_mul(2);
                        if let Some(n) = early_syntax_error(&self.src) {
                            self.src.truncate(n);
                            let con = self.board.console();
                            self.rr.abort_paste(&mut |x: &[u8]| con.write(x));
                        }
                    }
                }
                Event::DiscardSource => {
                    self.src.clear();
                    overflow = false;
                }
                Event::PasteStarted => {
                    self.src.clear();
                    overflow = false;
                    paste = true;
                    next_check = FIRST_EARLY_CHECK;
                }
                Event::Execute(_) | Event::PasteDrained => {
                    let ran = if overflow {
                        Ran::Error(program_too_large(vm))
                    } else {
                        let src = core::mem::take(&mut self.src);
                        let r = self.exec(vm, &src, "<stdin>", CompileMode::Exec);
                        self.src = src;
                        r
                    };
                    self.src.clear();
                    overflow = false;
                    paste = false;
                    if self.end_raw_exec(ran) {
                        return Next::Reset;
                    }
                }
                Event::PasteInterrupted => {
                    let _ = vm.raise_empty(TypeId::KeyboardInterrupt);
                    let tb = error_text(vm);
                    self.src.clear();
                    overflow = false;
                    paste = false;
                    self.end_raw_exec(Ran::Error(tb));
                }
                Event::FramesStarted => {
                    self.src.clear();
                    overflow = false;
                    paste = false;
                    let lim = self.board.frame_limits().unwrap_or_default();
                    let leave = crate::frames::serve(self.board.console(), vm, lim);
                    let con = self.board.console();
                    let mut w = |x: &[u8]| con.write(x);
                    match leave {
                        Leave::End => self.rr.end_frames(true, &mut w),
                        Leave::Bytes(rest) => {
                            self.rr.end_frames(false, &mut w);
                            self.pushback.extend(rest);
                        }
                        Leave::CtrlA => {
                            self.rr.end_frames(false, &mut w);
                            self.pushback.push_back(upy_protocol::ctrl::CTRL_A);
                        }
                        Leave::Shutdown => return Next::Shutdown,
                    }
                }
                Event::SoftReset => return Next::Reset,
                Event::ExitRawRepl => return Next::Friendly,
                Event::None | Event::Friendly(_) | Event::Interrupt | Event::Stdin(_) => {}
            }
        }
    }

    /// The two `\x04` of the raw REPL framing around the error text, then `>` (or nothing when
    /// the program raised SystemExit: returns true, the board soft-resets).
    fn end_raw_exec(&mut self, ran: Ran) -> bool {
        let con = self.board.console();
        let mut w = |x: &[u8]| con.write(x);
        self.rr.end_stdout(&mut w);
        if let Ran::Error(tb) = &ran {
            cook(tb.as_bytes(), &mut w);
        }
        let forced = matches!(ran, Ran::Exit(_));
        self.rr.end_execution(forced, &mut w);
        forced
    }
}

/// The contents of `path` on the board's filesystem (through `open()`, so through the VFS and
/// its mounts), or None if it cannot be read. Falls back to the port's own files on a VM without
/// a filesystem.
fn read_board_file(vm: &mut Vm, path: &str) -> Option<Vec<u8>> {
    let names = (vm.qstrs.find("open"), vm.qstrs.find("read"), vm.qstrs.find("close"));
    let (Some(open_q), Some(read_q), Some(close_q)) = names else {
        return read_port_file(vm, path);
    };
    let Some(open) = vm.dict_get_str(vm.builtins, open_q) else { return read_port_file(vm, path) };
    let r = (|| {
        let p = vm.new_str(path)?;
        vm.root(p);
        let m = vm.new_str("rb")?;
        vm.root(m);
        let f = upy_vm::call::call(vm, open, &[p, m], &[])?;
        vm.root(f);
        let data = upy_vm::runtime::call_method(vm, f, read_q, &[]);
        let _ = upy_vm::runtime::call_method(vm, f, close_q, &[]);
        let data = data?;
        Ok(upy_vm::obj::bytes::buffer_of(vm, data))
    })();
    let out = match r {
        Ok(d) => d,
        Err(upy_vm::Exc) => {
            let _ = vm.take_exception();
            None
        }
    };
    vm.clear_temps();
    out
}

fn read_port_file(vm: &mut Vm, path: &str) -> Option<Vec<u8>> {
    if vm.port.stat(path) != Some(NodeKind::File) {
        return None;
    }
    let mut data = Vec::new();
    vm.port.read_file(path, &mut |b: &[u8]| data.extend_from_slice(b)).ok()?;
    Some(data)
}

/// The traceback text of the pending exception.
fn error_text(vm: &mut Vm) -> String {
    let s = match vm.outcome_of_exception() {
        Outcome::Error(s) => s,
        _ => String::new(),
    };
    vm.clear_temps();
    s
}

fn program_too_large(vm: &mut Vm) -> String {
    let _ = vm.raise(TypeId::MemoryError, "program too large for the board");
    error_text(vm)
}

/// Source text for the compiler: invalid UTF-8 replaced, `\r\n` and lone `\r` turned into `\n`.
fn normalize_newlines(src: &[u8]) -> String {
    let text = String::from_utf8_lossy(src);
    if !text.contains('\r') {
        return text.into_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// Parse the complete lines received so far: if they contain a syntax error that more input
/// cannot fix, return the length of the text that shows it (the raw-paste transfer is then
/// aborted early, as MicroPython's streaming compiler does).
fn early_syntax_error(src: &[u8]) -> Option<usize> {
    let end = src.iter().rposition(|&b| b == b'\n')? + 1;
    let text = normalize_newlines(&src[..end]);
    let lines = text.matches('\n').count() as u32;
    let err = upy_compiler::parser::parse(&text, upy_compiler::parser::ParseMode::File).err()?;
    let truncation = ["EOF", "never closed", "unterminated", "expected an indented block"];
    if err.line + 1 >= lines || truncation.iter().any(|t| err.msg.contains(t)) {
        return None;
    }
    Some(end)
}
