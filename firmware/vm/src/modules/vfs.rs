//! `vfs`, as MicroPython's: `mount`/`umount` (shared with `os`) and `VfsLfs2`.
//!
//! `VfsLfs2(None)` names the littlefs on the port's own block device (the board's flash);
//! `VfsLfs2.mkfs(None)` formats it. `VfsLfs2(bdev)` with a *Python* block device (an
//! object with MicroPython's extended block protocol: `readblocks(n, buf, off)`,
//! `writeblocks(n, buf, off)`, `ioctl(op, arg)`) is a littlefs on that device, as in
//! MicroPython's `vfs` documentation (the `RAMBlockDev` example).
//!
//! ## How littlefs calls Python
//!
//! littlefs's C callbacks need the block device; here the block device is Python code,
//! which needs `&mut Vm`. The filesystem state of a Python-backed littlefs ([`PyLfsMount`])
//! lives in `Vm::fs` while it is idle. For each operation [`run_py_lfs`] takes the `Lfs`
//! *out* of the VM (so no part of the VM is borrowed by it), wraps `&mut Vm` and the
//! Python device in a [`PyBdev`] (an ordinary `upy_hal::BlockDevice`), runs the littlefs
//! call, and puts the `Lfs` back. Python code running inside `readblocks` therefore sees a
//! consistent VM; if it reaches the same filesystem again (re-entrancy), that filesystem is
//! simply not in the VM and the inner operation fails with `OSError(EBUSY)`.
//!
//! The first Python exception raised by a device method is kept in `vm.exc`; the callback
//! reports an I/O error to littlefs and refuses any further Python calls for that
//! operation, and the operation then raises the *original* exception (e.g. the
//! `ValueError` or `KeyboardInterrupt` raised in `readblocks`).

use alloc::vec;

use upy_hal::{BlockDevice, HalError};
use upy_vfs::{Lfs, errno as E};

use crate::modules::os::{self, Mounted};
use crate::obj::{self, Kind, Obj4};
use crate::qstr::Qstr;
use crate::runtime;
use crate::types::{Attr, ModuleDef, TypeDef, TypeId};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

type Kw<'a> = &'a [(Qstr, Value)];

/// EBUSY: the filesystem is in use by the operation that is calling Python right now.
const EBUSY: i32 = 16;

/// MicroPython's block-device ioctl operations.
const IOCTL_INIT: i32 = 1;
const IOCTL_SYNC: i32 = 3;
const IOCTL_BLOCK_COUNT: i32 = 4;
const IOCTL_BLOCK_SIZE: i32 = 5;
const IOCTL_BLOCK_ERASE: i32 = 6;

/// Geometry of a Python block device, read once through `ioctl`.
#[derive(Copy, Clone, Debug)]
pub struct Geom {
    block_size: u32,
    block_count: u32,
    read_size: u32,
    prog_size: u32,
}

/// A mounted littlefs on a Python block device (an entry of `Vm::fs.pylfs`).
pub struct PyLfsMount {
    /// Identity (files opened on it remember it).
    pub id: u32,
    /// The `VfsLfs2` object (kept alive through `os._mounts`; holds `bdev` in field `a`).
    pub vfs: Value,
    bdev: Value,
    geom: Geom,
    /// `None` while an operation runs (the `Lfs` is out of the VM, see the module docs).
    pub lfs: Option<Lfs>,
}

/// `&mut Vm` plus a Python block device, as a `BlockDevice` littlefs can use.
struct PyBdev<'a> {
    vm: &'a mut Vm,
    bdev: Value,
    geom: Geom,
    /// A Python exception was raised (it is in `vm.exc`); no more Python calls.
    failed: bool,
}

