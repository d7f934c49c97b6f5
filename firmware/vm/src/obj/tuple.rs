//! `tuple`: immutable, items inline after a `TupleObj`.

use super::{Kind, TupleObj, TUPLE_DATA};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// The empty tuple is allocated on demand like any other (it is small).
pub fn new_tuple(vm: &mut Vm, items: &[Value]) -> PyResult<Value> {
    let off = vm.alloc(Kind::Tuple, TUPLE_DATA as usize + 4 * items.len())?;
    vm.heap.get_mut::<TupleObj>(off).len = items.len() as u32;
    vm.heap.vals_at_mut(off, TUPLE_DATA, items.len()).copy_from_slice(items);
    Ok(Value::obj(off))
}

/// A tuple of `n` NULLs to be filled by the caller before anything else allocates.
pub fn new_tuple_uninit(vm: &mut Vm, n: usize) -> PyResult<Value> {
    let off = vm.alloc(Kind::Tuple, TUPLE_DATA as usize + 4 * n)?;
    vm.heap.get_mut::<TupleObj>(off).len = n as u32;
    Ok(Value::obj(off))
}

impl Vm {
    /// Items of a tuple, or None if `v` is not a tuple.
    #[inline]
    pub fn tuple_items(&self, v: Value) -> Option<&[Value]> {
        let off = v.as_obj()?;
        if self.heap.kind(off) != Kind::Tuple {
            return None;
        }
        let n = self.heap.get::<TupleObj>(off).len as usize;
        Some(self.heap.vals_at(off, TUPLE_DATA, n))
    }

    /// Mutable items of a tuple being built.
    pub fn tuple_items_mut(&mut self, v: Value) -> &mut [Value] {
        let Some(off) = v.as_obj() else { return &mut [] };
        let n = self.heap.get::<TupleObj>(off).len as usize;
        self.heap.vals_at_mut(off, TUPLE_DATA, n)
    }
}

/// `t[slice]` (integer indices are handled inline by the runtime).
pub fn subscr(vm: &mut Vm, t: Value, key: Value) -> PyResult<Value> {
    let items: alloc::vec::Vec<Value> = vm.tuple_items(t).map(|s| s.to_vec()).unwrap_or_default();
    if super::slice::is_slice(vm, key) {
        let (start, _, step, n) = super::slice::indices(vm, key, items.len())?;
        let out: alloc::vec::Vec<Value> = (0..n).map(|i| items[(start + i as i64 * step) as usize]).collect();
        return new_tuple(vm, &out);
    }
    let i = crate::runtime::seq_index(vm, key, items.len(), "tuple")?;
    Ok(items[i])
}

/// `+` and `*` on tuples.
pub fn binop(vm: &mut Vm, op: upy_bytecode::BinOp, a: Value, b: Value) -> PyResult<Value> {
    let x: alloc::vec::Vec<Value> = vm.tuple_items(a).map(|s| s.to_vec()).unwrap_or_default();
    match op {
        upy_bytecode::BinOp::Add => {
            let Some(y) = vm.tuple_items(b).map(|s| s.to_vec()) else { return Ok(Value::NOT_IMPLEMENTED) };
            let mut r = x;
            r.extend_from_slice(&y);
            new_tuple(vm, &r)
        }
        upy_bytecode::BinOp::Mul => {
            let Some(n) = vm.int_i64(b) else { return Ok(Value::NOT_IMPLEMENTED) };
            let n = n.max(0) as usize;
            if x.len().saturating_mul(n) * 4 > vm.heap.total_bytes() {
                return Err(vm.raise_memory_error());
            }
            let mut r = alloc::vec::Vec::with_capacity(x.len() * n);
            for _ in 0..n {
                r.extend_from_slice(&x);
            }
            new_tuple(vm, &r)
        }
        _ => Ok(Value::NOT_IMPLEMENTED),
    }
}

fn tuple_new(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    match args.get(1) {
        Some(&x) => {
            if vm.tuple_items(x).is_some() {
                return Ok(x);
            }
            let items = crate::runtime::collect_iter(vm, x)?;
            new_tuple(vm, &items)
        }
        None => new_tuple(vm, &[]),
    }
}

/// `tuple`.
pub static TUPLE_TYPE: crate::types::TypeDef = crate::types::TypeDef {
    name: "tuple",
    base: Some(crate::types::TypeId::Object),
    locals: &[],
    new: Some(tuple_new),
    subclassable: true,
};
