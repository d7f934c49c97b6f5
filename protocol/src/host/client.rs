//! The raw-REPL client state machine (host side).

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::Transport;
use super::error::{DeviceException, Error};
use crate::ctrl::{
    CTRL_A, CTRL_C, CTRL_D, RAW_BANNER, RAW_BANNER_PROMPT, RAW_OK, RAW_PASTE_REQUEST, SOFT_REBOOT,
};

/// Result of one program run on the device.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExecOutput {
    /// Everything the program printed (device newlines, `\r\n`).
    pub stdout: Vec<u8>,
    /// The traceback text, empty when the program succeeded.
    pub stderr: Vec<u8>,
}

impl ExecOutput {
    /// `Ok(stdout)` if the program succeeded, else the parsed exception.
    pub fn into_result(self) -> Result<Vec<u8>, Error> {
        if self.stderr.is_empty() {
            Ok(self.stdout)
        } else {
            Err(Error::Exception(DeviceException::parse(&self.stderr)))
        }
    }
}

/// How [`Client::follow`] waits for a program.
#[derive(Default)]
pub struct FollowOptions<'a> {
    /// Give up when the device is silent this long. `None`: wait as long as the program runs.
    pub idle_timeout: Option<Duration>,
    /// When set (e.g. by a Ctrl-C handler), the client sends `\x03` to the device and clears it. After the
    /// third request the client stops waiting and returns [`Error::Interrupted`].
    pub interrupt: Option<&'a AtomicBool>,
}

/// Timeout for each protocol step (per quiet period), as mpremote's 10 s per character.
pub const STEP_TIMEOUT: Duration = Duration::from_secs(10);

/// Classic raw mode has no flow control. mpremote sends 256-byte slices every 10 ms; boards old enough to
/// lack raw-paste have small receive rings (the micro:bit's MicroPython 1.9 loses bytes while its GC runs
/// when data arrives faster than a 115200-baud wire would bring it, as under QEMU), so the client paces at
/// about wire speed: 32 bytes every 3 ms (~10.7 KB/s). Boards with raw-paste never take this path.
const RAW_SLICE: usize = 32;
const RAW_SLICE_PAUSE: Duration = Duration::from_millis(3);
/// Pause between the `>` prompt and a classic-raw program (see `raw_write`).
const RAW_PROMPT_SETTLE: Duration = Duration::from_millis(5);
/// How long the `OK` may take once the whole program was written.
const RAW_ACK_TIMEOUT: Duration = Duration::from_secs(2);
/// Sends of one classic-raw program before giving up.
const RAW_ATTEMPTS: usize = 3;

/// A raw-REPL session with one device.
pub struct Client<T: Transport> {
    pub(super) transport: T,
    pub(super) pending: VecDeque<u8>,
    /// `None` until the first program: then whether the device answered `R\x01`.
    raw_paste: Option<bool>,
    pub(super) in_raw: bool,
    /// A `>` prompt is due before the next program can be sent.
    pub(super) prompt_due: bool,
    pub(super) step_timeout: Duration,
    /// upy frames: `None` until asked, then what the device answered (see `frames.rs`).
    pub(super) frames: Option<Option<super::frames::FramesInfo>>,
    /// The device is serving frames right now (the raw REPL is suspended).
    pub(super) in_frames: bool,
    pub(super) frame_seq: u8,
    pub(super) wire: super::frames::WireStats,
}

impl<T: Transport> Client<T> {
    /// Wrap a transport. Nothing is sent until [`Client::enter_raw_repl`].
    pub fn new(transport: T) -> Self {
        Client {
            transport,
            pending: VecDeque::new(),
            raw_paste: None,
            in_raw: false,
            prompt_due: false,
            step_timeout: STEP_TIMEOUT,
            frames: None,
            in_frames: false,
            frame_seq: 0,
            wire: super::frames::WireStats::default(),
        }
    }

