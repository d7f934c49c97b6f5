//! `slice` objects and the index arithmetic every sequence shares.

use super::{Kind, SliceObj};
use crate::types::TypeId;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// A new slice.
pub fn new_slice(vm: &mut Vm, start: Value, stop: Value, step: Value) -> PyResult<Value> {
    let off = vm.alloc(Kind::Slice, core::mem::size_of::<SliceObj>())?;
    let s = vm.heap.get_mut::<SliceObj>(off);
    s.start = start;
    s.stop = stop;
    s.step = step;
    Ok(Value::obj(off))
}

/// Is `v` a slice?
pub fn is_slice(vm: &Vm, v: Value) -> bool {
    v.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Slice)
}

/// `slice.indices(len)`: (start, stop, step, number of items), as CPython's
/// `PySlice_AdjustIndices`.
pub fn indices(vm: &mut Vm, slice: Value, len: usize) -> PyResult<(i64, i64, i64, usize)> {
    let Some(off) = slice.as_obj() else { return Ok((0, 0, 1, 0)) };
    let s = vm.heap.get::<SliceObj>(off);
    let (a, b, c) = (s.start, s.stop, s.step);
    let len = len as i64;
    let get = |vm: &mut Vm, v: Value| -> PyResult<Option<i64>> {
        if v.is_none() || v.is_null() {
            return Ok(None);
        }
        match vm.int_of(v) {
            Some(crate::obj::int::IntVal::Small(i)) => Ok(Some(i)),
            Some(crate::obj::int::IntVal::Big(b)) => {
                Ok(Some(if b.sign() == num_bigint::Sign::Minus { i64::MIN / 2 } else { i64::MAX / 2 }))
            }
            None if v.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Instance) => {
                Ok(Some(super::list::index_arg_clamped(vm, v)?.clamp(i64::MIN / 2, i64::MAX / 2)))
            }
            None => Err(vm.raise(TypeId::TypeError, "slice indices must be integers or None or have an __index__ method")),
        }
    };
    let step = get(vm, c)?.unwrap_or(1);
    if step == 0 {
        return Err(vm.raise(TypeId::ValueError, "slice step cannot be zero"));
    }
    let (lo_default, hi_default) = if step < 0 { (len - 1, -1) } else { (0, len) };
    let adjust = |x: i64| -> i64 {
        if x < 0 {
            let y = x + len;
            if y < 0 { if step < 0 { -1 } else { 0 } } else { y }
        } else if x >= len {
            if step < 0 { len - 1 } else { len }
        } else {
            x
        }
    };
    let start = get(vm, a)?.map_or(lo_default, adjust);
    let stop = get(vm, b)?.map_or(hi_default, adjust);
    let n = if step < 0 {
        if stop < start { ((start - stop - 1) / (-step) + 1) as usize } else { 0 }
    } else if start < stop {
        ((stop - start - 1) / step + 1) as usize
    } else {
        0
    };
    Ok((start, stop, step, n))
}

fn slice_new_fn(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    match args.len() - 1 {
        1 => new_slice(vm, Value::NONE, args[1], Value::NONE),
        2 => new_slice(vm, args[1], args[2], Value::NONE),
        3 => new_slice(vm, args[1], args[2], args[3]),
        _ => Err(vm.raise(TypeId::TypeError, "slice expected at most 3 arguments")),
    }
}

fn slice_indices(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    if !is_slice(vm, args[0]) {
        return Err(vm.raise(TypeId::TypeError, "descriptor 'indices' for 'slice' objects doesn't apply to this object"));
    }
    let n = super::list::index_arg(vm, args[1])?;
    if n < 0 {
        return Err(vm.raise(TypeId::ValueError, "length should not be negative"));
    }
    let (start, stop, step, _) = indices(vm, args[0], n.min(i64::MAX / 4) as usize)?;
    let a = super::int::new_int(vm, start)?;
    let b = super::int::new_int(vm, stop)?;
    let c = super::int::new_int(vm, step)?;
    super::tuple::new_tuple(vm, &[a, b, c])
}

/// `slice`.
pub static SLICE_TYPE: crate::types::TypeDef = crate::types::TypeDef {
    name: "slice",
    base: Some(TypeId::Object),
    locals: &[fun!(q!("indices"), slice_indices, 2, 2)],
    new: Some(slice_new_fn),
    subclassable: false,
};
