//! The simulated board's flash: a block device backed by an image file.
//!
//! Every program and erase is one `pwrite` to the image, issued in the order littlefs
//! issues them, so a process killed at any moment (SIGKILL) leaves an image where each
//! completed operation is on disk (the kernel keeps written pages). littlefs asks for a
//! `sync` after every commit; the image is then written to the storage device (`fdatasync`)
//! by a flusher thread at most [`FLUSH_INTERVAL`] later, and always when the image is
//! closed. One `fdatasync` per commit made the simulated board as slow as the host disk (a
//! 200-file sync spent 3 s in 850 of them on a busy machine); coalescing them keeps SIGKILL
//! safety intact and bounds what a crash of the host itself can lose to that interval.
//! `UPY_SIM_FLASH_NOSYNC=1` skips `fdatasync` altogether. Reads are served from a copy of the image kept in memory (written
//! through on every program and erase), as a real board reads its flash through the memory
//! bus: littlefs reads in small units, and a syscall per read made directory-heavy work
//! (a 200-file sync) several times slower than the writes themselves.
//!
//! Default image: `$XDG_DATA_HOME/upy/sim-flash.img` (`~/.local/share/upy/sim-flash.img`),
//! created and formatted on first use; 2 MiB of 4 KiB blocks.

use std::fs::{File, OpenOptions};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use upy_hal::{BlockDevice, HalError};

/// Erase block size.
pub const BLOCK_SIZE: u32 = 4096;
/// Longest time between a littlefs commit and the `fdatasync` that makes it durable.
pub const FLUSH_INTERVAL: Duration = Duration::from_millis(100);

/// Default image size.
pub const DEFAULT_BYTES: u64 = 2 * 1024 * 1024;

/// The default image location.
pub fn default_path() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|s| !s.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("upy").join("sim-flash.img")
}

/// The flash of a running board: the image stays open (and locked) for the board's whole life.
/// Each VM's port borrows it ([`FlashSlot::take`]) and gives it back when the VM is dropped
/// ([`FlashSlot::put`]), so no other process can take the image between two soft resets.
#[derive(Clone, Default)]
pub struct FlashSlot(Arc<Mutex<Option<FlashFile>>>);

impl FlashSlot {
    /// A slot holding `flash`.
    pub fn new(flash: FlashFile) -> FlashSlot {
        FlashSlot(Arc::new(Mutex::new(Some(flash))))
    }

    /// Borrow the image (None: lent out already, or the slot was closed).
    pub fn take(&self) -> Option<FlashFile> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).take()
    }

    /// Give the image back.
    pub fn put(&self, flash: FlashFile) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(flash);
    }

    /// Write the image to storage and close it, releasing its lock (the board is off). Returns
    /// false when the image is still lent to a VM that has not been dropped.
    pub fn close(&self) -> bool {
        match self.take() {
            Some(mut f) => {
                let _ = BlockDevice::sync(&mut f);
                true
            }
            None => false,
        }
    }
}

/// Whether an error from [`FlashFile::open`] means another process holds the image.
pub fn is_in_use(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::WouldBlock
}

/// An image file as a block device.
pub struct FlashFile {
    file: File,
    /// The whole image, kept equal to the file.
    mirror: Vec<u8>,
    blocks: u32,
    /// The `fdatasync` thread (None with `UPY_SIM_FLASH_NOSYNC`).
    flusher: Option<Flusher>,
}

/// Requests for the flusher thread.
#[derive(Default)]
struct FlushState {
    dirty: bool,
    stop: bool,
}

/// A thread that `fdatasync`s the image at most [`FLUSH_INTERVAL`] after a commit asked for it.
struct Flusher {
    shared: Arc<(Mutex<FlushState>, Condvar)>,
    thread: Option<JoinHandle<()>>,
}

impl Flusher {
    fn start(file: File) -> Flusher {
        let shared: Arc<(Mutex<FlushState>, Condvar)> = Arc::default();
        let s = shared.clone();
        let thread = std::thread::Builder::new()
            .name("upy-sim-flash".into())
            .spawn(move || {
                let (lock, cv) = &*s;
                let mut st = lock.lock().unwrap_or_else(|e| e.into_inner());
                loop {
                    while !st.dirty && !st.stop {
                        st = cv.wait(st).unwrap_or_else(|e| e.into_inner());
                    }
                    if st.stop {
                        return;
                    }
                    // Gather the commits of the next interval into one fdatasync.
                    let (g, _) = cv.wait_timeout(st, FLUSH_INTERVAL).unwrap_or_else(|e| e.into_inner());
                    st = g;
                    st.dirty = false;
                    drop(st);
                    let _ = file.sync_data();
                    st = lock.lock().unwrap_or_else(|e| e.into_inner());
                }
            })
            .ok();
        Flusher { shared, thread }
    }

