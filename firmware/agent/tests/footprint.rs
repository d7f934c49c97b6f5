//! RAM footprint of the agent next to a 64 KiB Python heap, *measured*: a counting global
//! allocator records every Rust-heap allocation made while the agent runs a realistic session
//! on an in-memory board (console, littlefs on a RAM "flash"), and the test asserts the peaks.
//!
//! The session, phase by phase (each phase's peak is printed with `--nocapture`):
//! - `boot`: power-on, the banner and the first prompt;
//! - `friendly`: REPL lines, a compound statement with auto-indent, history recall (up arrow),
//!   tab completion of a module member and of a builtin;
//! - `paste`: raw REPL, then raw-paste of a 4.9 KiB mpremote-style program (classes, helpers);
//! - `transfer`: a 4 KiB file written and read back as mpremote 1.29 does it (`fs cp`: one
//!   raw-paste exec per 256-byte chunk, `r(256)` evals), then mpremote's sha256 hash loop;
//! - `frames`: the upy binary framing server (`\x05U\x01`, docs/protocol.md): hello, a 4 KiB
//!   PUT in two DATA frames, STAT, GET, END;
//! - `reset`: a soft reset from the raw REPL (fresh VM and heap), back to the friendly REPL,
//!   and a line in the new VM.
//!
//! What is counted is every byte of the Rust heap except the Python heap's arena (one block of
//! exactly `HEAP` bytes) and the simulated flash (allocated before counting starts). The
//! figures are written to docs/agent.md ("RAM").

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};

use upy_agent::{Agent, Board, Console, Exit};
use upy_hal::{BlockDevice, HalError, NodeKind, Port};
use upy_vm::{Config, Vm};

/// The Python heap of the board being measured.
const HEAP: usize = 64 * 1024;
/// Value-stack slots of the measured VM (4 bytes each): what a 64 KiB board would configure.
const STACK_SLOTS: usize = 2048;

// ---- the counting allocator ----------------------------------------------------------

struct Counting;

/// Live bytes outside the Python arena, on the measuring thread.
static LIVE: AtomicUsize = AtomicUsize::new(0);
/// Highest `LIVE` since the last `reset_peak`.
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// Python heap arenas alive now / at most at once.
static ARENAS: AtomicUsize = AtomicUsize::new(0);
static ARENAS_MAX: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}

fn counting() -> bool {
    COUNTING.try_with(|c| c.get()).unwrap_or(false)
}

fn is_arena(l: Layout) -> bool {
    l.size() == HEAP && l.align() == 16
}

fn note_alloc(l: Layout) {
    if !counting() {
        return;
    }
    if is_arena(l) {
        let n = ARENAS.fetch_add(1, Relaxed) + 1;
        ARENAS_MAX.fetch_max(n, Relaxed);
        return;
    }
    let live = LIVE.fetch_add(l.size(), Relaxed) + l.size();
    PEAK.fetch_max(live, Relaxed);
}