impl PyBdev<'_> {
    /// Call `bdev.name(*args)` built by `mk`; map the result to littlefs's convention.
    fn call(
        &mut self,
        name: Qstr,
        mk: impl FnOnce(&mut Vm) -> PyResult<([Value; 3], usize)>,
        after: impl FnOnce(&mut Vm, &[Value]) -> bool,
    ) -> Result<(), HalError> {
        if self.failed {
            return Err(HalError::Errno(E::EIO));
        }
        let bdev = self.bdev;
        let vm = &mut *self.vm;
        let base = vm.temp.len();
        let r = (|| -> PyResult<i64> {
            let (args, n) = mk(vm)?;
            for &a in &args[..n] {
                vm.root(a);
            }
            let ret = runtime::call_method(vm, bdev, name, &args[..n])?;
            if !after(vm, &args[..n]) {
                return Err(vm.raise(
                    TypeId::ValueError,
                    "block device changed the buffer's length",
                ));
            }
            Ok(vm.int_i64(ret).unwrap_or(0))
        })();
        vm.temp.truncate(base);
        match r {
            Ok(n) if n < 0 => Err(HalError::Errno(
                n.checked_neg()
                    .and_then(|e| i32::try_from(e).ok())
                    .unwrap_or(E::EIO),
            )),
            Ok(_) => Ok(()),
            Err(_) => {
                // Keep the original exception in vm.exc for the caller to raise.
                self.failed = true;
                Err(HalError::Errno(E::EIO))
            }
        }
    }
}

fn int(vm: &mut Vm, n: u32) -> PyResult<Value> {
    obj::int::new_int(vm, n as i64)
}

impl BlockDevice for PyBdev<'_> {
    fn block_size(&self) -> u32 {
        self.geom.block_size
    }
    fn block_count(&self) -> u32 {
        self.geom.block_count
    }
    fn read_size(&self) -> u32 {
        self.geom.read_size
    }
    fn prog_size(&self) -> u32 {
        self.geom.prog_size
    }
    fn read(&mut self, block: u32, off: u32, buf: &mut [u8]) -> Result<(), HalError> {
        let len = buf.len();
        self.call(
            q!("readblocks"),
            |vm| {
                let ba = obj::bytes::new_bytearray(vm, &vec![0u8; len])?;
                vm.root(ba);
                Ok(([int(vm, block)?, ba, int(vm, off)?], 3))
            },
            |vm, args| match obj::bytes::buffer_ref(vm, args[1]) {
                Some(b) if b.len() == len => {
                    buf.copy_from_slice(b);
                    true
                }
                _ => false,
            },
        )
    }
    fn program(&mut self, block: u32, off: u32, data: &[u8]) -> Result<(), HalError> {
        self.call(
            q!("writeblocks"),
            |vm| {
                let ba = obj::bytes::new_bytearray(vm, data)?;
                vm.root(ba);
                Ok(([int(vm, block)?, ba, int(vm, off)?], 3))
            },
            |_, _| true,
        )
    }
    fn erase(&mut self, block: u32) -> Result<(), HalError> {
        self.call(
            q!("ioctl"),
            |vm| {
                Ok((
                    [
                        Value::small(IOCTL_BLOCK_ERASE),
                        int(vm, block)?,
                        Value::NONE,
                    ],
                    2,
                ))
            },
            |_, _| true,
        )
    }
    fn sync(&mut self) -> Result<(), HalError> {
        self.call(
            q!("ioctl"),
            |_| Ok(([Value::small(IOCTL_SYNC), Value::small(0), Value::NONE], 2)),
            |_, _| true,
        )
    }
}

/// Run one littlefs operation on `lfs` (which is *not* inside the VM) over the Python
/// device `bdev`. A Python exception raised by the device is raised as is; littlefs
/// errors become `OSError(errno)`.
fn run_on<R>(
    vm: &mut Vm,
    bdev: Value,
    geom: Geom,
    lfs: &mut Lfs,
    f: impl FnOnce(&mut Lfs, &mut dyn BlockDevice) -> upy_vfs::Result<R>,
) -> PyResult<R> {
    let mut dev = PyBdev {
        vm,
        bdev,
        geom,
        failed: false,
    };
    let r = f(lfs, &mut dev);
    let PyBdev { vm, failed, .. } = dev;
    if failed {
        // vm.exc holds the exception the device raised.
        return Err(crate::vm::Exc);
    }
    r.map_err(|e| os::os_error(vm, e.0))
}