    fn request(&self) {
        let (lock, cv) = &*self.shared;
        lock.lock().unwrap_or_else(|e| e.into_inner()).dirty = true;
        cv.notify_one();
    }
}

impl Drop for Flusher {
    fn drop(&mut self) {
        let (lock, cv) = &*self.shared;
        lock.lock().unwrap_or_else(|e| e.into_inner()).stop = true;
        cv.notify_one();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for FlashFile {
    fn drop(&mut self) {
        // The board is off: whatever the flusher had not written yet goes to storage now.
        if self.flusher.take().is_some() {
            let _ = self.file.sync_data();
        }
    }
}

const EIO: i32 = 5;

impl FlashFile {
    /// Open `path`, creating an erased image of `bytes` bytes if it does not exist.
    pub fn open(path: &Path, bytes: u64) -> std::io::Result<FlashFile> {
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)?;
            }
        }
        let file = OpenOptions::new().read(true).write(true).create(true).truncate(false).open(path)?;
        // One board per image: a second upy-sim on the same image would corrupt it.
        if let Err(e) = file.try_lock() {
            return Err(match e {
                std::fs::TryLockError::WouldBlock => std::io::Error::new(
                    std::io::ErrorKind::WouldBlock,
                    "in use by another upy-sim (give each board its own --flash PATH)",
                ),
                std::fs::TryLockError::Error(e) => e,
            });
        }
        let len = file.metadata()?.len();
        let fresh = len == 0;
        let size = if fresh { bytes } else { len };
        let blocks = (size / BLOCK_SIZE as u64) as u32;
        if blocks < 4 {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "flash image smaller than 16K"));
        }
        if fresh {
            // Erased flash reads as 0xff.
            let chunk = vec![0xffu8; BLOCK_SIZE as usize];
            for b in 0..blocks {
                file.write_all_at(&chunk, b as u64 * BLOCK_SIZE as u64)?;
            }
            file.sync_all()?;
        }
        // UPY_SIM_FLASH_NOSYNC=1 skips fdatasync (SIGKILL-safety only needs write order).
        let flusher = match std::env::var_os("UPY_SIM_FLASH_NOSYNC") {
            None => Some(Flusher::start(file.try_clone()?)),
            Some(_) => None,
        };
        let mut mirror = vec![0u8; blocks as usize * BLOCK_SIZE as usize];
        file.read_exact_at(&mut mirror, 0)?;
        Ok(FlashFile { file, mirror, blocks, flusher })
    }

    fn at(&self, block: u32, off: u32, len: usize) -> Result<u64, HalError> {
        if block >= self.blocks || off as usize + len > BLOCK_SIZE as usize {
            return Err(HalError::Errno(EIO));
        }
        Ok(block as u64 * BLOCK_SIZE as u64 + off as u64)
    }
}

impl BlockDevice for FlashFile {
    fn block_size(&self) -> u32 {
        BLOCK_SIZE
    }
    fn block_count(&self) -> u32 {
        self.blocks
    }
    fn read(&mut self, block: u32, off: u32, buf: &mut [u8]) -> Result<(), HalError> {
        let at = self.at(block, off, buf.len())? as usize;
        buf.copy_from_slice(&self.mirror[at..at + buf.len()]);
        Ok(())
    }
    fn program(&mut self, block: u32, off: u32, data: &[u8]) -> Result<(), HalError> {
        let at = self.at(block, off, data.len())?;
        self.file.write_all_at(data, at).map_err(|_| HalError::Errno(EIO))?;
        let at = at as usize;
        self.mirror[at..at + data.len()].copy_from_slice(data);
        Ok(())
    }
    fn erase(&mut self, block: u32) -> Result<(), HalError> {
        let at = self.at(block, 0, BLOCK_SIZE as usize)?;
        self.file.write_all_at(&[0xffu8; BLOCK_SIZE as usize], at).map_err(|_| HalError::Errno(EIO))?;
        let at = at as usize;
        self.mirror[at..at + BLOCK_SIZE as usize].fill(0xff);
        Ok(())
    }
    fn sync(&mut self) -> Result<(), HalError> {
        if let Some(f) = &self.flusher {
            f.request();
        }
        Ok(())
    }
}
