//! upy-vfs: the board's power-loss-safe filesystem.
//!
//! This is littlefs (the C implementation MicroPython uses, through `littlefs2-sys`) over
//! a [`upy_hal::BlockDevice`]. littlefs is copy-on-write: a file's new content becomes
//! visible atomically when the file is synced or closed, a rename or remove is one atomic
//! metadata commit, and losing power at any moment leaves the previous consistent state.
//!
//! The block device is not owned by [`Lfs`]: every operation borrows it (`dev`) for its
//! duration, so the port keeps it and the VM can hold the filesystem without
//! self-references. Open files live in a table inside [`Lfs`] (littlefs links them into
//! its own lists, so they must not move) and are named by [`FileId`] handles.
//!
//! Errors are MicroPython errno values ([`errno`]).
//!
//! Guarantees upy documents (see docs): a file's content is committed at `flush()`/
//! `close()`; if a write or the commit fails (ENOSPC, EIO) the file keeps its last
//! committed content, and a file this open created is removed again on close, so no
//! half-written file is ever visible. After a power loss a file created but never
//! flushed may exist with size 0.
#![no_std]

extern crate alloc;

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::cell::Cell;
use core::ffi::{c_int, c_void};

use littlefs2_sys as ll;
use upy_hal::{BlockDevice, HalError};

/// MicroPython errno values.
pub mod errno {
    /// No such file or directory.
    pub const ENOENT: i32 = 2;
    /// I/O error (also: corrupted filesystem).
    pub const EIO: i32 = 5;
    /// Bad file descriptor.
    pub const EBADF: i32 = 9;
    /// Out of memory.
    pub const ENOMEM: i32 = 12;
    /// File exists.
    pub const EEXIST: i32 = 17;
    /// No such device (no block device / not mounted).
    pub const ENODEV: i32 = 19;
    /// Not a directory.
    pub const ENOTDIR: i32 = 20;
    /// Is a directory.
    pub const EISDIR: i32 = 21;
    /// Invalid argument.
    pub const EINVAL: i32 = 22;
    /// File too large.
    pub const EFBIG: i32 = 27;
    /// No space left on device.
    pub const ENOSPC: i32 = 28;
    /// Name too long.
    pub const ENAMETOOLONG: i32 = 36;
    /// Directory not empty.
    pub const ENOTEMPTY: i32 = 39;
}

/// An error: a positive MicroPython errno value.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Error(pub i32);

/// Result of filesystem operations.
pub type Result<T> = core::result::Result<T, Error>;

fn lfs_err(e: c_int) -> Error {
    match e {
        // LFS_ERR_CORRUPT: report as an I/O error, as a block device would.
        -84 => Error(errno::EIO),
        e if e < 0 => Error(-e),
        _ => Error(errno::EIO),
    }
}

fn check(e: c_int) -> Result<c_int> {
    if e < 0 { Err(lfs_err(e)) } else { Ok(e) }
}

fn hal_err(e: HalError) -> c_int {
    match e {
        HalError::Errno(n) if n > 0 => -n,
        _ => ll::lfs_error_LFS_ERR_IO,
    }
}

