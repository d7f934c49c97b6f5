//! The compiler's stack use is bounded: the deepest inputs end in a SyntaxError (never a
//! stack overflow) on a small thread stack with a matching budget, and ordinary programs
//! fit a microcontroller-sized budget.
use upy_compiler::{compile_with_stack_budget, Mode};

fn deep_inputs() -> Vec<String> {
    let n = 195;
    let mut v = vec![
        format!("x = {}1{}\n", "(".repeat(n), ")".repeat(n)),
        format!("x = {}1{}\n", "[".repeat(n), "]".repeat(n)),
        format!("x = {}1\n", "-".repeat(n)),
        format!("x = {}\n", vec!["a"; n].join(" ** ")),
        format!("x = {}\n", vec!["a"; n].join(" + ")),
        format!("f = {}0\n", "lambda: ".repeat(n)),
    ];
    let mut comp = String::from("x");
    for _ in 0..60 {
        comp = format!("[{comp} for x in y]");
    }
    v.push(format!("z = {comp}\n"));
    let mut src = String::new();
    for i in 0..95 {
        src.push_str(&" ".repeat(i));
        src.push_str(if i % 2 == 0 { "def f():\n" } else { "try:\n" });
    }
    src.push_str(&" ".repeat(95));
    src.push_str(&format!("return {}1{}\n", "(".repeat(150), ")".repeat(150)));
    for i in (0..95).rev() {
        if i % 2 == 1 {
            src.push_str(&" ".repeat(i));
            src.push_str("finally:\n");
            src.push_str(&" ".repeat(i + 1));
            src.push_str("pass\n");
        }
    }
    v.push(src);
    v
}

#[test]
fn deep_inputs_stop_within_the_budget() {
    for (stack, budget) in [(256usize << 10, 160usize << 10), (2 << 20, 1 << 20)] {
        for src in deep_inputs() {
            let r = std::thread::Builder::new()
                .stack_size(stack)
                .spawn(move || compile_with_stack_budget(&src, "<deep>", Mode::Exec, budget).map(|_| ()))
                .unwrap()
                .join()
                .expect("no stack overflow");
            if let Err(e) = r {
                assert!(e.msg.starts_with("too many nested"), "{e}");
            }
        }
    }
}

#[test]
fn ordinary_programs_fit_a_small_budget() {
    // Every corpus program compiles with 96 KiB of stack in an unoptimised test build
    // (release builds, as on boards, need about a third of that).
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/py");
    let mut stack = vec![std::path::PathBuf::from(root), std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/programs"))];
    let mut n = 0;
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "py") {
                let src = std::fs::read_to_string(&p).unwrap();
                let r = compile_with_stack_budget(&src, "x", Mode::Exec, 96 << 10);
                assert!(r.is_ok(), "{}: {:?}", p.display(), r.err());
                n += 1;
            }
        }
    }
    assert!(n > 0);
}
