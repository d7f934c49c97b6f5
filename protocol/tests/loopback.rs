//! The host client against the device state machine, in process: a loopback transport whose "device" is
//! `upy_protocol::device::RawRepl` plus a canned executor. Checks that the two ends agree byte for byte,
//! including window flow control with windows smaller than the program, early abort, old firmware without
//! raw-paste, interrupts, soft reset, and garbage from the wire.

use std::collections::VecDeque;
use std::io;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use upy_protocol::device::{Event, RawRepl, State};
use upy_protocol::host::{Client, Errno, Error, FollowOptions, Transport};

/// A simulated board: bytes the host writes wait in `inbox` (the UART buffer) until the host reads, which
/// is when the device gets to run and consume them.
struct Loopback {
    sm: RawRepl,
    inbox: VecDeque<u8>,
    outbox: VecDeque<u8>,
    source: Vec<u8>,
    executed: Vec<Vec<u8>>,
    /// Raw-paste: most bytes the host may have outstanding (the device's input buffer).
    capacity: usize,
    overflowed: bool,
    /// Emulate firmware older than raw-paste (MicroPython < 1.14, e.g. the micro:bit's 1.9.2).
    old_firmware: bool,
    /// Early abort: the "compiler" gives up after this many raw-paste source bytes.
    abort_after: Option<usize>,
    /// A program called `loop` runs until interrupted, printing a tick per host read.
    looping: bool,
    grants: usize,
    /// Drop the next classic-raw program including its `\x04` (a busy board losing a burst).
    lose_next_program: bool,
}

impl Loopback {
    fn new(window: u16) -> Self {
        Loopback {
            sm: RawRepl::new(window),
            inbox: VecDeque::new(),
            outbox: VecDeque::new(),
            source: Vec::new(),
            executed: Vec::new(),
            capacity: 2 * window as usize,
            overflowed: false,
            old_firmware: false,
            abort_after: None,
            looping: false,
            grants: 0,
            lose_next_program: false,
        }
    }

    fn out(&mut self, bytes: &[u8]) {
        self.outbox.extend(bytes);
    }

    fn finish(&mut self, stdout: &[u8], traceback: &[u8]) {
        let mut out = Vec::new();
        out.extend_from_slice(stdout);
        self.sm.end_stdout(&mut |b: &[u8]| out.extend_from_slice(b));
        out.extend_from_slice(traceback);
        self.sm
            .end_execution(false, &mut |b: &[u8]| out.extend_from_slice(b));
        self.out(&out);
    }

    fn run_program(&mut self) {
        let src = std::mem::take(&mut self.source);
        self.executed.push(src.clone());
        if src == b"loop" {
            self.looping = true;
        } else if let Some(rest) = src.strip_prefix(b"raise ") {
            let tb = format!(
                "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\n{}\r\n",
                String::from_utf8_lossy(rest)
            );
            self.finish(b"", tb.as_bytes());
        } else {
            let stdout = format!("ran {} bytes\r\n", src.len());
            self.finish(stdout.as_bytes(), b"");
        }
    }

    /// The device runs: consume everything in the UART buffer.
    fn pump(&mut self) {
        if self.looping {
            self.out(b"tick\r\n");
        }
        while let Some(byte) = self.inbox.pop_front() {
            let mut out = Vec::new();
            let byte = if self.old_firmware
                && byte == 0x05
                && matches!(self.sm.state(), State::RawPrompt { len: 0, .. })
            {
                // Old firmware has no `\x05 X` commands: treat the request like data so that the Ctrl-A
                // which follows resets the raw REPL (banner again), as MicroPython 1.9 does.
                b'#'
            } else {
                byte
            };
            let ev = self.sm.feed(byte, &mut |b: &[u8]| out.extend_from_slice(b));
            self.grants += out.iter().filter(|&&b| b == 0x01).count();
            self.out(&out);
            match ev {
                Event::Friendly(0x01) => {
                    let mut out = Vec::new();
                    self.sm.enter_raw(&mut |b: &[u8]| out.extend_from_slice(b));
                    self.out(&out);
                }
                Event::Friendly(b'\r') | Event::Friendly(0x03) => self.out(b"\r\n>>> "),
                Event::Friendly(_) => {}
                Event::Source(b) => {
                    self.source.push(b);
                    if let (Some(n), State::RawPaste { .. }) = (self.abort_after, self.sm.state())
                        && self.source.len() >= n
                    {
                        let mut out = Vec::new();
                        self.sm
                            .abort_paste(&mut |b: &[u8]| out.extend_from_slice(b));
                        self.out(&out);
                    }
                }
                Event::DiscardSource => self.source.clear(),
                Event::PasteStarted => self.source.clear(),
                Event::Execute(_) => self.run_program(),
                Event::PasteDrained => {
                    self.source.clear();
                    self.finish(
                        b"",
                        b"Traceback (most recent call last):\r\n  File \"<stdin>\", line 1\r\nSyntaxError: invalid syntax\r\n",
                    );
                }
                Event::PasteInterrupted => {
                    self.source.clear();
                    self.finish(
                        b"",
                        b"Traceback (most recent call last):\r\nKeyboardInterrupt: \r\n",
                    );
                }
                Event::Interrupt => {
                    if self.looping {
                        self.looping = false;
                        self.finish(
                            b"",
                            b"Traceback (most recent call last):\r\nKeyboardInterrupt: \r\n",
                        );
                    }
                }
                Event::SoftReset => {
                    self.out(b"MPY: soft reboot\r\n");
                    let mut out = Vec::new();
                    self.sm
                        .after_soft_reset(&mut |b: &[u8]| out.extend_from_slice(b));
                    self.out(&out);
                }
                Event::ExitRawRepl => self.out(b"MicroPython loopback\r\n>>> "),
                // This loopback is stock firmware: frames are never enabled.
                Event::Stdin(_) | Event::None | Event::FramesStarted => {}
            }
        }
    }
}

