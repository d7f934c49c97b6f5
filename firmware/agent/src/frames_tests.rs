//! The device frame server (this crate) against the host client (`upy_protocol::host`), in process: the
//! agent runs on a thread with a littlefs in RAM; the two ends are joined by channels that can damage or
//! drop chosen frames, so the NAK / resend paths of both directions run for real.

extern crate std;

use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;
use core::sync::atomic::AtomicBool;
use std::io;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sha2::{Digest, Sha256};
use upy_protocol::frame::{self, Type};
use upy_protocol::host::{Client, Errno, Error, Transport};
use upy_vfs::RamBlockDevice;
use upy_vm::{Config, Vm};

use crate::{Agent, Board, Console, Exit, FrameLimits, ReadResult};

static INTERRUPT: AtomicBool = AtomicBool::new(false);

/// Which frames to damage: (direction is host→device, type, ordinal among frames of that type, action).
#[derive(Clone, Copy, Debug)]
enum Fault {
    /// Flip a payload bit of the n-th frame of this type.
    Flip(u8, usize),
    /// Drop the n-th frame of this type entirely.
    Drop(u8, usize),
    /// Lose the magic byte of the n-th frame of this type (its type byte, a control byte, then arrives
    /// first: it must not end frame mode).
    LoseMagic(u8, usize),
}

struct Faults {
    list: Vec<Fault>,
    seen: Vec<usize>,
    hits: usize,
}

impl Default for Faults {
    fn default() -> Self {
        Faults { list: Vec::new(), seen: vec![0; 256], hits: 0 }
    }
}

impl Faults {
    /// Apply to one write (the ends write whole frames, or raw-REPL text).
    fn apply(&mut self, bytes: &[u8]) -> Option<Vec<u8>> {
        if bytes.len() < frame::OVERHEAD || bytes[0] != frame::MAGIC {
            return Some(bytes.to_vec());
        }
        let ty = bytes[1];
        let n = self.seen[ty as usize];
        self.seen[ty as usize] += 1;
        for f in &self.list {
            match *f {
                Fault::Flip(t, k) if t == ty && k == n => {
                    self.hits += 1;
                    let mut b = bytes.to_vec();
                    let i = frame::HEADER_LEN + (b.len() - frame::OVERHEAD) / 2;
                    b[i] ^= 0x10;
                    return Some(b);
                }
                Fault::Drop(t, k) if t == ty && k == n => {
                    self.hits += 1;
                    return None;
                }
                Fault::LoseMagic(t, k) if t == ty && k == n => {
                    self.hits += 1;
                    return Some(bytes[1..].to_vec());
                }
                _ => {}
            }
        }
        Some(bytes.to_vec())
    }
}

struct HostEnd {
    to_dev: Sender<Vec<u8>>,
    from_dev: Receiver<Vec<u8>>,
    buf: Vec<u8>,
    faults: Arc<Mutex<Faults>>,
}

impl Transport for HostEnd {
    fn write_all(&mut self, data: &[u8]) -> io::Result<()> {
        let out = self.faults.lock().unwrap().apply(data);
        if let Some(out) = out {
            self.to_dev.send(out).map_err(|_| io::Error::from(io::ErrorKind::BrokenPipe))?;
        }
        Ok(())
    }
    fn read(&mut self, buf: &mut [u8], timeout: Duration) -> io::Result<usize> {
        if self.buf.is_empty() {
            match self.from_dev.recv_timeout(timeout) {
                Ok(b) => self.buf = b,
                Err(RecvTimeoutError::Timeout) => return Ok(0),
                Err(RecvTimeoutError::Disconnected) => return Err(io::ErrorKind::UnexpectedEof.into()),
            }
        }
        let n = buf.len().min(self.buf.len());
        buf[..n].copy_from_slice(&self.buf[..n]);
        self.buf.drain(..n);
        Ok(n)
    }
    fn describe(&self) -> String {
        "in-process board".to_string()
    }
}

