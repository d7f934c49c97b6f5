//! `os`: files and directories on the board's filesystems, through a mount table.
//!
//! The root (`/`) is littlefs on the port's block device (mounted on first use; a device
//! that does not mount is formatted, as MicroPython's boot does). `os.mount(obj, path)`
//! adds Python VFS objects (anything with MicroPython's VFS methods: `open`, `ilistdir`,
//! `stat`, `mkdir`, `rmdir`, `remove`, `rename`, `chdir`, `getcwd`, `statvfs`, `mount`,
//! `umount`), which is what mpremote's `mount` uses. Paths are resolved against the
//! current directory and the longest matching mount point.
//!
//! Mounted Python objects are kept alive through the `_mounts` list in this module's
//! globals (the mount table itself lives in `Vm::fs`, outside the GC heap).

use alloc::string::String;
use alloc::vec::Vec;

use upy_vfs::{errno as E, Lfs};

use crate::obj;
use crate::qstr::Qstr;
use crate::runtime;
use crate::types::{Attr, ModuleDef, ModuleId, TypeId};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

type Kw<'a> = &'a [(Qstr, Value)];

/// What is mounted at a mount point.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Mounted {
    /// The port's littlefs.
    Lfs,
    /// A littlefs on a Python block device (`vfs.VfsLfs2(bdev)`): the id of its entry
    /// in `FsState::pylfs`.
    PyLfs(u32),
    /// A Python VFS object.
    Py(Value),
}

/// The VM's filesystem state.
pub struct FsState {
    /// littlefs on the port's block device (None until first use or if there is none).
    pub lfs: Option<Lfs>,
    tried: bool,
    /// Mount points (normalized absolute paths) and what is mounted there.
    pub mounts: Vec<(String, Mounted)>,
    /// Current directory (absolute, normalized).
    pub cwd: String,
    /// Mounted littlefs instances on Python block devices.
    pub pylfs: Vec<crate::modules::vfs::PyLfsMount>,
    last_id: u32,
}

impl Default for FsState {
    fn default() -> Self {
        FsState { lfs: None, tried: false, mounts: Vec::new(), cwd: String::from("/"), pylfs: Vec::new(), last_id: 0 }
    }
}

impl FsState {
    /// A fresh id for a Python-device littlefs (a small int, never 0, not in use).
    pub fn next_pylfs_id(&mut self) -> u32 {
        loop {
            self.last_id = if self.last_id >= (1 << 29) { 1 } else { self.last_id + 1 };
            let id = self.last_id;
            if !self.pylfs.iter().any(|m| m.id == id) {
                return id;
            }
        }
    }
}

/// Raise `OSError(errno)`.
pub fn os_error(vm: &mut Vm, errno: i32) -> crate::vm::Exc {
    vm.raise_with(TypeId::OSError, Value::small(errno))
}

/// Mount the port's littlefs at `/` the first time the filesystem is used.
fn ensure_root(vm: &mut Vm) {
    if vm.fs.tried {
        return;
    }
    vm.fs.tried = true;
    let Vm { fs, port, .. } = vm;
    let Some(dev) = port.block_device() else { return };
    let Ok(mut lfs) = Lfs::new(dev) else { return };
    if lfs.mount(dev).is_err() && (lfs.format(dev).is_err() || lfs.mount(dev).is_err()) {
        return;
    }
    fs.lfs = Some(lfs);
    fs.mounts.insert(0, (String::from("/"), Mounted::Lfs));
}

/// Run `f` on the port's littlefs; errors become OSError.
pub fn with_lfs<R>(vm: &mut Vm, f: impl FnOnce(&mut Lfs, &mut dyn upy_hal::BlockDevice) -> upy_vfs::Result<R>) -> PyResult<R> {
    ensure_root(vm);
    let Vm { fs, port, .. } = vm;
    let r = match (fs.lfs.as_mut(), port.block_device()) {
        (Some(l), Some(d)) => f(l, d),
        _ => Err(upy_vfs::Error(E::ENODEV)),
    };
    r.map_err(|e| os_error(vm, e.0))
}

