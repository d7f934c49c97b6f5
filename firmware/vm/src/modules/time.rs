//! `time`.

use crate::obj;
use crate::qstr::Qstr;
use crate::types::ModuleDef;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

fn time(vm: &mut Vm, _a: &[Value], _k: &[(Qstr, Value)]) -> PyResult<Value> {
    let ns = vm.port.time_ns();
    obj::float::new_float(vm, ns as f64 / 1e9)
}
fn ticks_ms(vm: &mut Vm, _a: &[Value], _k: &[(Qstr, Value)]) -> PyResult<Value> {
    let t = vm.port.ticks_ms();
    Ok(Value::small((t & 0x3fff_ffff) as i32))
}

/// `time`.
pub static MODULE: ModuleDef = ModuleDef {
    name: "time",
    globals: &[fun!(q!("time"), time, 0, 0), fun!(q!("ticks_ms"), ticks_ms, 0, 0)],
    init: None,
};