fn note_dealloc(l: Layout) {
    if !counting() {
        return;
    }
    if is_arena(l) {
        ARENAS.fetch_sub(1, Relaxed);
        return;
    }
    LIVE.fetch_sub(l.size(), Relaxed);
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged; the
// counters are atomics touched only on the side.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract for `l`.
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            note_alloc(l);
        }
        p
    }
    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        // SAFETY: as `alloc`.
        let p = unsafe { System.alloc_zeroed(l) };
        if !p.is_null() {
            note_alloc(l);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        note_dealloc(l);
        // SAFETY: `p` was allocated by `System` with layout `l` (through this allocator).
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller upholds `GlobalAlloc::realloc`'s contract.
        let q = unsafe { System.realloc(p, l, new_size) };
        if !q.is_null() {
            note_dealloc(l);
            // SAFETY: `realloc` succeeded, so this size/align pair is a valid layout.
            note_alloc(unsafe { Layout::from_size_align_unchecked(new_size, l.align()) });
        }
        q
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Run `f` without counting (test-harness bookkeeping: recording the output).
fn uncounted<R>(f: impl FnOnce() -> R) -> R {
    let was = counting();
    COUNTING.with(|c| c.set(false));
    let r = f();
    COUNTING.with(|c| c.set(was));
    r
}

// ---- the in-memory board -------------------------------------------------------------

static INTERRUPT: AtomicBool = AtomicBool::new(false);

/// The board's flash: 64 blocks of 4 KiB, shared by every VM (soft resets keep it).
#[derive(Clone)]
struct Flash(Rc<RefCell<Vec<u8>>>);

const BLOCK: u32 = 4096;

impl BlockDevice for Flash {
    fn block_size(&self) -> u32 {
        BLOCK
    }
    fn block_count(&self) -> u32 {
        (self.0.borrow().len() / BLOCK as usize) as u32
    }
    fn read(&mut self, block: u32, off: u32, buf: &mut [u8]) -> Result<(), HalError> {
        let a = (block * BLOCK + off) as usize;
        let d = self.0.borrow();
        buf.copy_from_slice(d.get(a..a + buf.len()).ok_or(HalError::Errno(5))?);
        Ok(())
    }
    fn program(&mut self, block: u32, off: u32, data: &[u8]) -> Result<(), HalError> {
        let a = (block * BLOCK + off) as usize;
        let mut d = self.0.borrow_mut();
        d.get_mut(a..a + data.len())
            .ok_or(HalError::Errno(5))?
            .copy_from_slice(data);
        Ok(())
    }
    fn erase(&mut self, block: u32) -> Result<(), HalError> {
        let a = (block * BLOCK) as usize;
        let mut d = self.0.borrow_mut();
        d.get_mut(a..a + BLOCK as usize)
            .ok_or(HalError::Errno(5))?
            .fill(0xff);
        Ok(())
    }
}

/// What the board wrote (kept outside the count).
type Wire = Rc<RefCell<Vec<u8>>>;

struct MemPort {
    wire: Wire,
    flash: Flash,
}

impl Port for MemPort {
    fn stdout_write(&mut self, bytes: &[u8]) {
        let w = self.wire.clone();
        uncounted(|| upy_agent::cook(bytes, &mut |b: &[u8]| w.borrow_mut().extend_from_slice(b)));
    }
    fn stdout_write_raw(&mut self, bytes: &[u8]) {
        uncounted(|| self.wire.borrow_mut().extend_from_slice(bytes));
    }
    fn stdin_read(&mut self, _buf: &mut [u8]) -> usize {
        0
    }
    fn ticks_ms(&self) -> u64 {
        0
    }
    fn ticks_us(&self) -> u64 {
        0
    }
    fn time_ns(&self) -> u64 {
        0
    }
    fn delay_us(&mut self, _us: u64) {}
    fn interrupt_flag(&self) -> &'static AtomicBool {
        &INTERRUPT
    }
    fn read_file(&mut self, _path: &str, _out: &mut dyn FnMut(&[u8])) -> Result<(), HalError> {
        Err(HalError::NotFound)
    }
    fn stat(&mut self, _path: &str) -> Option<NodeKind> {
        None
    }
    fn board_name(&self) -> &'static str {
        "footprint board"
    }
    fn mcu_name(&self) -> &'static str {
        "a 64 KiB heap"
    }
    fn platform(&self) -> &'static str {
        "footprint"
    }
    fn random_bytes(&mut self, buf: &mut [u8]) {
        buf.fill(7);
    }
    fn block_device(&mut self) -> Option<&mut dyn BlockDevice> {
        Some(&mut self.flash)
    }
}

/// The scripted host: phases of input bytes; the peak of each phase is recorded when the
/// board asks for the first byte of the next one (or for input after the last).
struct MemConsole {
    /// Leaked before counting starts, so freeing it cannot disturb the count.
    phases: &'static [(&'static str, Vec<u8>)],
    phase: usize,
    pos: usize,
    wire: Wire,
    peaks: Rc<RefCell<Vec<(&'static str, usize)>>>,
    out_at_phase: Rc<RefCell<Vec<usize>>>,
}