/// Run `f` on the mounted Python-device littlefs `id` (see the module docs).
pub fn run_py_lfs<R>(
    vm: &mut Vm,
    id: u32,
    f: impl FnOnce(&mut Lfs, &mut dyn BlockDevice) -> upy_vfs::Result<R>,
) -> PyResult<R> {
    let Some(m) = vm.fs.pylfs.iter_mut().find(|m| m.id == id) else {
        return Err(os::os_error(vm, E::EBADF));
    };
    let (bdev, geom) = (m.bdev, m.geom);
    let Some(mut lfs) = m.lfs.take() else {
        return Err(os::os_error(vm, EBUSY));
    };
    let r = run_on(vm, bdev, geom, &mut lfs, f);
    // Put it back (the entry cannot have gone: umount of a busy filesystem is refused).
    if let Some(m) = vm.fs.pylfs.iter_mut().find(|m| m.id == id) {
        m.lfs = Some(lfs);
    }
    r
}

/// Unmount (committing open files) and forget the Python-device littlefs `id`.
/// Fails with EBUSY if an operation on it is running.
pub fn umount_py_lfs(vm: &mut Vm, id: u32) -> PyResult<()> {
    let Some(i) = vm.fs.pylfs.iter().position(|m| m.id == id) else {
        return Ok(());
    };
    if vm.fs.pylfs[i].lfs.is_none() {
        return Err(os::os_error(vm, EBUSY));
    }
    let m = vm.fs.pylfs.remove(i);
    let (bdev, geom) = (m.bdev, m.geom);
    if let Some(mut lfs) = m.lfs {
        run_on(vm, bdev, geom, &mut lfs, |l, d| {
            l.unmount(d);
            Ok(())
        })?;
    }
    Ok(())
}

/// Call `bdev.ioctl(op, arg)` and return its result as an int (`None` counts as 0 unless
/// `need` names the value being asked for, then it is a TypeError).
fn ioctl(vm: &mut Vm, bdev: Value, op: i32, need: Option<&str>) -> PyResult<i64> {
    let r = runtime::call_method(vm, bdev, q!("ioctl"), &[Value::small(op), Value::small(0)])?;
    match (vm.int_i64(r), need) {
        (Some(n), _) => Ok(n),
        (None, None) => Ok(0),
        (None, Some(what)) => {
            let t = runtime::type_name(vm, r);
            Err(vm.raise_fmt(
                TypeId::TypeError,
                format_args!("block device ioctl({op}) ({what}) must return an int, not '{t}'"),
            ))
        }
    }
}

/// Read a Python block device's geometry: `ioctl(1, 1)` (init), `ioctl(5)`, `ioctl(4)`.
fn geometry(vm: &mut Vm, bdev: Value, read_size: u32, prog_size: u32) -> PyResult<Geom> {
    vm.root(bdev);
    for m in [q!("readblocks"), q!("writeblocks"), q!("ioctl")] {
        if runtime::getattr_opt(vm, bdev, m)?.is_none() {
            let t = runtime::type_name(vm, bdev);
            let m = vm.qstr_str(m);
            let m = alloc::string::String::from(m);
            return Err(vm.raise_fmt(
                TypeId::TypeError,
                format_args!("'{t}' is not a block device: it has no {m}() method"),
            ));
        }
    }
    runtime::call_method(
        vm,
        bdev,
        q!("ioctl"),
        &[Value::small(IOCTL_INIT), Value::small(1)],
    )?;
    let bs = ioctl(vm, bdev, IOCTL_BLOCK_SIZE, Some("block size"))?;
    let bc = ioctl(vm, bdev, IOCTL_BLOCK_COUNT, Some("block count"))?;
    let (Ok(block_size), Ok(block_count)) = (u32::try_from(bs), u32::try_from(bc)) else {
        return Err(os::os_error(vm, E::EINVAL));
    };
    Ok(Geom {
        block_size,
        block_count,
        read_size,
        prog_size,
    })
}

