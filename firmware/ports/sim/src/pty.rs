//! The simulated board as a device: the upy device agent on a pseudo-terminal (`upy-sim --pty`)
//! or on this process's terminal in raw mode (`upy-sim` with a terminal on stdin).
//!
//! A reader thread owns console input. While code runs it watches for the interrupt character
//! (Ctrl-C unless `micropython.kbd_intr` changed it): when it arrives it sets the VM's interrupt
//! flag and drops the input buffered so far, as MicroPython's USB CDC ports do; every other byte
//! goes into a queue that the agent (REPL, raw REPL) and the running program (`sys.stdin`) read.
//!
//! The pty outlives its hosts: upy-sim keeps the master open, a host opens and closes the slave
//! (`/dev/pts/N`) as often as it likes. Output written while no host has the slave open is kept
//! by the kernel up to its buffer size, then dropped (a board's USB FIFO behaves alike).
//! SIGTERM, SIGINT or SIGHUP stops the board: the running program gets KeyboardInterrupt, the
//! agent returns, the filesystem is flushed ([`SimBoard::shutdown`]), and the process exits 0.

use std::collections::VecDeque;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use anyhow::{Context, Result};
use nix::errno::Errno;
use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
use nix::sys::termios::{self, SetArg};
use upy_agent::{Agent, Board, Console, Exit};
use upy_vm::{Config, Vm};

use crate::port::{self, ConsoleIo, SimPort};

/// Set by SIGTERM / SIGINT / SIGHUP (and by end of input on the terminal REPL).
static SHUTDOWN: AtomicBool = AtomicBool::new(false);

/// Input queued beyond this is left in the kernel's buffer (the host's writes block: flow
/// control) — except while code runs, when input keeps being read so Ctrl-C is seen at once.
const QUEUE_SOFT_MAX: usize = 64 * 1024;
/// Input beyond this is dropped (a UART ring buffer overflowing).
const QUEUE_HARD_MAX: usize = 1024 * 1024;
/// Ctrl-] on the terminal REPL leaves upy-sim (as in mpremote's `repl`).
const QUIT_KEY: u8 = 0x1d;

/// The console shared by the agent, the VM's port and the reader thread.
pub struct Shared {
    input: OwnedFd,
    output: OwnedFd,
    /// Output fd is non-blocking (the pty master); the terminal's stdout stays blocking.
    nonblocking_out: bool,
    /// The terminal REPL: Ctrl-] quits, end of input quits.
    terminal: bool,
    queue: Mutex<VecDeque<u8>>,
    ready: Condvar,
    intr_char: AtomicI32,
    write_lock: Mutex<()>,
}

impl Shared {
    fn shutting_down() -> bool {
        SHUTDOWN.load(Ordering::SeqCst)
    }

