//! The host implementation of `upy_hal::Port`: console on stdio, files from the host
//! filesystem, time from the host clock, Ctrl-C from SIGINT.

use std::io::Write;
use std::os::fd::AsFd;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

/// Set by the SIGINT handler; the VM raises KeyboardInterrupt when it sees it.
pub static INTERRUPT: AtomicBool = AtomicBool::new(false);

/// A console other than this process's stdio: the virtual board's pty, or the terminal REPL
/// in raw mode (`pty.rs`). Output reaches it cooked (`\n` → `\r\n`).
pub trait ConsoleIo: Send + Sync {
    /// Write bytes to the host.
    fn write(&self, bytes: &[u8]);
    /// Read input for the running program: blocks until at least one byte (0: interrupted or closing).
    fn read(&self, buf: &mut [u8]) -> usize;
    /// The byte that interrupts running code (-1: none).
    fn set_interrupt_char(&self, c: i32);
    /// Input bytes that can be read now without blocking.
    fn available(&self) -> usize;
}

/// The simulated board's port.
pub struct SimPort {
    start: Instant,
    /// Buffered stdout; None for a port with a console (it must never lock this process's
    /// stdout: a host in the same process may hold that lock, e.g. `upy -d sim repl`).
    out: Option<std::io::BufWriter<std::io::Stdout>>,
    rng: u64,
    /// The device agent's console (`upy-sim --pty`, terminal REPL); None: stdio.
    console: Option<std::sync::Arc<dyn ConsoleIo>>,
    /// Image file of the board's flash (opened on first use of the filesystem).
    flash_path: std::path::PathBuf,
    flash: Option<crate::flash::FlashFile>,
    flash_failed: bool,
    /// The board's image, borrowed for this VM's life instead of opening `flash_path`.
    flash_slot: Option<crate::flash::FlashSlot>,
}

impl SimPort {
    /// A port on this process's stdio.
    pub fn new() -> SimPort {
        let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64);
        SimPort {
            start: Instant::now(),
            out: Some(std::io::BufWriter::with_capacity(8192, std::io::stdout())),
            rng: seed | 1,
            console: None,
            flash_path: crate::flash::default_path(),
            flash: None,
            flash_failed: false,
            flash_slot: None,
        }
    }

    /// A port whose console is `console` (the device agent's board) instead of stdio.
    pub fn with_console(console: std::sync::Arc<dyn ConsoleIo>) -> SimPort {
        let mut p = SimPort::new();
        p.console = Some(console);
        p.out = None;
        p
    }

    fn flush_out(&mut self) {
        if let Some(out) = &mut self.out {
            let _ = out.flush();
        }
    }

    /// Use the flash image at `path` (default: `crate::flash::default_path()`).
    pub fn with_flash(mut self, path: Option<std::path::PathBuf>) -> SimPort {
        if let Some(p) = path {
            self.flash_path = p;
        }
        self
    }
}

impl SimPort {
    /// Use the board's open image (the device agent's boards: pty, terminal, in-process):
    /// borrowed on first use of the filesystem, given back when the port is dropped.
    pub fn with_flash_slot(mut self, slot: crate::flash::FlashSlot) -> SimPort {
        self.flash_slot = Some(slot);
        self
    }
}