/// A fresh (unmounted) `Lfs` for a Python device's geometry.
fn new_lfs(vm: &mut Vm, bdev: Value, geom: Geom) -> PyResult<Lfs> {
    // Lfs::new only reads the geometry; no Python is called.
    let dev = PyBdev {
        vm,
        bdev,
        geom,
        failed: false,
    };
    match Lfs::new(&dev) {
        Ok(l) => Ok(l),
        Err(e) => Err(os::os_error(dev.vm, e.0)),
    }
}

/// `readsize`/`progsize` keyword arguments (MicroPython's defaults: 32).
fn sizes(vm: &mut Vm, kw: Kw) -> PyResult<(u32, u32)> {
    let (mut rs, mut ps) = (32u32, 32u32);
    for &(k, v) in kw {
        let slot = if k == q!("readsize") {
            &mut rs
        } else if k == q!("progsize") {
            &mut ps
        } else if k == q!("lookahead") || k == q!("mtime") {
            continue;
        } else {
            let k = alloc::string::String::from(vm.qstr_str(k));
            return Err(vm.raise_fmt(
                TypeId::TypeError,
                format_args!("unexpected keyword argument '{k}'"),
            ));
        };
        match vm
            .int_i64(v)
            .and_then(|n| u32::try_from(n).ok())
            .filter(|&n| n > 0)
        {
            Some(n) => *slot = n,
            None => {
                return Err(vm.raise(
                    TypeId::ValueError,
                    "readsize and progsize must be positive ints",
                ));
            }
        }
    }
    Ok((rs, ps))
}

/// A `VfsLfs2` object: `a` = the block device (None: the port's flash), `b` = its current
/// directory for relative paths of its methods (a str, or NULL for `/`), `i`/`j` = read and
/// program sizes.
fn new_vfs_obj(vm: &mut Vm, bdev: Value, rs: u32, ps: u32) -> PyResult<Value> {
    vm.root(bdev);
    let off = vm.alloc(Kind::Native, core::mem::size_of::<Obj4>())?;
    let o = vm.heap.get_mut::<Obj4>(off);
    o.h.aux = TypeId::VfsLfs as u16;
    o.a = bdev;
    o.b = Value::NULL;
    o.c = Value::NULL;
    o.i = rs;
    o.j = ps;
    Ok(Value::obj(off))
}

/// (block device, read size, program size) of a `VfsLfs2` object.
fn fields(vm: &Vm, v: Value) -> (Value, u32, u32) {
    match v.as_obj() {
        Some(o) => {
            let ob = vm.heap.get::<Obj4>(o);
            (ob.a, ob.i.max(1), ob.j.max(1))
        }
        None => (Value::NONE, 32, 32),
    }
}

/// `VfsLfs2(bdev)`: check that littlefs mounts on `bdev` (as MicroPython's constructor
/// does) and return the filesystem object.
pub fn make_vfs(vm: &mut Vm, bdev: Value, kw: Kw) -> PyResult<Value> {
    let (rs, ps) = sizes(vm, kw)?;
    if bdev.is_none() {
        os::with_lfs(vm, |_, _| Ok(()))?;
        return new_vfs_obj(vm, bdev, rs, ps);
    }
    let geom = geometry(vm, bdev, rs, ps)?;
    let mut lfs = new_lfs(vm, bdev, geom)?;
    run_on(vm, bdev, geom, &mut lfs, |l, d| {
        l.mount(d)?;
        l.unmount(d);
        Ok(())
    })?;
    new_vfs_obj(vm, bdev, rs, ps)
}

fn lfs_new(vm: &mut Vm, args: &[Value], kw: Kw) -> PyResult<Value> {
    match args.get(1) {
        Some(&bdev) => make_vfs(vm, bdev, kw),
        None => Err(vm.raise(
            TypeId::TypeError,
            "VfsLfs2() needs a block device (or None for the board's flash)",
        )),
    }
}

fn lfs_mkfs(vm: &mut Vm, args: &[Value], kw: Kw) -> PyResult<Value> {
    let bdev = args.first().copied().unwrap_or(Value::NONE);
    let (rs, ps) = sizes(vm, kw)?;
    if bdev.is_none() {
        os::with_lfs(vm, |l, d| {
            l.format(d)?;
            l.mount(d)
        })?;
        return Ok(Value::NONE);
    }
    let geom = geometry(vm, bdev, rs, ps)?;
    let mut lfs = new_lfs(vm, bdev, geom)?;
    run_on(vm, bdev, geom, &mut lfs, |l, d| l.format(d))?;
    Ok(Value::NONE)
}

