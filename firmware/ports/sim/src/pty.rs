//! `upy-sim --pty` and the terminal REPL: the board of `upy_port_sim::board` on a pseudo-terminal
//! or on this process's terminal in raw mode.
//!
//! The pty outlives its hosts: upy-sim keeps the master open, a host opens and closes the slave
//! (`/dev/pts/N`) as often as it likes. Output written while no host has the slave open is kept
//! by the kernel up to its buffer size, then dropped (a board's USB FIFO behaves alike).
//! SIGTERM, SIGINT or SIGHUP stops the board: the running program gets KeyboardInterrupt, the
//! agent returns, the flash image is synced and closed, and the process exits 0.

use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd, RawFd};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};
use nix::sys::termios::{self, SetArg};
use upy_agent::Exit;
use upy_port_sim::board::{self, BoardConfig, Shared, SimError};
use upy_port_sim::flash::FlashSlot;
use upy_port_sim::port;

/// Set by SIGTERM / SIGINT / SIGHUP.
static SIGNALLED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_signal(_sig: nix::libc::c_int) {
    SIGNALLED.store(true, Ordering::SeqCst);
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

/// Open the board's flash image (the image stays locked while the board runs).
fn open_flash(flash: Option<PathBuf>) -> Result<(FlashSlot, PathBuf)> {
    let path = flash.unwrap_or_else(upy_port_sim::flash::default_path);
    match board::open_flash(&path) {
        Ok(slot) => Ok((slot, path)),
        Err(e @ SimError::FlashInUse { .. }) => Err(anyhow::anyhow!(
            "upy-sim: {e}: use that board (a upy-sim --pty prints its pty), stop it, or give this one its own image with --flash PATH"
        )),
        Err(e) => Err(anyhow::anyhow!("upy-sim: {e}")),
    }
}

/// Runs the board until it stops; a signal stops it, and a program that ignores KeyboardInterrupt
/// does not keep a stopped board alive for more than `board::STOP_GRACE`.
fn run(shared: Arc<Shared>, config: BoardConfig, slot: FlashSlot, path: PathBuf) -> Exit {
    let watched = shared.clone();
    let _ = std::thread::Builder::new().name("shutdown-watchdog".into()).spawn(move || {
        while !watched.is_stopped() {
            if SIGNALLED.load(Ordering::SeqCst) {
                watched.stop();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        std::thread::sleep(board::STOP_GRACE);
        std::process::exit(0);
    });
    board::run_agent(shared, &config, slot, path)
}

/// `upy-sim --pty`: print the slave's path on the first stdout line, then run the board on it
/// until a signal stops it.
pub fn run_pty(heap: usize, flash: Option<PathBuf>) -> Result<u8> {
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
    // Lock the image before announcing the board, so hosts never see a board without its flash.
    let (slot, flash_path) = open_flash(flash)?;
    let shared = Shared::on_fds(pty.master, output, true, false);
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        writeln!(out, "{}", path.display()).context("writing the pty path")?;
        out.flush().context("writing the pty path")?;
    }
    run(shared, BoardConfig { heap, quit_on_exit: false }, slot, flash_path);
    Ok(0)
}

/// The friendly REPL on this process's terminal (raw mode, restored on exit). Ctrl-D soft-resets
/// as on a board; Ctrl-] or `sys.exit()` leaves.
pub fn run_terminal(heap: usize, flash: Option<PathBuf>) -> Result<u8> {
    let (slot, flash_path) = open_flash(flash)?;
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
    let shared = Shared::on_fds(dup_fd(0)?, dup_fd(1)?, false, true);
    let code = match run(shared, BoardConfig { heap, quit_on_exit: true }, slot, flash_path) {
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
