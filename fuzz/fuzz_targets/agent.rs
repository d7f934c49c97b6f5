//! Fuzz target: the device agent (friendly REPL, raw REPL, raw-paste and the upy frame server)
//! fed an arbitrary byte stream, as a board's console would be by a broken or hostile host.
//!
//! The input is a list of records so the fuzzer reaches deep into the frame server without
//! having to guess CRC-32s: raw bytes, well-formed frames (any type, sequence and payload, with a
//! correct CRC), frames with a damaged CRC, and read timeouts. A first byte with bit 0 set starts
//! by entering the raw REPL and asking for frames (`\r\x01\x05U\x01`). Any outcome is fine as long
//! as the agent neither panics nor hangs, and it returns when the input ends.
#![no_main]

use std::collections::VecDeque;
use std::sync::atomic::AtomicBool;

use libfuzzer_sys::fuzz_target;
use upy_agent::{Agent, Board, Console, ReadResult};
use upy_protocol::frame;
use upy_vfs::RamBlockDevice;
use upy_vm::{Config, Vm};

static INTERRUPT: AtomicBool = AtomicBool::new(false);

enum Chunk {
    Bytes(VecDeque<u8>),
    Timeout,
}

/// A console that replays the fuzz input and discards everything the board writes.
struct ReplayConsole {
    input: VecDeque<Chunk>,
}

impl Console for ReplayConsole {
    fn read_byte(&mut self) -> Option<u8> {
        loop {
            match self.input.front_mut()? {
                Chunk::Bytes(b) => match b.pop_front() {
                    Some(x) => return Some(x),
                    None => {
                        self.input.pop_front();
                    }
                },
                Chunk::Timeout => {
                    self.input.pop_front();
                }
            }
        }
    }
    fn write(&mut self, _bytes: &[u8]) {}
    fn read_timeout(&mut self, buf: &mut [u8], _timeout_ms: u32) -> ReadResult {
        if buf.is_empty() {
            return ReadResult::Data(0);
        }
        loop {
            match self.input.front_mut() {
                None => return ReadResult::Closed,
                Some(Chunk::Timeout) => {
                    self.input.pop_front();
                    return ReadResult::Timeout;
                }
                Some(Chunk::Bytes(b)) => {
                    let mut n = 0;
                    while n < buf.len() {
                        match b.pop_front() {
                            Some(x) => {
                                buf[n] = x;
                                n += 1;
                            }
                            None => break,
                        }
                    }
                    if b.is_empty() {
                        self.input.pop_front();
                    }
                    if n > 0 {
                        return ReadResult::Data(n);
                    }
                }
            }
        }
    }
}

struct FuzzBoard {
    console: ReplayConsole,
}

impl Board for FuzzBoard {
    type Console = ReplayConsole;
    fn console(&mut self) -> &mut ReplayConsole {
        &mut self.console
    }
    fn new_vm(&mut self) -> Vm {
        // 32 blocks of 4 KiB: small enough that the fuzzer can fill it (ENOSPC paths).
        let port = upy_hal::NullPort::new("fuzz board", &INTERRUPT, |_: &[u8]| {}).with_flash(RamBlockDevice::new(4096, 32));
        Vm::new(Box::new(port), Config { heap_bytes: 64 * 1024, fuel: Some(20_000), max_frames: 200, ..Config::default() })
    }
    fn max_program_bytes(&self) -> usize {
        4096
    }
}

/// Turn the fuzz input into console chunks (see the module documentation).
fn chunks(data: &[u8]) -> VecDeque<Chunk> {
    let mut out = VecDeque::new();
    let Some((&first, mut rest)) = data.split_first() else { return out };
    if first & 1 == 1 {
        out.push_back(Chunk::Bytes(b"\r\x01\x05U\x01".iter().copied().collect()));
    }
    let mut buf = vec![0u8; 300];
    while let Some((&kind, tail)) = rest.split_first() {
        rest = tail;
        match kind % 4 {
            0 => {
                let n = rest.first().map_or(0, |&n| n as usize);
                let take = (n).min(rest.len().saturating_sub(1));
                let bytes = rest.get(1..1 + take).unwrap_or(&[]);
                out.push_back(Chunk::Bytes(bytes.iter().copied().collect()));
                rest = rest.get(1 + take..).unwrap_or(&[]);
            }
            1 | 3 => {
                let (ty, seq, len) = match rest {
                    [t, s, l, ..] => (*t, *s, *l as usize),
                    _ => break,
                };
                let payload = rest.get(3..3 + len.min(rest.len() - 3)).unwrap_or(&[]);
                rest = rest.get(3 + payload.len()..).unwrap_or(&[]);
                if let Some(n) = frame::encode(ty, seq, &[payload], &mut buf) {
                    let mut bytes: Vec<u8> = buf[..n].to_vec();
                    if kind % 4 == 3 {
                        if let Some(last) = bytes.last_mut() {
                            *last ^= 0x5a;
                        }
                    }
                    out.push_back(Chunk::Bytes(bytes.into_iter().collect()));
                }
            }
            _ => out.push_back(Chunk::Timeout),
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let console = ReplayConsole { input: chunks(data) };
    let mut agent = Agent::new(FuzzBoard { console });
    let _ = agent.run();
});
