//! `tuple`: immutable, items inline after a `TupleObj`.

use alloc::vec::Vec;
use upy_bytecode::{BinOp, CmpOp};

use super::{Kind, TupleObj, TUPLE_DATA};
use crate::qstr::Qstr;
use crate::runtime;
use crate::types::{TypeDef, TypeId};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

type Kw<'a> = &'a [(Qstr, Value)];

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

#[inline]
fn tlen(vm: &Vm, off: u32) -> usize {
    vm.heap.get::<TupleObj>(off).len as usize
}

#[inline]
fn titem(vm: &Vm, off: u32, i: usize) -> Value {
    let n = tlen(vm, off);
    vm.heap.vals_at(off, TUPLE_DATA, n)[i]
}

/// A tuple of `n` items copied from `src` (tuple offset) at `start`, `start + step`, ...
fn slice_of(vm: &mut Vm, src: u32, start: i64, step: i64, n: usize) -> PyResult<Value> {
    let t = new_tuple_uninit(vm, n)?;
    let to = t.as_obj().unwrap_or(0);
    for i in 0..n {
        let x = titem(vm, src, (start + i as i64 * step) as usize);
        vm.heap.vals_at_mut(to, TUPLE_DATA, n)[i] = x;
    }
    Ok(t)
}

/// `t[slice]` (integer indices are handled inline by the runtime).
pub fn subscr(vm: &mut Vm, t: Value, key: Value) -> PyResult<Value> {
    let Some(off) = t.as_obj().filter(|&o| vm.heap.kind(o) == Kind::Tuple) else {
        return Err(vm.raise(TypeId::TypeError, "expected a tuple"));
    };
    let len = tlen(vm, off);
    if super::slice::is_slice(vm, key) {
        let (start, _, step, n) = super::slice::indices(vm, key, len)?;
        if step == 1 && n == len {
            return Ok(t);
        }
        return slice_of(vm, off, start, step, n);
    }
    if vm.int_of(key).is_none() && key.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Instance) {
        let i = super::list::index_arg(vm, key)?;
        let k = super::int::new_int(vm, i)?;
        return subscr(vm, t, k);
    }
    let i = runtime::seq_index(vm, key, len, "tuple")?;
    Ok(titem(vm, off, i))
}

/// `+` and `*` on tuples.
pub fn binop(vm: &mut Vm, op: BinOp, a: Value, b: Value) -> PyResult<Value> {
    let Some(ao) = a.as_obj().filter(|&o| vm.heap.kind(o) == Kind::Tuple) else { return Ok(Value::NOT_IMPLEMENTED) };
    match op {
        BinOp::Add => {
            let Some(bo) = b.as_obj().filter(|&o| vm.heap.kind(o) == Kind::Tuple) else { return Ok(Value::NOT_IMPLEMENTED) };
            let (na, nb) = (tlen(vm, ao), tlen(vm, bo));
            if nb == 0 {
                return Ok(a);
            }
            if na == 0 {
                return Ok(b);
            }
            let t = new_tuple_uninit(vm, na + nb)?;
            let to = t.as_obj().unwrap_or(0);
            for i in 0..na {
                let x = titem(vm, ao, i);
                vm.heap.vals_at_mut(to, TUPLE_DATA, na + nb)[i] = x;
            }
            for i in 0..nb {
                let x = titem(vm, bo, i);
                vm.heap.vals_at_mut(to, TUPLE_DATA, na + nb)[na + i] = x;
            }
            Ok(t)
        }
        BinOp::Mul => {
            let n = match vm.int_i64(b) {
                Some(n) => n.max(0) as usize,
                None => match vm.int_of(b) {
                    Some(super::int::IntVal::Big(x)) => {
                        if x.sign() == num_bigint::Sign::Minus {
                            0
                        } else {
                            return Err(vm.raise(TypeId::OverflowError, "cannot fit 'int' into an index-sized integer"));
                        }
                    }
                    _ => return Ok(Value::NOT_IMPLEMENTED),
                },
            };
            let len = tlen(vm, ao);
            if n == 1 {
                return Ok(a);
            }
            let total = len.saturating_mul(n);
            if total.saturating_mul(4) > vm.heap.total_bytes() {
                return Err(vm.raise_memory_error_bytes(total.saturating_mul(4)));
            }
            let t = new_tuple_uninit(vm, total)?;
            let to = t.as_obj().unwrap_or(0);
            for i in 0..total {
                let x = titem(vm, ao, i % len.max(1));
                vm.heap.vals_at_mut(to, TUPLE_DATA, total)[i] = x;
            }
            Ok(t)
        }
        _ => Ok(Value::NOT_IMPLEMENTED),
    }
}

fn tuple_new(vm: &mut Vm, args: &[Value], kw: Kw) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(vm.raise(TypeId::TypeError, "tuple() takes no keyword arguments"));
    }
    if args.len() > 2 {
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("tuple expected at most 1 argument, got {}", args.len() - 1)));
    }
    match args.get(1) {
        Some(&x) => {
            if vm.tuple_items(x).is_some() {
                return Ok(x);
            }
            if let Some(items) = vm.list_items(x) {
                let v: Vec<Value> = items.to_vec();
                return new_tuple(vm, &v);
            }
            let items = runtime::collect_iter(vm, x)?;
            new_tuple(vm, &items)
        }
        None => new_tuple(vm, &[]),
    }
}

