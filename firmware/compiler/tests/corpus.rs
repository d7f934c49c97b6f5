//! Every Python file of the differential corpus (tests/py/**/*.py) compiles and validates.
use upy_compiler::{compile, Mode};

pub fn corpus_files() -> Vec<std::path::PathBuf> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/py");
    let mut out = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(root)];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "py") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn corpus_compiles_and_validates() {
    let mut fails = Vec::new();
    let files = corpus_files();
    for p in &files {
        let Ok(src) = std::fs::read_to_string(p) else { continue };
        match compile(&src, &p.display().to_string(), Mode::Exec) {
            Ok(code) => {
                if let Err(e) = upy_bytecode::validate::validate(&code) {
                    fails.push(format!("{}: VALIDATION {e}", p.display()));
                }
            }
            Err(e) => fails.push(format!("{}: {e}", p.display())),
        }
    }
    for f in &fails {
        eprintln!("{f}");
    }
    eprintln!("{} files compiled", files.len());
    assert!(fails.is_empty(), "{} of {} files failed", fails.len(), files.len());
}
