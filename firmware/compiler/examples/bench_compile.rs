//! Time compiling a file N times: `bench_compile FILE [N]`.
fn main() {
    let p = std::env::args().nth(1).expect("file");
    let n: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(10);
    let src = std::fs::read_to_string(&p).unwrap();
    let t = std::time::Instant::now();
    let mut size = 0;
    for _ in 0..n {
        match upy_compiler::compile(&src, &p, upy_compiler::Mode::Exec) {
            Ok(c) => size = c.code.len(),
            Err(e) => {
                println!("{e}");
                return;
            }
        }
    }
    let dt = t.elapsed() / n as u32;
    println!("{} lines, {} bytes of module code, {:?} per compile", src.lines().count(), size, dt);
}

