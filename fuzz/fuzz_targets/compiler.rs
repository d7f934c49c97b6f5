//! Compile arbitrary text in every mode; whatever compiles must pass the bytecode validator
//! (a validation failure is a compiler bug, so it panics here).
#![no_main]
use libfuzzer_sys::fuzz_target;
use upy_compiler::{compile, Mode};

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    for mode in [Mode::Exec, Mode::Eval, Mode::Single] {
        match compile(src, "<fuzz>", mode) {
            Ok(code) => {
                if let Err(e) = upy_bytecode::validate::validate(&code) {
                    panic!("invalid bytecode: {e}\n{}", upy_bytecode::dis::disassemble(&code));
                }
                let _ = upy_bytecode::dis::disassemble(&code);
            }
            Err(e) => assert!(!e.msg.starts_with("internal compiler error"), "{e}"),
        }
    }
});