impl MemConsole {
    fn close_phase(&mut self) {
        let name = self.phases[self.phase].0;
        let peak = PEAK.load(Relaxed);
        let wire_len = self.wire.borrow().len();
        uncounted(|| {
            self.peaks.borrow_mut().push((name, peak));
            self.out_at_phase.borrow_mut().push(wire_len);
        });
        PEAK.store(LIVE.load(Relaxed), Relaxed);
    }
}

impl Console for MemConsole {
    fn read_byte(&mut self) -> Option<u8> {
        loop {
            let (_, input) = self.phases.get(self.phase)?;
            if let Some(&b) = input.get(self.pos) {
                self.pos += 1;
                return Some(b);
            }
            self.close_phase();
            self.phase += 1;
            self.pos = 0;
        }
    }
    fn write(&mut self, bytes: &[u8]) {
        uncounted(|| self.wire.borrow_mut().extend_from_slice(bytes));
    }
}

struct MemBoard {
    console: MemConsole,
    flash: Flash,
}

impl Board for MemBoard {
    type Console = MemConsole;
    fn console(&mut self) -> &mut MemConsole {
        &mut self.console
    }
    fn new_vm(&mut self) -> Vm {
        let port = MemPort {
            wire: self.console.wire.clone(),
            flash: self.flash.clone(),
        };
        Vm::new(
            Box::new(port),
            Config {
                heap_bytes: HEAP,
                stack_slots: STACK_SLOTS,
                ..Config::default()
            },
        )
    }
    fn max_program_bytes(&self) -> usize {
        16 * 1024
    }
}

// ---- the session -----------------------------------------------------------------------

/// One mpremote `exec` over raw-paste: `\x05A\x01`, the code, `\x04`.
fn raw_paste(code: &str) -> Vec<u8> {
    let mut v = b"\x05A\x01".to_vec();
    v.extend_from_slice(code.as_bytes());
    v.push(4);
    v
}

/// A program shaped like the ones mpremote pastes (its mount hook: a few classes with
/// methods, helpers, module-level setup), about 4.9 KiB.
fn big_program() -> String {
    let mut p = String::from(
        "import os, sys, io, struct\n\nclass Cmd:\n    def __init__(self, fin, fout):\n        self.fin = fin\n        self.fout = fout\n        self.buf = bytearray(16)\n\n    def wr_u32(self, n):\n        self.fout.write(struct.pack('<I', n))\n\n    def rd_u32(self):\n        return struct.unpack('<I', self.fin.read(4))[0]\n\n    def wr_str(self, s):\n        b = s.encode()\n        self.wr_u32(len(b))\n        self.fout.write(b)\n\n    def rd_str(self):\n        n = self.rd_u32()\n        return self.fin.read(n).decode() if n else ''\n\n",
    );
    for i in 0..12 {
        p.push_str(&format!(
            "class Node{i}(io.IOBase):\n    kind = {i}\n    def __init__(self, cmd, name):\n        self.cmd = cmd\n        self.name = name\n        self.pos = 0\n    def read(self, n=-1):\n        self.cmd.wr_u32(self.kind)\n        self.cmd.wr_str(self.name)\n        self.cmd.wr_u32(n & 0xffffffff)\n        return self.cmd.rd_str()\n    def close(self):\n        self.pos = -1\n\n"
        ));
    }
    p.push_str("fin = io.BytesIO(struct.pack('<I', 5) + b'hello')\nc = Cmd(fin, io.BytesIO())\nn = Node11(c, 'x')\nprint('program ok', n.read(5), len(c.fout.getvalue()))\n");
    p
}

