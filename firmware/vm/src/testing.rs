//! A minimal in-memory port for unit tests of the VM.

use alloc::boxed::Box;
use core::sync::atomic::AtomicBool;

use crate::vm::{Config, Vm};

static INTERRUPT: AtomicBool = AtomicBool::new(false);

struct TestPort;

impl upy_hal::Port for TestPort {
    fn stdout_write(&mut self, _bytes: &[u8]) {}
    fn stdin_read(&mut self, _buf: &mut [u8]) -> usize {
        0
    }
    fn ticks_ms(&self) -> u64 {
        0
    }
    fn ticks_us(&self) -> u64 {
        0
    }
    fn time_ns(&self) -> u64 {
        0
    }
    fn delay_us(&mut self, _us: u64) {}
    fn interrupt_flag(&self) -> &'static AtomicBool {
        &INTERRUPT
    }
    fn read_file(&mut self, _path: &str, _out: &mut dyn FnMut(&[u8])) -> Result<(), upy_hal::HalError> {
        Err(upy_hal::HalError::NotFound)
    }
    fn stat(&mut self, _path: &str) -> Option<upy_hal::NodeKind> {
        None
    }
    fn board_name(&self) -> &'static str {
        "test"
    }
    fn mcu_name(&self) -> &'static str {
        "none"
    }
    fn platform(&self) -> &'static str {
        "test"
    }
    fn random_bytes(&mut self, buf: &mut [u8]) {
        buf.fill(4);
    }
}

/// A VM with a 256 KiB heap on a port that discards output.
pub fn test_vm() -> Vm {
    Vm::new(Box::new(TestPort), Config::default())
}