type DevPtr = *mut (dyn BlockDevice + 'static);

/// Where the C callbacks find the block device during one operation.
struct DevSlot(Cell<Option<DevPtr>>);

fn with_dev<R>(slot: *const DevSlot, f: impl FnOnce(&mut dyn BlockDevice) -> R, none: R) -> R {
    // SAFETY: `slot` is the boxed DevSlot of a live Lfs (the config's context); it holds
    // a device pointer only while `Lfs::op` runs, during which the `&mut dyn BlockDevice`
    // it came from is exclusively lent to that operation.
    unsafe {
        match (*slot).0.get() {
            Some(p) => f(&mut *p),
            None => none,
        }
    }
}

unsafe extern "C" fn cb_read(c: *const ll::lfs_config, block: ll::lfs_block_t, off: ll::lfs_off_t, buf: *mut c_void, size: ll::lfs_size_t) -> c_int {
    // SAFETY: littlefs passes the config we built (context = DevSlot) and a buffer of `size` bytes.
    let (slot, out) = unsafe { ((*c).context as *const DevSlot, core::slice::from_raw_parts_mut(buf as *mut u8, size as usize)) };
    with_dev(slot, |d| d.read(block, off, out).map_or_else(hal_err, |_| 0), ll::lfs_error_LFS_ERR_IO)
}

unsafe extern "C" fn cb_prog(c: *const ll::lfs_config, block: ll::lfs_block_t, off: ll::lfs_off_t, buf: *const c_void, size: ll::lfs_size_t) -> c_int {
    // SAFETY: as cb_read.
    let (slot, data) = unsafe { ((*c).context as *const DevSlot, core::slice::from_raw_parts(buf as *const u8, size as usize)) };
    with_dev(slot, |d| d.program(block, off, data).map_or_else(hal_err, |_| 0), ll::lfs_error_LFS_ERR_IO)
}

unsafe extern "C" fn cb_erase(c: *const ll::lfs_config, block: ll::lfs_block_t) -> c_int {
    // SAFETY: as cb_read.
    let slot = unsafe { (*c).context as *const DevSlot };
    with_dev(slot, |d| d.erase(block).map_or_else(hal_err, |_| 0), ll::lfs_error_LFS_ERR_IO)
}

unsafe extern "C" fn cb_sync(c: *const ll::lfs_config) -> c_int {
    // SAFETY: as cb_read.
    let slot = unsafe { (*c).context as *const DevSlot };
    with_dev(slot, |d| d.sync().map_or_else(hal_err, |_| 0), ll::lfs_error_LFS_ERR_IO)
}

/// How to open a file (Python's `r`, `w`, `a`, `x` and `+`).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct OpenFlags {
    /// Readable.
    pub read: bool,
    /// Writable.
    pub write: bool,
    /// Create if missing.
    pub create: bool,
    /// Fail with EEXIST if it exists.
    pub excl: bool,
    /// Truncate to zero length (committed at flush/close).
    pub trunc: bool,
    /// Every write goes to the end.
    pub append: bool,
}

impl OpenFlags {
    /// Parse the file part of a Python mode string (`b`/`t` are ignored here).
    pub fn from_mode(mode: &str) -> Option<OpenFlags> {
        let mut f = OpenFlags::default();
        let mut base = 0;
        let mut plus = false;
        for c in mode.chars() {
            match c {
                'r' => { base += 1; f.read = true; }
                'w' => { base += 1; f.write = true; f.create = true; f.trunc = true; }
                'a' => { base += 1; f.write = true; f.create = true; f.append = true; }
                'x' => { base += 1; f.write = true; f.create = true; f.excl = true; }
                '+' if !plus => plus = true,
                'b' | 't' => {}
                _ => return None,
            }
        }
        if base != 1 {
            return None;
        }
        if plus {
            f.read = true;
            f.write = true;
        }
        Some(f)
    }

    fn bits(self) -> c_int {
        let mut b = match (self.read, self.write) {
            (true, true) => ll::lfs_open_flags_LFS_O_RDWR,
            (false, true) => ll::lfs_open_flags_LFS_O_WRONLY,
            _ => ll::lfs_open_flags_LFS_O_RDONLY,
        } as c_int;
        if self.create {
            b |= ll::lfs_open_flags_LFS_O_CREAT as c_int;
        }
        if self.excl {
            b |= ll::lfs_open_flags_LFS_O_EXCL as c_int;
        }
        if self.trunc {
            b |= ll::lfs_open_flags_LFS_O_TRUNC as c_int;
        }
        if self.append {
            b |= ll::lfs_open_flags_LFS_O_APPEND as c_int;
        }
        b
    }
}

/// A handle to an open file of an [`Lfs`].
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct FileId(pub u32);

struct OpenFile {
    f: ll::lfs_file_t,
    cfg: ll::lfs_file_config,
    _buf: Vec<u8>,
    path: Vec<u8>,
    created: bool,
    erred: bool,
}

