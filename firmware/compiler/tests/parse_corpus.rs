use upy_compiler::parser::{parse, ParseMode};

#[test]
fn parse_corpus() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/py");
    let mut n = 0;
    let mut fails = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(root)];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().map_or(false, |x| x == "py") {
                let src = std::fs::read_to_string(&p).unwrap();
                n += 1;
                if let Err(e) = parse(&src, ParseMode::File) {
                    fails.push(format!("{}: {}", p.display(), e));
                }
            }
        }
    }
    for f in &fails {
        eprintln!("{f}");
    }
    eprintln!("{n} files");
    assert!(fails.is_empty());
}