    fn write_bytes(&self, bytes: &[u8]) {
        let _g = self.write_lock.lock().unwrap_or_else(|e| e.into_inner());
        let mut rest = bytes;
        while !rest.is_empty() {
            match nix::unistd::write(self.output.as_fd(), rest) {
                Ok(0) => return,
                Ok(n) => rest = &rest[n..],
                Err(Errno::EINTR) => {}
                Err(Errno::EAGAIN) if self.nonblocking_out => {
                    if Self::shutting_down() {
                        return;
                    }
                    let mut fds = [PollFd::new(self.output.as_fd(), PollFlags::POLLOUT)];
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
        let mut q = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(b) = q.pop_front() {
                return Some(b);
            }
            if Self::shutting_down() {
                return None;
            }
            q = self.ready.wait_timeout(q, Duration::from_millis(100)).unwrap_or_else(|e| e.into_inner()).0;
        }
    }

    /// Reader thread body.
    fn pump(self: Arc<Self>) {
        let mut buf = [0u8; 1024];
        while !Self::shutting_down() {
            let watching = self.intr_char.load(Ordering::SeqCst) >= 0;
            let queued = self.queue.lock().map_or(0, |q| q.len());
            if queued >= QUEUE_SOFT_MAX && !watching {
                std::thread::sleep(Duration::from_millis(5));
                continue;
            }
            let mut fds = [PollFd::new(self.input.as_fd(), PollFlags::POLLIN)];
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
            match nix::unistd::read(self.input.as_fd(), &mut buf) {
                Ok(0) => {
                    if self.terminal {
                        SHUTDOWN.store(true, Ordering::SeqCst);
                        port::INTERRUPT.store(true, Ordering::SeqCst);
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

    fn take_input(&self, data: &[u8]) {
        let ic = self.intr_char.load(Ordering::SeqCst);
        let mut q = self.queue.lock().unwrap_or_else(|e| e.into_inner());
        for &b in data {
            if self.terminal && b == QUIT_KEY {
                SHUTDOWN.store(true, Ordering::SeqCst);
                port::INTERRUPT.store(true, Ordering::SeqCst);
                break;
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
            if Self::shutting_down() || port::INTERRUPT.load(Ordering::SeqCst) {
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
}

/// The simulated board as the agent sees it.
pub struct SimBoard {
    console: SimConsole,
    heap: usize,
    flash: Option<std::path::PathBuf>,
    quit_on_exit: bool,
}

impl SimBoard {
    /// Flush the filesystem before the process exits (SIGTERM, end of the terminal REPL).
    pub fn shutdown(&mut self) {
        // Hook for the filesystem: every VM's flash writes are issued as they happen, so
        // there is nothing buffered here yet; a write-back cache would be flushed now.
    }
}

impl Board for SimBoard {
    type Console = SimConsole;

    fn console(&mut self) -> &mut SimConsole {
        &mut self.console
    }

    fn new_vm(&mut self) -> Vm {
        let shared: Arc<dyn ConsoleIo> = self.console.0.clone();
        let port = SimPort::with_console(shared).with_flash(self.flash.clone());
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

extern "C" fn on_signal(_sig: nix::libc::c_int) {
    SHUTDOWN.store(true, Ordering::SeqCst);
    port::INTERRUPT.store(true, Ordering::SeqCst);
}

fn install_signal_handlers() -> Result<()> {
    use nix::sys::signal::{SaFlags, SigAction, SigHandler, SigSet, Signal, sigaction};
    let act = SigAction::new(SigHandler::Handler(on_signal), SaFlags::SA_RESTART, SigSet::empty());
    for sig in [Signal::SIGTERM, Signal::SIGINT, Signal::SIGHUP] {
        // SAFETY: the handler only stores to atomics, which is async-signal-safe.
        unsafe { sigaction(sig, &act) }.context("installing signal handlers")?;
    }
    Ok(())
}

fn run_agent(shared: Arc<Shared>, heap: usize, flash: Option<std::path::PathBuf>, quit_on_exit: bool) -> Exit {
    let reader = {
        let s = shared.clone();
        std::thread::Builder::new().name("console-reader".into()).spawn(move || s.pump())
    };
    // A program that ignores KeyboardInterrupt must not keep a stopped board alive.
    let _ = std::thread::Builder::new().name("shutdown-watchdog".into()).spawn(|| {
        while !SHUTDOWN.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(50));
        }
        std::thread::sleep(Duration::from_secs(3));
        std::process::exit(0);
    });
    let board = SimBoard { console: SimConsole(shared), heap, flash, quit_on_exit };
    let mut agent = Agent::new(board);
    let exit = agent.run();
    agent.board().shutdown();
    SHUTDOWN.store(true, Ordering::SeqCst);
    if let Ok(r) = reader {
        let _ = r.join();
    }
    exit
}

/// `upy-sim --pty`: print the slave's path on the first stdout line, then run the board on it
/// until a signal stops it.
pub fn run_pty(heap: usize, flash: Option<std::path::PathBuf>) -> Result<u8> {
    install_signal_handlers()?;
    let pty = nix::pty::openpty(None, None).context("opening a pseudo-terminal")?;
    let mut t = termios::tcgetattr(&pty.slave).context("reading the pty's settings")?;
    termios::cfmakeraw(&mut t);
    termios::tcsetattr(&pty.slave, SetArg::TCSANOW, &t).context("putting the pty in raw mode")?;
    let path = nix::unistd::ttyname(&pty.slave).context("naming the pty")?;
    set_nonblocking(pty.master.as_raw_fd())?;
    let output = pty.master.try_clone().context("duplicating the pty master")?;
    // Hosts open the slave by its path; ours is closed so a host's close is seen as a hang-up.
    drop(pty.slave);
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        writeln!(out, "{}", path.display()).context("writing the pty path")?;
        out.flush().context("writing the pty path")?;
    }
    let shared = Arc::new(Shared {
        input: pty.master,
        output,
        nonblocking_out: true,
        terminal: false,
        queue: Mutex::new(VecDeque::new()),
        ready: Condvar::new(),
        intr_char: AtomicI32::new(-1),
        write_lock: Mutex::new(()),
    });
    run_agent(shared, heap, flash, false);
    Ok(0)
}

/// The friendly REPL on this process's terminal (raw mode, restored on exit). Ctrl-D soft-resets
/// as on a board; Ctrl-] or `sys.exit()` leaves.
pub fn run_terminal(heap: usize, flash: Option<std::path::PathBuf>) -> Result<u8> {
    let stdin = std::io::stdin();
    let saved = termios::tcgetattr(&stdin).context("reading the terminal's settings")?;
    let mut raw = saved.clone();
    termios::cfmakeraw(&mut raw);
    termios::tcsetattr(&stdin, SetArg::TCSANOW, &raw).context("putting the terminal in raw mode")?;
    struct Restore(termios::Termios);
    impl Drop for Restore {
        fn drop(&mut self) {
            // SAFETY: fd 0 stays open for the life of the process.
            let fd = unsafe { BorrowedFd::borrow_raw(0) };
            let _ = termios::tcsetattr(fd, SetArg::TCSANOW, &self.0);
        }
    }
    let _restore = Restore(saved);
    let input = dup_fd(0)?;
    let output = dup_fd(1)?;
    let shared = Arc::new(Shared {
        input,
        output,
        nonblocking_out: false,
        terminal: true,
        queue: Mutex::new(VecDeque::new()),
        ready: Condvar::new(),
        intr_char: AtomicI32::new(-1),
        write_lock: Mutex::new(()),
    });
    let code = match run_agent(shared, heap, flash, true) {
        Exit::Quit(c) => (c & 0xff) as u8,
        Exit::Shutdown => 0,
    };
    println!();
    Ok(code)
}

fn dup_fd(fd: RawFd) -> Result<OwnedFd> {
    // SAFETY: 0 and 1 are open for the life of the process; dup gives an fd we own.
    let b = unsafe { BorrowedFd::borrow_raw(fd) };
    b.try_clone_to_owned().context("duplicating a standard stream")
}

fn set_nonblocking(fd: RawFd) -> Result<()> {
    use nix::fcntl::{FcntlArg, OFlag, fcntl};
    // SAFETY: `fd` is the pty master we just opened and still own.
    let b = unsafe { BorrowedFd::borrow_raw(fd) };
    let flags = OFlag::from_bits_truncate(fcntl(b, FcntlArg::F_GETFL).context("fcntl")?);
    fcntl(b, FcntlArg::F_SETFL(flags | OFlag::O_NONBLOCK)).context("fcntl")?;
    Ok(())
}
