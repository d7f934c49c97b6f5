//! Device end of the raw REPL and raw-paste protocols, as a pure state machine.
//!
//! The agent reads a byte from the console and calls [`RawRepl::feed`]; the machine writes the bytes
//! the protocol requires into an [`Output`] and returns an [`Event`] telling the agent what to do.
//! Nothing here allocates or blocks, and no input sequence can make it panic.
//!
//! Byte-level behaviour (see `docs/protocol-facts.md` §1, §2, mirrored from MicroPython's `pyexec.c`):
//!
//! | state | byte | output | event |
//! |---|---|---|---|
//! | raw prompt | `\x01`, buffer is exactly `\x05 A` | `R\x01`, window u16 LE, `\x01` | [`Event::PasteStarted`] |
//! | raw prompt | `\x01`, buffer is exactly `\x05 U`, frames enabled | `R\x01` | [`Event::FramesStarted`] |
//! | raw prompt | `\x01`, buffer is exactly `\x05 X` (other X) | `R\x00>` | [`Event::DiscardSource`] |
//! | raw prompt | `\x01` otherwise | banner + `>` | [`Event::DiscardSource`] |
//! | raw prompt | `\x02` | `\r\n` | [`Event::ExitRawRepl`] |
//! | raw prompt | `\x03` | — | [`Event::DiscardSource`] |
//! | raw prompt | `\x04`, buffer empty | `OK\r\n` | [`Event::SoftReset`] |
//! | raw prompt | `\x04`, buffer not empty | `OK` | [`Event::Execute`] |
//! | raw prompt | other | — | [`Event::Source`] |
//! | raw-paste | `\x04` | `\x04` | [`Event::Execute`] |
//! | raw-paste | `\x03` | `\x04` | [`Event::PasteInterrupted`] |
//! | raw-paste | other | `\x01` each time a window is consumed | [`Event::Source`] |
//! | draining (after [`RawRepl::abort_paste`]) | `\x03`/`\x04` | — | [`Event::PasteDrained`] |
//! | executing | `\x03` | — | [`Event::Interrupt`] |
//!
//! In raw-paste mode the agent must call `feed` only when its compiler actually consumes a byte: the
//! `\x01` window grants are what keeps the host from overrunning the device's input buffer.

use crate::ctrl::{
    CTRL_A, CTRL_B, CTRL_C, CTRL_D, CTRL_E, RAW_BANNER, RAW_OK, RAW_PASTE_SUPPORTED,
    RAW_PASTE_UNKNOWN, RAW_PROMPT,
};

/// Where the state machine writes the bytes the host must see.
pub trait Output {
    /// Send `bytes` to the host, in order.
    fn write(&mut self, bytes: &[u8]);
}

impl<F: FnMut(&[u8])> Output for F {
    fn write(&mut self, bytes: &[u8]) {
        self(bytes)
    }
}

/// Which REPL the console is in (MicroPython's `pyexec_mode_kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `>>> ` prompts, line editing: the agent's job, the machine only passes bytes through.
    Friendly,
    /// Machine mode: raw REPL and raw-paste.
    Raw,
}

/// How a program reached the agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Submission {
    /// Classic raw mode: the whole program was buffered by the agent, `OK` was sent.
    Raw,
    /// Raw-paste: the program was streamed, the end was acknowledged with `\x04`.
    RawPaste,
}

/// What the agent must do after a byte was fed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// Nothing (the machine may have written protocol bytes itself).
    None,
    /// A byte for the friendly REPL's line editor (the machine is in [`Mode::Friendly`]).
    Friendly(u8),
    /// One byte of program source. Classic raw: append to the code buffer. Raw-paste: give to the lexer.
    Source(u8),
    /// Drop the code collected so far (Ctrl-C or Ctrl-A in the raw REPL).
    DiscardSource,
    /// Raw-paste accepted: the agent starts compiling, pulling source bytes through `feed`.
    PasteStarted,
    /// End of program: compile (raw) or finish compiling (raw-paste) and run it. Output goes to the host,
    /// then the agent calls [`RawRepl::end_stdout`] and [`RawRepl::end_execution`].
    Execute(Submission),
    /// The host interrupted a raw-paste transfer (`\x04` was sent back): raise `KeyboardInterrupt`
    /// and report it with the normal framing.
    PasteInterrupted,
    /// After [`RawRepl::abort_paste`] the host acknowledged: report the compile error now.
    PasteDrained,
    /// Ctrl-D on an empty raw buffer (`OK\r\n` was sent): soft reset, then call
    /// [`RawRepl::after_soft_reset`].
    SoftReset,
    /// Ctrl-B: the raw REPL was left (`\r\n` was sent); the agent prints the friendly banner and `>>> `.
    ExitRawRepl,
    /// Ctrl-C while a program runs: raise `KeyboardInterrupt` in the VM.
    Interrupt,
    /// A byte the running program may read from stdin.
    Stdin(u8),
    /// `\x05U\x01` on a device that serves upy frames (`R\x01` was sent): the agent sends the hello
    /// frame and serves frames (`docs/protocol.md`), then calls [`RawRepl::end_frames`].
    FramesStarted,
}