struct DevConsole {
    /// Behave like a port without timed reads (the default `Console::read_timeout`: blocks).
    untimed: bool,
    rx: Receiver<Vec<u8>>,
    buf: Vec<u8>,
    tx: Sender<Vec<u8>>,
    faults: Arc<Mutex<Faults>>,
}

impl Console for DevConsole {
    fn read_byte(&mut self) -> Option<u8> {
        let mut b = [0u8; 1];
        loop {
            match self.read_timeout(&mut b, 1000) {
                ReadResult::Data(1) => return Some(b[0]),
                ReadResult::Closed => return None,
                _ => {}
            }
        }
    }
    fn write(&mut self, bytes: &[u8]) {
        let out = self.faults.lock().unwrap().apply(bytes);
        if let Some(out) = out {
            let _ = self.tx.send(out);
        }
    }
    fn read_timeout(&mut self, buf: &mut [u8], timeout_ms: u32) -> ReadResult {
        if self.buf.is_empty() && self.untimed {
            match self.rx.recv() {
                Ok(b) => self.buf = b,
                Err(_) => return ReadResult::Closed,
            }
        }
        if self.buf.is_empty() {
            match self.rx.recv_timeout(Duration::from_millis(u64::from(timeout_ms))) {
                Ok(b) => self.buf = b,
                Err(RecvTimeoutError::Timeout) => return ReadResult::Timeout,
                Err(RecvTimeoutError::Disconnected) => return ReadResult::Closed,
            }
        }
        let n = buf.len().min(self.buf.len());
        buf[..n].copy_from_slice(&self.buf[..n]);
        self.buf.drain(..n);
        ReadResult::Data(n)
    }
}

struct RamBoard {
    console: DevConsole,
    /// The flash survives soft resets (moved into each VM's port and back is not possible, so the
    /// filesystem lives as long as one VM: these tests never soft-reset).
    dev: Option<RamBlockDevice>,
    limits: FrameLimits,
}

impl Board for RamBoard {
    type Console = DevConsole;
    fn console(&mut self) -> &mut DevConsole {
        &mut self.console
    }
    fn new_vm(&mut self) -> Vm {
        let dev = self.dev.take().unwrap_or_else(|| RamBlockDevice::new(4096, 128));
        let tx = self.console.tx.clone();
        let port = upy_hal::NullPort::new("frames test board", &INTERRUPT, move |bytes: &[u8]| {
            let mut out = Vec::new();
            crate::cook(bytes, &mut |b: &[u8]| out.extend_from_slice(b));
            let _ = tx.send(out);
        })
        .with_flash(dev);
        Vm::new(Box::new(port), Config { heap_bytes: 64 * 1024, ..Config::default() })
    }
    fn frame_limits(&self) -> Option<FrameLimits> {
        Some(self.limits)
    }
}

/// A host client connected to an agent thread.
fn board(limits: FrameLimits, faults: &[Fault]) -> (Client<HostEnd>, Arc<Mutex<Faults>>, std::thread::JoinHandle<Exit>) {
    board_with(limits, faults, false)
}

fn board_with(
    limits: FrameLimits,
    faults: &[Fault],
    untimed: bool,
) -> (Client<HostEnd>, Arc<Mutex<Faults>>, std::thread::JoinHandle<Exit>) {
    let faults = Arc::new(Mutex::new(Faults { list: faults.to_vec(), ..Faults::default() }));
    let (h2d_tx, h2d_rx) = channel();
    let (d2h_tx, d2h_rx) = channel();
    let f2 = faults.clone();
    let agent = std::thread::spawn(move || {
        let console = DevConsole { untimed, rx: h2d_rx, buf: Vec::new(), tx: d2h_tx, faults: f2 };
        let mut a = Agent::new(RamBoard { console, dev: None, limits });
        a.run()
    });
    let host = HostEnd { to_dev: h2d_tx, from_dev: d2h_rx, buf: Vec::new(), faults: faults.clone() };
    let mut c = Client::new(host);
    c.set_step_timeout(Duration::from_secs(5));
    c.enter_raw_repl(false).expect("enter raw REPL");
    (c, faults, agent)
}

