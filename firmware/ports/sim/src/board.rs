//! The simulated board as a device: the upy device agent on a console, shared by every way of
//! reaching it — a pseudo-terminal (`upy-sim --pty`), this process's terminal (`upy-sim` on a
//! tty), and a host in the same process ([`SimDevice`], what `upy -d sim` uses).
//!
//! One [`Shared`] console sits between the agent, the VM's port and the host. Input from the host
//! goes through [`Shared::take_input`]: while code runs it watches for the interrupt character
//! (Ctrl-C unless `micropython.kbd_intr` changed it); when that arrives it sets the VM's interrupt
//! flag and drops the input buffered so far, as MicroPython's USB CDC ports do; every other byte
//! goes into a queue that the agent (REPL, raw REPL) and the running program (`sys.stdin`) read.
//! On a pty or terminal a reader thread feeds it from the file descriptor ([`Shared::pump`]); an
//! in-process host calls it from [`SimDevice::write`] and collects output with [`SimDevice::read`].
//!
//! [`Shared::stop`] switches the board off: the running program gets KeyboardInterrupt, reads of
//! the console end, the agent returns, and the flash image is synced and closed. Dropping a
//! [`SimDevice`] first commits the files a program left open (`os.sync()` through the raw REPL),
//! as the agent does at a soft reset and when its console closes.