impl Transport for Loopback {
    fn write_all(&mut self, data: &[u8]) -> io::Result<()> {
        if self.lose_next_program
            && matches!(self.sm.state(), State::RawPrompt { .. })
            && data != b"\x05A\x01"
        {
            if data == [0x04] {
                self.lose_next_program = false;
            }
            return Ok(());
        }
        // The end (`\x04`) and interrupt (`\x03`) bytes are sent outside the window, as on real boards.
        let control = data == [0x04] || data == [0x03];
        if !control
            && matches!(self.sm.state(), State::RawPaste { .. })
            && self.inbox.len() + data.len() > self.capacity
        {
            self.overflowed = true;
        }
        self.inbox.extend(data);
        Ok(())
    }

    fn read(&mut self, buf: &mut [u8], _timeout: Duration) -> io::Result<usize> {
        self.pump();
        let n = buf.len().min(self.outbox.len());
        for (slot, b) in buf.iter_mut().zip(self.outbox.drain(..n)) {
            *slot = b;
        }
        Ok(n)
    }

    fn describe(&self) -> String {
        "loopback".into()
    }
}

fn connected(device: Loopback) -> Client<Loopback> {
    let mut client = Client::new(device);
    client.set_step_timeout(Duration::from_millis(50));
    client.enter_raw_repl(false).expect("enter raw REPL");
    client
}

fn program(len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| b"abcdefghijklmnopqrstuvwxyz\n"[i % 27])
        .collect()
}

#[test]
fn raw_paste_program_larger_than_the_window_arrives_intact() {
    for (window, len) in [(8u16, 100usize), (1, 17), (128, 1000), (32, 64), (5, 5)] {
        let mut client = connected(Loopback::new(window));
        let code = program(len);
        let out = client.exec(&code).unwrap();
        assert_eq!(out.stdout, format!("ran {len} bytes\r\n").as_bytes());
        assert!(out.stderr.is_empty());
        assert_eq!(client.raw_paste_supported(), Some(true));
        let device = client.into_transport();
        assert!(!device.overflowed, "host overran a window of {window}");
        assert_eq!(device.executed, vec![code]);
        assert!(
            device.grants >= len / window as usize,
            "grants {} for {len}/{window}",
            device.grants
        );
    }
}

#[test]
fn several_programs_in_one_session() {
    let mut client = connected(Loopback::new(16));
    for len in [1, 40, 7] {
        assert_eq!(
            client.exec_ok(&program(len)).unwrap(),
            format!("ran {len} bytes\r\n").as_bytes()
        );
    }
    let err = client
        .exec_ok(b"raise OSError: [Errno 2] ENOENT")
        .unwrap_err();
    assert_eq!(err.errno(), Some(Errno::ENOENT));
    assert_eq!(client.exec_ok(b"x").unwrap(), b"ran 1 bytes\r\n");
}

#[test]
fn falls_back_to_classic_raw_on_old_firmware() {
    let mut device = Loopback::new(128);
    device.old_firmware = true;
    let mut client = connected(device);
    let code = program(600);
    assert_eq!(client.exec_ok(&code).unwrap(), b"ran 600 bytes\r\n");
    assert_eq!(client.raw_paste_supported(), Some(false));
    // The fallback is remembered: the second program goes straight to classic raw mode.
    assert_eq!(client.exec_ok(b"second").unwrap(), b"ran 6 bytes\r\n");
    let device = client.into_transport();
    assert_eq!(device.executed, vec![code, b"second".to_vec()]);
}

#[test]
fn stock_firmware_refuses_frames_once_and_programs_still_run() {
    for old in [false, true] {
        let mut device = Loopback::new(128);
        device.old_firmware = old;
        let mut client = connected(device);
        assert_eq!(client.frames().unwrap(), None, "old firmware: {old}");
        assert_eq!(client.frames_known(), Some(false));
        assert!(!client.in_frames());
        // Asked once per session: the second call sends nothing.
        let queued = client.transport_mut().inbox.len();
        assert_eq!(client.frames().unwrap(), None);
        assert_eq!(client.transport_mut().inbox.len(), queued);
        assert_eq!(client.exec_ok(b"after").unwrap(), b"ran 5 bytes\r\n");
        // Frame operations are refused without touching the wire.
        assert!(matches!(client.fstat("/x"), Err(Error::Protocol(_))));
        let device = client.into_transport();
        assert_eq!(
            device.executed,
            vec![b"after".to_vec()],
            "old firmware: {old}"
        );
    }
}