    /// Change the per-step timeout (default [`STEP_TIMEOUT`]).
    pub fn set_step_timeout(&mut self, timeout: Duration) {
        self.step_timeout = timeout;
    }

    /// The transport, e.g. for REPL passthrough. Bytes already read but not consumed are in
    /// [`Client::take_pending`].
    pub fn transport_mut(&mut self) -> &mut T {
        &mut self.transport
    }

    /// The transport's description (port path, `tcp:...`).
    pub fn describe(&self) -> String {
        self.transport.describe()
    }

    /// Bytes received but not yet consumed by the protocol.
    pub fn take_pending(&mut self) -> Vec<u8> {
        self.pending.drain(..).collect()
    }

    /// Give the transport back.
    pub fn into_transport(self) -> T {
        self.transport
    }

    /// Whether the client believes the device is in the raw REPL.
    pub fn in_raw_repl(&self) -> bool {
        self.in_raw
    }

    /// Whether raw-paste is in use (`None` before the first program was sent).
    pub fn raw_paste_supported(&self) -> Option<bool> {
        self.raw_paste
    }

    /// Never try raw-paste on this connection (for devices known to mishandle it).
    pub fn disable_raw_paste(&mut self) {
        self.raw_paste = Some(false);
    }

    // ---- low-level reading -------------------------------------------------------------------

    /// Read from the transport into `pending`; false on timeout.
    pub(super) fn fill(&mut self, timeout: Duration) -> Result<bool, Error> {
        let mut buf = [0u8; 4096];
        let n = self.transport.read(&mut buf, timeout)?;
        self.pending.extend(&buf[..n]);
        Ok(n > 0)
    }

    fn byte_waiting(&mut self) -> Result<bool, Error> {
        if self.pending.is_empty() {
            self.fill(Duration::ZERO)?;
        }
        Ok(!self.pending.is_empty())
    }

    pub(super) fn read_byte(&mut self, timeout: Duration) -> Result<Option<u8>, Error> {
        if self.pending.is_empty() && !self.fill(timeout)? {
            return Ok(None);
        }
        Ok(self.pending.pop_front())
    }

