//! Compile a file and print the code object as JSON (for tools/refvm.py, the reference
//! executor used to check code generation against CPython).
#[path = "../tests/common/json.rs"]
mod json;
use upy_compiler::{compile, Mode};

fn main() {
    let p = std::env::args().nth(1).expect("usage: upyjson FILE");
    let src = std::fs::read_to_string(&p).expect("read");
    match compile(&src, &p, Mode::Exec) {
        Ok(code) => {
            if let Err(e) = upy_bytecode::validate::validate(&code) {
                eprintln!("VALIDATION FAILED: {e}");
                std::process::exit(2);
            }
            let mut out = String::new();
            json::jcode(&code, &mut out);
            println!("{out}");
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