/// Run `f` on a mounted littlefs (the port's, or one on a Python block device).
pub fn with_fs<R>(vm: &mut Vm, m: Mounted, f: impl FnOnce(&mut Lfs, &mut dyn upy_hal::BlockDevice) -> upy_vfs::Result<R>) -> PyResult<R> {
    match m {
        Mounted::Lfs => with_lfs(vm, f),
        Mounted::PyLfs(id) => crate::modules::vfs::run_py_lfs(vm, id, f),
        Mounted::Py(_) => Err(os_error(vm, E::ENODEV)),
    }
}

/// Normalize `p` (relative to `cwd`) to an absolute path without `.`, `..` or `//`.
pub fn abspath(cwd: &str, p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let full = if p.starts_with('/') { String::from(p) } else { alloc::format!("{cwd}/{p}") };
    for c in full.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            c => parts.push(c),
        }
    }
    let mut out = String::new();
    for c in parts {
        out.push('/');
        out.push_str(c);
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

/// Resolve a path to (what is mounted there, path inside that filesystem).
pub fn resolve(vm: &mut Vm, path: &str) -> PyResult<(Mounted, String)> {
    ensure_root(vm);
    let abs = abspath(&vm.fs.cwd, path);
    let mut best: Option<(usize, Mounted)> = None;
    for (mp, m) in &vm.fs.mounts {
        let hit = mp == "/" || abs == *mp || (abs.starts_with(mp.as_str()) && abs.as_bytes().get(mp.len()) == Some(&b'/'));
        if hit && best.is_none_or(|(l, _)| mp.len() > l) {
            best = Some((mp.len(), *m));
        }
    }
    match best {
        Some((l, m)) => {
            let rel = if l <= 1 { abs } else { String::from(&abs[l..]) };
            Ok((m, if rel.is_empty() { String::from("/") } else { rel }))
        }
        None => Err(os_error(vm, E::ENODEV)),
    }
}

/// A str argument (paths).
pub fn str_arg(vm: &mut Vm, v: Value) -> PyResult<String> {
    match vm.str_of(v) {
        Some(s) => Ok(String::from(s)),
        None => {
            let t = runtime::type_name(vm, v);
            Err(vm.raise_fmt(TypeId::TypeError, format_args!("expected str, got '{t}'")))
        }
    }
}

fn path_arg(vm: &mut Vm, args: &[Value], i: usize) -> PyResult<String> {
    match args.get(i) {
        Some(&v) => str_arg(vm, v),
        None => Ok(String::from(".")),
    }
}

fn py_call(vm: &mut Vm, o: Value, name: Qstr, args: &[Value]) -> PyResult<Value> {
    runtime::call_method(vm, o, name, args)
}

fn os_listdir(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let p = path_arg(vm, args, 0)?;
    let it = ilistdir_value(vm, &p)?;
    let items = runtime::collect_iter(vm, it)?;
    for &t in &items {
        vm.root(t);
    }
    let out = obj::list::new_list(vm, &[])?;
    for t in items {
        let name = vm.tuple_items(t).and_then(|t| t.first().copied()).unwrap_or(Value::NONE);
        vm.list_push(out, name)?;
    }
    Ok(out)
}

/// Names of the mount points directly inside the directory `abs` (MicroPython lists
/// mounted directories such as `/remote` in `os.listdir('/')`).
fn child_mounts(vm: &Vm, abs: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (mp, _) in &vm.fs.mounts {
        if mp == "/" || *mp == abs {
            continue;
        }
        let (parent, name) = mp.rsplit_once('/').unwrap_or(("", mp));
        let parent = if parent.is_empty() { "/" } else { parent };
        if parent == abs && !name.is_empty() {
            out.push(String::from(name));
        }
    }
    out
}

fn ilistdir_value(vm: &mut Vm, p: &str) -> PyResult<Value> {
    let abs = abspath(&vm.fs.cwd, p);
    let kids = child_mounts(vm, &abs);
    let inner = match resolve(vm, p) {
        Ok((m, rel)) => Some(ilistdir_in(vm, m, &rel)?),
        // No filesystem at `/` (a board without a block device, or `/` unmounted): the
        // virtual root lists only the mount points, as MicroPython's.
        Err(_) if abs == "/" => {
            vm.exc = Value::NULL;
            None
        }
        Err(e) => return Err(e),
    };
    if kids.is_empty() {
        return match inner {
            Some(it) => Ok(it),
            None => {
                let empty = obj::list::new_list(vm, &[])?;
                runtime::iter(vm, empty)
            }
        };
    }
    // As MicroPython: the mount points first, as (name, S_IFDIR, 0), then the entries of
    // the filesystem the directory belongs to (a name shadowed by a mount point once).
    let out = obj::list::new_list(vm, &[])?;
    vm.root(out);
    for k in &kids {
        let n = vm.new_str(k)?;
        let t = obj::tuple::new_tuple(vm, &[n, Value::small(0x4000), Value::small(0)])?;
        vm.list_push(out, t)?;
    }
    if let Some(it) = inner {
        vm.root(it);
        while let Some(e) = runtime::next(vm, it)? {
            let name = vm.tuple_items(e).and_then(|t| t.first().copied()).and_then(|n| vm.str_of(n));
            if !name.is_some_and(|n| kids.iter().any(|k| k == n)) {
                vm.list_push(out, e)?;
            }
        }
    }
    runtime::iter(vm, out)
}

/// `ilistdir` of `rel` inside the filesystem `m` (an iterator of MicroPython's 4-tuples).
pub(crate) fn ilistdir_in(vm: &mut Vm, m: Mounted, rel: &str) -> PyResult<Value> {
    match m {
        Mounted::Py(o) => {
            let r = vm.new_str(rel)?;
            let it = py_call(vm, o, q!("ilistdir"), &[r])?;
            runtime::iter(vm, it)
        }
        m => {
            let ents = with_fs(vm, m, |l, d| l.list(d, rel))?;
            let out = obj::list::new_list(vm, &[])?;
            for e in ents {
                let n = vm.new_str(&e.name)?;
                let ty = Value::small(if e.is_dir { 0x4000 } else { 0x8000 });
                let sz = obj::int::new_int(vm, e.size as i64)?;
                let t = obj::tuple::new_tuple(vm, &[n, ty, Value::small(0), sz])?;
                vm.list_push(out, t)?;
            }
            runtime::iter(vm, out)
        }
    }
}

fn os_ilistdir(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let p = path_arg(vm, args, 0)?;
    ilistdir_value(vm, &p)
}

fn os_stat(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let p = str_arg(vm, args[0])?;
    let (m, rel) = match resolve(vm, &p) {
        Ok(r) => r,
        // `/` of a board without a root filesystem: the virtual root directory.
        Err(_) if abspath(&vm.fs.cwd, &p) == "/" => {
            vm.exc = Value::NULL;
            let z = Value::small(0);
            return obj::tuple::new_tuple(vm, &[Value::small(0x4000), z, z, z, z, z, z, z, z, z]);
        }
        Err(e) => return Err(e),
    };
    stat_in(vm, m, &rel)
}

/// `stat` of `rel` inside the filesystem `m`: MicroPython's 10-tuple.
pub(crate) fn stat_in(vm: &mut Vm, m: Mounted, rel: &str) -> PyResult<Value> {
    match m {
        Mounted::Py(o) => {
            let r = vm.new_str(rel)?;
            py_call(vm, o, q!("stat"), &[r])
        }
        m => {
            let s = with_fs(vm, m, |l, d| l.stat(d, rel))?;
            let size = obj::int::new_int(vm, s.size as i64)?;
            let mode = Value::small(if s.is_dir { 0x4000 } else { 0x8000 });
            let z = Value::small(0);
            obj::tuple::new_tuple(vm, &[mode, z, z, z, z, z, size, z, z, z])
        }
    }
}

fn os_statvfs(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let p = str_arg(vm, args[0])?;
    let (m, rel) = resolve(vm, &p)?;
    statvfs_in(vm, m, &rel)
}

/// `statvfs` of the filesystem `m` (`rel` is passed on to Python VFS objects).
pub(crate) fn statvfs_in(vm: &mut Vm, m: Mounted, rel: &str) -> PyResult<Value> {
    match m {
        Mounted::Py(o) => {
            let r = vm.new_str(rel)?;
            py_call(vm, o, q!("statvfs"), &[r])
        }
        m => {
            let s = with_fs(vm, m, |l, d| l.statvfs(d))?;
            let v = [s.bsize, s.bsize, s.blocks, s.bfree, s.bfree, 0, 0, 0, 0, s.namemax];
            let mut vals = [Value::NONE; 10];
            for (o, x) in vals.iter_mut().zip(v) {
                *o = obj::int::new_int(vm, x as i64)?;
            }
            obj::tuple::new_tuple(vm, &vals)
        }
    }
}

fn simple(vm: &mut Vm, path: Value, name: Qstr, f: fn(&mut Lfs, &mut dyn upy_hal::BlockDevice, &str) -> upy_vfs::Result<()>) -> PyResult<Value> {
    let p = str_arg(vm, path)?;
    let (m, rel) = resolve(vm, &p)?;
    // A mount point cannot be removed (mpremote's `rm -r` relies on EINVAL here).
    if (name == q!("rmdir") || name == q!("remove")) && vm.fs.mounts.iter().any(|(mp, _)| *mp == abspath(&vm.fs.cwd, &p)) {
        return Err(os_error(vm, E::EINVAL));
    }
    match m {
        Mounted::Py(o) => {
            let r = vm.new_str(&rel)?;
            py_call(vm, o, name, &[r])?;
        }
        m => with_fs(vm, m, |l, d| f(l, d, &rel))?,
    }
    Ok(Value::NONE)
}

fn os_mkdir(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    simple(vm, args[0], q!("mkdir"), |l, d, p| l.mkdir(d, p))
}

fn os_rmdir(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    simple(vm, args[0], q!("rmdir"), |l, d, p| l.rmdir(d, p))
}

fn os_remove(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    simple(vm, args[0], q!("remove"), |l, d, p| l.remove(d, p))
}

fn os_rename(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let a = str_arg(vm, args[0])?;
    let b = str_arg(vm, args[1])?;
    let (ma, ra) = resolve(vm, &a)?;
    let (mb, rb) = resolve(vm, &b)?;
    if ma != mb {
        return Err(os_error(vm, 18)); // EXDEV
    }
    match ma {
        Mounted::Py(o) => {
            let x = vm.new_str(&ra)?;
            let y = vm.new_str(&rb)?;
            py_call(vm, o, q!("rename"), &[x, y])?;
        }
        m => with_fs(vm, m, |l, d| l.rename(d, &ra, &rb))?,
    }
    Ok(Value::NONE)
}

fn os_getcwd(vm: &mut Vm, _args: &[Value], _kw: Kw) -> PyResult<Value> {
    let c = vm.fs.cwd.clone();
    vm.new_str(&c)
}

fn os_chdir(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let p = str_arg(vm, args[0])?;
    let abs = abspath(&vm.fs.cwd, &p);
    let (m, rel) = resolve(vm, &p)?;
    match m {
        Mounted::Py(o) => {
            let r = vm.new_str(&rel)?;
            py_call(vm, o, q!("chdir"), &[r])?;
        }
        m => {
            let s = with_fs(vm, m, |l, d| l.stat(d, &rel))?;
            if !s.is_dir {
                return Err(os_error(vm, E::ENOTDIR));
            }
        }
    }
    vm.fs.cwd = abs;
    Ok(Value::NONE)
}

fn os_sync(vm: &mut Vm, _args: &[Value], _kw: Kw) -> PyResult<Value> {
    // Every file commits on flush/close; open files are committed here too.
    ensure_root(vm);
    let mut todo: Vec<(Mounted, upy_vfs::FileId)> = Vec::new();
    for id in vm.fs.lfs.as_ref().map(|l| l.open_files()).unwrap_or_default() {
        todo.push((Mounted::Lfs, id));
    }
    for m in &vm.fs.pylfs {
        for id in m.lfs.as_ref().map(|l| l.open_files()).unwrap_or_default() {
            todo.push((Mounted::PyLfs(m.id), id));
        }
    }
    for (m, id) in todo {
        if with_fs(vm, m, |l, d| l.sync(d, id)).is_err() {
            vm.exc = Value::NULL;
        }
    }
    Ok(Value::NONE)
}

/// `uname_result`: a tuple with named fields, as MicroPython's (index, unpack, attributes).
const UNAME_CLASS: &str = "class uname_result(tuple):\n    sysname = property(lambda s: s[0])\n    nodename = property(lambda s: s[1])\n    release = property(lambda s: s[2])\n    version = property(lambda s: s[3])\n    machine = property(lambda s: s[4])\n    def __repr__(s):\n        return '(sysname=%r, nodename=%r, release=%r, version=%r, machine=%r)' % tuple(s)\n";

/// `os.uname()`: says truthfully that this is upy (and which MicroPython it follows), on
/// which board and MCU.
fn os_uname(vm: &mut Vm, _args: &[Value], _kw: Kw) -> PyResult<Value> {
    let board = vm.port.board_name();
    let mcu = vm.port.mcu_name();
    let machine = alloc::format!("{board} with {mcu}");
    let ver = env!("CARGO_PKG_VERSION");
    let version = alloc::format!("upy {ver}, compatible with MicroPython v1.27.0");
    let fields: [(Qstr, &str); 5] = [
        (q!("sysname"), "upy"),
        (q!("nodename"), "upy"),
        (q!("release"), ver),
        (q!("version"), &version),
        (q!("machine"), &machine),
    ];
    let mut vals = [Value::NONE; 5];
    for (o, (_, s)) in vals.iter_mut().zip(fields.iter()) {
        *o = vm.new_str(s)?;
        vm.root(*o);
    }
    let t = obj::tuple::new_tuple(vm, &vals)?;
    vm.root(t);
    // The tuple subclass is compiled once per VM and kept in the os module's globals.
    let m = crate::modules::builtin_module(vm, ModuleId::Os as u8)?;
    let d = m.as_obj().map_or(Value::NULL, |o| vm.heap.get::<obj::ModuleObj>(o).dict);
    let cls = match vm.dict_get_str(d, q!("_uname_result")) {
        Some(c) => Some(c),
        None => {
            let ns = obj::dict::new_dict(vm)?;
            vm.root(ns);
            vm.dict_set(ns, Value::qstr(q!("__name__")), Value::qstr(q!("os")))?;
            match crate::exec_source(vm, UNAME_CLASS, "<os>", ns, Value::NULL) {
                Ok(_) => {
                    let c = vm.dict_get_str(ns, q!("uname_result"));
                    if let Some(c) = c {
                        vm.dict_set(d, Value::qstr(q!("_uname_result")), c)?;
                    }
                    c
                }
                Err(_) => {
                    // No compiler in this build (or no memory for it): a plain object
                    // with the fields as attributes.
                    vm.exc = Value::NULL;
                    None
                }
            }
        }
    };
    if let Some(c) = cls {
        return crate::call::call(vm, c, &[t], &[]);
    }
    let ns = obj::dict::new_dict(vm)?;
    vm.root(ns);
    for ((q, _), v) in fields.iter().zip(vals) {
        vm.dict_set(ns, Value::qstr(*q), v)?;
    }
    let empty = obj::tuple::new_tuple(vm, &[])?;
    obj::class::make_class(vm, Value::qstr(q!("uname_result")), empty, ns)
}

fn os_urandom(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let n = vm.int_i64(args[0]).unwrap_or(-1);
    if !(0..=1 << 20).contains(&n) {
        return Err(vm.raise(TypeId::ValueError, "negative or too large length"));
    }
    let mut b = alloc::vec![0u8; n as usize];
    vm.port.random_bytes(&mut b);
    obj::str::new_bytes(vm, &b)
}

/// The `_mounts` keep-alive list in the os module.
pub(crate) fn mounts_list(vm: &mut Vm) -> PyResult<Value> {
    let m = crate::modules::builtin_module(vm, ModuleId::Os as u8)?;
    let d = m.as_obj().map_or(Value::NULL, |o| vm.heap.get::<obj::ModuleObj>(o).dict);
    match vm.dict_get_str(d, q!("_mounts")) {
        Some(l) => Ok(l),
        None => {
            let l = obj::list::new_list(vm, &[])?;
            vm.dict_set(d, Value::qstr(q!("_mounts")), l)?;
            Ok(l)
        }
    }
}

/// `vfs.mount()`: a list of `(vfs_object, mount_point)`, as MicroPython's.
fn mount_list(vm: &mut Vm) -> PyResult<Value> {
    ensure_root(vm);
    let out = obj::list::new_list(vm, &[])?;
    vm.root(out);
    // As MicroPython: the filesystem mounted at `/` comes last.
    let mut table: Vec<(String, Mounted)> = vm.fs.mounts.clone();
    table.sort_by_key(|(mp, _)| mp == "/");
    for (mp, m) in table {
        let o = match m {
            Mounted::Lfs => crate::modules::vfs::port_vfs_obj(vm)?,
            Mounted::PyLfs(id) => vm.fs.pylfs.iter().find(|e| e.id == id).map_or(Value::NONE, |e| e.vfs),
            Mounted::Py(o) => o,
        };
        vm.root(o);
        let p = vm.new_str(&mp)?;
        let t = obj::tuple::new_tuple(vm, &[o, p])?;
        vm.list_push(out, t)?;
    }
    Ok(out)
}

/// `os.mount(vfs, mount_point, *, readonly=False)`; `os.mount()` lists the mounts.
pub fn os_mount(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    if args.is_empty() {
        return mount_list(vm);
    }
    let Some(&p_v) = args.get(1) else {
        return Err(vm.raise(TypeId::TypeError, "mount() takes a filesystem object and a mount point"));
    };
    ensure_root(vm);
    let mut obj_v = args[0];
    let p = str_arg(vm, p_v)?;
    let mp = abspath(&vm.fs.cwd, &p);
    if vm.fs.mounts.iter().any(|(m, _)| *m == mp) {
        return Err(os_error(vm, 1)); // EPERM, as MicroPython
    }
    // An object without a mount() method but with the block protocol is a block
    // device: MicroPython detects its filesystem; here that is littlefs.
    if !crate::modules::vfs::is_vfs_lfs(vm, obj_v)
        && runtime::getattr_opt(vm, obj_v, q!("mount"))?.is_none()
        && runtime::getattr_opt(vm, obj_v, q!("readblocks"))?.is_some()
    {
        obj_v = crate::modules::vfs::make_vfs(vm, obj_v, &[])?;
        vm.root(obj_v);
    }
    let m = if crate::modules::vfs::is_vfs_lfs(vm, obj_v) {
        crate::modules::vfs::mount_vfs_lfs(vm, obj_v)?
    } else {
        // MicroPython calls vfs.mount(readonly, mkfs) first.
        if runtime::getattr_opt(vm, obj_v, q!("mount"))?.is_some() {
            py_call(vm, obj_v, q!("mount"), &[Value::FALSE, Value::FALSE])?;
        }
        let l = mounts_list(vm)?;
        vm.list_push(l, obj_v)?;
        Mounted::Py(obj_v)
    };
    // Python code ran since the check above (a mount() method, a block device): check again.
    if vm.fs.mounts.iter().any(|(x, _)| *x == mp) {
        if let Mounted::PyLfs(id) = m {
            let _ = crate::modules::vfs::umount_py_lfs(vm, id);
        }
        return Err(os_error(vm, 1));
    }
    vm.fs.mounts.push((mp, m));
    Ok(Value::NONE)
}

/// `os.umount(mount_point_or_vfs)`.
pub fn os_umount(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    ensure_root(vm);
    let target = args[0];
    let idx = match vm.str_of(target) {
        Some(s) => {
            let mp = abspath(&vm.fs.cwd, s);
            vm.fs.mounts.iter().position(|(m, _)| *m == mp)
        }
        None => {
            let lfs_id = vm.fs.pylfs.iter().find(|e| e.vfs == target).map(|e| e.id);
            vm.fs.mounts.iter().position(|(_, m)| *m == Mounted::Py(target) || lfs_id.is_some_and(|id| *m == Mounted::PyLfs(id)))
        }
    };
    let Some(mut i) = idx else { return Err(os_error(vm, E::EINVAL)) };
    if let Mounted::PyLfs(id) = vm.fs.mounts[i].1 {
        // Commit its open files and unmount it (EBUSY if it is in use right now).
        let vfs_obj = vm.fs.pylfs.iter().find(|e| e.id == id).map(|e| e.vfs);
        crate::modules::vfs::umount_py_lfs(vm, id)?;
        if let Some(o) = vfs_obj {
            let l = mounts_list(vm)?;
            if let Some(pos) = vm.list_items(l).and_then(|it| it.iter().position(|&x| x == o)) {
                vm.list_remove_at(l, pos);
            }
        }
        // The device's Python code ran: find the entry again.
        match vm.fs.mounts.iter().position(|(_, m)| *m == Mounted::PyLfs(id)) {
            Some(j) => i = j,
            None => return Ok(Value::NONE),
        }
    }
    let (mp, m) = vm.fs.mounts.remove(i);
    if let Mounted::Py(o) = m {
        if runtime::getattr_opt(vm, o, q!("umount"))?.is_some() {
            py_call(vm, o, q!("umount"), &[])?;
        }
        let l = mounts_list(vm)?;
        if let Some(pos) = vm.list_items(l).and_then(|it| it.iter().position(|&x| x == o)) {
            vm.list_remove_at(l, pos);
        }
    }
    if vm.fs.cwd == mp || vm.fs.cwd.starts_with(&alloc::format!("{mp}/")) {
        vm.fs.cwd = String::from("/");
    }
    Ok(Value::NONE)
}

/// `os`.
pub static MODULE: ModuleDef = ModuleDef {
    name: "os",
    globals: &[
        fun!(q!("listdir"), os_listdir, 0, 1),
        fun!(q!("ilistdir"), os_ilistdir, 0, 1),
        fun!(q!("stat"), os_stat, 1, 1),
        fun!(q!("statvfs"), os_statvfs, 1, 1),
        fun!(q!("mkdir"), os_mkdir, 1, 1),
        fun!(q!("rmdir"), os_rmdir, 1, 1),
        fun!(q!("remove"), os_remove, 1, 1),
        fun!(q!("unlink"), os_remove, 1, 1),
        fun!(q!("rename"), os_rename, 2, 2),
        fun!(q!("getcwd"), os_getcwd, 0, 0),
        fun!(q!("chdir"), os_chdir, 1, 1),
        fun!(q!("sync"), os_sync, 0, 0),
        fun!(q!("uname"), os_uname, 0, 0),
        fun!(q!("urandom"), os_urandom, 1, 1),
        fun!(q!("mount"), os_mount, 0, 2, kw),
        fun!(q!("umount"), os_umount, 1, 1),
        (q!("sep"), Attr::Str("/")),
        (q!("VfsLfs2"), Attr::Type(TypeId::VfsLfs)),
    ],
    init: None,
};

// ---- File access for import, boot.py/main.py: the host port first (the sim's host
// files), then the mounted filesystems.

fn vfs_stat(vm: &mut Vm, path: &str) -> Option<upy_hal::NodeKind> {
    let saved = vm.exc;
    let r = (|| -> PyResult<Option<bool>> {
        let (m, rel) = resolve(vm, path)?;
        Ok(match m {
            Mounted::Lfs | Mounted::PyLfs(_) => with_fs(vm, m, |l, d| l.stat(d, &rel)).ok().map(|s| s.is_dir),
            Mounted::Py(o) => {
                let r = vm.new_str(&rel)?;
                let st = py_call(vm, o, q!("stat"), &[r])?;
                let mode = vm.tuple_items(st).and_then(|t| t.first().copied()).and_then(|m| vm.int_i64(m)).unwrap_or(0);
                Some(mode & 0x4000 != 0)
            }
        })
    })();
    vm.exc = saved;
    match r {
        Ok(Some(true)) => Some(upy_hal::NodeKind::Dir),
        Ok(Some(false)) => Some(upy_hal::NodeKind::File),
        _ => None,
    }
}

fn vfs_read(vm: &mut Vm, path: &str) -> Option<Vec<u8>> {
    let saved = vm.exc;
    let r = (|| -> PyResult<Vec<u8>> {
        let (m, rel) = resolve(vm, path)?;
        match m {
            Mounted::Lfs | Mounted::PyLfs(_) => with_fs(vm, m, |l, d| {
                let f = l.open(d, &rel, upy_vfs::OpenFlags { read: true, ..Default::default() })?;
                let mut out = Vec::new();
                let mut buf = [0u8; 256];
                let r = loop {
                    match l.read(d, f, &mut buf) {
                        Ok(0) => break Ok(()),
                        Ok(n) => out.extend_from_slice(&buf[..n]),
                        Err(e) => break Err(e),
                    }
                };
                let _ = l.close(d, f);
                r.map(|_| out)
            }),
            Mounted::Py(o) => {
                let r = vm.new_str(&rel)?;
                let md = vm.new_str("rb")?;
                let f = py_call(vm, o, q!("open"), &[r, md])?;
                vm.root(f);
                let data = py_call(vm, f, q!("read"), &[])?;
                let out = obj::bytes::buffer_of(vm, data).or_else(|| vm.str_of(data).map(|s| s.as_bytes().to_vec())).unwrap_or_default();
                let _ = py_call(vm, f, q!("close"), &[]);
                Ok(out)
            }
        }
    })();
    vm.exc = saved;
    r.ok()
}

/// Once a program has used the filesystem (or mounted something), paths mean the board's
/// filesystem first (relative ones against `os.getcwd()`, e.g. imports after mpremote's
/// `mount` + `chdir('/remote')`); before that the port's own files come first (the
/// simulated board running a host script imports its sibling host modules).
fn vfs_first(vm: &Vm) -> bool {
    vm.fs.lfs.is_some() || !vm.fs.mounts.is_empty()
}

fn port_stat(vm: &mut Vm, path: &str) -> Option<upy_hal::NodeKind> {
    vm.port.stat(path)
}

fn port_read(vm: &mut Vm, path: &str) -> Option<Vec<u8>> {
    let mut data = Vec::new();
    vm.port.read_file(path, &mut |b: &[u8]| data.extend_from_slice(b)).ok().map(|_| data)
}

/// Kind of the node at `path`, on the board's filesystem or the port's own files.
pub fn stat_any(vm: &mut Vm, path: &str) -> Option<upy_hal::NodeKind> {
    if vfs_first(vm) {
        vfs_stat(vm, path).or_else(|| port_stat(vm, path))
    } else {
        port_stat(vm, path).or_else(|| vfs_stat(vm, path))
    }
}

/// The bytes of the file at `path` (`import`, `boot.py`, `main.py`), from the board's
/// filesystem or the port's own files, in the order `stat_any` uses.
pub fn read_any(vm: &mut Vm, path: &str) -> Option<Vec<u8>> {
    if vfs_first(vm) {
        vfs_read(vm, path).or_else(|| port_read(vm, path))
    } else {
        port_read(vm, path).or_else(|| vfs_read(vm, path))
    }
}

/// Close (and so commit) every open file and unmount the port's filesystem; a soft reset
/// calls this before dropping the VM, as MicroPython's soft reset closes open files.
pub fn unmount_all(vm: &mut Vm) {
    // littlefs on Python block devices first: committing their files calls Python.
    let ids: Vec<u32> = vm.fs.pylfs.iter().map(|m| m.id).collect();
    for id in ids {
        if crate::modules::vfs::umount_py_lfs(vm, id).is_err() {
            vm.exc = Value::NULL;
        }
    }
    vm.fs.pylfs.clear();
    let Vm { fs, port, .. } = vm;
    // Only touch the device if the filesystem was used (opening it has side effects).
    if let Some(l) = fs.lfs.as_mut()
        && let Some(d) = port.block_device()
    {
        l.unmount(d);
    }
    fs.lfs = None;
    fs.tried = false;
    fs.mounts.clear();
    fs.cwd = alloc::string::String::from("/");
}
