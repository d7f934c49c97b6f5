//! upy-agent: everything a port needs to behave like a MicroPython device.
//!
//! A port gives the agent a [`Board`]: a [`Console`] (read a byte, write bytes) and a way to
//! make a fresh [`upy_vm::Vm`] whose `Port` writes to that same console. The agent then runs the
//! board's life: `boot.py`, `main.py` (friendly mode only), the friendly REPL with its line editor
//! ([`readline`]), paste mode, the raw REPL and raw-paste (through [`upy_protocol::device::RawRepl`],
//! byte for byte as MicroPython), and soft resets with a fresh VM and heap.
//!
//! Ctrl-C while code runs is the port's job: it watches console input outside the VM (an RX
//! interrupt, a reader thread), and when it sees the interrupt character (set by the agent through
//! `Port::set_interrupt_char` before each execution, changed by `micropython.kbd_intr`) it sets the
//! VM's interrupt flag and drops the input buffered so far.
//!
//! In the raw REPL the agent also serves upy binary frames ([`frames`], `docs/protocol.md`) when the
//! board allows it ([`Board::frame_limits`]).
//!
//! `no_std + alloc`; no input sequence makes it panic. RAM use is documented in `docs/agent.md`.
#![no_std]
#![warn(missing_docs)]
extern crate alloc;

mod agent;
pub mod frames;
pub mod readline;
pub mod repl;

pub use agent::{Agent, Exit};

use upy_vm::Vm;

/// `MicroPython <version>`: the version part of the banner. Tools look for `\nMicroPython `; the
/// suffix says this is upy.
pub const VERSION: &str = concat!("v1.27.0-upy", env!("CARGO_PKG_VERSION"));
/// Build date shown in the banner (`YYYY-MM-DD`).
pub const BUILD_DATE: &str = env!("UPY_BUILD_DATE");

/// The board's console: the serial line, USB CDC or pseudo-terminal the REPL runs on.
pub trait Console {
    /// Wait for the next input byte. `None` means the port is shutting down: the agent returns.
    fn read_byte(&mut self) -> Option<u8>;
    /// Write bytes exactly as given (the agent cooks text itself, see [`cook`]).
    fn write(&mut self, bytes: &[u8]);
    /// Push buffered output to the wire.
    fn flush(&mut self) {}
    /// Read what is available into `buf`, waiting at most `timeout_ms` for the first byte.
    ///
    /// Used while serving upy frames: a host that dies in the middle of a frame must not leave the
    /// board waiting for bytes that never come (`docs/protocol.md` §7). The default waits without a
    /// limit (one byte at a time); ports should override it.
    fn read_timeout(&mut self, buf: &mut [u8], timeout_ms: u32) -> ReadResult {
        let _ = timeout_ms;
        let Some(slot) = buf.first_mut() else { return ReadResult::Data(0) };
        match self.read_byte() {
            Some(b) => {
                *slot = b;
                ReadResult::Data(1)
            }
            None => ReadResult::Closed,
        }
    }
}

/// What [`Console::read_timeout`] got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadResult {
    /// This many bytes were stored at the start of the buffer (at least 1 unless the buffer is empty).
    Data(usize),
    /// Nothing arrived in time.
    Timeout,
    /// The port is shutting down.
    Closed,
}

/// Limits of the upy frame server (`docs/protocol.md` §3, §9). Every frame buffer the agent allocates
/// is sized from these, and the host never has more than `window` DATA frames of `max_payload` bytes
/// unacknowledged: the port's receive path must be able to hold `window × (max_payload + 9)` bytes (or
/// apply flow control, as USB CDC does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameLimits {
    /// Largest payload accepted and sent (512..=16384).
    pub max_payload: u16,
    /// DATA frames in flight before an acknowledgement (1..=16).
    pub window: u8,
    /// Gap between two bytes of one frame after which the partial frame is dropped.
    pub byte_timeout_ms: u32,
    /// Silence during a transfer after which the transfer is abandoned (temporary file removed).
    pub transfer_timeout_ms: u32,
}

impl Default for FrameLimits {
    fn default() -> Self {
        FrameLimits { max_payload: 4096, window: 4, byte_timeout_ms: 300, transfer_timeout_ms: 10_000 }
    }
}

/// What the agent needs from a port.
pub trait Board {
    /// The console type.
    type Console: Console;
    /// The console the REPL runs on.
    fn console(&mut self) -> &mut Self::Console;
    /// A fresh interpreter with a fresh heap (power-on and every soft reset). Its `Port` must write
    /// program output to the same console, with `\n` cooked to `\r\n`, and watch console input for
    /// the interrupt character while code runs.
    fn new_vm(&mut self) -> Vm;
    /// The largest program the raw REPL or paste mode accepts (bytes of source). Larger programs
    /// get a `MemoryError`, as on a board whose heap cannot hold them.
    fn max_program_bytes(&self) -> usize {
        16 * 1024
    }
    /// upy frames served in the raw REPL (`\x05U\x01`), or `None` to answer it as stock MicroPython
    /// does (`R\x00`). The default serves them with [`FrameLimits::default`] (about 9 KiB of RAM while
    /// frame mode is active, freed when it ends).
    fn frame_limits(&self) -> Option<FrameLimits> {
        Some(FrameLimits::default())
    }
    /// Called before every soft reset (flush the filesystem, stop peripherals).
    fn before_soft_reset(&mut self) {}
    /// `sys.exit()` at the friendly REPL: `true` ends the agent (the host REPL of `upy-sim` on a
    /// terminal), `false` soft-resets as a board does.
    fn quit_on_sys_exit(&self) -> bool {
        false
    }
}

/// Write `text` with every `\n` turned into `\r\n` (MicroPython's `mp_hal_stdout_tx_strn_cooked`).
pub fn cook(text: &[u8], out: &mut dyn FnMut(&[u8])) {
    let mut start = 0;
    for (i, &b) in text.iter().enumerate() {
        if b == b'\n' {
            out(&text[start..i]);
            out(b"\r\n");
            start = i + 1;
        }
    }
    if start < text.len() {
        out(&text[start..]);
    }
}

#[cfg(test)]
mod frames_tests;
#[cfg(test)]
mod tests;