/// Kind and size of a node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stat {
    /// A directory?
    pub is_dir: bool,
    /// Size in bytes (files).
    pub size: u32,
}

/// One directory entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirEntry {
    /// Name (no path).
    pub name: String,
    /// A directory?
    pub is_dir: bool,
    /// Size in bytes (files).
    pub size: u32,
}

/// Filesystem statistics (`os.statvfs`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct StatVfs {
    /// Block size.
    pub bsize: u32,
    /// Total blocks.
    pub blocks: u32,
    /// Free blocks.
    pub bfree: u32,
    /// Longest name.
    pub namemax: u32,
}

struct Core {
    lfs: ll::lfs_t,
    cfg: ll::lfs_config,
}

/// A littlefs instance (mounted or not) with its open files.
pub struct Lfs {
    core: Box<Core>,
    slot: Box<DevSlot>,
    _bufs: (Vec<u8>, Vec<u8>, Vec<u8>),
    files: Vec<(u32, Option<Box<OpenFile>>)>,
    cache_size: usize,
    mounted: bool,
}

/// Longest name littlefs stores.
pub const NAME_MAX: u32 = 255;

impl Lfs {
    /// A littlefs for a device of this geometry (call [`Lfs::mount`] or [`Lfs::format`]).
    pub fn new(dev: &dyn BlockDevice) -> Result<Lfs> {
        let (bs, bc) = (dev.block_size(), dev.block_count());
        let (rs, ps) = (dev.read_size().max(1), dev.prog_size().max(1));
        let unit = rs.max(ps);
        let mut cache = bs.min(512).max(unit);
        while cache > unit && (bs % cache != 0 || cache % rs != 0 || cache % ps != 0) {
            cache -= 1;
        }
        if bs < 128 || bc < 2 || bs % cache != 0 || cache % rs != 0 || cache % ps != 0 {
            return Err(Error(errno::EINVAL));
        }
        let look = (bc.div_ceil(64) * 8).clamp(8, 256);
        let mut rb = vec![0u8; cache as usize];
        let mut pb = vec![0u8; cache as usize];
        let mut lb = vec![0u8; look as usize];
        let slot = Box::new(DevSlot(Cell::new(None)));
        let cfg = ll::lfs_config {
            context: &*slot as *const DevSlot as *mut c_void,
            read: Some(cb_read),
            prog: Some(cb_prog),
            erase: Some(cb_erase),
            sync: Some(cb_sync),
            read_size: rs,
            prog_size: ps,
            block_size: bs,
            block_count: bc,
            block_cycles: 500,
            cache_size: cache,
            lookahead_size: look,
            read_buffer: rb.as_mut_ptr() as *mut c_void,
            prog_buffer: pb.as_mut_ptr() as *mut c_void,
            lookahead_buffer: lb.as_mut_ptr() as *mut c_void,
            name_max: NAME_MAX,
            ..Default::default()
        };
        let core = Box::new(Core { lfs: Default::default(), cfg });
        Ok(Lfs { core, slot, _bufs: (rb, pb, lb), files: Vec::new(), cache_size: cache as usize, mounted: false })
    }