fn pattern(n: usize) -> Vec<u8> {
    (0..n).map(|i| (i as u32).wrapping_mul(2_654_435_761).rotate_left(7) as u8 ^ (i as u8)).collect()
}

fn small_limits() -> FrameLimits {
    FrameLimits { max_payload: 512, window: 3, byte_timeout_ms: 100, transfer_timeout_ms: 3000 }
}

#[test]
fn every_operation_round_trips() {
    let (mut c, _, agent) = board(small_limits(), &[]);
    let info = c.frames().unwrap().expect("the agent serves frames");
    assert_eq!((info.version, info.window, info.max_payload), (frame::VERSION, 3, 512));
    assert_eq!(info.cwd, "/");
    c.fmkdir("/lib/deep", true).unwrap();
    c.fmkdir("/lib/deep", true).unwrap();
    assert_eq!(c.fmkdir("/lib", false).unwrap_err().errno(), Some(Errno::EEXIST));
    let data = pattern(20_000);
    let mut acked = Vec::new();
    c.fput("/lib/deep/a.bin", &data, &mut |n| acked.push(n)).unwrap();
    assert_eq!(acked.last(), Some(&20_000));
    assert!(acked.len() >= 20_000 / 508, "progress per frame: {acked:?}");
    c.fput("/main.py", b"print('hi')\n", &mut |_| {}).unwrap();
    c.fput("/empty", b"", &mut |_| {}).unwrap();
    assert_eq!(c.fget("/lib/deep/a.bin", &mut |_| {}).unwrap(), data);
    assert_eq!(c.fget("/empty", &mut |_| {}).unwrap(), b"");
    let st = c.fstat("/lib/deep/a.bin").unwrap().unwrap();
    assert!(!st.is_dir && st.size == 20_000);
    assert!(c.fstat("/lib").unwrap().unwrap().is_dir);
    assert_eq!(c.fstat("/nope").unwrap(), None);
    let want: [u8; 32] = Sha256::digest(&data).into();
    assert_eq!(c.fhash("/lib/deep/a.bin").unwrap(), want);

    let list = c.flist("/", true, true).unwrap();
    let names: Vec<(&str, bool)> = list.iter().map(|e| (e.path.as_str(), e.is_dir)).collect();
    assert_eq!(
        names,
        [("/empty", false), ("/lib", true), ("/lib/deep", true), ("/lib/deep/a.bin", false), ("/main.py", false)]
    );
    assert_eq!(list[3].sha256, Some(want));
    assert_eq!(list[3].size, 20_000);
    assert_eq!(list[1].sha256, None);
    let flat = c.flist("/", false, false).unwrap();
    assert_eq!(flat.len(), 3);
    assert!(flat.iter().all(|e| e.sha256.is_none()));
    assert_eq!(c.flist("/main.py", true, false).unwrap_err().errno(), Some(Errno::ENOTDIR));

    c.frename("/main.py", "/lib/main.py").unwrap();
    assert_eq!(c.fget("/lib/main.py", &mut |_| {}).unwrap(), b"print('hi')\n");
    assert_eq!(c.fget("/main.py", &mut |_| {}).unwrap_err().errno(), Some(Errno::ENOENT));
    assert_eq!(c.frmdir("/lib").unwrap_err().errno(), Some(Errno::ENOTEMPTY));
    assert_eq!(c.fremove("/lib", false).unwrap_err().errno(), Some(Errno::EISDIR));
    c.fremove("/lib", true).unwrap();
    assert_eq!(c.fstat("/lib").unwrap(), None);
    let v = c.fstatvfs("/").unwrap();
    assert_eq!((v.bsize, v.blocks), (4096, 128));
    assert!(v.bfree > 0 && v.bfree < 128);
    // A listing of many files spans many frames.
    c.fmkdir("/many", false).unwrap();
    for i in 0..60 {
        c.fput(&alloc::format!("/many/file-with-a-long-name-{i:03}.py"), &[i as u8; 7], &mut |_| {}).unwrap();
    }
    let list = c.flist("/many", true, true).unwrap();
    assert_eq!(list.len(), 60);
    assert!(list.iter().all(|e| e.size == 7 && e.sha256.is_some()));

    // Programs run in between (END, then the raw REPL), and frames come back.
    assert_eq!(c.exec_ok(b"import os\nprint(sorted(os.listdir('/many'))[0])").unwrap(), b"file-with-a-long-name-000.py\r\n");
    assert_eq!(c.fget("/many/file-with-a-long-name-005.py", &mut |_| {}).unwrap(), [5u8; 7]);
    let w = c.wire_stats();
    assert!(w.payload_bytes > 40_000 && w.tx_bytes > 20_000);
    drop(c);
    assert_eq!(agent.join().unwrap(), Exit::Shutdown);
}

