//! Fuzz target: compile and run arbitrary source on a small heap with a bounded execution
//! budget. Any Python-level outcome is fine; a panic, abort or hang is a bug.
#![no_main]

use std::sync::atomic::AtomicBool;

use libfuzzer_sys::fuzz_target;
use upy_vm::{CompileMode, Config, Vm};

static INTERRUPT: AtomicBool = AtomicBool::new(false);

struct FuzzPort;

impl upy_hal::Port for FuzzPort {
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
        "fuzz"
    }
    fn mcu_name(&self) -> &'static str {
        "none"
    }
    fn platform(&self) -> &'static str {
        "fuzz"
    }
    fn random_bytes(&mut self, buf: &mut [u8]) {
        buf.fill(7);
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let config = Config { heap_bytes: 64 * 1024, fuel: Some(20_000), max_frames: 200, ..Config::default() };
    let mut vm = Vm::new(Box::new(FuzzPort), config);
    let _ = vm.run_main(src, "<fuzz>", CompileMode::Exec);
});
