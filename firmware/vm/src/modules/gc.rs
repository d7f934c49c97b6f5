//! `gc`: collection control and heap figures (the same on the sim and the board).

use crate::obj;
use crate::qstr::Qstr;
use crate::types::ModuleDef;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

fn collect(vm: &mut Vm, _a: &[Value], _k: &[(Qstr, Value)]) -> PyResult<Value> {
    vm.collect();
    Ok(Value::NONE)
}
fn mem_free(vm: &mut Vm, _a: &[Value], _k: &[(Qstr, Value)]) -> PyResult<Value> {
    let n = vm.heap.free_bytes();
    obj::int::new_int(vm, n as i64)
}
fn mem_alloc(vm: &mut Vm, _a: &[Value], _k: &[(Qstr, Value)]) -> PyResult<Value> {
    let n = vm.heap.used_bytes();
    obj::int::new_int(vm, n as i64)
}
fn enable(vm: &mut Vm, _a: &[Value], _k: &[(Qstr, Value)]) -> PyResult<Value> {
    vm.set_gc_enabled(true);
    Ok(Value::NONE)
}
fn disable(vm: &mut Vm, _a: &[Value], _k: &[(Qstr, Value)]) -> PyResult<Value> {
    vm.set_gc_enabled(false);
    Ok(Value::NONE)
}
fn isenabled(vm: &mut Vm, _a: &[Value], _k: &[(Qstr, Value)]) -> PyResult<Value> {
    Ok(Value::bool(vm.gc_enabled))
}
fn threshold(vm: &mut Vm, a: &[Value], _k: &[(Qstr, Value)]) -> PyResult<Value> {
    if let Some(&t) = a.first() {
        let t = vm.int_i64(t).unwrap_or(-1) as isize;
        vm.set_gc_threshold(t);
        return Ok(Value::NONE);
    }
    obj::int::new_int(vm, vm.gc_threshold as i64)
}

/// `gc`.
pub static MODULE: ModuleDef = ModuleDef {
    name: "gc",
    globals: &[
        fun!(q!("collect"), collect, 0, 1),
        fun!(q!("mem_free"), mem_free, 0, 0),
        fun!(q!("mem_alloc"), mem_alloc, 0, 0),
        fun!(q!("enable"), enable, 0, 0),
        fun!(q!("disable"), disable, 0, 0),
        fun!(q!("isenabled"), isenabled, 0, 0),
        fun!(q!("threshold"), threshold, 0, 1),
    ],
    init: None,
};