/// The tuple behind self (a tuple or an instance of a tuple subclass).
fn self_tuple(vm: &mut Vm, v: Value, meth: &str) -> PyResult<(Value, u32)> {
    let n = runtime::native_of(vm, v);
    if let Some(o) = n.as_obj().filter(|&o| vm.heap.kind(o) == Kind::Tuple) {
        return Ok((n, o));
    }
    let t = runtime::type_name(vm, v);
    Err(vm.raise_fmt(TypeId::TypeError, format_args!("descriptor '{meth}' for 'tuple' objects doesn't apply to a '{t}' object")))
}

fn find(vm: &mut Vm, off: u32, x: Value, start: usize, stop: usize) -> PyResult<Option<usize>> {
    for i in start..stop.min(tlen(vm, off)) {
        let y = titem(vm, off, i);
        if y == x || (!(y.is_small() && x.is_small()) && runtime::eq(vm, y, x)?) {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn tuple_count(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (_, off) = self_tuple(vm, args[0], "count")?;
    let x = args[1];
    let mut n = 0;
    for i in 0..tlen(vm, off) {
        let y = titem(vm, off, i);
        if y == x || (!(y.is_small() && x.is_small()) && runtime::eq(vm, y, x)?) {
            n += 1;
        }
    }
    Ok(Value::small(n))
}

fn tuple_index(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (_, off) = self_tuple(vm, args[0], "index")?;
    let len = tlen(vm, off);
    let (a, b) = super::list::clamp_range(vm, args.get(2).copied(), args.get(3).copied(), len)?;
    match find(vm, off, args[1], a, b)? {
        Some(i) => Ok(Value::small(i as i32)),
        None => Err(vm.raise(TypeId::ValueError, "tuple.index(x): x not in tuple")),
    }
}

fn tuple_len_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (_, off) = self_tuple(vm, args[0], "__len__")?;
    Ok(Value::small(tlen(vm, off) as i32))
}

fn tuple_getitem_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (t, _) = self_tuple(vm, args[0], "__getitem__")?;
    runtime::getitem(vm, t, args[1])
}

fn tuple_contains_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (_, off) = self_tuple(vm, args[0], "__contains__")?;
    let n = tlen(vm, off);
    Ok(Value::bool(find(vm, off, args[1], 0, n)?.is_some()))
}

fn tuple_iter_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (t, _) = self_tuple(vm, args[0], "__iter__")?;
    runtime::iter(vm, t)
}

fn tuple_hash_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (t, _) = self_tuple(vm, args[0], "__hash__")?;
    let h = runtime::py_hash(vm, t)?;
    super::int::new_int(vm, h)
}

fn tuple_add_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (t, _) = self_tuple(vm, args[0], "__add__")?;
    let o = runtime::native_of(vm, args[1]);
    binop(vm, BinOp::Add, t, o)
}

fn tuple_mul_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (t, _) = self_tuple(vm, args[0], "__mul__")?;
    binop(vm, BinOp::Mul, t, args[1])
}

fn cmp_m(vm: &mut Vm, args: &[Value], op: CmpOp) -> PyResult<Value> {
    let (t, _) = self_tuple(vm, args[0], "__eq__")?;
    let o = runtime::native_of(vm, args[1]);
    if vm.tuple_items(o).is_none() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    runtime::compare(vm, op, t, o)
}

fn tuple_eq_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    cmp_m(vm, args, CmpOp::Eq)
}
fn tuple_ne_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    cmp_m(vm, args, CmpOp::Ne)
}
fn tuple_lt_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    cmp_m(vm, args, CmpOp::Lt)
}
fn tuple_le_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    cmp_m(vm, args, CmpOp::Le)
}
fn tuple_gt_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    cmp_m(vm, args, CmpOp::Gt)
}
fn tuple_ge_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    cmp_m(vm, args, CmpOp::Ge)
}

/// `tuple`.
pub static TUPLE_TYPE: TypeDef = TypeDef {
    name: "tuple",
    base: Some(TypeId::Object),
    locals: &[
        fun!(q!("count"), tuple_count, 2, 2),
        fun!(q!("index"), tuple_index, 2, 4),
        fun!(q!("__len__"), tuple_len_m, 1, 1),
        fun!(q!("__getitem__"), tuple_getitem_m, 2, 2),
        fun!(q!("__contains__"), tuple_contains_m, 2, 2),
        fun!(q!("__iter__"), tuple_iter_m, 1, 1),
        fun!(q!("__hash__"), tuple_hash_m, 1, 1),
        fun!(q!("__add__"), tuple_add_m, 2, 2),
        fun!(q!("__mul__"), tuple_mul_m, 2, 2),
        fun!(q!("__rmul__"), tuple_mul_m, 2, 2),
        fun!(q!("__eq__"), tuple_eq_m, 2, 2),
        fun!(q!("__ne__"), tuple_ne_m, 2, 2),
        fun!(q!("__lt__"), tuple_lt_m, 2, 2),
        fun!(q!("__le__"), tuple_le_m, 2, 2),
        fun!(q!("__gt__"), tuple_gt_m, 2, 2),
        fun!(q!("__ge__"), tuple_ge_m, 2, 2),
    ],
    new: Some(tuple_new),
    subclassable: true,
};