#[test]
fn damaged_and_lost_frames_are_sent_again_both_ways() {
    let d = Type::Data as u8;
    let faults = [
        Fault::Flip(d, 2),
        Fault::Drop(d, 5),
        Fault::Flip(d, 9),
        Fault::Drop(Type::Ack as u8, 4),
        Fault::LoseMagic(d, 14),
        Fault::LoseMagic(Type::Ack as u8, 20),
    ];
    let (mut c, f, agent) = board(small_limits(), &faults);
    c.frames().unwrap().expect("frames");
    let data = pattern(30_000);
    // Upload: the host's DATA frames 2, 5, 9 are damaged or lost on the way to the device.
    c.fput("/x.bin", &data, &mut |_| {}).unwrap();
    let hits_up = f.lock().unwrap().hits;
    assert!(hits_up >= 5, "faults applied: {hits_up}");
    // Download: the same ordinals are now counted among the device's DATA frames... after the upload's.
    {
        let mut g = f.lock().unwrap();
        g.seen = vec![0; 256];
    }
    let back = c.fget("/x.bin", &mut |_| {}).unwrap();
    assert_eq!(back.len(), data.len());
    assert!(back == data, "download damaged");
    assert!(f.lock().unwrap().hits > hits_up, "no fault hit the download");
    // The temporary file is gone and the target is complete.
    let list = c.flist("/", false, false).unwrap();
    assert_eq!(list.iter().map(|e| e.path.as_str()).collect::<Vec<_>>(), ["/x.bin"]);
    drop(c);
    assert_eq!(agent.join().unwrap(), Exit::Shutdown);
}

#[test]
fn a_lost_last_acknowledgement_does_not_stall_a_transfer() {
    let (mut c, f, agent) = board(small_limits(), &[]);
    c.frames().unwrap().expect("frames");
    let data = pattern(3000); // 6 DATA frames of 508 bytes
    let ack = Type::Ack as u8;
    // PUT: the device's last ACK (the 6th) is lost; its final OK still ends the transfer.
    f.lock().unwrap().list = vec![Fault::Drop(ack, 5)];
    c.fput("/a.bin", &data, &mut |_| {}).unwrap();
    assert_eq!(f.lock().unwrap().hits, 1);
    // GET: the host's last ACK is lost; the device sends the last frame again and the host
    // acknowledges the duplicate.
    {
        let mut g = f.lock().unwrap();
        g.seen = vec![0; 256];
        g.hits = 0;
    }
    assert_eq!(c.fget("/a.bin", &mut |_| {}).unwrap(), data);
    assert_eq!(f.lock().unwrap().hits, 1);
    // LIST: the same for a listing of one frame.
    {
        let mut g = f.lock().unwrap();
        g.seen = vec![0; 256];
        g.hits = 0;
        g.list = vec![Fault::Drop(ack, 0)];
    }
    assert_eq!(c.flist("/", true, true).unwrap().len(), 1);
    assert_eq!(f.lock().unwrap().hits, 1);
    drop(c);
    assert_eq!(agent.join().unwrap(), Exit::Shutdown);
}