/// The machine's state; public so agents and tests can assert on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Friendly REPL: bytes pass through as [`Event::Friendly`].
    Friendly,
    /// Raw REPL, collecting a program after the `>` prompt.
    RawPrompt {
        /// Bytes collected so far (saturating).
        len: usize,
        /// The first two bytes collected (for `\x05 X` command detection).
        head: [u8; 2],
    },
    /// Raw-paste transfer in progress.
    RawPaste {
        /// Bytes the device may still consume before it grants another window.
        remaining: u16,
    },
    /// The device aborted a raw-paste transfer and discards input until Ctrl-C or Ctrl-D.
    PasteDrain,
    /// A program is compiling or running.
    Executing,
    /// A soft reset is pending (the agent reboots, then calls [`RawRepl::after_soft_reset`]).
    Resetting,
    /// The agent serves upy frames; bytes are not fed to the machine until [`RawRepl::end_frames`].
    Frames,
}

/// The device end of the raw REPL / raw-paste protocol.
#[derive(Debug, Clone)]
pub struct RawRepl {
    state: State,
    mode: Mode,
    window: u16,
    frames: bool,
}

impl RawRepl {
    /// A machine in the friendly REPL with the given raw-paste window (bytes per `\x01` grant;
    /// MicroPython uses [`crate::ctrl::DEFAULT_WINDOW`]). A window of 0 is treated as 1.
    pub const fn new(window: u16) -> Self {
        let window = if window == 0 { 1 } else { window };
        Self {
            state: State::Friendly,
            mode: Mode::Friendly,
            window,
            frames: false,
        }
    }

    /// Answer the frames request `\x05U\x01` with `R\x01` ([`Event::FramesStarted`]) instead of
    /// `R\x00>`. Off by default: a device that cannot serve frames answers like stock MicroPython.
    pub fn set_frames(&mut self, on: bool) {
        self.frames = on;
    }

    /// Frame mode is over: back at the raw prompt with an empty buffer. With `prompt`, prints `>`
    /// (after the host's END request); without, the agent feeds the byte that ended frame mode next.
    pub fn end_frames(&mut self, prompt: bool, out: &mut impl Output) {
        if self.state == State::Frames {
            if prompt {
                out.write(RAW_PROMPT);
            }
            self.state = State::RawPrompt {
                len: 0,
                head: [0; 2],
            };
        }
    }

    /// The current REPL mode.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The current state.
    pub fn state(&self) -> State {
        self.state
    }

    /// The raw-paste window this device advertises.
    pub fn window(&self) -> u16 {
        self.window
    }

    /// Ctrl-A on an empty friendly line: prints `\r\n`, the raw banner and `>`.
    pub fn enter_raw(&mut self, out: &mut impl Output) {
        out.write(b"\r\n");
        self.mode = Mode::Raw;
        self.raw_reset(out);
    }

