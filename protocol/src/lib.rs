//! Wire protocols spoken between a MicroPython-compatible board and the host tools that drive it.
//!
//! * [`device`]: a pure, allocation-free state machine for the **device** end of MicroPython's raw REPL
//!   and raw-paste mode (`docs/protocol-facts.md` §1 and §2, byte for byte). The upy device agent feeds it
//!   the bytes it reads from the console and writes the bytes it emits; the machine tells the agent when to
//!   compile, run, soft-reset or hand control to the friendly REPL.
//! * [`frame`]: the upy binary frame codec (both ends): decoder, encoder, payload layouts
//!   (`docs/protocol.md`).
//! * [`host`] (feature `std`): the blocking raw-REPL client used by the `upy` CLI and TUI, generic over a
//!   [`host::Transport`] (serial port, TCP socket, pty, in-process loopback), with typed device errors.
//!
//! Without the `std` feature this crate is `no_std`, uses no `alloc`, and must stay that way: it is linked
//! into firmware. It must never depend on tokio, anyhow, or anything that pulls std into the device build.
#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

pub mod ctrl;
pub mod device;
pub mod errno;
pub mod frame;
#[cfg(feature = "std")]
pub mod host;
