//! Agent tests on an in-memory board: transcripts, and random input that must never panic.

extern crate std;

use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;
use core::cell::RefCell;
use core::sync::atomic::AtomicBool;

use upy_vm::{Config, Vm};

use crate::readline::{Edit, Editor, History};
use crate::repl::{self, Completion};
use crate::{Agent, Board, Console, Exit};

static INTERRUPT: AtomicBool = AtomicBool::new(false);

#[derive(Clone, Default)]
struct Wire {
    out: Rc<RefCell<Vec<u8>>>,
}

struct TestConsole {
    input: Vec<u8>,
    pos: usize,
    wire: Wire,
}

impl Console for TestConsole {
    fn read_byte(&mut self) -> Option<u8> {
        let b = self.input.get(self.pos).copied();
        self.pos += 1;
        b
    }
    fn write(&mut self, bytes: &[u8]) {
        self.wire.out.borrow_mut().extend_from_slice(bytes);
    }
}

struct TestBoard {
    console: TestConsole,
    heap: usize,
    resets: usize,
}

impl Board for TestBoard {
    type Console = TestConsole;
    fn console(&mut self) -> &mut TestConsole {
        &mut self.console
    }
    fn new_vm(&mut self) -> Vm {
        let wire = self.console.wire.clone();
        let port = upy_hal::NullPort::new("test board", &INTERRUPT, move |bytes: &[u8]| {
            crate::cook(bytes, &mut |b: &[u8]| wire.out.borrow_mut().extend_from_slice(b))
        });
        Vm::new(Box::new(port), Config { heap_bytes: self.heap, ..Config::default() })
    }
    fn max_program_bytes(&self) -> usize {
        2048
    }
    fn before_soft_reset(&mut self) {
        self.resets += 1;
    }
}

/// Run the agent on `input` until the input runs out; returns everything it wrote.
fn session(input: &[u8]) -> (String, usize) {
    let (raw, resets) = session_bytes(input);
    (String::from_utf8_lossy(&raw).into_owned(), resets)
}

fn session_bytes(input: &[u8]) -> (Vec<u8>, usize) {
    let wire = Wire::default();
    let console = TestConsole { input: input.to_vec(), pos: 0, wire: wire.clone() };
    let mut agent = Agent::new(TestBoard { console, heap: 64 * 1024, resets: 0 });
    assert_eq!(agent.run(), Exit::Shutdown);
    let out = wire.out.borrow().clone();
    (out, agent.board().resets)
}

#[test]
fn banner_then_prompt_and_expression_value() {
    let (out, _) = session(b"1+2\r");
    assert!(out.starts_with("MicroPython v1.27.0-upy"), "{out:?}");
    // The help line appears when the VM has `help()` (protocol-facts §1.6).
    assert!(
        out.contains("; test board with nothing\r\n>>> ")
            || out.contains("; test board with nothing\r\nType \"help()\" for more information.\r\n>>> "),
        "{out:?}"
    );
    assert!(out.ends_with(">>> 1+2\r\n3\r\n>>> "), "{out:?}");
}

#[test]
fn raw_repl_transcript() {
    let (out, _) = session_bytes(b"\x01print(1)\x04\x05A\x01print(123)\x04");
    let want: &[u8] = b"\r\nraw REPL; CTRL-B to exit\r\n>OK1\r\n\x04\x04>R\x01\x80\x00\x01\x04123\r\n\x04\x04>";
    assert!(out.ends_with(want), "{:?}", String::from_utf8_lossy(&out));
}

#[test]
fn soft_reset_and_sys_exit() {
    let (out, resets) = session(b"\x04\x01\x04import sys\nsys.exit()\x04");
    assert_eq!(resets, 3, "{out:?}");
    assert!(out.contains(">>> \r\nMPY: soft reboot\r\nMicroPython v"), "{out:?}");
    assert!(out.contains(">OK\r\nMPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>"), "{out:?}");
    assert!(out.ends_with(">OK\x04\x04MPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>"), "{out:?}");
}

