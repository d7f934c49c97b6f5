//! `range`: start/stop/step as i64.

use alloc::string::String;
use core::fmt::Write;

use super::{Kind, RangeObj};
use crate::types::TypeId;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// A new range.
pub fn new_range(vm: &mut Vm, start: i64, stop: i64, step: i64) -> PyResult<Value> {
    if step == 0 {
        return Err(vm.raise(TypeId::ValueError, "range() arg 3 must not be zero"));
    }
    let off = vm.alloc(Kind::Range, core::mem::size_of::<RangeObj>())?;
    let r = vm.heap.get_mut::<RangeObj>(off);
    r.start = start;
    r.stop = stop;
    r.step = step;
    Ok(Value::obj(off))
}

fn parts(vm: &Vm, v: Value) -> (i64, i64, i64) {
    let r = vm.heap.get::<RangeObj>(v.as_obj().unwrap_or(0));
    (r.start, r.stop, r.step)
}

/// Number of items.
pub fn range_len(vm: &Vm, v: Value) -> usize {
    let (a, b, s) = parts(vm, v);
    let n = if s > 0 {
        if b > a { (b as i128 - a as i128 + s as i128 - 1) / s as i128 } else { 0 }
    } else if a > b {
        (a as i128 - b as i128 - s as i128 - 1) / (-s as i128)
    } else {
        0
    };
    n as usize
}

/// `x in range`.
pub fn range_contains(vm: &mut Vm, r: Value, x: Value) -> PyResult<bool> {
    let (a, b, s) = parts(vm, r);
    if vm.float_of(x).is_some() || !vm.is_int(x) {
        // Fall back to equality with each element for non-ints.
        if let Some(f) = vm.float_of(x) {
            if f != libm::floor(f) {
                return Ok(false);
            }
            return range_contains(vm, r, Value::try_small(f as i64).unwrap_or(Value::NONE));
        }
        return Ok(false);
    }
    let Some(i) = vm.int_i64(x) else { return Ok(false) };
    let inside = if s > 0 { i >= a && i < b } else { i <= a && i > b };
    Ok(inside && (i - a) % s == 0)
}

/// `range == range` (same sequence of values).
pub fn range_eq(vm: &Vm, x: Value, y: Value) -> bool {
    let (n1, n2) = (range_len(vm, x), range_len(vm, y));
    if n1 != n2 {
        return false;
    }
    let (a1, _, s1) = parts(vm, x);
    let (a2, _, s2) = parts(vm, y);
    n1 == 0 || (a1 == a2 && (n1 == 1 || s1 == s2))
}

/// `range[i]` and `range[slice]`.
pub fn subscr(vm: &mut Vm, r: Value, key: Value) -> PyResult<Value> {
    let (a, _, s) = parts(vm, r);
    let n = range_len(vm, r);
    if super::slice::is_slice(vm, key) {
        let (start, _stop, step, count) = super::slice::indices(vm, key, n)?;
        let new_start = a + start * s;
        let new_step = s * step;
        return new_range(vm, new_start, new_start + count as i64 * new_step, new_step);
    }
    let i = crate::runtime::seq_index(vm, key, n, "range object")?;
    super::int::new_int(vm, a + i as i64 * s)
}

/// `repr(range)`.
pub fn repr_into(vm: &Vm, v: Value, out: &mut String) {
    let (a, b, s) = parts(vm, v);
    if s == 1 {
        let _ = write!(out, "range({a}, {b})");
    } else {
        let _ = write!(out, "range({a}, {b}, {s})");
    }
}

fn range_new_fn(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let mut n = [0i64; 3];
    for (i, &a) in args[1..].iter().enumerate().take(3) {
        n[i] = match vm.int_i64(a) {
            Some(x) => x,
            None => {
                let t = crate::runtime::type_name(vm, a);
                return Err(vm.raise_fmt(TypeId::TypeError, format_args!("'{t}' object cannot be interpreted as an integer")));
            }
        };
    }
    match args.len() - 1 {
        1 => new_range(vm, 0, n[0], 1),
        2 => new_range(vm, n[0], n[1], 1),
        3 => new_range(vm, n[0], n[1], n[2]),
        k => Err(vm.raise_fmt(TypeId::TypeError, format_args!("range expected at most 3 arguments, got {k}"))),
    }
}

/// `range`.
pub static RANGE_TYPE: crate::types::TypeDef = crate::types::TypeDef {
    name: "range",
    base: Some(TypeId::Object),
    locals: &[],
    new: Some(range_new_fn),
    subclassable: false,
};