use std::collections::VecDeque;
use std::os::fd::{AsFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use upy_agent::{Agent, Board, Console, Exit, ReadResult};
use upy_vm::{Config, Vm};

use crate::flash::{self, FlashFile, FlashSlot};
use crate::port::{self, ConsoleIo, SimPort};

/// Input queued beyond this is left with the host (a pty's kernel buffer fills and the host's
/// writes block: flow control) — except while code runs, when input keeps being taken so Ctrl-C
/// is seen at once.
const QUEUE_SOFT_MAX: usize = 64 * 1024;
/// Input beyond this is dropped (a UART ring buffer overflowing).
const QUEUE_HARD_MAX: usize = 1024 * 1024;
/// Output an in-process host has not read yet beyond this makes the board wait (USB flow control).
const OUTPUT_MAX: usize = 4 * 1024 * 1024;
/// Ctrl-] on the terminal REPL leaves upy-sim (as in mpremote's `repl`).
const QUIT_KEY: u8 = 0x1d;
/// How long a stopping board's program gets to give up (it may catch KeyboardInterrupt).
pub const STOP_GRACE: Duration = Duration::from_secs(3);
/// How long switching off waits to commit open files (interrupting the program, `os.sync()`).
const COMMIT_GRACE: Duration = Duration::from_millis(1500);
/// The default heap of the simulated board (a small board's).
pub const DEFAULT_HEAP: usize = 256 * 1024;
/// How long [`SimDevice::start`] lets boot.py and main.py run before the host may talk to the
/// board (a board plugged in a while ago has booted; a main.py that never ends is interrupted
/// by the host as on any board).
pub const BOOT_WAIT: Duration = Duration::from_millis(1500);
/// Stack of the thread that runs the VM: the VM bounds its own recursion; a large stack keeps
/// native recursion (repr of nested containers, sort with key, ...) well inside its limits.
pub const VM_STACK: usize = 256 * 1024 * 1024;

/// Where the console's bytes come from and go to.
enum Wire {
    /// A pty master or the terminal: a reader thread pumps input, output is written to the fd.
    Fd {
        input: OwnedFd,
        output: OwnedFd,
        /// Output fd is non-blocking (the pty master); the terminal's stdout stays blocking.
        nonblocking_out: bool,
    },
    /// A host in this process: output waits here for [`SimDevice::read`].
    Memory { out: Mutex<VecDeque<u8>>, out_ready: Condvar },
}

/// The console shared by the agent, the VM's port and the host side (reader thread or in-process host).
pub struct Shared {
    wire: Wire,
    /// The terminal REPL: Ctrl-] quits, end of input quits.
    terminal: bool,
    queue: Mutex<VecDeque<u8>>,
    ready: Condvar,
    intr_char: AtomicI32,
    write_lock: Mutex<()>,
    stop: AtomicBool,
    /// The agent has asked for console input once: boot is over, the REPL runs.
    at_repl: AtomicBool,
}

impl Shared {
    fn with_wire(wire: Wire, terminal: bool) -> Arc<Shared> {
        Arc::new(Shared {
            wire,
            terminal,
            queue: Mutex::new(VecDeque::new()),
            ready: Condvar::new(),
            intr_char: AtomicI32::new(-1),
            write_lock: Mutex::new(()),
            stop: AtomicBool::new(false),
            at_repl: AtomicBool::new(false),
        })
    }

    /// A console on file descriptors: the pty master (`nonblocking_out`: it was made non-blocking),
    /// or the terminal in raw mode (`terminal`: Ctrl-] and end of input switch the board off).
    pub fn on_fds(input: OwnedFd, output: OwnedFd, nonblocking_out: bool, terminal: bool) -> Arc<Shared> {
        Shared::with_wire(Wire::Fd { input, output, nonblocking_out }, terminal)
    }

    /// A console for a host in this process.
    fn in_memory() -> Arc<Shared> {
        Shared::with_wire(Wire::Memory { out: Mutex::new(VecDeque::new()), out_ready: Condvar::new() }, false)
    }

    /// Switch the board off: interrupt the running program, end console reads, wake every waiter.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
        port::INTERRUPT.store(true, Ordering::SeqCst);
        self.ready.notify_all();
        if let Wire::Memory { out_ready, .. } = &self.wire {
            out_ready.notify_all();
        }
    }

    /// Whether [`Shared::stop`] was called.
    pub fn is_stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    fn write_bytes(&self, bytes: &[u8]) {
        match &self.wire {
            Wire::Fd { output, nonblocking_out, .. } => {
                let _g = self.write_lock.lock().unwrap_or_else(|e| e.into_inner());
                self.write_fd(output, *nonblocking_out, bytes);
            }
            Wire::Memory { out, out_ready } => {
                let mut q = out.lock().unwrap_or_else(|e| e.into_inner());
                while q.len() >= OUTPUT_MAX {
                    if self.is_stopped() {
                        return;
                    }
                    q = out_ready.wait_timeout(q, Duration::from_millis(100)).unwrap_or_else(|e| e.into_inner()).0;
                }
                q.extend(bytes);
                drop(q);
                out_ready.notify_all();
            }
        }
    }

    fn write_fd(&self, output: &OwnedFd, nonblocking: bool, bytes: &[u8]) {
        let mut rest = bytes;
        while !rest.is_empty() {
            match nix::unistd::write(output.as_fd(), rest) {
                Ok(0) => return,
                Ok(n) => rest = &rest[n..],
                Err(Errno::EINTR) => {}
                Err(Errno::EAGAIN) if nonblocking => {
                    if self.is_stopped() {
                        return;
                    }
                    let mut fds = [PollFd::new(output.as_fd(), PollFlags::POLLOUT)];
                    let _ = poll(&mut fds, PollTimeout::from(100u16));
                    let rev = fds[0].revents().unwrap_or(PollFlags::empty());
                    if rev.contains(PollFlags::POLLHUP) {
                        // No host has the pty open and the kernel buffer is full: drop output.
                        return;
                    }
                }
                Err(_) => return,
            }
        }
    }

    fn read_one(&self) -> Option<u8> {
        self.at_repl.store(true, Ordering::SeqCst);
        let mut q = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(b) = q.pop_front() {
                return Some(b);
            }
            if self.is_stopped() {
                return None;
            }
            q = self.ready.wait_timeout(q, Duration::from_millis(100)).unwrap_or_else(|e| e.into_inner()).0;
        }
    }

    /// Up to `buf.len()` queued input bytes, waiting at most `timeout` for the first.
    fn read_timeout(&self, buf: &mut [u8], timeout: Duration) -> ReadResult {
        if buf.is_empty() {
            return ReadResult::Data(0);
        }
        let end = Instant::now() + timeout;
        let mut q = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if !q.is_empty() {
                let n = buf.len().min(q.len());
                for (slot, b) in buf.iter_mut().zip(q.drain(..n)) {
                    *slot = b;
                }
                return ReadResult::Data(n);
            }
            if self.is_stopped() {
                return ReadResult::Closed;
            }
            let now = Instant::now();
            if now >= end {
                return ReadResult::Timeout;
            }
            q = self.ready.wait_timeout(q, (end - now).min(Duration::from_millis(100))).unwrap_or_else(|e| e.into_inner()).0;
        }
    }

    /// Whether the host should hold further input back for now (flow control).
    fn input_full(&self) -> bool {
        let watching = self.intr_char.load(Ordering::SeqCst) >= 0;
        !watching && self.queue.lock().map_or(0, |q| q.len()) >= QUEUE_SOFT_MAX
    }

    /// Reader thread body for a console on file descriptors (returns at once for other consoles).
    pub fn pump(self: Arc<Self>) {
        let Wire::Fd { input, .. } = &self.wire else {
            return;
        };
        let mut buf = [0u8; 1024];
        while !self.is_stopped() {
            if self.input_full() {
                std::thread::sleep(Duration::from_millis(5));
                continue;
            }
            let mut fds = [PollFd::new(input.as_fd(), PollFlags::POLLIN)];
            match poll(&mut fds, PollTimeout::from(100u16)) {
                Ok(0) | Err(Errno::EINTR) => continue,
                Ok(_) => {}
                Err(_) => {
                    std::thread::sleep(Duration::from_millis(20));
                    continue;
                }
            }
            let rev = fds[0].revents().unwrap_or(PollFlags::empty());
            if !rev.contains(PollFlags::POLLIN) {
                // POLLHUP: no host has the pty open.
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
            match nix::unistd::read(input.as_fd(), &mut buf) {
                Ok(0) => {
                    if self.terminal {
                        self.stop();
                    } else {
                        std::thread::sleep(Duration::from_millis(20));
                    }
                }
                Ok(n) => self.take_input(&buf[..n]),
                Err(Errno::EINTR | Errno::EAGAIN) => {}
                // EIO: the last host closed the slave.
                Err(_) => std::thread::sleep(Duration::from_millis(20)),
            }
        }
        self.ready.notify_all();
    }

    /// Bytes from the host: the interrupt character interrupts, the rest is queued for the board.
    pub fn take_input(&self, data: &[u8]) {
        let ic = self.intr_char.load(Ordering::SeqCst);
        let mut q = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        for &b in data {
            if self.terminal && b == QUIT_KEY {
                drop(q);
                self.stop();
                return;
            }
            if ic >= 0 && i32::from(b) == ic {
                port::INTERRUPT.store(true, Ordering::SeqCst);
                q.clear();
            } else if q.len() < QUEUE_HARD_MAX {
                q.push_back(b);
            }
        }
        drop(q);
        self.ready.notify_all();
    }
}

