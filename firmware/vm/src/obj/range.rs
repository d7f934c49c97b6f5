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
        let (start, stop, step, _count) = super::slice::indices(vm, key, n)?;
        let new_start = a.saturating_add(start.saturating_mul(s));
        let new_stop = a.saturating_add(stop.saturating_mul(s));
        let new_step = s.saturating_mul(step);
        return new_range(vm, new_start, new_stop, new_step);
    }
    let key = if vm.int_of(key).is_none() && key.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Instance) {
        let i = super::list::index_arg(vm, key)?;
        super::int::new_int(vm, i)?
    } else {
        key
    };
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

fn range_new_fn(vm: &mut Vm, args: &[Value], kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(vm.raise(TypeId::TypeError, "range() takes no keyword arguments"));
    }
    let k = args.len() - 1;
    if k == 0 {
        return Err(vm.raise(TypeId::TypeError, "range expected at least 1 argument, got 0"));
    }
    if k > 3 {
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("range expected at most 3 arguments, got {k}")));
    }
    let mut n = [0i64; 3];
    for (i, &a) in args[1..].iter().enumerate() {
        n[i] = match vm.int_i64(a) {
            Some(x) => x,
            None if vm.int_of(a).is_some() => {
                return Err(vm.raise(TypeId::OverflowError, "Python int too large to convert to C ssize_t"));
            }
            None if a.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Instance) => super::list::index_arg(vm, a)?,
            None => {
                let t = crate::runtime::type_name(vm, a);
                return Err(vm.raise_fmt(TypeId::TypeError, format_args!("'{t}' object cannot be interpreted as an integer")));
            }
        };
    }
    match k {
        1 => new_range(vm, 0, n[0], 1),
        2 => new_range(vm, n[0], n[1], 1),
        _ => new_range(vm, n[0], n[1], n[2]),
    }
}

fn self_range(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if v.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Range) {
        return Ok(v);
    }
    let t = crate::runtime::type_name(vm, v);
    Err(vm.raise_fmt(TypeId::TypeError, format_args!("descriptor for 'range' objects doesn't apply to a '{t}' object")))
}

/// Position of `x` in the range, when it is an int element of it.
fn position(vm: &mut Vm, r: Value, x: Value) -> PyResult<Option<i64>> {
    if !vm.is_int(x) && vm.float_of(x).is_none() {
        // Arbitrary objects: compare with each element (as CPython).
        let n = range_len(vm, r);
        let (a, _, s) = parts(vm, r);
        for i in 0..n as i64 {
            let e = super::int::new_int(vm, a + i * s)?;
            if crate::runtime::eq(vm, x, e)? {
                return Ok(Some(i));
            }
        }
        return Ok(None);
    }
    if !range_contains(vm, r, x)? {
        return Ok(None);
    }
    let (a, _, s) = parts(vm, r);
    let i = match vm.int_i64(x) {
        Some(i) => i,
        None => vm.float_of(x).map_or(0, |f| f as i64),
    };
    Ok(Some((i - a) / s))
}

fn range_count(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let r = self_range(vm, args[0])?;
    Ok(Value::small(position(vm, r, args[1])?.is_some() as i32))
}

fn range_index(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let r = self_range(vm, args[0])?;
    match position(vm, r, args[1])? {
        Some(i) => super::int::new_int(vm, i),
        None => {
            let s = crate::runtime::repr_string(vm, args[1])?;
            Err(vm.raise_fmt(TypeId::ValueError, format_args!("{s} is not in range")))
        }
    }
}

fn range_len_m(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let r = self_range(vm, args[0])?;
    let n = range_len(vm, r);
    super::int::new_int(vm, n as i64)
}

fn range_getitem_m(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let r = self_range(vm, args[0])?;
    subscr(vm, r, args[1])
}

fn range_contains_m(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let r = self_range(vm, args[0])?;
    Ok(Value::bool(position(vm, r, args[1])?.is_some()))
}

fn range_iter_m(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let r = self_range(vm, args[0])?;
    crate::runtime::iter(vm, r)
}

fn range_reversed_m(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let r = self_range(vm, args[0])?;
    super::iter::reversed_seq(vm, r)
}

fn range_eq_m(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let r = self_range(vm, args[0])?;
    if !args[1].as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Range) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    Ok(Value::bool(range_eq(vm, r, args[1])))
}

/// `range`.
pub static RANGE_TYPE: crate::types::TypeDef = crate::types::TypeDef {
    name: "range",
    base: Some(TypeId::Object),
    locals: &[
        fun!(q!("count"), range_count, 2, 2),
        fun!(q!("index"), range_index, 2, 2),
        fun!(q!("__len__"), range_len_m, 1, 1),
        fun!(q!("__getitem__"), range_getitem_m, 2, 2),
        fun!(q!("__contains__"), range_contains_m, 2, 2),
        fun!(q!("__iter__"), range_iter_m, 1, 1),
        fun!(q!("__reversed__"), range_reversed_m, 1, 1),
        fun!(q!("__eq__"), range_eq_m, 2, 2),
    ],
    new: Some(range_new_fn),
    subclassable: false,
};