impl Default for SimPort {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for SimPort {
    fn drop(&mut self) {
        self.flush_out();
        if let (Some(slot), Some(f)) = (&self.flash_slot, self.flash.take()) {
            slot.put(f);
        }
    }
}

impl upy_hal::Port for SimPort {
    fn stdout_write(&mut self, bytes: &[u8]) {
        if let Some(c) = &self.console {
            return upy_agent::cook(bytes, &mut |b: &[u8]| c.write(b));
        }
        if let Some(out) = &mut self.out {
            let _ = out.write_all(bytes);
            if bytes.contains(&b'\n') && std::io::IsTerminal::is_terminal(&std::io::stdout()) {
                let _ = out.flush();
            }
        }
    }
    fn stderr_write(&mut self, bytes: &[u8]) {
        if self.console.is_some() {
            return self.stdout_write(bytes);
        }
        self.flush_out();
        let _ = std::io::stderr().write_all(bytes);
    }
    fn stdin_read(&mut self, buf: &mut [u8]) -> usize {
        if let Some(c) = &self.console {
            return c.read(buf);
        }
        self.flush_out();
        // Straight from fd 0, not through std's buffered Stdin: bytes buffered there would
        // be invisible to `stdin_available`, which asks the kernel.
        let stdin = std::io::stdin();
        nix::unistd::read(stdin.as_fd(), buf).unwrap_or(0)
    }
    fn ticks_ms(&self) -> u64 {
        self.start.elapsed().as_millis() as u64
    }
    fn ticks_us(&self) -> u64 {
        self.start.elapsed().as_micros() as u64
    }
    fn ticks_cpu(&self) -> u64 {
        self.start.elapsed().as_nanos() as u64
    }
    fn time_ns(&self) -> u64 {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64)
    }
    fn delay_us(&mut self, us: u64) {
        self.flush_out();
        let end = Instant::now() + std::time::Duration::from_micros(us);
        while Instant::now() < end {
            if INTERRUPT.load(std::sync::atomic::Ordering::Relaxed) {
                return;
            }
            let left = end.saturating_duration_since(Instant::now());
            std::thread::sleep(left.min(std::time::Duration::from_millis(10)));
        }
    }
    fn interrupt_flag(&self) -> &'static AtomicBool {
        &INTERRUPT
    }
    fn set_interrupt_char(&mut self, c: i32) {
        if let Some(con) = &self.console {
            con.set_interrupt_char(c);
        }
    }
    fn stdin_available(&mut self) -> usize {
        if let Some(c) = &self.console {
            return c.available();
        }
        // stdio (a pipe, a file, a terminal): ask poll(2) without waiting. Readable means at
        // least one byte, or end of input, can be read without blocking: report 1 then.
        use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
        let stdin = std::io::stdin();
        let mut fds = [PollFd::new(stdin.as_fd(), PollFlags::POLLIN)];
        match poll(&mut fds, PollTimeout::ZERO) {
            Ok(n) if n > 0 => {
                let ev = fds[0].revents().unwrap_or(PollFlags::empty());
                usize::from(ev.intersects(PollFlags::POLLIN | PollFlags::POLLHUP))
            }
            _ => 0,
        }
    }
    fn stdout_write_raw(&mut self, bytes: &[u8]) {
        match &self.console {
            Some(c) => c.write(bytes),
            None => self.stdout_write(bytes),
        }
    }
    fn read_file(&mut self, path: &str, out: &mut dyn FnMut(&[u8])) -> Result<(), upy_hal::HalError> {
        match std::fs::read(path) {
            Ok(b) => {
                out(&b);
                Ok(())
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(upy_hal::HalError::NotFound),
            Err(_) => Err(upy_hal::HalError::Errno(5)),
        }
    }
    fn stat(&mut self, path: &str) -> Option<upy_hal::NodeKind> {
        let m = std::fs::metadata(path).ok()?;
        Some(if m.is_dir() { upy_hal::NodeKind::Dir } else { upy_hal::NodeKind::File })
    }
    fn board_name(&self) -> &'static str {
        "simulated board"
    }
    fn mcu_name(&self) -> &'static str {
        "host"
    }
    fn platform(&self) -> &'static str {
        "linux"
    }
    fn block_device(&mut self) -> Option<&mut dyn upy_hal::BlockDevice> {
        if self.flash.is_none() && !self.flash_failed {
            if let Some(slot) = &self.flash_slot {
                self.flash = slot.take();
                if self.flash.is_none() {
                    self.flash_failed = true;
                    self.flush_out();
                    eprintln!("upy-sim: flash image {}: not available to this VM", self.flash_path.display());
                }
                return self.flash.as_mut().map(|f| f as &mut dyn upy_hal::BlockDevice);
            }
            match crate::flash::FlashFile::open(&self.flash_path, crate::flash::DEFAULT_BYTES) {
                Ok(f) => self.flash = Some(f),
                Err(e) => {
                    self.flash_failed = true;
                    self.flush_out();
                    eprintln!("upy-sim: flash image {}: {e}", self.flash_path.display());
                }
            }
        }
        self.flash.as_mut().map(|f| f as &mut dyn upy_hal::BlockDevice)
    }
    fn random_bytes(&mut self, buf: &mut [u8]) {
        for b in buf {
            // xorshift64*
            self.rng ^= self.rng >> 12;
            self.rng ^= self.rng << 25;
            self.rng ^= self.rng >> 27;
            *b = (self.rng.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 56) as u8;
        }
    }
}