impl ConsoleIo for Shared {
    fn write(&self, bytes: &[u8]) {
        self.write_bytes(bytes);
    }

    fn read(&self, buf: &mut [u8]) -> usize {
        if buf.is_empty() {
            return 0;
        }
        let mut q = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if !q.is_empty() {
                let n = buf.len().min(q.len());
                for (slot, b) in buf.iter_mut().zip(q.drain(..n)) {
                    *slot = b;
                }
                return n;
            }
            if self.is_stopped() || port::INTERRUPT.load(Ordering::SeqCst) {
                return 0;
            }
            q = self.ready.wait_timeout(q, Duration::from_millis(50)).unwrap_or_else(|e| e.into_inner()).0;
        }
    }

    fn set_interrupt_char(&self, c: i32) {
        self.intr_char.store(c, Ordering::SeqCst);
    }

    fn available(&self) -> usize {
        self.queue.lock().map_or(0, |q| q.len())
    }
}

/// The agent's handle on the shared console.
pub struct SimConsole(Arc<Shared>);

impl Console for SimConsole {
    fn read_byte(&mut self) -> Option<u8> {
        self.0.read_one()
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0.write_bytes(bytes);
    }
    fn read_timeout(&mut self, buf: &mut [u8], timeout_ms: u32) -> ReadResult {
        self.0.read_timeout(buf, Duration::from_millis(u64::from(timeout_ms)))
    }
}