fn file_data() -> Vec<u8> {
    (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect()
}

/// Python's `repr()` of a bytes object (what mpremote sends in `w(...)` and reads back).
fn py_bytes_repr(b: &[u8]) -> String {
    let q = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut s = format!("b{}", q as char);
    for &c in b {
        match c {
            b'\\' => s.push_str("\\\\"),
            c if c == q => {
                s.push('\\');
                s.push(c as char);
            }
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            b'\t' => s.push_str("\\t"),
            0x20..=0x7e => s.push(c as char),
            _ => s.push_str(&format!("\\x{c:02x}")),
        }
    }
    s.push(q as char);
    s
}

/// One upy frame (docs/protocol.md), encoded with the protocol crate.
fn frame(ty: upy_protocol::frame::Type, seq: u8, parts: &[&[u8]]) -> Vec<u8> {
    let mut out = vec![0u8; 8192];
    let n = upy_protocol::frame::encode(ty as u8, seq, parts, &mut out).unwrap_or(0);
    assert!(n > 0, "frame fits");
    out.truncate(n);
    out
}

/// sha256 of `file_data()`, computed with CPython's hashlib.
fn file_sha256() -> Vec<u8> {
    let hex = "eff5b8865347b3811efb86683e68491956fe8cb758df5ea3cb119611c64e953e";
    (0..32)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap_or(0))
        .collect()
}

fn session() -> Vec<(&'static str, Vec<u8>)> {
    let boot = Vec::new();
    // Friendly REPL: a line, history (the up arrow recalls `x * 2`), a compound statement
    // (auto-indent: the body is typed without indentation; as in MicroPython, the block
    // ends at the third Enter after it: two auto-indented blank lines, then an empty one),
    // tab completion of a module member and of a builtin.
    let friendly = b"x = 21\rx * 2\r\x1b[A\rfor i in range(3):\rprint(i * x)\r\r\r\rimport os\ros.list\t('/')\rpri\t('done')\r".to_vec();
    let mut paste = b"\x01".to_vec();
    paste.extend(raw_paste(&big_program()));
    let data = file_data();
    let mut transfer = raw_paste("f=open('/data.bin','wb')\nw=f.write");
    for chunk in data.chunks(256) {
        transfer.extend(raw_paste(&format!("w({})", py_bytes_repr(chunk))));
    }
    transfer.extend(raw_paste("f.close()"));
    transfer.extend(raw_paste("f=open('/data.bin','rb')\nr=f.read"));
    for _ in 0..(data.len() / 256 + 1) {
        transfer.extend(raw_paste("print(repr(r(256)))"));
    }
    transfer.extend(raw_paste("f.close()"));
    transfer.extend(raw_paste("import hashlib\nh = hashlib.sha256()"));
    transfer.extend(raw_paste("buf = memoryview(bytearray(256))\nwith open('/data.bin', 'rb') as f:\n while True:\n  n = f.readinto(buf)\n  if n == 0:\n   break\n  h.update(buf if n == 256 else buf[:n])\n"));
    transfer.extend(raw_paste("print(repr(h.digest()))"));
    // upy frames (still at the raw REPL prompt): hello, PUT of the same 4 KiB as two DATA
    // frames, STAT, GET (one DATA frame, acknowledged), END.
    let mut frames = upy_protocol::frame::FRAMES_REQUEST.to_vec();
    let sha = file_sha256();
    let mut put = (data.len() as u32).to_le_bytes().to_vec();
    put.extend_from_slice(&sha);
    put.extend_from_slice(b"/framed.bin");
    frames.extend(frame(upy_protocol::frame::Type::Put, 1, &[&put]));
    for (i, half) in data.chunks(2048).enumerate() {
        frames.extend(frame(
            upy_protocol::frame::Type::Data,
            1,
            &[&((i * 2048) as u32).to_le_bytes(), half],
        ));
    }
    frames.extend(frame(upy_protocol::frame::Type::Stat, 2, &[b"/framed.bin"]));
    frames.extend(frame(upy_protocol::frame::Type::Get, 3, &[b"/framed.bin"]));
    frames.extend(frame(
        upy_protocol::frame::Type::Ack,
        3,
        &[&(data.len() as u32).to_le_bytes()],
    ));
    frames.extend(frame(upy_protocol::frame::Type::End, 4, &[]));
    // Soft reset from the raw REPL, back to the friendly REPL, one line in the new VM.
    let reset = b"\x04\x02print(len(open('/data.bin','rb').read()))\r".to_vec();
    vec![
        ("boot", boot),
        ("friendly", friendly),
        ("paste", paste),
        ("transfer", transfer),
        ("frames", frames),
        ("reset", reset),
    ]
}