#[test]
fn oversized_program_is_a_memory_error() {
    let mut input = b"\x01".to_vec();
    input.extend(core::iter::repeat_n(b'x', 5000));
    input.extend_from_slice(b"\x04print(9)\x04");
    let (out, _) = session(&input);
    assert!(out.contains("OK\x04") && out.contains("MemoryError"), "{out:?}");
    assert!(out.ends_with("OK9\r\n\x04\x04>"), "{out:?}");
}

#[test]
fn continuation_rules() {
    assert!(repl::continue_with_input(b"if x:"));
    assert!(repl::continue_with_input(b"def f():\n    pass"));
    assert!(!repl::continue_with_input(b"def f():\n    pass\n"));
    assert!(repl::continue_with_input(b"x = (1,"));
    assert!(!repl::continue_with_input(b"x = '('"));
    assert!(repl::continue_with_input(b"s = '''abc"));
    assert!(repl::continue_with_input(b"x = 1 + \\"));
    assert!(!repl::continue_with_input(b"iffy = 1"));
    assert!(repl::continue_with_input(b"@dec"));
}

#[test]
fn completion_prefix_and_columns() {
    let mut names = |_: &[&str]| -> Vec<String> {
        ["print", "property", "pow", "_hidden"].iter().map(|s| String::from(*s)).collect()
    };
    assert_eq!(repl::complete(b"x = pri", &mut names), Completion::Insert(b"nt".to_vec()));
    assert_eq!(repl::complete(b"pro", &mut names), Completion::Insert(b"perty".to_vec()));
    assert_eq!(repl::complete(b"imp", &mut names), Completion::Insert(b"ort ".to_vec()));
    match repl::complete(b"p", &mut names) {
        Completion::Many(t) => assert_eq!(t, b"\npow             print           property\n"),
        other => panic!("{other:?}"),
    }
    assert_eq!(repl::complete(b"zzz", &mut names), Completion::None);
}

#[test]
fn editor_history_and_keys() {
    let mut ed = Editor::new();
    let mut hist = History::new();
    let mut out = Vec::new();
    let mut none = |_: &[u8]| Completion::None;
    ed.start(b">>> ", &mut |b: &[u8]| out.extend_from_slice(b));
    for &c in b"abc\x1b[D\x1b[DX\x1b[F\x08\r" {
        let r = ed.feed(c, &mut hist, &mut none, &mut |b: &[u8]| out.extend_from_slice(b));
        if c == b'\r' {
            assert_eq!(r, Edit::Enter);
        }
    }
    assert_eq!(ed.buf, b"aXb");
    assert_eq!(hist.get(0), Some(&b"aXb"[..]));
    for i in 0..20 {
        hist.push(alloc::format!("line{i}").as_bytes());
    }
    assert_eq!(hist.len(), crate::readline::HISTORY_SIZE);
    assert_eq!(hist.get(0), Some(&b"line19"[..]));
}

fn xorshift(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

#[test]
fn random_input_never_panics() {
    // Control bytes, escape-sequence pieces, Python-ish text and raw bytes, in every mode.
    const ALPHABET: &[u8] = b"\x01\x02\x03\x04\x05\x08\x09\x0b\x0d\x0a\x1b[AOBCD1~;5abcdefxyz()[]{}:'\"\\.=+ 0123456789\x7f";
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    for round in 0..60 {
        let len = 200 + (xorshift(&mut seed) % 1500) as usize;
        let mut input = Vec::with_capacity(len);
        for _ in 0..len {
            let r = xorshift(&mut seed);
            input.push(if r % 4 == 0 { (r >> 16) as u8 } else { ALPHABET[(r >> 8) as usize % ALPHABET.len()] });
        }
        // Never loop forever: only interrupt-free programs can be formed, and the VM's
        // statements here are straight-line, but cap the input anyway.
        let _ = round;
        let _ = session(&input);
    }
}
