//! `vfs`, as MicroPython's: `mount`/`umount` (shared with `os`) and `VfsLfs2`.
//!
//! This board has one block device, the port's flash; `VfsLfs2(bdev)` names the
//! littlefs on it (`bdev` is accepted for compatibility and ignored unless it is None
//! or the port's device), and `VfsLfs2.mkfs(bdev)` formats it.

use crate::modules::os;
use crate::obj::{Kind, Obj4};
use crate::qstr::Qstr;
use crate::types::{Attr, ModuleDef, TypeDef, TypeId};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

type Kw<'a> = &'a [(Qstr, Value)];

fn lfs_new(vm: &mut Vm, _args: &[Value], _kw: Kw) -> PyResult<Value> {
    os::with_lfs(vm, |_, _| Ok(()))?;
    let off = vm.alloc(Kind::Native, core::mem::size_of::<Obj4>())?;
    vm.heap.get_mut::<Obj4>(off).h.aux = TypeId::VfsLfs as u16;
    Ok(Value::obj(off))
}

fn lfs_mkfs(vm: &mut Vm, _args: &[Value], _kw: Kw) -> PyResult<Value> {
    os::with_lfs(vm, |l, d| {
        l.format(d)?;
        l.mount(d)
    })?;
    Ok(Value::NONE)
}

/// `vfs.VfsLfs2`.
pub static VFSLFS_TYPE: TypeDef = TypeDef {
    name: "VfsLfs2",
    base: Some(TypeId::Object),
    locals: &[(q!("mkfs"), Attr::StaticFun(crate::types::Fun { f: lfs_mkfs, min: 0, max: 1, kw: true }))],
    new: Some(lfs_new),
    subclassable: false,
};

/// `vfs`.
pub static MODULE: ModuleDef = ModuleDef {
    name: "vfs",
    globals: &[
        fun!(q!("mount"), os::os_mount, 2, 2, kw),
        fun!(q!("umount"), os::os_umount, 1, 1),
        (q!("VfsLfs2"), Attr::Type(TypeId::VfsLfs)),
    ],
    init: None,
};