#[test]
fn agent_rust_heap_next_to_a_64k_python_heap() {
    let flash = Flash(Rc::new(RefCell::new(vec![0xff; 64 * BLOCK as usize])));
    let wire: Wire = Rc::new(RefCell::new(Vec::with_capacity(1 << 20)));
    let peaks = Rc::new(RefCell::new(Vec::new()));
    let out_at = Rc::new(RefCell::new(Vec::new()));
    let phases: &'static [(&'static str, Vec<u8>)] = Vec::leak(session());
    let console = MemConsole {
        phases,
        phase: 0,
        pos: 0,
        wire: wire.clone(),
        peaks: peaks.clone(),
        out_at_phase: out_at.clone(),
    };

    // The compiler alone on the pasted program: parse only, and the whole compile.
    let src = big_program();
    COUNTING.with(|c| c.set(true));
    let base = LIVE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let parsed = upy_compiler::parser::parse(&src, upy_compiler::parser::ParseMode::File).is_ok();
    let parse_peak = PEAK.load(Relaxed) - base;
    PEAK.store(LIVE.load(Relaxed), Relaxed);
    let code = upy_compiler::compile(&src, "<stdin>", upy_compiler::Mode::Exec);
    let compile_peak = PEAK.load(Relaxed) - base;
    let code_live = LIVE.load(Relaxed) - base;
    drop(code);
    COUNTING.with(|c| c.set(false));
    assert!(parsed);
    eprintln!(
        "compiler on the {} B pasted program: parse peak {parse_peak} B, compile peak {compile_peak} B, code object {code_live} B",
        src.len()
    );

    // The VM alone (no agent): created, then with the flash's littlefs mounted.
    COUNTING.with(|c| c.set(true));
    let base = LIVE.load(Relaxed);
    let mut vm = Vm::new(
        Box::new(MemPort {
            wire: wire.clone(),
            flash: flash.clone(),
        }),
        Config {
            heap_bytes: HEAP,
            stack_slots: STACK_SLOTS,
            ..Config::default()
        },
    );
    let vm_new = LIVE.load(Relaxed) - base;
    let mounted = upy_vm::modules::os::with_lfs(&mut vm, |_, _| Ok(())).is_ok();
    let vm_fs = LIVE.load(Relaxed) - base;
    drop(vm);
    COUNTING.with(|c| c.set(false));
    assert!(mounted, "the RAM flash formats and mounts");
    eprintln!(
        "VM with {STACK_SLOTS} stack slots: {vm_new} B after Vm::new, {vm_fs} B with littlefs mounted"
    );

    COUNTING.with(|c| c.set(true));
    let start = LIVE.load(Relaxed);
    PEAK.store(start, Relaxed);
    let mut agent = Agent::new(MemBoard {
        console,
        flash: flash.clone(),
    });
    let exit = agent.run();
    let agent_size = std::mem::size_of_val(&agent);
    drop(agent);
    let end = LIVE.load(Relaxed);
    COUNTING.with(|c| c.set(false));
    assert_eq!(exit, Exit::Shutdown);

    // The session did what it says (the measurement is of real work).
    let out = wire.borrow().clone();
    let text = String::from_utf8_lossy(&out).into_owned();
    let cuts = out_at.borrow().clone();
    let part = |i: usize| -> String {
        let a = if i == 0 { 0 } else { cuts[i - 1] };
        String::from_utf8_lossy(&out[a..cuts.get(i).copied().unwrap_or(out.len())]).into_owned()
    };
    assert_eq!(cuts.len(), 6, "every phase ran: {text:?}");
    assert!(
        part(0).starts_with("MicroPython v") && part(0).ends_with(">>> "),
        "{:?}",
        part(0)
    );
    let friendly = part(1);
    // 42 twice (the second from the recalled line), the loop's lines, the completed
    // names, the empty flash's listing.
    assert_eq!(
        friendly.matches(">>> x * 2\r\n42\r\n").count(),
        2,
        "{friendly:?}"
    );
    for want in [
        "0\r\n21\r\n42\r\n",
        "os.listdir('/')",
        "[]\r\n",
        "print('done')\r\ndone\r\n",
    ] {
        assert!(
            friendly.contains(want),
            "friendly REPL lacks {want:?}: {friendly:?}"
        );
    }
    assert!(part(2).contains("program ok hello 13"), "{:?}", part(2));
    let data = file_data();
    let transfer = part(3);
    assert!(!transfer.contains("Traceback"), "{transfer:?}");
    let digest = file_sha256();
    assert!(
        transfer.contains(&py_bytes_repr(&digest)),
        "sha256 of the file on the board: {transfer:?}"
    );
    assert!(
        transfer.contains(&py_bytes_repr(&data[256..512])),
        "read back: {transfer:?}"
    );
    // Frames: accepted, the PUT stored the file (the GET's DATA frame carries it back).
    let fr = &out[cuts[3]..cuts[4]];
    assert!(
        fr.starts_with(upy_protocol::frame::FRAMES_ACCEPTED),
        "{:?}",
        String::from_utf8_lossy(fr)
    );
    // GET: DATA frames of at most 4096 B of payload (4 B of offset + 4092 B of file), so the
    // file comes back as 4092 + 4 bytes.
    assert!(
        fr.windows(4092).any(|w| w == &data[..4092]),
        "GET returned the PUT file ({} B of output)",
        fr.len()
    );
    let mut tail_frame = 4092u32.to_le_bytes().to_vec();
    tail_frame.extend_from_slice(&data[4092..]);
    assert!(
        fr.windows(tail_frame.len()).any(|w| w == &tail_frame[..]),
        "GET's last DATA frame"
    );
    assert!(
        fr.ends_with(b">"),
        "END returns to the raw prompt: {:?}",
        String::from_utf8_lossy(fr)
    );
    let reset = part(5);
    assert!(
        reset.contains("soft reboot") && reset.contains("4096\r\n"),
        "{reset:?}"
    );

    let peaks = peaks.borrow().clone();
    eprintln!(
        "Rust heap outside the 64 KiB Python heap (bytes above the {start} B before the agent started):"
    );
    for (name, p) in &peaks {
        eprintln!("  {name:>9}: peak {}", p - start);
    }
    eprintln!(
        "  Agent struct (not on the heap): {agent_size} B; Python arenas alive at once: {}",
        ARENAS_MAX.load(Relaxed)
    );
    eprintln!("  leaked after drop: {}", end as isize - start as isize);

    // Bounds (docs/agent.md, "RAM"): the measured peaks with headroom. Compiling a pasted
    // program costs the compiler's working memory, which grows with the source.
    for (name, p) in &peaks {
        let bound = match *name {
            "boot" => 16 * 1024,
            "friendly" => 32 * 1024,
            "paste" => STEADY_BOUND + COMPILE_BYTES_PER_SOURCE_BYTE * src.len(),
            _ => STEADY_BOUND,
        };
        assert!(
            p - start < bound,
            "phase {name}: peak Rust heap outside the Python heap {} B exceeds the documented {bound} B",
            p - start
        );
    }
    assert!(
        compile_peak < COMPILE_BYTES_PER_SOURCE_BYTE * src.len(),
        "compiler: {compile_peak} B for {} B of source",
        src.len()
    );
    assert_eq!(
        end, start,
        "everything the agent allocated is freed when it is dropped"
    );
    assert_eq!(
        ARENAS_MAX.load(Relaxed),
        1,
        "a soft reset frees the old Python heap before making the new one"
    );
}

/// Documented bound for everything but compiling a large program: REPL lines, mpremote's
/// file transfer and hashing, the frame server, soft reset (see docs/agent.md).
const STEADY_BOUND: usize = 48 * 1024;
/// Documented bound of the compiler's transient Rust-heap use per byte of source.
const COMPILE_BYTES_PER_SOURCE_BYTE: usize = 20;