/// What a board is made of.
#[derive(Debug, Clone)]
pub struct BoardConfig {
    /// Heap of every VM (bytes).
    pub heap: usize,
    /// `sys.exit()` at the friendly REPL ends the agent (the terminal REPL) instead of soft-resetting.
    pub quit_on_exit: bool,
}

/// The simulated board as the agent sees it.
pub struct SimBoard {
    console: SimConsole,
    heap: usize,
    flash: FlashSlot,
    flash_path: PathBuf,
    quit_on_exit: bool,
}

impl SimBoard {
    /// A board on `console` whose filesystem lives in `flash` (opened from `flash_path`).
    pub fn new(console: Arc<Shared>, config: &BoardConfig, flash: FlashSlot, flash_path: PathBuf) -> SimBoard {
        SimBoard { console: SimConsole(console), heap: config.heap, flash, flash_path, quit_on_exit: config.quit_on_exit }
    }

    /// Switch off: write the flash image to storage and close it (releasing its lock). Every
    /// littlefs operation was already issued to the image as it happened (see `flash.rs`).
    pub fn shutdown(&mut self) {
        self.flash.close();
    }
}

impl Board for SimBoard {
    type Console = SimConsole;

    fn console(&mut self) -> &mut SimConsole {
        &mut self.console
    }

    fn new_vm(&mut self) -> Vm {
        let shared: Arc<dyn ConsoleIo> = self.console.0.clone();
        let port = SimPort::with_console(shared)
            .with_flash(Some(self.flash_path.clone()))
            .with_flash_slot(self.flash.clone());
        let mut vm = Vm::new(Box::new(port), Config { heap_bytes: self.heap, ..Config::default() });
        for p in ["", ".frozen", "/lib"] {
            let _ = vm.add_path(p);
        }
        vm
    }

    fn max_program_bytes(&self) -> usize {
        self.heap
    }

    fn before_soft_reset(&mut self) {}

    fn quit_on_sys_exit(&self) -> bool {
        self.quit_on_exit
    }
}