    /// Feed one byte received from the host (in raw-paste mode: one byte the compiler consumed).
    pub fn feed(&mut self, byte: u8, out: &mut impl Output) -> Event {
        match self.state {
            State::Friendly => Event::Friendly(byte),
            State::RawPrompt { len, head } => self.feed_prompt(len, head, byte, out),
            State::RawPaste { remaining } => match byte {
                CTRL_D => {
                    out.write(&[CTRL_D]);
                    self.state = State::Executing;
                    Event::Execute(Submission::RawPaste)
                }
                CTRL_C => {
                    out.write(&[CTRL_D]);
                    self.state = State::Executing;
                    Event::PasteInterrupted
                }
                _ => {
                    let remaining = remaining.saturating_sub(1);
                    if remaining == 0 {
                        out.write(&[CTRL_A]);
                        self.state = State::RawPaste {
                            remaining: self.window,
                        };
                    } else {
                        self.state = State::RawPaste { remaining };
                    }
                    Event::Source(byte)
                }
            },
            State::PasteDrain => match byte {
                CTRL_C | CTRL_D => {
                    self.state = State::Executing;
                    Event::PasteDrained
                }
                _ => Event::None,
            },
            State::Executing => match byte {
                CTRL_C => Event::Interrupt,
                _ => Event::Stdin(byte),
            },
            // Input during a reboot is left for the rebooted REPL: nothing to do here.
            State::Resetting => Event::None,
            // The agent reads frames itself.
            State::Frames => Event::None,
        }
    }

    fn feed_prompt(&mut self, len: usize, head: [u8; 2], byte: u8, out: &mut impl Output) -> Event {
        match byte {
            CTRL_A => {
                if len == 2 && head[0] == CTRL_E {
                    if head[1] == b'A' {
                        out.write(RAW_PASTE_SUPPORTED);
                        out.write(&self.window.to_le_bytes());
                        out.write(&[CTRL_A]);
                        self.state = State::RawPaste {
                            remaining: self.window,
                        };
                        Event::PasteStarted
                    } else if head[1] == b'U' && self.frames {
                        out.write(RAW_PASTE_SUPPORTED);
                        self.state = State::Frames;
                        Event::FramesStarted
                    } else {
                        out.write(RAW_PASTE_UNKNOWN);
                        out.write(RAW_PROMPT);
                        self.state = State::RawPrompt {
                            len: 0,
                            head: [0; 2],
                        };
                        Event::DiscardSource
                    }
                } else {
                    self.raw_reset(out);
                    Event::DiscardSource
                }
            }
            CTRL_B => {
                out.write(b"\r\n");
                self.mode = Mode::Friendly;
                self.state = State::Friendly;
                Event::ExitRawRepl
            }
            CTRL_C => {
                self.state = State::RawPrompt {
                    len: 0,
                    head: [0; 2],
                };
                Event::DiscardSource
            }
            CTRL_D => {
                out.write(RAW_OK);
                if len == 0 {
                    out.write(b"\r\n");
                    self.state = State::Resetting;
                    Event::SoftReset
                } else {
                    self.state = State::Executing;
                    Event::Execute(Submission::Raw)
                }
            }
            _ => {
                let mut head = head;
                if len < 2 {
                    head[len] = byte;
                }
                self.state = State::RawPrompt {
                    len: len.saturating_add(1),
                    head,
                };
                Event::Source(byte)
            }
        }
    }

    /// The compiler found an error before the host finished sending (raw-paste only): sends `\x04` and
    /// discards input until the host answers with Ctrl-C or Ctrl-D ([`Event::PasteDrained`]). Ignored in
    /// any other state.
    pub fn abort_paste(&mut self, out: &mut impl Output) {
        if let State::RawPaste { .. } = self.state {
            out.write(&[CTRL_D]);
            self.state = State::PasteDrain;
        }
    }

    /// The program's normal output is complete: sends the first `\x04`. Error text (a traceback) may
    /// follow before [`RawRepl::end_execution`].
    pub fn end_stdout(&mut self, out: &mut impl Output) {
        out.write(&[CTRL_D]);
    }

    /// The program finished: sends the second `\x04` and the `>` prompt of the next program.
    /// `forced_exit` (the program raised `SystemExit`) sends no prompt: the port soft-resets, as MicroPython
    /// does, and calls [`RawRepl::after_soft_reset`] afterwards.
    pub fn end_execution(&mut self, forced_exit: bool, out: &mut impl Output) {
        out.write(&[CTRL_D]);
        if forced_exit {
            self.state = State::Resetting;
        } else {
            out.write(RAW_PROMPT);
            self.state = State::RawPrompt {
                len: 0,
                head: [0; 2],
            };
        }
    }

    /// Call once the port has rebooted (after printing its `soft reboot` line and running boot.py):
    /// in raw mode prints the raw banner and `>`; in friendly mode the agent prints its own banner.
    pub fn after_soft_reset(&mut self, out: &mut impl Output) {
        match self.mode {
            Mode::Raw => self.raw_reset(out),
            Mode::Friendly => self.state = State::Friendly,
        }
    }

