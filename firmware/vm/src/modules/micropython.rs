//! `micropython`: const, memory info, heap lock, keyboard-interrupt char, schedule.

use crate::qstr::Qstr;
use crate::types::{ModuleDef, TypeId};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

fn const_(_vm: &mut Vm, a: &[Value], _k: &[(Qstr, Value)]) -> PyResult<Value> {
    Ok(a[0])
}
fn opt_level(vm: &mut Vm, a: &[Value], _k: &[(Qstr, Value)]) -> PyResult<Value> {
    match a.first() {
        None => Ok(Value::small(vm.opt_level as i32)),
        Some(&v) => {
            vm.opt_level = vm.int_i64(v).unwrap_or(0).clamp(0, 3) as u8;
            Ok(Value::NONE)
        }
    }
}
fn mem_info(vm: &mut Vm, a: &[Value], _k: &[(Qstr, Value)]) -> PyResult<Value> {
    let s = vm.heap.stats();
    let text = alloc::format!(
        "stack: {} out of {}\nGC: total: {}, used: {}, free: {}\n No. of 1-blocks: -, 2-blocks: -, max blk sz: -, max free sz: {}\n",
        vm.stack.len() * 4,
        vm.config.stack_slots * 4,
        s.total,
        s.used,
        s.free,
        s.max_free / 16
    );
    vm.port.stdout_write(text.as_bytes());
    let _ = a;
    Ok(Value::NONE)
}
fn heap_lock(vm: &mut Vm, _a: &[Value], _k: &[(Qstr, Value)]) -> PyResult<Value> {
    vm.heap.lock();
    Ok(Value::NONE)
}
fn heap_unlock(vm: &mut Vm, _a: &[Value], _k: &[(Qstr, Value)]) -> PyResult<Value> {
    let depth = vm.heap.unlock();
    Ok(Value::small(depth as i32))
}
fn kbd_intr(vm: &mut Vm, a: &[Value], _k: &[(Qstr, Value)]) -> PyResult<Value> {
    vm.kbd_intr_char = vm.int_i64(a[0]).unwrap_or(-1) as i32;
    let c = vm.kbd_intr_char;
    vm.port.set_interrupt_char(c);
    Ok(Value::NONE)
}
fn schedule(vm: &mut Vm, a: &[Value], _k: &[(Qstr, Value)]) -> PyResult<Value> {
    if vm.scheduled.len() >= 8 {
        return Err(vm.raise(TypeId::RuntimeError, "schedule queue full"));
    }
    vm.scheduled.push((a[0], a[1]));
    Ok(Value::NONE)
}

/// Run callbacks queued by `micropython.schedule` (at a safe point).
pub fn run_scheduled(vm: &mut Vm) -> PyResult<()> {
    while !vm.scheduled.is_empty() {
        let (f, arg) = vm.scheduled.remove(0);
        vm.root(f);
        vm.root(arg);
        crate::call::call(vm, f, &[arg], &[])?;
    }
    Ok(())
}

/// `micropython`.
pub static MODULE: ModuleDef = ModuleDef {
    name: "micropython",
    globals: &[
        fun!(q!("const"), const_, 1, 1),
        fun!(q!("opt_level"), opt_level, 0, 1),
        fun!(q!("mem_info"), mem_info, 0, 1),
        fun!(q!("heap_lock"), heap_lock, 0, 0),
        fun!(q!("heap_unlock"), heap_unlock, 0, 0),
        fun!(q!("kbd_intr"), kbd_intr, 1, 1),
        fun!(q!("schedule"), schedule, 2, 2),
    ],
    init: None,
};
