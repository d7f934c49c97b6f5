//! upy-hal: the boundary between the interpreter and a board.
//!
//! A port (the simulated board on the host, QEMU, RP2040, ESP32-C3) implements [`Port`];
//! the VM talks to the board only through it. This crate is `no_std`, has no allocator
//! dependency and must not depend on the VM, the compiler or any board crate.
#![no_std]

use core::sync::atomic::AtomicBool;

/// What kind of node a path names.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// A regular file.
    File,
    /// A directory.
    Dir,
}

/// Errors a port reports; the VM maps them to `OSError(errno)`.
#[non_exhaustive]
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum HalError {
    /// The board has no such capability.
    NotSupported,
    /// No such file or directory (ENOENT).
    NotFound,
    /// An I/O error with a MicroPython errno value.
    Errno(i32),
}

/// A flash-like block device the filesystem lives on (littlefs semantics): blocks must
/// be erased before they are programmed; reads and programs never cross a block.
///
/// Implementations must make every `program`/`erase` durable in the order they are
/// issued (or at least by the next `sync`), so that losing power at any moment leaves
/// each block either as before or as after each completed operation.
pub trait BlockDevice {
    /// Size of an erase block in bytes.
    fn block_size(&self) -> u32;
    /// Number of erase blocks.
    fn block_count(&self) -> u32;
    /// Smallest read unit in bytes (divides `block_size`).
    fn read_size(&self) -> u32 {
        16
    }
    /// Smallest program unit in bytes (divides `block_size`).
    fn prog_size(&self) -> u32 {
        16
    }
    /// Read `buf.len()` bytes from `block` at byte offset `off`.
    fn read(&mut self, block: u32, off: u32, buf: &mut [u8]) -> Result<(), HalError>;
    /// Program `data` into `block` at byte offset `off` (the range was erased).
    fn program(&mut self, block: u32, off: u32, data: &[u8]) -> Result<(), HalError>;
    /// Erase `block` (contents become undefined until programmed; 0xff on most flash).
    fn erase(&mut self, block: u32) -> Result<(), HalError>;
    /// Make every completed program/erase durable.
    fn sync(&mut self) -> Result<(), HalError> {
        Ok(())
    }
}

/// One board, as the interpreter sees it.
pub trait Port {
    /// Write bytes to the console (stdout). Text is already UTF-8; newlines are `\n`
    /// (a port that needs `\r\n` on the wire cooks them itself).
    fn stdout_write(&mut self, bytes: &[u8]);
    /// Write bytes to the error stream (the console on a board).
    fn stderr_write(&mut self, bytes: &[u8]) {
        self.stdout_write(bytes)
    }
    /// Read console input: blocks until at least one byte is available, returns 0 at end
    /// of input.
    fn stdin_read(&mut self, buf: &mut [u8]) -> usize;
    /// Milliseconds since boot (wrapping is handled by the VM's ticks functions).
    fn ticks_ms(&self) -> u64;
    /// Microseconds since boot.
    fn ticks_us(&self) -> u64;
    /// CPU cycle counter or the best approximation.
    fn ticks_cpu(&self) -> u64 {
        self.ticks_us()
    }
    /// Nanoseconds since the Unix epoch (or since boot on boards without an RTC).
    fn time_ns(&self) -> u64;
    /// Sleep; returns early if the interrupt flag gets set.
    fn delay_us(&mut self, us: u64);
    /// The flag an interrupt source (Ctrl-C on the console, SIGINT on the host) sets to
    /// raise KeyboardInterrupt in running code.
    fn interrupt_flag(&self) -> &'static AtomicBool;
    /// Read a whole file (for `import` and running scripts).
    fn read_file(&mut self, path: &str, out: &mut dyn FnMut(&[u8])) -> Result<(), HalError>;
    /// Kind of the node at `path`, or None if there is none.
    fn stat(&mut self, path: &str) -> Option<NodeKind>;
    /// Name of the board (for `sys.platform`-style information and banners).
    fn board_name(&self) -> &'static str;
    /// Name of the MCU.
    fn mcu_name(&self) -> &'static str;
    /// `sys.platform`.
    fn platform(&self) -> &'static str;
    /// Fill `buf` with random bytes (os.urandom); boards without a TRNG use a PRNG.
    fn random_bytes(&mut self, buf: &mut [u8]);
    /// `micropython.kbd_intr(c)`: the console byte that interrupts running code (-1: none).
    /// A port whose console input is watched outside the VM (an RX interrupt, a reader
    /// thread) uses it to decide which byte sets the interrupt flag.
    fn set_interrupt_char(&mut self, c: i32) {
        let _ = c;
    }
    /// The block device holding the board's filesystem, if it has one.
    fn block_device(&mut self) -> Option<&mut dyn BlockDevice> {
        None
    }
    /// Binary console output (`sys.stdout.buffer`): the bytes exactly as given, no `\n`
    /// cooking (mpremote's mount protocol sends binary data this way). Default: `stdout_write`,
    /// right for ports that do not cook.
    fn stdout_write_raw(&mut self, bytes: &[u8]) {
        self.stdout_write(bytes)
    }
    /// Number of console input bytes that can be read now without blocking
    /// (`select.poll` on `sys.stdin`); 0 when unknown.
    fn stdin_available(&mut self) -> usize {
        0
    }
}