    /// Run one littlefs call with `dev` lent to the callbacks.
    fn op<R>(&mut self, dev: &mut dyn BlockDevice, f: impl FnOnce(&mut Core, &mut Vec<(u32, Option<Box<OpenFile>>)>) -> R) -> R {
        let p: *mut (dyn BlockDevice + '_) = dev;
        // SAFETY: only the lifetime is erased; the pointer is cleared before `dev`'s borrow ends.
        let p: DevPtr = unsafe { core::mem::transmute::<*mut (dyn BlockDevice + '_), DevPtr>(p) };
        self.slot.0.set(Some(p));
        let r = f(&mut self.core, &mut self.files);
        self.slot.0.set(None);
        r
    }

    /// Is it mounted?
    pub fn is_mounted(&self) -> bool {
        self.mounted
    }

    /// Create an empty filesystem (unmounts first).
    pub fn format(&mut self, dev: &mut dyn BlockDevice) -> Result<()> {
        self.unmount(dev);
        // SAFETY: core is boxed (stable) and its config points at live buffers.
        self.op(dev, |c, _| check(unsafe { ll::lfs_format(&mut c.lfs, &c.cfg) })).map(|_| ())
    }

    /// Mount the filesystem on `dev`.
    pub fn mount(&mut self, dev: &mut dyn BlockDevice) -> Result<()> {
        if self.mounted {
            return Ok(());
        }
        // SAFETY: as format.
        self.op(dev, |c, _| check(unsafe { ll::lfs_mount(&mut c.lfs, &c.cfg) }))?;
        self.mounted = true;
        Ok(())
    }

    /// Close every open file (committing them) and unmount.
    pub fn unmount(&mut self, dev: &mut dyn BlockDevice) {
        if !self.mounted {
            return;
        }
        let ids: Vec<FileId> = self.open_files();
        for id in ids {
            let _ = self.close(dev, id);
        }
        // SAFETY: mounted, no open files remain linked.
        self.op(dev, |c, _| unsafe { ll::lfs_unmount(&mut c.lfs) });
        self.mounted = false;
    }

    /// Handles of all open files.
    pub fn open_files(&self) -> Vec<FileId> {
        self.files
            .iter()
            .enumerate()
            .filter(|(_, (_, f))| f.is_some())
            .map(|(i, (g, _))| FileId((i as u32) | (g << 16)))
            .collect()
    }

    fn need_mounted(&self) -> Result<()> {
        if self.mounted { Ok(()) } else { Err(Error(errno::ENODEV)) }
    }

    /// Stat a path.
    pub fn stat(&mut self, dev: &mut dyn BlockDevice, path: &str) -> Result<Stat> {
        self.need_mounted()?;
        let p = cpath(path)?;
        let mut info: ll::lfs_info = Default::default();
        // SAFETY: mounted; p is NUL-terminated; info is a valid out-parameter.
        self.op(dev, |c, _| check(unsafe { ll::lfs_stat(&mut c.lfs, p.as_ptr() as *const _, &mut info) }))?;
        Ok(Stat { is_dir: info.type_ as u32 == ll::lfs_type_LFS_TYPE_DIR, size: info.size })
    }

    /// Create a directory.
    pub fn mkdir(&mut self, dev: &mut dyn BlockDevice, path: &str) -> Result<()> {
        self.need_mounted()?;
        let p = cpath(path)?;
        // SAFETY: as stat.
        self.op(dev, |c, _| check(unsafe { ll::lfs_mkdir(&mut c.lfs, p.as_ptr() as *const _) })).map(|_| ())
    }

    /// Remove a file (EISDIR for a directory).
    pub fn remove(&mut self, dev: &mut dyn BlockDevice, path: &str) -> Result<()> {
        if self.stat(dev, path)?.is_dir {
            return Err(Error(errno::EISDIR));
        }
        self.remove_any(dev, path)
    }

    /// Remove an empty directory (ENOTDIR for a file).
    pub fn rmdir(&mut self, dev: &mut dyn BlockDevice, path: &str) -> Result<()> {
        if !self.stat(dev, path)?.is_dir {
            return Err(Error(errno::ENOTDIR));
        }
        if path_is_root(path) {
            return Err(Error(errno::EINVAL));
        }
        self.remove_any(dev, path)
    }

    fn remove_any(&mut self, dev: &mut dyn BlockDevice, path: &str) -> Result<()> {
        self.need_mounted()?;
        let p = cpath(path)?;
        // SAFETY: as stat.
        self.op(dev, |c, _| check(unsafe { ll::lfs_remove(&mut c.lfs, p.as_ptr() as *const _) })).map(|_| ())
    }

    /// Rename (atomically replaces an existing file, or an empty directory with a directory).
    pub fn rename(&mut self, dev: &mut dyn BlockDevice, from: &str, to: &str) -> Result<()> {
        self.need_mounted()?;
        let (a, b) = (cpath(from)?, cpath(to)?);
        // SAFETY: as stat.
        self.op(dev, |c, _| check(unsafe { ll::lfs_rename(&mut c.lfs, a.as_ptr() as *const _, b.as_ptr() as *const _) })).map(|_| ())
    }

    /// The entries of a directory (without `.` and `..`), in littlefs order (sorted by name).
    pub fn list(&mut self, dev: &mut dyn BlockDevice, path: &str) -> Result<Vec<DirEntry>> {
        self.need_mounted()?;
        let p = cpath(path)?;
        let mut out = Vec::new();
        self.op(dev, |c, _| {
            let mut dir: ll::lfs_dir_t = Default::default();
            // SAFETY: `dir` stays in place from open to close; mounted; p NUL-terminated.
            unsafe {
                check(ll::lfs_dir_open(&mut c.lfs, &mut dir, p.as_ptr() as *const _))?;
                let mut info: ll::lfs_info = Default::default();
                let r = loop {
                    match ll::lfs_dir_read(&mut c.lfs, &mut dir, &mut info) {
                        0 => break Ok(()),
                        e if e < 0 => break Err(lfs_err(e)),
                        _ => {
                            let raw: &[u8] = core::slice::from_raw_parts(info.name.as_ptr() as *const u8, info.name.len());
                            let n = raw.iter().position(|&b| b == 0).unwrap_or(raw.len());
                            let name = String::from_utf8_lossy(&raw[..n]).into_owned();
                            if name != "." && name != ".." {
                                out.push(DirEntry { name, is_dir: info.type_ as u32 == ll::lfs_type_LFS_TYPE_DIR, size: info.size });
                            }
                        }
                    }
                };
                ll::lfs_dir_close(&mut c.lfs, &mut dir);
                r
            }
        })?;
        Ok(out)
    }

    /// Filesystem statistics.
    pub fn statvfs(&mut self, dev: &mut dyn BlockDevice) -> Result<StatVfs> {
        self.need_mounted()?;
        // SAFETY: mounted.
        let used = self.op(dev, |c, _| check(unsafe { ll::lfs_fs_size(&mut c.lfs) }))? as u32;
        let (bs, bc) = (self.core.cfg.block_size, self.core.cfg.block_count);
        Ok(StatVfs { bsize: bs, blocks: bc, bfree: bc.saturating_sub(used), namemax: NAME_MAX })
    }

    /// Open a file.
    pub fn open(&mut self, dev: &mut dyn BlockDevice, path: &str, flags: OpenFlags) -> Result<FileId> {
        self.need_mounted()?;
        let p = cpath(path)?;
        let existed = match self.stat(dev, path) {
            Ok(s) if s.is_dir => return Err(Error(errno::EISDIR)),
            Ok(_) => true,
            Err(Error(errno::ENOENT)) => false,
            Err(e) => return Err(e),
        };
        if flags.excl && existed {
            return Err(Error(errno::EEXIST));
        }
        let mut of = Box::new(OpenFile {
            f: Default::default(),
            cfg: Default::default(),
            _buf: vec![0u8; self.cache_size],
            path: p,
            created: !existed,
            erred: false,
        });
        of.cfg.buffer = of._buf.as_mut_ptr() as *mut c_void;
        let bits = flags.bits();
        self.op(dev, |c, _| {
            let o = &mut *of;
            // SAFETY: the OpenFile is boxed and stays in `files` until closed; its config
            // and buffer live as long as it.
            check(unsafe { ll::lfs_file_opencfg(&mut c.lfs, &mut o.f, o.path.as_ptr() as *const _, bits, &o.cfg) })
        })?;
        let slot = match self.files.iter().position(|(_, f)| f.is_none()) {
            Some(i) => i,
            None => {
                self.files.push((0, None));
                self.files.len() - 1
            }
        };
        if slot >= 0xffff {
            let _ = self.op(dev, |c, _| {
                // SAFETY: the file was just opened.
                unsafe { ll::lfs_file_close(&mut c.lfs, &mut of.f) }
            });
            return Err(Error(errno::ENOMEM));
        }
        let g = (self.files[slot].0 + 1) & 0xffff;
        self.files[slot] = (g, Some(of));
        Ok(FileId(slot as u32 | (g << 16)))
    }

    fn slot(&self, id: FileId) -> Result<usize> {
        let i = (id.0 & 0xffff) as usize;
        match self.files.get(i) {
            Some((g, Some(_))) if *g == id.0 >> 16 => Ok(i),
            _ => Err(Error(errno::EBADF)),
        }
    }

    fn file_op<R>(&mut self, dev: &mut dyn BlockDevice, id: FileId, f: impl FnOnce(*mut ll::lfs_t, &mut OpenFile) -> R) -> Result<R> {
        let i = self.slot(id)?;
        self.op(dev, |c, files| match files.get_mut(i) {
            Some((_, Some(of))) => Ok(f(&mut c.lfs, of)),
            _ => Err(Error(errno::EBADF)),
        })
    }

    /// Read up to `buf.len()` bytes; 0 at end of file.
    pub fn read(&mut self, dev: &mut dyn BlockDevice, id: FileId, buf: &mut [u8]) -> Result<usize> {
        let r = self.file_op(dev, id, |l, of| {
            // SAFETY: open file, valid buffer.
            unsafe { ll::lfs_file_read(l, &mut of.f, buf.as_mut_ptr() as *mut c_void, buf.len() as ll::lfs_size_t) }
        })?;
        check(r).map(|n| n as usize)
    }

    /// Write `data`; on an error the file keeps its last committed content.
    pub fn write(&mut self, dev: &mut dyn BlockDevice, id: FileId, data: &[u8]) -> Result<usize> {
        let r = self.file_op(dev, id, |l, of| {
            if of.erred {
                return ll::lfs_error_LFS_ERR_IO;
            }
            // SAFETY: open file, valid buffer.
            let r = unsafe { ll::lfs_file_write(l, &mut of.f, data.as_ptr() as *const c_void, data.len() as ll::lfs_size_t) };
            if r < 0 {
                of.erred = true;
            }
            r
        })?;
        check(r).map(|n| n as usize)
    }

    /// Seek (`whence` 0 set, 1 current, 2 end); returns the new position.
    pub fn seek(&mut self, dev: &mut dyn BlockDevice, id: FileId, off: i64, whence: u8) -> Result<u64> {
        let w = match whence {
            0 => ll::lfs_whence_flags_LFS_SEEK_SET,
            1 => ll::lfs_whence_flags_LFS_SEEK_CUR,
            2 => ll::lfs_whence_flags_LFS_SEEK_END,
            _ => return Err(Error(errno::EINVAL)),
        } as c_int;
        let off = i32::try_from(off).map_err(|_| Error(errno::EINVAL))?;
        // SAFETY: open file.
        let r = self.file_op(dev, id, |l, of| unsafe { ll::lfs_file_seek(l, &mut of.f, off, w) })?;
        check(r).map(|n| n as u64)
    }

    /// Current position.
    pub fn tell(&mut self, dev: &mut dyn BlockDevice, id: FileId) -> Result<u64> {
        // SAFETY: open file.
        let r = self.file_op(dev, id, |l, of| unsafe { ll::lfs_file_tell(l, &mut of.f) })?;
        check(r).map(|n| n as u64)
    }

    /// Size of the open file (including unflushed writes).
    pub fn size(&mut self, dev: &mut dyn BlockDevice, id: FileId) -> Result<u64> {
        // SAFETY: open file.
        let r = self.file_op(dev, id, |l, of| unsafe { ll::lfs_file_size(l, &mut of.f) })?;
        check(r).map(|n| n as u64)
    }

    /// Truncate or extend to `size`.
    pub fn truncate(&mut self, dev: &mut dyn BlockDevice, id: FileId, size: u32) -> Result<()> {
        // SAFETY: open file.
        let r = self.file_op(dev, id, |l, of| unsafe { ll::lfs_file_truncate(l, &mut of.f, size) })?;
        check(r).map(|_| ())
    }

    /// Commit the file's content (flush).
    pub fn sync(&mut self, dev: &mut dyn BlockDevice, id: FileId) -> Result<()> {
        let r = self.file_op(dev, id, |l, of| {
            if of.erred {
                return ll::lfs_error_LFS_ERR_IO;
            }
            // SAFETY: open file.
            let r = unsafe { ll::lfs_file_sync(l, &mut of.f) };
            if r < 0 {
                of.erred = true;
            }
            r
        })?;
        check(r).map(|_| ())
    }

    /// Close: commits the content, unless a write failed earlier (then the last committed
    /// content stays, and a file this open created is removed). Returns the commit's error.
    pub fn close(&mut self, dev: &mut dyn BlockDevice, id: FileId) -> Result<()> {
        let i = self.slot(id)?;
        let Some(mut of) = self.files[i].1.take() else { return Err(Error(errno::EBADF)) };
        let r = self.op(dev, |c, _| {
            let mut r = 0;
            if !of.erred {
                // SAFETY: open file.
                r = unsafe { ll::lfs_file_sync(&mut c.lfs, &mut of.f) };
                if r < 0 {
                    of.erred = true;
                }
            }
            // SAFETY: open file; after this littlefs no longer refers to it. An errored
            // file is not written out by close.
            let r2 = unsafe { ll::lfs_file_close(&mut c.lfs, &mut of.f) };
            if of.erred && of.created {
                // SAFETY: mounted; path NUL-terminated.
                unsafe { ll::lfs_remove(&mut c.lfs, of.path.as_ptr() as *const _) };
            }
            if r < 0 { r } else { r2 }
        });
        check(r).map(|_| ())
    }
}

fn path_is_root(p: &str) -> bool {
    p.trim_matches('/').is_empty()
}

fn cpath(path: &str) -> Result<Vec<u8>> {
    if path.as_bytes().contains(&0) {
        return Err(Error(errno::EINVAL));
    }
    let mut v = Vec::with_capacity(path.len() + 1);
    v.extend_from_slice(path.as_bytes());
    v.push(0);
    Ok(v)
}

/// A block device in RAM (tests, and boards that want a scratch filesystem).
pub struct RamBlockDevice {
    /// The bytes.
    pub data: Vec<u8>,
    /// Block size.
    pub block_size: u32,
}

impl RamBlockDevice {
    /// `count` erased blocks of `size` bytes.
    pub fn new(size: u32, count: u32) -> RamBlockDevice {
        RamBlockDevice { data: vec![0xff; (size * count) as usize], block_size: size }
    }
    fn range(&self, block: u32, off: u32, len: usize) -> core::result::Result<core::ops::Range<usize>, HalError> {
        let start = block as usize * self.block_size as usize + off as usize;
        if off as usize + len > self.block_size as usize || start + len > self.data.len() {
            return Err(HalError::Errno(errno::EIO));
        }
        Ok(start..start + len)
    }
}

impl BlockDevice for RamBlockDevice {
    fn block_size(&self) -> u32 {
        self.block_size
    }
    fn block_count(&self) -> u32 {
        (self.data.len() / self.block_size as usize) as u32
    }
    fn read(&mut self, block: u32, off: u32, buf: &mut [u8]) -> core::result::Result<(), HalError> {
        let r = self.range(block, off, buf.len())?;
        buf.copy_from_slice(&self.data[r]);
        Ok(())
    }
    fn program(&mut self, block: u32, off: u32, data: &[u8]) -> core::result::Result<(), HalError> {
        let r = self.range(block, off, data.len())?;
        self.data[r].copy_from_slice(data);
        Ok(())
    }
    fn erase(&mut self, block: u32) -> core::result::Result<(), HalError> {
        let r = self.range(block, 0, self.block_size as usize)?;
        self.data[r].fill(0xff);
        Ok(())
    }
}

#[cfg(test)]
mod tests;
