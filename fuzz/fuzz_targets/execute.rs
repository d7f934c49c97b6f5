//! Fuzz target: compile and run arbitrary source on a small heap with a bounded execution
//! budget. Any Python-level outcome is fine; a panic, abort or hang is a bug.
#![no_main]

use std::sync::atomic::AtomicBool;

use libfuzzer_sys::fuzz_target;
use upy_vm::{CompileMode, Config, Vm};

static INTERRUPT: AtomicBool = AtomicBool::new(false);

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let config = Config { heap_bytes: 64 * 1024, fuel: Some(20_000), max_frames: 200, ..Config::default() };
    let mut vm = Vm::new(Box::new(upy_hal::NullPort::new("fuzz", &INTERRUPT, |_: &[u8]| {})), config);
    let _ = vm.run_main(src, "<fuzz>", CompileMode::Exec);
});
