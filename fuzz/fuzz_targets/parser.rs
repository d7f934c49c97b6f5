//! Parse arbitrary text as a module and as an expression: Ok or Err, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use upy_compiler::parser::{parse, ParseMode};

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    let _ = parse(src, ParseMode::File);
    let _ = parse(src, ParseMode::Eval);
});