#[test]
fn a_damaged_listing_is_asked_again() {
    let (mut c, f, agent) = board(small_limits(), &[]);
    c.frames().unwrap().expect("frames");
    for i in 0..40 {
        c.fput(&alloc::format!("/f{i:02}.txt"), b"abc", &mut |_| {}).unwrap();
    }
    {
        let mut g = f.lock().unwrap();
        g.seen = vec![0; 256];
        g.list = vec![Fault::Flip(Type::Data as u8, 1)];
    }
    let list = c.flist("/", true, true).unwrap();
    assert_eq!(list.len(), 40);
    assert_eq!(f.lock().unwrap().hits, 1);
    drop(c);
    assert_eq!(agent.join().unwrap(), Exit::Shutdown);
}

#[test]
fn a_host_that_vanishes_mid_put_leaves_the_old_file_and_the_raw_repl_answers() {
    let (mut c, _, agent) = board(small_limits(), &[]);
    c.frames().unwrap().expect("frames");
    c.fput("/keep.py", b"old = 1\n", &mut |_| {}).unwrap();
    // A PUT whose data stops half-way through a frame.
    let new = pattern(5000);
    let sha: [u8; 32] = Sha256::digest(&new).into();
    let put = enc(Type::Put, 200, &[&5000u32.to_le_bytes(), &sha, b"/keep.py"]);
    let d0 = enc(Type::Data, 200, &[&0u32.to_le_bytes(), &new[..508]]);
    let d1 = enc(Type::Data, 200, &[&508u32.to_le_bytes(), &new[508..1016]]);
    {
        let t = c.transport_mut();
        t.write_all(&put).unwrap();
        t.write_all(&d0).unwrap();
        t.write_all(&d1[..100]).unwrap();
    }
    std::thread::sleep(Duration::from_millis(300));
    // A new host: mpremote's entry sequence. The partial frame swallows it, times out, and the device
    // answers the final Ctrl-A with the raw banner.
    let t = c.transport_mut();
    t.write_all(b"\r\x03").unwrap();
    t.write_all(b"\r\x01").unwrap();
    let mut got = Vec::new();
    let end = std::time::Instant::now() + Duration::from_secs(5);
    while !got.ends_with(b"raw REPL; CTRL-B to exit\r\n>") {
        assert!(std::time::Instant::now() < end, "no raw banner: {:?}", String::from_utf8_lossy(&got));
        let mut b = [0u8; 256];
        let n = t.read(&mut b, Duration::from_millis(100)).unwrap();
        got.extend_from_slice(&b[..n]);
    }
    // The session goes on as a fresh host would.
    let mut c2 = Client::new(c.into_transport());
    c2.set_step_timeout(Duration::from_secs(5));
    c2.enter_raw_repl(false).unwrap();
    assert_eq!(c2.exec_ok(b"print(open('/keep.py').read())").unwrap(), b"old = 1\r\n\r\n");
    assert_eq!(c2.exec_ok(b"import os\nprint(os.listdir('/'))").unwrap(), b"['keep.py']\r\n");
    drop(c2);
    assert_eq!(agent.join().unwrap(), Exit::Shutdown);
}

fn enc(ty: Type, seq: u8, parts: &[&[u8]]) -> Vec<u8> {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    let mut out = vec![0u8; len + frame::OVERHEAD];
    let n = frame::encode(ty as u8, seq, parts, &mut out).unwrap();
    out.truncate(n);
    out
}

