//! `sys`.

use crate::obj;
use crate::qstr::Qstr;
use crate::types::{Attr, ModuleDef, TypeId};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

fn exit(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    Err(match args.first() {
        Some(&c) => vm.raise_with(TypeId::SystemExit, c),
        None => vm.raise_empty(TypeId::SystemExit),
    })
}

fn print_exception(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    let s = obj::exc::format_exception(vm, args[0]);
    let file = args.get(1).copied();
    match file {
        Some(f) if !f.is_none() => crate::modules::builtins::write_out(vm, Some(f), &s)?,
        _ => vm.port.stdout_write(s.as_bytes()),
    }
    Ok(Value::NONE)
}

/// The object `print()` writes to when `sys.stdout` was replaced by Python code.
pub fn stdout_override(vm: &mut Vm) -> Option<Value> {
    let m = vm.builtin_mods[crate::types::ModuleId::Sys as usize];
    let d = runtime_dict(vm, m)?;
    let v = vm.dict_get_str(d, q!("stdout"))?;
    let orig = vm.dict_get_str(d, q!("__stdout__"))?;
    if v == orig { None } else { Some(v) }
}

fn runtime_dict(vm: &Vm, m: Value) -> Option<Value> {
    let o = m.as_obj()?;
    Some(vm.heap.get::<obj::ModuleObj>(o).dict)
}

fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    vm.dict_set(d, Value::qstr(q!("path")), vm.sys_path)?;
    vm.dict_set(d, Value::qstr(q!("argv")), vm.sys_argv)?;
    vm.dict_set(d, Value::qstr(q!("modules")), vm.modules)?;
    let platform = vm.port.platform();
    let p = vm.new_str(platform)?;
    vm.dict_set(d, Value::qstr(q!("platform")), p)?;
    let maxsize = obj::int::new_int(vm, i64::MAX)?;
    vm.dict_set(d, Value::qstr(q!("maxsize")), maxsize)?;
    // implementation: a namespace-like tuple is enough for attribute access via a class.
    let name = vm.new_str("micropython")?;
    let ver = {
        let items = [Value::small(1), Value::small(27), Value::small(0)];
        obj::tuple::new_tuple(vm, &items)?
    };
    let impl_ns = obj::dict::new_dict(vm)?;
    vm.dict_set(impl_ns, Value::qstr(q!("name")), name)?;
    vm.dict_set(impl_ns, Value::qstr(q!("version")), ver)?;
    let mpy = Value::small(6);
    vm.dict_set(impl_ns, Value::qstr(q!("_mpy")), mpy)?;
    let empty = obj::tuple::new_tuple(vm, &[])?;
    let cls = obj::class::make_class(vm, Value::qstr(q!("implementation")), empty, impl_ns)?;
    vm.dict_set(d, Value::qstr(q!("implementation")), cls)?;
    let vi = obj::tuple::new_tuple(vm, &[Value::small(3), Value::small(4), Value::small(0)])?;
    vm.dict_set(d, Value::qstr(q!("version_info")), vi)?;
    let io = crate::modules::sys_io::make_streams(vm)?;
    vm.dict_set(d, Value::qstr(q!("stdin")), io.0)?;
    vm.dict_set(d, Value::qstr(q!("stdout")), io.1)?;
    vm.dict_set(d, Value::qstr(q!("stderr")), io.2)?;
    vm.dict_set(d, Value::qstr(q!("__stdout__")), io.1)?;
    Ok(())
}

/// `sys`.
pub static MODULE: ModuleDef = ModuleDef {
    name: "sys",
    globals: &[
        fun!(q!("exit"), exit, 0, 1),
        fun!(q!("print_exception"), print_exception, 1, 2),
        (q!("version"), Attr::Str("3.4.0; upy 0.1.0")),
        (q!("byteorder"), Attr::Str("little")),
        (q!("maxsize"), Attr::Int(i64::MAX)),
    ],
    init: Some(init),
};
