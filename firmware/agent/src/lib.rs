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
//! `no_std + alloc`; no input sequence makes it panic. RAM use is documented in `docs/agent.md`.
#![no_std]
#![warn(missing_docs)]
extern crate alloc;

mod agent;
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
mod tests;
