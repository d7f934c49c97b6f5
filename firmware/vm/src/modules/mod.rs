//! Built-in modules (one file each) and the import machinery.

pub mod binascii;
pub mod builtins;
pub mod deflate;
pub mod errno;
pub mod hashlib;
pub mod select;
pub mod r#struct;
pub mod io;
pub mod os;
pub mod vfs;
pub mod completion;
pub mod gc;
pub mod import;
pub mod math;
pub mod micropython;
pub mod sys;
pub mod sys_io;
pub mod time;

use crate::obj::{self, Kind, ModuleObj};
use crate::rom;
use crate::types::{Attr, ModuleId};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// A new, empty module object named `name` with its globals dict.
pub fn new_module(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let d = obj::dict::new_dict(vm)?;
    if let Some(doff) = d.as_obj() {
        vm.heap.get_mut::<obj::DictObj>(doff).h.flags |= obj::DICT_NAMESPACE;
    }
    let n = Value::qstr(vm.intern(name));
    vm.dict_set(d, Value::qstr(q!("__name__")), n)?;
    let off = vm.alloc(Kind::Module, core::mem::size_of::<ModuleObj>())?;
    let m = vm.heap.get_mut::<ModuleObj>(off);
    m.name = n;
    m.dict = d;
    Ok(Value::obj(off))
}

/// The module object of a built-in module, created on first use.
pub fn builtin_module(vm: &mut Vm, id: u8) -> PyResult<Value> {
    let Some(mid) = ModuleId::from_u8(id) else { return Ok(Value::NONE) };
    let cur = vm.builtin_mods[id as usize];
    if !cur.is_null() {
        return Ok(cur);
    }
    let def = rom::module_def(mid);
    let m = new_module(vm, def.name)?;
    vm.root(m);
    let d = vm.heap.get::<ModuleObj>(m.as_obj().unwrap_or(0)).dict;
    for (slot, (q, a)) in def.globals.iter().enumerate() {
        let v = match a {
            Attr::Fun(_) | Attr::ClassFun(_) | Attr::StaticFun(_) => Value::mod_fun(id, slot as u16),
            Attr::Int(i) => obj::int::new_int(vm, *i)?,
            Attr::Float(f) => obj::float::new_float(vm, *f)?,
            Attr::Str(s) => vm.new_str(s)?,
            Attr::Type(t) => t.value(),
            Attr::None => Value::NONE,
        };
        vm.dict_set(d, Value::qstr(*q), v)?;
    }
    if let Some(init) = def.init {
        init(vm, d)?;
    }
    vm.builtin_mods[id as usize] = m;
    Ok(m)
}
