//! Compile a file (or `-c SOURCE`) and print its disassembly; validates the result.
use upy_compiler::{compile, Mode};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (src, name) = if args.get(1).map(|s| s.as_str()) == Some("-c") {
        (args.get(2).cloned().unwrap_or_default(), String::from("<string>"))
    } else {
        let p = args.get(1).expect("usage: upydis FILE | -c SOURCE");
        (std::fs::read_to_string(p).expect("read"), p.clone())
    };
    match compile(&src, &name, Mode::Exec) {
        Ok(code) => {
            print!("{}", upy_bytecode::dis::disassemble(&code));
            if let Err(e) = upy_bytecode::validate::validate(&code) {
                println!("VALIDATION FAILED: {e}");
                std::process::exit(2);
            }
        }
        Err(e) => {
            println!("{e}");
            std::process::exit(1);
        }
    }
}
