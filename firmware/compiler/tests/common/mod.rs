#![allow(dead_code)]
use upy_bytecode::CodeObject;
use upy_compiler::{compile, CompileError, Mode};

/// Compile and validate; panics with the source on failure.
pub fn ok(src: &str) -> CodeObject {
    ok_mode(src, Mode::Exec)
}

pub fn ok_mode(src: &str, mode: Mode) -> CodeObject {
    let code = match compile(src, "<test>", mode) {
        Ok(c) => c,
        Err(e) => panic!("compile failed: {e}\n--- source ---\n{src}"),
    };
    if let Err(e) = upy_bytecode::validate::validate(&code) {
        panic!("validation failed: {e}\n--- source ---\n{src}\n--- dis ---\n{}", upy_bytecode::dis::disassemble(&code));
    }
    // Every code object ends with ReturnValue (or ReturnNone, its fused form).
    let mut work = vec![&code];
    while let Some(c) = work.pop() {
        let last = c.code.last().copied();
        assert!(
            last == Some(upy_bytecode::Op::ReturnValue as u8) || last == Some(upy_bytecode::Op::ReturnNone as u8),
            "{} does not end with a return",
            c.qualname
        );
        for k in &c.consts {
            if let upy_bytecode::Const::Code(inner) = k {
                work.push(inner);
            }
        }
    }
    code
}

pub fn fail(src: &str) -> CompileError {
    match compile(src, "<test>", Mode::Exec) {
        Ok(c) => panic!("expected an error\n--- source ---\n{src}\n--- dis ---\n{}", upy_bytecode::dis::disassemble(&c)),
        Err(e) => e,
    }
}

pub fn dis(src: &str) -> String {
    upy_bytecode::dis::disassemble(&ok(src))
}