    pub(super) fn read_exact(
        &mut self,
        n: usize,
        waiting_for: &'static str,
    ) -> Result<Vec<u8>, Error> {
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            match self.read_byte(self.step_timeout)? {
                Some(b) => out.push(b),
                None => {
                    return Err(Error::Timeout {
                        waiting_for,
                        received: out,
                    });
                }
            }
        }
        Ok(out)
    }

    /// Consume bytes until the data ends with `suffix`. Fails when the device is quiet for
    /// `idle`, or when `overall` has passed.
    pub(super) fn read_until(
        &mut self,
        suffix: &[u8],
        idle: Duration,
        overall: Duration,
        waiting_for: &'static str,
    ) -> Result<Vec<u8>, Error> {
        let start = Instant::now();
        let mut got = Vec::new();
        loop {
            while let Some(b) = self.pending.pop_front() {
                got.push(b);
                if got.ends_with(suffix) {
                    return Ok(got);
                }
            }
            let left = overall.saturating_sub(start.elapsed());
            if left.is_zero() || !self.fill(idle.min(left))? {
                return Err(Error::Timeout {
                    waiting_for,
                    received: got,
                });
            }
        }
    }

    /// Discard everything the device has sent so far (what is waiting right now).
    pub(super) fn drain(&mut self) -> Result<(), Error> {
        self.pending.clear();
        let start = Instant::now();
        while self.fill(Duration::ZERO)? && start.elapsed() < Duration::from_millis(500) {
            self.pending.clear();
        }
        self.pending.clear();
        Ok(())
    }

    // ---- raw REPL entry and exit --------------------------------------------------------------

    /// Interrupt any running program and enter the raw REPL, as mpremote does: `\r\x03`, drain,
    /// `\r\x01`, wait for the banner and `>`. With `soft_reset`, then `\x04` and wait for the reboot.
    ///
    /// Retries the interrupt once with a double Ctrl-C (older tools' sequence) before giving up with
    /// [`Error::CouldNotEnterRawRepl`] carrying the bytes received, for diagnosis.
    pub fn enter_raw_repl(&mut self, soft_reset: bool) -> Result<(), Error> {
        self.transport.write_all(b"\r\x03")?;
        // Let a chatty program's last output and the interrupt's traceback arrive, then drop it.
        std::thread::sleep(Duration::from_millis(20));
        self.drain()?;
        let mut received = Vec::new();
        let attempts: [(&[u8], Duration); 2] = [
            (b"\r\x01", Duration::from_secs(3)),
            (b"\r\x03\x03\r\x01", Duration::from_secs(7)),
        ];
        let mut entered = false;
        for (bytes, wait) in attempts {
            self.transport.write_all(bytes)?;
            match self.read_until(RAW_BANNER_PROMPT, wait, wait, "the raw REPL banner") {
                Ok(_) => {
                    entered = true;
                    break;
                }
                Err(Error::Timeout { received: r, .. }) => {
                    received.extend_from_slice(&r);
                }
                Err(e) => return Err(e),
            }
        }
        if !entered {
            let keep = received.len().saturating_sub(512);
            return Err(Error::CouldNotEnterRawRepl {
                received: received.split_off(keep),
            });
        }
        self.in_raw = true;
        self.in_frames = false;
        self.prompt_due = false;
        if soft_reset {
            self.soft_reset()?;
        }
        Ok(())
    }

    /// Soft-reset the device from the raw REPL and wait until the raw REPL is back.
    pub fn soft_reset(&mut self) -> Result<(), Error> {
        self.leave_frames()?;
        if self.prompt_due {
            self.wait_prompt()?;
        }
        self.transport.write_all(&[CTRL_D])?;
        self.read_until(
            SOFT_REBOOT,
            self.step_timeout,
            self.step_timeout * 2,
            "the soft reboot line",
        )?;
        // boot.py output may come in between.
        self.read_until(
            RAW_BANNER,
            self.step_timeout,
            self.step_timeout * 3,
            "the raw REPL banner after reboot",
        )?;
        self.prompt_due = true;
        Ok(())
    }

    /// Leave the raw REPL for the friendly REPL (`\r\x02`).
    pub fn exit_raw_repl(&mut self) -> Result<(), Error> {
        // In frame mode the `\r` below ends frame mode on the device (a control byte outside a frame),
        // and the raw REPL then takes the `\x02`: no END round trip needed.
        self.in_frames = false;
        if self.in_raw {
            self.transport.write_all(b"\r\x02")?;
            self.in_raw = false;
            self.prompt_due = false;
        }
        Ok(())
    }

    /// Send Ctrl-C (interrupt the running program).
    pub fn interrupt(&mut self) -> Result<(), Error> {
        self.transport.write_all(&[CTRL_C])?;
        Ok(())
    }

    pub(super) fn wait_prompt(&mut self) -> Result<(), Error> {
        self.read_until(
            b">",
            self.step_timeout,
            self.step_timeout,
            "the raw REPL prompt",
        )?;
        self.prompt_due = false;
        Ok(())
    }

    // ---- submitting programs -----------------------------------------------------------------

    /// Send a program and let it start, without reading its output (see [`Client::follow`]).
    pub fn exec_no_follow(&mut self, code: &[u8]) -> Result<(), Error> {
        if !self.in_raw {
            return Err(Error::Protocol("not in raw REPL".into()));
        }
        self.leave_frames()?;
        if self.prompt_due {
            self.wait_prompt()?;
        }
        if self.raw_paste != Some(false) {
            self.transport.write_all(RAW_PASTE_REQUEST)?;
            let answer = self.read_exact(2, "the raw-paste answer")?;
            match answer.as_slice() {
                b"R\x01" => {
                    self.raw_paste = Some(true);
                    return self.raw_paste_write(code);
                }
                b"R\x00" => {
                    // Known command family, unknown command: the device prints `>` again.
                    self.wait_prompt()?;
                }
                _ => {
                    // Old firmware took the Ctrl-A as "reset raw REPL" and printed the banner again
                    // (normally `ra` + `w REPL; CTRL-B to exit\r\n>`): read up to the end of it.
                    for &b in answer.iter().rev() {
                        self.pending.push_front(b);
                    }
                    let mut seen = Vec::new();
                    let rest = self.read_until(
                        RAW_BANNER_PROMPT,
                        self.step_timeout,
                        self.step_timeout,
                        "the raw REPL banner after a refused raw-paste",
                    );
                    match rest {
                        Ok(_) => {}
                        Err(Error::Timeout { received, .. }) => {
                            seen.extend_from_slice(&received);
                            return Err(Error::Protocol(format!(
                                "unexpected answer to the raw-paste request: {}",
                                super::show_bytes(&seen)
                            )));
                        }
                        Err(e) => return Err(e),
                    }
                }
            }
            self.raw_paste = Some(false);
        }
        self.raw_write(code)
    }

    fn raw_write(&mut self, code: &[u8]) -> Result<(), Error> {
        // Classic raw mode has no flow control. Some boards (the micro:bit's MicroPython 1.9, seen under
        // QEMU) are still busy for a moment after printing `>` and drop a burst that arrives then, so the
        // client lets the prompt settle first. If the `OK` still does not come, nothing was run (the
        // device acknowledges before compiling): discard its partial buffer with Ctrl-C, resync with
        // Ctrl-A (banner + `>`) and send again.
        let mut seen = Vec::new();
        for attempt in 0..RAW_ATTEMPTS {
            std::thread::sleep(RAW_PROMPT_SETTLE * (attempt as u32 * 4 + 1));
            for (i, slice) in code.chunks(RAW_SLICE).enumerate() {
                if i > 0 {
                    std::thread::sleep(RAW_SLICE_PAUSE);
                }
                self.transport.write_all(slice)?;
            }
            self.transport.write_all(&[CTRL_D])?;
            let ack_wait = self.step_timeout.min(RAW_ACK_TIMEOUT);
            let mut ack = Vec::new();
            while ack.len() < 2 {
                match self.read_byte(ack_wait)? {
                    Some(b) => ack.push(b),
                    None => break,
                }
            }
            if ack == RAW_OK {
                return Ok(());
            }
            if !ack.is_empty() {
                return Err(Error::Protocol(format!(
                    "could not exec the program (device answered {})",
                    super::show_bytes(&ack)
                )));
            }
            seen.extend_from_slice(&ack);
            if attempt + 1 < RAW_ATTEMPTS {
                self.transport.write_all(&[CTRL_C, CTRL_A])?;
                self.read_until(
                    RAW_BANNER_PROMPT,
                    self.step_timeout,
                    self.step_timeout,
                    "the raw REPL banner",
                )?;
            }
        }
        Err(Error::Timeout {
            waiting_for: "the OK after a program",
            received: seen,
        })
    }

    fn raw_paste_write(&mut self, code: &[u8]) -> Result<(), Error> {
        let header = self.read_exact(2, "the raw-paste window size")?;
        let window = u16::from_le_bytes([header[0], header[1]]) as usize;
        if window == 0 {
            return Err(Error::Protocol(
                "device announced a raw-paste window of 0 bytes".into(),
            ));
        }
        let mut remaining = window;
        let mut i = 0;
        while i < code.len() {
            while remaining == 0 || self.byte_waiting()? {
                let b = match self.read_byte(self.step_timeout)? {
                    Some(b) => b,
                    None => {
                        return Err(Error::Timeout {
                            waiting_for: "a raw-paste window grant",
                            received: Vec::new(),
                        });
                    }
                };
                match b {
                    CTRL_A => remaining += window,
                    CTRL_D => {
                        // The device stopped reading (e.g. a syntax error): acknowledge and stop.
                        self.transport.write_all(&[CTRL_D])?;
                        return Ok(());
                    }
                    other => {
                        return Err(Error::Protocol(format!(
                            "unexpected byte {} during raw-paste",
                            super::show_bytes(&[other])
                        )));
                    }
                }
            }
            let end = code.len().min(i + remaining);
            self.transport.write_all(&code[i..end])?;
            remaining -= end - i;
            i = end;
        }
        self.transport.write_all(&[CTRL_D])?;
        self.read_until(
            &[CTRL_D],
            self.step_timeout,
            self.step_timeout * 3,
            "the end of raw-paste acknowledgement",
        )?;
        Ok(())
    }

    /// Read a running program's output: stdout (streamed to `on_stdout`) up to the first `\x04`, then
    /// the error text up to the second. Returns the error text (empty on success).
    pub fn follow(
        &mut self,
        on_stdout: &mut dyn FnMut(&[u8]),
        opts: FollowOptions<'_>,
    ) -> Result<Vec<u8>, Error> {
        const TICK: Duration = Duration::from_millis(50);
        let mut stderr = Vec::new();
        let mut in_stdout = true;
        let mut interrupts = 0;
        let mut quiet_since = Instant::now();
        loop {
            if !self.pending.is_empty() {
                quiet_since = Instant::now();
                let data: Vec<u8> = self.pending.drain(..).collect();
                let mut rest: &[u8] = &data;
                while !rest.is_empty() {
                    match rest.iter().position(|&b| b == CTRL_D) {
                        Some(pos) => {
                            if in_stdout {
                                on_stdout(&rest[..pos]);
                                in_stdout = false;
                            } else {
                                stderr.extend_from_slice(&rest[..pos]);
                                self.pending.extend(&rest[pos + 1..]);
                                self.prompt_due = true;
                                return Ok(stderr);
                            }
                            rest = &rest[pos + 1..];
                        }
                        None => {
                            if in_stdout {
                                on_stdout(rest);
                            } else {
                                stderr.extend_from_slice(rest);
                            }
                            rest = &[];
                        }
                    }
                }
            }
            if let Some(flag) = opts.interrupt
                && flag.swap(false, Ordering::SeqCst)
            {
                interrupts += 1;
                if interrupts >= 3 {
                    // The program ignores Ctrl-C: stop waiting, leave it running.
                    self.in_raw = false;
                    return Err(Error::Interrupted);
                }
                self.transport.write_all(&[CTRL_C])?;
            }
            if let Some(idle) = opts.idle_timeout
                && quiet_since.elapsed() >= idle
            {
                return Err(Error::Timeout {
                    waiting_for: "the program's output",
                    received: stderr,
                });
            }
            self.fill(TICK)?;
        }
    }

    /// Run a program and collect its output, with the per-step timeout as idle limit.
    pub fn exec(&mut self, code: &[u8]) -> Result<ExecOutput, Error> {
        self.exec_no_follow(code)?;
        let mut stdout = Vec::new();
        let stderr = self.follow(
            &mut |b| stdout.extend_from_slice(b),
            FollowOptions {
                idle_timeout: Some(self.step_timeout),
                interrupt: None,
            },
        )?;
        Ok(ExecOutput { stdout, stderr })
    }

    /// Run a program; its stdout if it succeeded, else [`Error::Exception`].
    pub fn exec_ok(&mut self, code: &[u8]) -> Result<Vec<u8>, Error> {
        self.exec(code)?.into_result()
    }

    /// Whether the raw REPL still answers (sends Ctrl-A: reprint banner; used after resets).
    pub fn resync(&mut self) -> Result<(), Error> {
        self.drain()?;
        self.transport.write_all(&[CTRL_C, CTRL_A])?;
        self.read_until(
            RAW_BANNER_PROMPT,
            self.step_timeout,
            self.step_timeout,
            "the raw REPL banner",
        )?;
        self.prompt_due = false;
        self.in_raw = true;
        self.in_frames = false;
        Ok(())
    }
}