#[test]
fn errors_are_typed_and_name_the_path() {
    let (mut c, _, agent) = board(small_limits(), &[]);
    c.frames().unwrap().expect("frames");
    let e = c.fget("/missing/file.py", &mut |_| {}).unwrap_err();
    assert_eq!(e.errno(), Some(Errno::ENOENT));
    match &e {
        Error::Exception(x) => assert!(x.traceback.contains("/missing/file.py"), "{x:?}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(c.fput("/missing/file.py", b"x", &mut |_| {}).unwrap_err().errno(), Some(Errno::ENOENT));
    c.fmkdir("/d", false).unwrap();
    assert_eq!(c.fput("/d", b"x", &mut |_| {}).unwrap_err().errno(), Some(Errno::EISDIR));
    assert_eq!(c.fget("/d", &mut |_| {}).unwrap_err().errno(), Some(Errno::EISDIR));
    // The session still works after errors.
    c.fput("/d/ok", b"fine", &mut |_| {}).unwrap();
    assert_eq!(c.fget("/d/ok", &mut |_| {}).unwrap(), b"fine");
    drop(c);
    assert_eq!(agent.join().unwrap(), Exit::Shutdown);
}

#[test]
fn random_frames_and_garbage_never_break_the_board() {
    let (mut c, _, agent) = board(small_limits(), &[]);
    c.frames().unwrap().expect("frames");
    c.fput("/keep.txt", b"keep", &mut |_| {}).unwrap();
    let mut host = c.into_transport();
    let mut seed: u64 = 0x0DDB_1A5E_5BAD_5EED;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut sink = [0u8; 4096];
    for round in 0..400 {
        let r = next();
        let bytes: Vec<u8> = match r % 5 {
            // Garbage that is not a control byte (frame mode continues).
            0 => (0..(r >> 8) % 64).map(|_| 0x20 + (next() % 0xe0) as u8).collect(),
            // A well-formed frame of a random type with a random payload.
            1 | 2 => {
                let len = (next() % 40) as usize;
                let mut p: Vec<u8> = (0..len).map(|_| next() as u8).collect();
                if r % 3 == 0 && !p.is_empty() {
                    // A plausible path, to reach the filesystem code.
                    p = b"\x01/r".to_vec();
                }
                let mut f = vec![0u8; len + 3 + frame::OVERHEAD];
                // Any type but END, which (correctly) hands the line back to the raw REPL.
                let ty = match (next() % 0x1c) as u8 {
                    t if t == Type::End as u8 => Type::Stat as u8,
                    t => t,
                };
                let n = frame::encode(ty, (next() % 4) as u8, &[&p], &mut f).unwrap();
                f.truncate(n);
                f
            }
            // A frame with a damaged byte.
            3 => {
                let mut f = enc(Type::Stat, 3, &[b"/keep.txt"]);
                let i = (next() as usize) % f.len();
                f[i] ^= 1 << (next() % 8);
                if f[i] < 0x20 && i == 0 {
                    f[i] = frame::MAGIC;
                }
                f
            }
            // A header announcing more than the device accepts.
            _ => vec![frame::MAGIC, 0x13, 1, 0xff, 0xff],
        };
        host.write_all(&bytes).unwrap();
        if round % 50 == 0 {
            std::thread::sleep(Duration::from_millis(150));
        }
        while host.read(&mut sink, Duration::ZERO).unwrap() > 0 {}
    }
    // Any raw-REPL host can take over, and the filesystem is intact.
    let mut c2 = Client::new(host);
    c2.set_step_timeout(Duration::from_secs(5));
    c2.enter_raw_repl(false).expect("the raw REPL answers after the noise");
    assert_eq!(c2.exec_ok(b"print(1+1)").unwrap(), b"2\r\n");
    let files = c2.exec_ok(b"import os\nprint([n for n in os.listdir('/') if n.endswith('.upytmp')])").unwrap();
    assert_eq!(files, b"[]\r\n", "temporary files left behind");
    if let Some(Some(_)) = c2.frames().ok() {
        // Frames still work too (unless a random REMOVE of / took keep.txt with it).
        let _ = c2.fstat("/keep.txt").unwrap();
    }
    drop(c2);
    assert_eq!(agent.join().unwrap(), Exit::Shutdown);
}

#[test]
fn a_host_dying_mid_frame_is_recovered_with_and_without_timed_reads() {
    for untimed in [false, true] {
        let (mut c, _, agent) = board_with(small_limits(), &[], untimed);
        c.frames().unwrap().expect("frames");
        c.fput("/keep.py", b"old\n", &mut |_| {}).unwrap();
        let new = pattern(2000);
        let sha: [u8; 32] = Sha256::digest(&new).into();
        let put = enc(Type::Put, 201, &[&2000u32.to_le_bytes(), &sha, b"/keep.py"]);
        let d0 = enc(Type::Data, 201, &[&0u32.to_le_bytes(), &new[..508]]);
        {
            let t = c.transport_mut();
            t.write_all(&put).unwrap();
            // The host dies two bytes before the end of a frame.
            t.write_all(&d0[..d0.len() - 2]).unwrap();
        }
        std::thread::sleep(Duration::from_millis(50));
        // The next host enters the raw REPL the usual way.
        let mut c2 = Client::new(c.into_transport());
        c2.set_step_timeout(Duration::from_secs(5));
        c2.enter_raw_repl(false).unwrap_or_else(|e| panic!("untimed={untimed}: {e}"));
        assert_eq!(c2.exec_ok(b"print(open('/keep.py').read())").unwrap(), b"old\r\n\r\n");
        assert_eq!(c2.exec_ok(b"import os\nprint(os.listdir('/'))").unwrap(), b"['keep.py']\r\n");
        drop(c2);
        assert_eq!(agent.join().unwrap(), Exit::Shutdown);
    }
}

#[test]
fn a_littlefs_a_program_mounted_on_a_python_block_device_is_served_too() {
    let (mut c, _, agent) = board(small_limits(), &[]);
    let mount = b"import os, vfs
class RAMBlockDev:
    def __init__(self, block_size, num_blocks):
        self.block_size = block_size
        self.data = bytearray(block_size * num_blocks)
    def readblocks(self, block_num, buf, offset=0):
        addr = block_num * self.block_size + offset
        buf[:] = self.data[addr:addr + len(buf)]
    def writeblocks(self, block_num, buf, offset=None):
        if offset is None:
            offset = 0
        addr = block_num * self.block_size + offset
        self.data[addr:addr + len(buf)] = buf
    def ioctl(self, op, arg):
        if op == 4:
            return len(self.data) // self.block_size
        if op == 5:
            return self.block_size
        return 0
bdev = RAMBlockDev(512, 64)
os.VfsLfs2.mkfs(bdev)
os.mount(bdev, '/ram')
print('mounted')
";
    assert_eq!(c.exec_ok(mount).unwrap(), b"mounted\r\n");
    c.frames().unwrap().expect("frames");
    let data = pattern(3000);
    c.fmkdir("/ram/sub", true).unwrap();
    c.fput("/ram/sub/x.bin", &data, &mut |_| {}).unwrap();
    assert_eq!(c.fget("/ram/sub/x.bin", &mut |_| {}).unwrap(), data);
    let list = c.flist("/ram", true, true).unwrap();
    let names: Vec<&str> = list.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(names, ["/ram/sub", "/ram/sub/x.bin"]);
    let want: [u8; 32] = Sha256::digest(&data).into();
    assert_eq!(list[1].sha256, Some(want));
    assert!(c.fstat("/ram").unwrap().unwrap().is_dir);
    assert_eq!(c.fstatvfs("/ram").unwrap().blocks, 64);
    // Renames stay inside one filesystem.
    c.fput("/root.txt", b"r", &mut |_| {}).unwrap();
    assert_eq!(c.frename("/root.txt", "/ram/root.txt").unwrap_err().errno(), Some(Errno::EXDEV));
    // Python sees what the frames wrote.
    assert_eq!(c.exec_ok(b"print(len(open('/ram/sub/x.bin','rb').read()))").unwrap(), b"3000\r\n");
    c.fremove("/ram/sub", true).unwrap();
    assert_eq!(c.flist("/ram", true, false).unwrap(), []);
    drop(c);
    assert_eq!(agent.join().unwrap(), Exit::Shutdown);
}