/// Why a simulated board could not start or stop.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    /// Another process (a `upy-sim --pty`, another `upy -d sim`) has the image open.
    #[error("flash image {} is in use by another simulated board", path.display())]
    FlashInUse {
        /// The image.
        path: PathBuf,
    },
    /// The image could not be opened or created.
    #[error("cannot open flash image {}: {source}", path.display())]
    Flash {
        /// The image.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// A second board in one process would share the VM's interrupt flag.
    #[error("a simulated board is already running in this process")]
    AlreadyRunning,
    /// The board's thread could not be created.
    #[error("cannot start the simulated board's thread: {0}")]
    Thread(#[source] std::io::Error),
    /// The program kept running after [`STOP_GRACE`] of interrupts.
    #[error("the simulated board did not stop within {}s: its program keeps catching KeyboardInterrupt", STOP_GRACE.as_secs())]
    StopTimeout,
}

/// Open the image at `path` for a board, mapping a held lock to [`SimError::FlashInUse`].
pub fn open_flash(path: &Path) -> Result<FlashSlot, SimError> {
    match FlashFile::open(path, flash::DEFAULT_BYTES) {
        Ok(f) => Ok(FlashSlot::new(f)),
        Err(e) if flash::is_in_use(&e) => Err(SimError::FlashInUse { path: path.to_path_buf() }),
        Err(source) => Err(SimError::Flash { path: path.to_path_buf(), source }),
    }
}

/// Run the agent on `shared` until the board is switched off or quits; then sync and close the
/// flash. Starts (and joins) the reader thread of a console on file descriptors.
pub fn run_agent(shared: Arc<Shared>, config: &BoardConfig, flash: FlashSlot, flash_path: PathBuf) -> Exit {
    let reader = matches!(shared.wire, Wire::Fd { .. }).then(|| {
        let s = shared.clone();
        std::thread::Builder::new().name("console-reader".into()).spawn(move || s.pump())
    });
    let board = SimBoard::new(shared.clone(), config, flash, flash_path);
    let mut agent = Agent::new(board);
    let exit = agent.run();
    agent.board().shutdown();
    shared.stop();
    if let Some(Ok(r)) = reader {
        let _ = r.join();
    }
    exit
}

/// Only one board runs per process: they would share the VM's interrupt flag.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// One power cycle of a [`SimDevice`].
struct Powered {
    shared: Arc<Shared>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Powered {
    /// Switch off and wait up to [`STOP_GRACE`] for the program and the agent to end.
    fn power_off(&mut self) -> Result<(), SimError> {
        self.shared.stop();
        let Some(t) = self.thread.take() else {
            return Ok(());
        };
        let end = Instant::now() + STOP_GRACE;
        while !t.is_finished() {
            if Instant::now() >= end {
                // The thread keeps the image open; it ends with the process.
                return Err(SimError::StopTimeout);
            }
            // A program catching KeyboardInterrupt in a loop is interrupted again and again.
            port::INTERRUPT.store(true, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = t.join();
        Ok(())
    }
}

/// Stops the board when the thread running it ends, even by a panic: the host then sees a
/// closed connection instead of waiting forever.
struct StopOnExit(Arc<Shared>);

impl Drop for StopOnExit {
    fn drop(&mut self) {
        self.0.stop();
    }
}

/// The simulated board running on a thread of this process, for a host in this process (`upy -d sim`).
///
/// [`SimDevice::write`] and [`SimDevice::read`] are the two ends of its console, like a serial
/// port's; the board powers on in [`SimDevice::start`] (boot.py, main.py, the friendly REPL),
/// [`SimDevice::hard_reset`] power-cycles it, and dropping the device powers it off.
pub struct SimDevice {
    heap: usize,
    flash_path: PathBuf,
    powered: Mutex<Powered>,
}

impl SimDevice {
    /// Power on a board with `heap` bytes of heap and its filesystem in the image at `flash_path`
    /// (created and formatted on first use), and let it boot (boot.py, main.py) for up to
    /// [`BOOT_WAIT`]. Fails if the image is held by another process.
    pub fn start(heap: usize, flash_path: PathBuf) -> Result<SimDevice, SimError> {
        if ACTIVE.swap(true, Ordering::SeqCst) {
            return Err(SimError::AlreadyRunning);
        }
        match Self::power_on(heap, &flash_path) {
            Ok(p) => Ok(SimDevice { heap, flash_path, powered: Mutex::new(p) }),
            Err(e) => {
                ACTIVE.store(false, Ordering::SeqCst);
                Err(e)
            }
        }
    }

    fn power_on(heap: usize, flash_path: &Path) -> Result<Powered, SimError> {
        let flash = open_flash(flash_path)?;
        port::INTERRUPT.store(false, Ordering::SeqCst);
        let shared = Shared::in_memory();
        let config = BoardConfig { heap, quit_on_exit: false };
        let (s, path, slot) = (shared.clone(), flash_path.to_path_buf(), flash.clone());
        let thread = std::thread::Builder::new()
            .name("sim-board".into())
            .stack_size(VM_STACK)
            .spawn(move || {
                let _stop = StopOnExit(s.clone());
                run_agent(s, &config, slot, path);
            })
            .map_err(SimError::Thread)?;
        let end = Instant::now() + BOOT_WAIT;
        while !shared.at_repl.load(Ordering::SeqCst) && !shared.is_stopped() && Instant::now() < end {
            std::thread::sleep(Duration::from_millis(2));
        }
        Ok(Powered { shared, thread: Some(thread) })
    }

    fn shared(&self) -> Arc<Shared> {
        self.powered.lock().unwrap_or_else(|e| e.into_inner()).shared.clone()
    }

    /// The flash image.
    pub fn flash_path(&self) -> &Path {
        &self.flash_path
    }

    /// The heap size (bytes).
    pub fn heap(&self) -> usize {
        self.heap
    }

    /// Send bytes to the board's console (keys, raw-REPL programs, Ctrl-C). Blocks while the board
    /// has a full input buffer and runs no code (flow control).
    pub fn write(&self, data: &[u8]) -> std::io::Result<()> {
        let shared = self.shared();
        for chunk in data.chunks(1024) {
            loop {
                if shared.is_stopped() {
                    return Err(std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the simulated board has stopped"));
                }
                if !shared.input_full() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(2));
            }
            shared.take_input(chunk);
        }
        Ok(())
    }

    /// Read the board's console output into `buf`, waiting at most `timeout` for the first byte.
    /// `Ok(0)`: nothing arrived in time; an error once the board has stopped and all its output was read.
    pub fn read(&self, buf: &mut [u8], timeout: Duration) -> std::io::Result<usize> {
        let shared = self.shared();
        let Wire::Memory { out, out_ready } = &shared.wire else {
            return Ok(0);
        };
        let end = Instant::now() + timeout;
        let mut q = out.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if !q.is_empty() {
                let n = buf.len().min(q.len());
                for (slot, b) in buf.iter_mut().zip(q.drain(..n)) {
                    *slot = b;
                }
                drop(q);
                out_ready.notify_all();
                return Ok(n);
            }
            if shared.is_stopped() {
                return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "the simulated board has stopped"));
            }
            let now = Instant::now();
            if now >= end {
                return Ok(0);
            }
            q = out_ready.wait_timeout(q, end - now).unwrap_or_else(|e| e.into_inner()).0;
        }
    }

    /// Power-cycle the board: stop the program, close the flash, then power on again (a fresh VM,
    /// boot.py, main.py, the friendly REPL; waits for boot as [`SimDevice::start`]). Output of the old board not read yet is lost.
    pub fn hard_reset(&self) -> Result<(), SimError> {
        let mut p = self.powered.lock().unwrap_or_else(|e| e.into_inner());
        p.power_off()?;
        *p = Self::power_on(self.heap, &self.flash_path)?;
        Ok(())
    }
}

impl SimDevice {
    /// Before switching off at the host's end, commit what the program left open, as a soft reset
    /// would: interrupt whatever runs, enter the raw REPL and run `os.sync()`. Gives up after
    /// `limit` (a program that ignores Ctrl-C); littlefs keeps the image consistent either way.
    fn commit_open_files(&self, limit: Duration) {
        let end = Instant::now() + limit;
        let wait_for = |pattern: &[u8]| -> bool {
            let mut seen = Vec::new();
            let mut buf = [0u8; 512];
            while Instant::now() < end {
                match self.read(&mut buf, Duration::from_millis(20)) {
                    Ok(n) => seen.extend_from_slice(&buf[..n]),
                    Err(_) => return false,
                }
                if seen.windows(pattern.len()).any(|w| w == pattern) {
                    return true;
                }
            }
            false
        };
        if self.write(b"\r\x03\x03\x01").is_err() || !wait_for(b"raw REPL; CTRL-B to exit\r\n>") {
            return;
        }
        if self.write(b"import os\nos.sync()\x04").is_ok() {
            wait_for(b"\x04>");
        }
    }
}

impl Drop for SimDevice {
    fn drop(&mut self) {
        self.commit_open_files(COMMIT_GRACE);
        let p = self.powered.get_mut().unwrap_or_else(|e| e.into_inner());
        if p.power_off().is_ok() {
            ACTIVE.store(false, Ordering::SeqCst);
        }
    }
}