/// A board with no hardware at all: console output goes to a closure, there is no input
/// and no file on the host side, time stands still, and the only optional part is a flash
/// ([`NullPort::with_flash`]) for the filesystem. For tests, fuzzing and hosts that embed the VM.
pub struct NullPort<F: FnMut(&[u8]), D: BlockDevice = NoFlash> {
    out: F,
    interrupt: &'static AtomicBool,
    board: &'static str,
    flash: Option<D>,
}

/// The flash of a board that has none: [`NullPort`] without [`NullPort::with_flash`].
pub struct NoFlash;

impl BlockDevice for NoFlash {
    fn block_size(&self) -> u32 {
        0
    }
    fn block_count(&self) -> u32 {
        0
    }
    fn read(&mut self, _block: u32, _off: u32, _buf: &mut [u8]) -> Result<(), HalError> {
        Err(HalError::NotSupported)
    }
    fn program(&mut self, _block: u32, _off: u32, _data: &[u8]) -> Result<(), HalError> {
        Err(HalError::NotSupported)
    }
    fn erase(&mut self, _block: u32) -> Result<(), HalError> {
        Err(HalError::NotSupported)
    }
}

impl<F: FnMut(&[u8])> NullPort<F> {
    /// A null board named `board` whose console output is passed to `out` (uncooked).
    pub fn new(board: &'static str, interrupt: &'static AtomicBool, out: F) -> Self {
        NullPort { out, interrupt, board, flash: None }
    }

    /// The same board with `flash` as its block device (the VM mounts littlefs on it,
    /// formatting it first if it does not mount).
    pub fn with_flash<D: BlockDevice>(self, flash: D) -> NullPort<F, D> {
        NullPort { out: self.out, interrupt: self.interrupt, board: self.board, flash: Some(flash) }
    }
}

impl<F: FnMut(&[u8]), D: BlockDevice> Port for NullPort<F, D> {
    fn stdout_write(&mut self, bytes: &[u8]) {
        (self.out)(bytes)
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
        self.interrupt
    }
    fn read_file(&mut self, _path: &str, _out: &mut dyn FnMut(&[u8])) -> Result<(), HalError> {
        Err(HalError::NotFound)
    }
    fn stat(&mut self, _path: &str) -> Option<NodeKind> {
        None
    }
    fn board_name(&self) -> &'static str {
        self.board
    }
    fn mcu_name(&self) -> &'static str {
        "nothing"
    }
    fn platform(&self) -> &'static str {
        "null"
    }
    fn random_bytes(&mut self, buf: &mut [u8]) {
        buf.fill(4);
    }
    fn block_device(&mut self) -> Option<&mut dyn BlockDevice> {
        self.flash.as_mut().map(|f| f as &mut dyn BlockDevice)
    }
}