    fn raw_reset(&mut self, out: &mut impl Output) {
        out.write(RAW_BANNER);
        out.write(RAW_PROMPT);
        self.state = State::RawPrompt {
            len: 0,
            head: [0; 2],
        };
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::vec::Vec;

    fn run(sm: &mut RawRepl, input: &[u8]) -> (Vec<u8>, Vec<Event>) {
        let mut out = Vec::new();
        let mut events = Vec::new();
        for &b in input {
            let ev = sm.feed(b, &mut |bytes: &[u8]| out.extend_from_slice(bytes));
            if ev != Event::None {
                events.push(ev);
            }
        }
        (out, events)
    }

    fn raw() -> (RawRepl, Vec<u8>) {
        let mut sm = RawRepl::new(128);
        let mut out = Vec::new();
        sm.enter_raw(&mut |b: &[u8]| out.extend_from_slice(b));
        (sm, out)
    }

    #[test]
    fn entering_raw_prints_banner_and_prompt() {
        let (sm, out) = raw();
        assert_eq!(out, b"\r\nraw REPL; CTRL-B to exit\r\n>");
        assert_eq!(sm.mode(), Mode::Raw);
    }

    #[test]
    fn classic_raw_program_is_acked_with_ok() {
        let (mut sm, _) = raw();
        let (out, ev) = run(&mut sm, b"print(1)\x04");
        assert_eq!(out, b"OK");
        assert_eq!(ev.len(), 9);
        assert_eq!(ev[8], Event::Execute(Submission::Raw));
        let mut out = Vec::new();
        let mut w = |b: &[u8]| out.extend_from_slice(b);
        w(b"1\r\n");
        sm.end_stdout(&mut w);
        sm.end_execution(false, &mut w);
        assert_eq!(out, b"1\r\n\x04\x04>");
    }

    #[test]
    fn docs_example_raw_paste_transcript() {
        // repl.rst: host b"\x01\x05A\x01print(123)\x04" => device
        // b"\r\nraw REPL; CTRL-B to exit\r\n>R\x01\x80\x00\x01\x04123\r\n\x04\x04>"
        let mut sm = RawRepl::new(128);
        let mut out = Vec::new();
        let ev = sm.feed(CTRL_A, &mut |b: &[u8]| out.extend_from_slice(b));
        assert_eq!(ev, Event::Friendly(CTRL_A));
        sm.enter_raw(&mut |b: &[u8]| out.extend_from_slice(b));
        let (o, ev) = run(&mut sm, b"\x05A\x01print(123)\x04");
        out.extend_from_slice(&o);
        assert!(ev.contains(&Event::PasteStarted));
        assert_eq!(ev.last(), Some(&Event::Execute(Submission::RawPaste)));
        let mut w = |b: &[u8]| out.extend_from_slice(b);
        w(b"123\r\n");
        sm.end_stdout(&mut w);
        sm.end_execution(false, &mut w);
        assert_eq!(
            out,
            b"\r\nraw REPL; CTRL-B to exit\r\n>R\x01\x80\x00\x01\x04123\r\n\x04\x04>"
        );
    }

    #[test]
    fn a_grant_is_sent_per_window_consumed() {
        let mut sm = RawRepl::new(4);
        sm.enter_raw(&mut |_: &[u8]| {});
        let (out, _) = run(&mut sm, b"\x05A\x01");
        assert_eq!(out, b"R\x01\x04\x00\x01");
        let (out, _) = run(&mut sm, b"abcdefghij");
        assert_eq!(out, b"\x01\x01");
    }

    #[test]
    fn unknown_command_answers_r0_and_prompt() {
        let (mut sm, _) = raw();
        let (out, _) = run(&mut sm, b"\x05Z\x01");
        assert_eq!(out, b"R\x00>");
        assert!(matches!(sm.state(), State::RawPrompt { len: 0, .. }));
    }

    #[test]
    fn frames_request_is_refused_unless_enabled() {
        let (mut sm, _) = raw();
        let (out, _) = run(&mut sm, b"\x05U\x01");
        assert_eq!(out, b"R\x00>");
        sm.set_frames(true);
        let (out, ev) = run(&mut sm, b"\x05U\x01");
        assert_eq!(out, b"R\x01");
        assert_eq!(ev.last(), Some(&Event::FramesStarted));
        assert_eq!(sm.state(), State::Frames);
        let (out, ev) = run(&mut sm, b"\xa5\x07\x00");
        assert!(out.is_empty() && ev.is_empty());
        let mut out = Vec::new();
        sm.end_frames(true, &mut |b: &[u8]| out.extend_from_slice(b));
        assert_eq!(out, b">");
        assert!(matches!(sm.state(), State::RawPrompt { len: 0, .. }));
        // Ended by a control byte: no prompt, the byte is fed next.
        run(&mut sm, b"\x05U\x01");
        let mut out = Vec::new();
        sm.end_frames(false, &mut |b: &[u8]| out.extend_from_slice(b));
        assert!(out.is_empty());
        let (out, _) = run(&mut sm, b"\r\x01");
        assert_eq!(out, b"raw REPL; CTRL-B to exit\r\n>");
    }

    #[test]
    fn ctrl_a_with_longer_buffer_resets_raw_repl() {
        let (mut sm, _) = raw();
        let (out, ev) = run(&mut sm, b"x\x05A\x01");
        assert_eq!(out, b"raw REPL; CTRL-B to exit\r\n>");
        assert_eq!(ev.last(), Some(&Event::DiscardSource));
    }

    #[test]
    fn ctrl_c_discards_and_ctrl_d_on_empty_soft_resets() {
        let (mut sm, _) = raw();
        let (out, ev) = run(&mut sm, b"abc\x03\x04");
        assert_eq!(out, b"OK\r\n");
        assert_eq!(ev.last(), Some(&Event::SoftReset));
        let mut out = Vec::new();
        sm.after_soft_reset(&mut |b: &[u8]| out.extend_from_slice(b));
        assert_eq!(out, b"raw REPL; CTRL-B to exit\r\n>");
    }

    #[test]
    fn early_abort_drains_until_host_ack() {
        let (mut sm, _) = raw();
        run(&mut sm, b"\x05A\x01");
        run(&mut sm, b"x = (");
        let mut out = Vec::new();
        sm.abort_paste(&mut |b: &[u8]| out.extend_from_slice(b));
        assert_eq!(out, b"\x04");
        let (out, ev) = run(&mut sm, b"more code\x01\x05\x04");
        assert!(out.is_empty());
        assert_eq!(ev, [Event::PasteDrained]);
        assert_eq!(sm.state(), State::Executing);
    }

    #[test]
    fn ctrl_c_in_paste_is_acknowledged() {
        let (mut sm, _) = raw();
        run(&mut sm, b"\x05A\x01abc");
        let (out, ev) = run(&mut sm, b"\x03");
        assert_eq!(out, b"\x04");
        assert_eq!(ev, [Event::PasteInterrupted]);
    }

    #[test]
    fn ctrl_b_leaves_raw() {
        let (mut sm, _) = raw();
        let (out, ev) = run(&mut sm, b"\x02");
        assert_eq!(out, b"\r\n");
        assert_eq!(ev, [Event::ExitRawRepl]);
        assert_eq!(sm.mode(), Mode::Friendly);
    }

    #[test]
    fn random_input_never_panics_and_grants_are_bounded() {
        // Quick randomized test (xorshift): any byte sequence in any state is accepted.
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..300 {
            let window = (next() % 9) as u16;
            let mut sm = RawRepl::new(window);
            sm.set_frames(window.is_multiple_of(2));
            let mut sink = |_: &[u8]| {};
            for _ in 0..2000 {
                let r = next();
                let byte = if r % 3 == 0 {
                    (r >> 8) as u8 % 6
                } else {
                    (r >> 8) as u8
                };
                match sm.feed(byte, &mut sink) {
                    Event::Friendly(CTRL_A) => sm.enter_raw(&mut sink),
                    Event::Execute(_) | Event::PasteInterrupted | Event::PasteDrained => {
                        sm.end_stdout(&mut sink);
                        sm.end_execution(r % 7 == 0, &mut sink);
                    }
                    Event::SoftReset => sm.after_soft_reset(&mut sink),
                    Event::FramesStarted => sm.end_frames(r % 2 == 0, &mut sink),
                    Event::Source(_) if r % 97 == 0 => sm.abort_paste(&mut sink),
                    _ => {}
                }
                if sm.state() == State::Resetting && r % 5 == 0 {
                    sm.after_soft_reset(&mut sink);
                }
            }
        }
    }
}