/// Is `v` a `VfsLfs2` object?
pub fn is_vfs_lfs(vm: &Vm, v: Value) -> bool {
    v.as_obj().is_some_and(|o| {
        vm.heap.kind(o) == Kind::Native && vm.heap.get::<Obj4>(o).h.aux == TypeId::VfsLfs as u16
    })
}

/// Mount the `VfsLfs2` object `v`: the port's flash (`Mounted::Lfs`) or a littlefs on a
/// Python block device, mounted now and registered in `Vm::fs.pylfs`.
pub fn mount_vfs_lfs(vm: &mut Vm, v: Value) -> PyResult<Mounted> {
    let m = attach(vm, v)?;
    if matches!(m, Mounted::PyLfs(_)) && vm.fs.mounts.iter().any(|(_, x)| *x == m) {
        return Err(os::os_error(vm, 1)); // EPERM: already mounted
    }
    Ok(m)
}

/// The littlefs a `VfsLfs2` object names, mounted at the littlefs level (not necessarily in
/// the mount table): the port's, or an entry of `Vm::fs.pylfs` created on first use and
/// kept (with the object alive through `os._mounts`) until it is unmounted or the board
/// soft-resets.
fn attach(vm: &mut Vm, v: Value) -> PyResult<Mounted> {
    let (bdev, rs, ps) = fields(vm, v);
    if bdev.is_none() {
        os::with_lfs(vm, |_, _| Ok(()))?;
        return Ok(Mounted::Lfs);
    }
    if let Some(e) = vm.fs.pylfs.iter().find(|m| m.vfs == v) {
        return Ok(Mounted::PyLfs(e.id));
    }
    let geom = geometry(vm, bdev, rs, ps)?;
    let mut lfs = new_lfs(vm, bdev, geom)?;
    run_on(vm, bdev, geom, &mut lfs, |l, d| l.mount(d))?;
    let keep = os::mounts_list(vm)?;
    vm.list_push(keep, v)?;
    let id = vm.fs.next_pylfs_id();
    vm.fs.pylfs.push(PyLfsMount {
        id,
        vfs: v,
        bdev,
        geom,
        lfs: Some(lfs),
    });
    Ok(Mounted::PyLfs(id))
}

/// `self` checked to be a `VfsLfs2`, its filesystem, and `path` made absolute against the
/// object's own current directory.
fn target(vm: &mut Vm, args: &[Value], i: usize) -> PyResult<(Mounted, alloc::string::String)> {
    let me = args[0];
    if !is_vfs_lfs(vm, me) {
        return Err(vm.raise(TypeId::TypeError, "expected a VfsLfs2 object"));
    }
    let p = match args.get(i) {
        Some(&p) => os::str_arg(vm, p)?,
        None => alloc::string::String::new(),
    };
    let cwd = me
        .as_obj()
        .map(|o| vm.heap.get::<Obj4>(o).b)
        .and_then(|c| vm.str_of(c))
        .map(alloc::string::String::from);
    let abs = os::abspath(cwd.as_deref().unwrap_or("/"), &p);
    let m = attach(vm, me)?;
    Ok((m, abs))
}

fn m_open(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (m, p) = target(vm, args, 1)?;
    let mode = os::str_arg(vm, args[2])?;
    crate::modules::io::open_in(vm, m, &p, &mode)
}

fn m_ilistdir(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (m, p) = target(vm, args, 1)?;
    os::ilistdir_in(vm, m, &p)
}

fn m_stat(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (m, p) = target(vm, args, 1)?;
    os::stat_in(vm, m, &p)
}

fn m_statvfs(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (m, p) = target(vm, args, 1)?;
    os::statvfs_in(vm, m, &p)
}

