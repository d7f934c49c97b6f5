//! Semantic check of the generated code: each program in tests/programs is compiled here,
//! run by tools/refvm.py (a reference executor that follows op.rs), and its output compared
//! with CPython's. Needs `python3` (the test fails without it).
mod common;
#[path = "common/json.rs"]
mod json;

use std::path::{Path, PathBuf};
use std::process::Command;

fn python() -> Option<&'static str> {
    Command::new("python3").arg("--version").output().ok().filter(|o| o.status.success()).map(|_| "python3")
}

fn run_dir(dir: &Path) -> (usize, Vec<String>) {
    let Some(py) = python() else {
        panic!("python3 is required for the reference-executor test (apt-get install python3)");
    };
    let refvm = Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/refvm.py");
    let tmp = std::env::temp_dir().join(format!("upy-refvm-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let mut files: Vec<PathBuf> = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "py") {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut fails = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let src = std::fs::read_to_string(f).unwrap();
        let code = common::ok(&src);
        let mut j = String::new();
        json::jcode(&code, &mut j);
        let jp = tmp.join(format!("{i}.json"));
        std::fs::write(&jp, j).unwrap();
        let cwd = f.parent().unwrap();
        let want = Command::new(py).arg(f).current_dir(cwd).output().unwrap();
        let got = Command::new(py).arg(&refvm).arg("--json").arg(&jp).arg(f).current_dir(cwd).output().unwrap();
        if !want.status.success() || want.stdout != got.stdout || !got.status.success() {
            fails.push(format!(
                "{}\n--- cpython ---\n{}\n--- refvm ---\n{}\n{}",
                f.display(),
                String::from_utf8_lossy(&want.stdout),
                String::from_utf8_lossy(&got.stdout),
                String::from_utf8_lossy(&got.stderr)
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    (files.len(), fails)
}

#[test]
fn programs_match_cpython() {
    let (n, fails) = run_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs"));
    for f in &fails {
        eprintln!("{f}");
    }
    assert!(fails.is_empty(), "{} of {} programs differ from CPython", fails.len(), n);
}
