//! A VM on a board with no hardware, for unit tests.

use alloc::boxed::Box;
use core::sync::atomic::AtomicBool;

use crate::vm::{Config, Vm};

static INTERRUPT: AtomicBool = AtomicBool::new(false);

/// A VM with a 256 KiB heap on a port that discards output.
pub fn test_vm() -> Vm {
    Vm::new(Box::new(upy_hal::NullPort::new("test", &INTERRUPT, |_: &[u8]| {})), Config::default())
}