fn m_mkdir(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (m, p) = target(vm, args, 1)?;
    os::with_fs(vm, m, |l, d| l.mkdir(d, &p))?;
    Ok(Value::NONE)
}

fn m_rmdir(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (m, p) = target(vm, args, 1)?;
    os::with_fs(vm, m, |l, d| l.rmdir(d, &p))?;
    Ok(Value::NONE)
}

fn m_remove(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (m, p) = target(vm, args, 1)?;
    os::with_fs(vm, m, |l, d| l.remove(d, &p))?;
    Ok(Value::NONE)
}

fn m_rename(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (m, a) = target(vm, args, 1)?;
    let (_, b) = target(vm, args, 2)?;
    os::with_fs(vm, m, |l, d| l.rename(d, &a, &b))?;
    Ok(Value::NONE)
}

fn m_chdir(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (m, p) = target(vm, args, 1)?;
    let st = os::with_fs(vm, m, |l, d| l.stat(d, &p))?;
    if !st.is_dir {
        return Err(os::os_error(vm, E::ENOTDIR));
    }
    let s = vm.new_str(&p)?;
    if let Some(o) = args[0].as_obj() {
        vm.heap.get_mut::<Obj4>(o).b = s;
    }
    Ok(Value::NONE)
}

fn m_getcwd(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (_, p) = target(vm, args, 1)?;
    vm.new_str(&p)
}

/// `VfsLfs2.mount(readonly, mkfs)`: what `vfs.mount` calls on a filesystem object.
fn m_mount(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    target(vm, args, 3)?;
    Ok(Value::NONE)
}

/// `VfsLfs2.umount()`: unmount it (from the mount table too, if it is there).
fn m_umount(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let me = args[0];
    let (m, _) = target(vm, args, 1)?;
    if vm.fs.mounts.iter().any(|(_, x)| *x == m) {
        return os::os_umount(vm, &[me], &[]);
    }
    if let Mounted::PyLfs(id) = m {
        umount_py_lfs(vm, id)?;
        let l = os::mounts_list(vm)?;
        if let Some(pos) = vm
            .list_items(l)
            .and_then(|it| it.iter().position(|&x| x == me))
        {
            vm.list_remove_at(l, pos);
        }
    }
    Ok(Value::NONE)
}

/// A `VfsLfs2` object for the port's flash (what `vfs.mount()` lists for `/`).
pub fn port_vfs_obj(vm: &mut Vm) -> PyResult<Value> {
    new_vfs_obj(vm, Value::NONE, 32, 32)
}

/// `vfs.VfsLfs2`.
pub static VFSLFS_TYPE: TypeDef = TypeDef {
    name: "VfsLfs2",
    base: Some(TypeId::Object),
    locals: &[
        (
            q!("mkfs"),
            Attr::StaticFun(crate::types::Fun {
                f: lfs_mkfs,
                min: 0,
                max: 1,
                kw: true,
            }),
        ),
        fun!(q!("open"), m_open, 3, 3),
        fun!(q!("ilistdir"), m_ilistdir, 1, 2),
        fun!(q!("stat"), m_stat, 2, 2),
        fun!(q!("statvfs"), m_statvfs, 2, 2),
        fun!(q!("mkdir"), m_mkdir, 2, 2),
        fun!(q!("rmdir"), m_rmdir, 2, 2),
        fun!(q!("remove"), m_remove, 2, 2),
        fun!(q!("rename"), m_rename, 3, 3),
        fun!(q!("chdir"), m_chdir, 2, 2),
        fun!(q!("getcwd"), m_getcwd, 1, 1),
        fun!(q!("mount"), m_mount, 3, 3),
        fun!(q!("umount"), m_umount, 1, 1),
    ],
    new: Some(lfs_new),
    subclassable: false,
};

/// `vfs`.
pub static MODULE: ModuleDef = ModuleDef {
    name: "vfs",
    globals: &[
        fun!(q!("mount"), os::os_mount, 0, 2, kw),
        fun!(q!("umount"), os::os_umount, 1, 1),
        (q!("VfsLfs2"), Attr::Type(TypeId::VfsLfs)),
    ],
    init: None,
};
