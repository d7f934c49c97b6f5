//! `math`.

use crate::obj;
use crate::qstr::Qstr;
use crate::types::{Attr, ModuleDef, TypeId};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

fn arg(vm: &mut Vm, v: Value) -> PyResult<f64> {
    match obj::ops::to_float(vm, v) {
        Some(f) => Ok(f),
        None => {
            let t = crate::runtime::type_name(vm, v);
            Err(vm.raise_fmt(TypeId::TypeError, format_args!("must be real number, not {t}")))
        }
    }
}

fn sqrt(vm: &mut Vm, a: &[Value], _k: &[(Qstr, Value)]) -> PyResult<Value> {
    let x = arg(vm, a[0])?;
    if x < 0.0 {
        return Err(vm.raise(TypeId::ValueError, "math domain error"));
    }
    obj::float::new_float(vm, libm::sqrt(x))
}

/// `math`.
pub static MODULE: ModuleDef = ModuleDef {
    name: "math",
    globals: &[
        fun!(q!("sqrt"), sqrt, 1, 1),
        (q!("pi"), Attr::Float(core::f64::consts::PI)),
        (q!("e"), Attr::Float(core::f64::consts::E)),
    ],
    init: None,
};