#[test]
fn a_lost_classic_raw_program_is_sent_again() {
    let mut device = Loopback::new(128);
    device.old_firmware = true;
    let mut client = connected(device);
    assert_eq!(client.exec_ok(b"first").unwrap(), b"ran 5 bytes\r\n");
    client.transport_mut().lose_next_program = true;
    assert_eq!(client.exec_ok(b"second").unwrap(), b"ran 6 bytes\r\n");
    let device = client.into_transport();
    assert_eq!(device.executed, vec![b"first".to_vec(), b"second".to_vec()]);
}

#[test]
fn device_early_abort_is_acknowledged_and_reported() {
    let mut device = Loopback::new(8);
    device.abort_after = Some(20);
    let mut client = connected(device);
    let err = client.exec_ok(&program(200)).unwrap_err();
    match err {
        Error::Exception(e) => assert_eq!(e.kind, "SyntaxError"),
        other => panic!("expected a SyntaxError, got {other:?}"),
    }
    let mut device = client.into_transport();
    // The session is usable again: the abort was drained with the host's `\x04`.
    device.abort_after = None;
    let mut client = Client::new(device);
    client.set_step_timeout(Duration::from_millis(50));
    client.enter_raw_repl(false).unwrap();
    assert_eq!(client.exec_ok(b"ok").unwrap(), b"ran 2 bytes\r\n");
}

#[test]
fn interrupt_reaches_a_running_program() {
    let mut client = connected(Loopback::new(128));
    client.exec_no_follow(b"loop").unwrap();
    let flag = AtomicBool::new(true);
    let mut seen = Vec::new();
    let stderr = client
        .follow(
            &mut |b| seen.extend_from_slice(b),
            FollowOptions {
                idle_timeout: None,
                interrupt: Some(&flag),
            },
        )
        .unwrap();
    assert!(String::from_utf8_lossy(&stderr).contains("KeyboardInterrupt"));
    assert!(seen.starts_with(b"tick\r\n"));
    assert_eq!(client.exec_ok(b"after").unwrap(), b"ran 5 bytes\r\n");
}

#[test]
fn soft_reset_and_exit() {
    let mut device = Loopback::new(128);
    let mut client = Client::new(device);
    client.set_step_timeout(Duration::from_millis(50));
    client.enter_raw_repl(true).unwrap();
    assert_eq!(client.exec_ok(b"abc").unwrap(), b"ran 3 bytes\r\n");
    client.exit_raw_repl().unwrap();
    device = client.into_transport();
    device.pump();
    assert_eq!(device.sm.state(), State::Friendly);
}

/// A transport that answers everything with pseudo-random bytes.
struct Garbage {
    seed: u64,
    budget: usize,
}

impl Transport for Garbage {
    fn write_all(&mut self, _data: &[u8]) -> io::Result<()> {
        Ok(())
    }
    fn read(&mut self, buf: &mut [u8], _timeout: Duration) -> io::Result<usize> {
        if self.budget == 0 {
            return Ok(0);
        }
        let n = buf
            .len()
            .min(self.budget)
            .min((self.seed % 37) as usize + 1);
        for slot in &mut buf[..n] {
            self.seed ^= self.seed << 13;
            self.seed ^= self.seed >> 7;
            self.seed ^= self.seed << 17;
            *slot = if self.seed.is_multiple_of(4) {
                (self.seed >> 8) as u8 % 6
            } else {
                (self.seed >> 16) as u8
            };
        }
        self.budget -= n;
        Ok(n)
    }
    fn describe(&self) -> String {
        "garbage".into()
    }
}

#[test]
fn garbage_from_the_wire_is_an_error_not_a_panic() {
    for seed in 1..100u64 {
        let mut client = Client::new(Garbage { seed, budget: 3000 });
        client.set_step_timeout(Duration::from_millis(1));
        match client.enter_raw_repl(seed % 2 == 0) {
            Ok(()) => {
                let _ = client.exec(b"print(1)");
            }
            Err(e) => {
                let _ = e.to_string();
            }
        }
        // Also force the program path past the handshake.
        let mut client = Client::new(Garbage {
            seed: seed * 7919,
            budget: 3000,
        });
        client.set_step_timeout(Duration::from_millis(1));
        let _ = client.exec(b"print(1)");
    }
}

#[test]
fn garbage_into_the_device_machine_then_a_clean_session() {
    // Random bytes into the device end, then a real handshake must still work (Ctrl-C/Ctrl-A resync).
    let mut device = Loopback::new(16);
    let mut seed = 42u64;
    for _ in 0..5000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        device.inbox.push_back((seed >> 11) as u8);
    }
    device.pump();
    device.looping = false;
    device.outbox.clear();
    let mut client = Client::new(device);
    client.set_step_timeout(Duration::from_millis(50));
    client.enter_raw_repl(false).unwrap();
    assert_eq!(client.exec_ok(b"hello").unwrap(), b"ran 5 bytes\r\n");
}
