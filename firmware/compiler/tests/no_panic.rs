//! Randomized robustness: mutated, truncated and shuffled versions of real programs, and
//! random text, never make the compiler panic; whatever compiles also validates.
use std::panic::{catch_unwind, AssertUnwindSafe};
use upy_compiler::{compile, Mode};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

fn sources() -> Vec<String> {
    let mut out = Vec::new();
    for root in [concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/py"), concat!(env!("CARGO_MANIFEST_DIR"), "/tests/programs")] {
        let mut stack = vec![std::path::PathBuf::from(root)];
        while let Some(d) = stack.pop() {
            let Ok(rd) = std::fs::read_dir(&d) else { continue };
            for e in rd.flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "py")
                    && let Ok(s) = std::fs::read_to_string(&p) {
                        out.push(s);
                    }
            }
        }
    }
    out.sort();
    out
}

const PIECES: &[&str] = &[
    "(", ")", "[", "]", "{", "}", ":", "\n", "\t", " ", "    ", "'", "\"", "'''", "\\", "#", "@", "*", "**",
    "=", ":=", ",", ".", "lambda", "yield", "await", "async ", "def ", "class ", "return", "break", "continue",
    "try:", "except", "finally:", "with ", "for ", "in ", "if ", "else", "elif ", "while ", "global ", "nonlocal ",
    "del ", "import ", "from ", "f'{", "}'", "!r", "0x", "1e", "_", "é", "\u{0}", "\r", ";", "not ", "is ", "->",
];

fn mutate(src: &str, rng: &mut Rng) -> String {
    let mut s: Vec<char> = src.chars().collect();
    let rounds = 1 + rng.below(4);
    for _ in 0..rounds {
        match rng.below(7) {
            0 => {
                let n = rng.below(s.len() + 1);
                s.truncate(n);
            }
            1 if !s.is_empty() => {
                let a = rng.below(s.len());
                let b = (a + 1 + rng.below(20)).min(s.len());
                s.drain(a..b);
            }
            2 => {
                let p = PIECES[rng.below(PIECES.len())];
                let at = rng.below(s.len() + 1);
                for (k, c) in p.chars().enumerate() {
                    s.insert(at + k, c);
                }
            }
            3 => {
                let text: String = s.iter().collect();
                let mut lines: Vec<&str> = text.split('\n').collect();
                if lines.len() > 1 {
                    let a = rng.below(lines.len());
                    let b = rng.below(lines.len());
                    lines.swap(a, b);
                }
                s = lines.join("\n").chars().collect();
            }
            4 if !s.is_empty() => {
                let a = rng.below(s.len());
                let b = (a + rng.below(40)).min(s.len());
                let chunk: Vec<char> = s[a..b].to_vec();
                let at = rng.below(s.len() + 1);
                for (k, c) in chunk.into_iter().enumerate() {
                    s.insert(at + k, c);
                }
            }
            5 if !s.is_empty() => {
                let a = rng.below(s.len());
                s[a] = PIECES[rng.below(PIECES.len())].chars().next().unwrap_or(' ');
            }
            _ => {
                // Re-indent a line.
                let text: String = s.iter().collect();
                let mut lines: Vec<String> = text.split('\n').map(String::from).collect();
                if !lines.is_empty() {
                    let i = rng.below(lines.len());
                    let ind = " ".repeat(rng.below(9));
                    lines[i] = format!("{ind}{}", lines[i].trim_start());
                }
                s = lines.join("\n").chars().collect();
            }
        }
    }
    s.into_iter().collect()
}

fn check(src: &str) {
    for mode in [Mode::Exec, Mode::Single, Mode::Eval] {
        let r = catch_unwind(AssertUnwindSafe(|| compile(src, "<fuzz>", mode)));
        match r {
            Err(_) => panic!("compiler panicked on:\n{src:?}"),
            Ok(Ok(code)) => {
                if let Err(e) = upy_bytecode::validate::validate(&code) {
                    panic!("compiler output failed validation ({e}) for:\n{src:?}\n{}", upy_bytecode::dis::disassemble(&code));
                }
            }
            Ok(Err(e)) => {
                assert!(e.line >= 1 || e.msg.starts_with("internal"), "error without a line: {e} for {src:?}");
                assert!(!e.msg.starts_with("internal compiler error"), "internal error {e} for:\n{src:?}");
            }
        }
    }
}

#[test]
fn mutated_programs_never_panic() {
    let srcs = sources();
    let seed = std::env::var("UPY_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x9E37_79B9_7F4A_7C15u64);
    let mut rng = Rng(seed | 1);
    // UPY_FUZZ_ITERS scales the run (mutations per corpus file).
    let per_file = std::env::var("UPY_FUZZ_ITERS").ok().and_then(|s| s.parse().ok()).unwrap_or(if srcs.len() > 200 { 12 } else { 40 });
    for s in &srcs {
        for _ in 0..per_file {
            check(&mutate(s, &mut rng));
        }
    }
}

#[test]
fn random_text_never_panics() {
    let mut rng = Rng(12345);
    let alphabet: Vec<char> = "abcxyz019_ ()[]{}:;,.=+-*/%<>!~^&|@'\"\\#\n\t\r\u{e9}\u{20ac}fbr".chars().collect();
    for _ in 0..3000 {
        let n = rng.below(200);
        let s: String = (0..n).map(|_| alphabet[rng.below(alphabet.len())]).collect();
        check(&s);
        let bytes: Vec<u8> = (0..rng.below(100)).map(|_| rng.next() as u8).collect();
        check(&String::from_utf8_lossy(&bytes));
    }
}
