//! Differential language tests: every `tests/py/<area>/<name>.py` runs under `python3`
//! and under `upy-sim`; stdout and exit status must be equal. A `<name>.py.exp` file next
//! to a test replaces CPython's output where MicroPython deliberately differs (the test
//! states why in its first line).
//!
//! `tests/py/xfail.txt` lists programs known to fail today, one path per line with the
//! reason after `#`. The list is strict: a listed program must still run and still
//! differ (a fixed one must be taken off the list), and every other program must match.
//! The list only shrinks; it is the open work of the interpreter issue.
//!
//! `UPY_TEST_FILTER=substring` runs a subset.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::Duration;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../..").canonicalize().expect("repo root")
}

fn collect() -> Vec<PathBuf> {
    let root = repo_root().join("tests/py");
    let filter = std::env::var("UPY_TEST_FILTER").unwrap_or_default();
    let mut out = Vec::new();
    for area in std::fs::read_dir(&root).expect("tests/py exists").flatten() {
        if !area.path().is_dir() {
            continue;
        }
        for f in std::fs::read_dir(area.path()).expect("area dir").flatten() {
            let p = f.path();
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
            if name.ends_with(".py") && !name.starts_with('_') && p.to_string_lossy().contains(&filter) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

struct Run {
    stdout: Vec<u8>,
    code: Option<i32>,
    stderr: Vec<u8>,
}

fn run(cmd: &mut Command, timeout: Duration) -> Run {
    let mut child = cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    let start = std::time::Instant::now();
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let t_out = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut b);
        b
    });
    let t_err = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stderr, &mut b);
        b
    });
    let code = loop {
        if let Ok(Some(st)) = child.try_wait() {
            break st.code();
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            break Some(-999);
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Run { stdout: t_out.join().unwrap_or_default(), code, stderr: t_err.join().unwrap_or_default() }
}

#[test]
fn python_programs_match_cpython() {
    let tests = collect();
    assert!(!tests.is_empty(), "no tests found under tests/py");
    let sim = env!("CARGO_BIN_EXE_upy-sim");
    let failures = Mutex::new(Vec::<String>::new());
    let queue = Mutex::new(tests.clone());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).min(4);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let Some(t) = queue.lock().unwrap().pop() else { break };
                let dir = t.parent().unwrap().to_path_buf();
                let exp_path = PathBuf::from(format!("{}.exp", t.display()));
                let (want, want_code) = if exp_path.exists() {
                    (std::fs::read(&exp_path).unwrap(), Some(0))
                } else {
                    let r = run(Command::new("python3").arg(&t).current_dir(&dir).env("PYTHONHASHSEED", "0"), Duration::from_secs(30));
                    (r.stdout, r.code)
                };
                let got = run(Command::new(sim).arg(&t).current_dir(&dir), Duration::from_secs(30));
                if got.stdout != want || got.code != want_code {
                    let rel = t.strip_prefix(repo_root()).unwrap_or(&t).display().to_string();
                    let diff = first_diff(&want, &got.stdout);
                    let err = String::from_utf8_lossy(&got.stderr);
                    let err_tail: String = err.lines().rev().take(3).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join(" | ");
                    failures.lock().unwrap().push(format!(
                        "{rel}: exit {:?} (want {:?}); {diff}; stderr: {err_tail}",
                        got.code, want_code
                    ));
                }
            });
        }
    });
    let mut f = failures.into_inner().unwrap();
    f.sort();
    let total = tests.len();
    let passed = total - f.len();
    let xfail = expected_failures();
    let mut unexpected = Vec::new();
    for line in &f {
        let path = line.split(':').next().unwrap_or("");
        if xfail.iter().any(|x| x == path) {
            eprintln!("XFAIL {line}");
        } else {
            eprintln!("FAIL {line}");
            unexpected.push(line.clone());
        }
    }
    let failing: Vec<&str> = f.iter().map(|l| l.split(':').next().unwrap_or("")).collect();
    let ran: Vec<String> = tests.iter().map(|t| t.strip_prefix(repo_root()).unwrap_or(t).display().to_string()).collect();
    let now_passing: Vec<&String> = xfail.iter().filter(|x| ran.contains(x) && !failing.contains(&x.as_str())).collect();
    for p in &now_passing {
        eprintln!("XPASS {p} (remove it from tests/py/xfail.txt)");
    }
    eprintln!("py_diff: {passed} of {total} programs match CPython ({} expected failures)", f.len() - unexpected.len());
    assert!(unexpected.is_empty(), "{} Python test programs differ from CPython (see FAIL lines above)", unexpected.len());
    assert!(now_passing.is_empty(), "{} programs in tests/py/xfail.txt now pass: take them off the list", now_passing.len());
}

fn expected_failures() -> Vec<String> {
    let text = std::fs::read_to_string(repo_root().join("tests/py/xfail.txt")).unwrap_or_default();
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn first_diff(want: &[u8], got: &[u8]) -> String {
    let w = String::from_utf8_lossy(want);
    let g = String::from_utf8_lossy(got);
    for (i, (a, b)) in w.lines().zip(g.lines()).enumerate() {
        if a != b {
            return format!("line {}: want {:?} got {:?}", i + 1, trunc(a), trunc(b));
        }
    }
    let (wl, gl) = (w.lines().count(), g.lines().count());
    format!("want {wl} lines, got {gl} lines")
}

fn trunc(s: &str) -> String {
    if s.len() > 80 { format!("{}…", &s[..s.char_indices().nth(80).map_or(s.len(), |(i, _)| i)]) } else { s.to_string() }
}
