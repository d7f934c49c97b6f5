//! How much stack budget do real programs need? Prints, for each budget, how many files
//! under the given directories fail to compile with it.
use upy_compiler::{compile_with_stack_budget, Mode};

fn main() {
    let dirs: Vec<String> = std::env::args().skip(1).collect();
    let mut files = Vec::new();
    let mut stack: Vec<std::path::PathBuf> = dirs.iter().map(std::path::PathBuf::from).collect();
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "py") {
                files.push(std::fs::read_to_string(&p).unwrap_or_default());
            }
        }
    }
    for kib in [4usize, 8, 12, 16, 24, 32, 48] {
        let fails = files.iter().filter(|s| compile_with_stack_budget(s, "x", Mode::Exec, kib << 10).is_err()).count();
        println!("{kib:>3} KiB: {fails} of {} files fail", files.len());
    }
}
