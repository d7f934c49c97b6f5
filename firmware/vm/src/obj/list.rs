//! `list`: a `ListObj` with a separately allocated, growable ValArray of items.
//!
//! Methods work on the heap buffer directly (no copies into Rust vectors on the hot
//! paths). Anything that may run Python code (comparisons, key functions, iteration of
//! arbitrary iterables) re-reads the list after each call, since the code may have
//! mutated it.

use alloc::vec::Vec;
use upy_bytecode::{BinOp, CmpOp};

use super::{ArrayHdr, Kind, ListObj, ARRAY_DATA};
use crate::heap::Heap;
use crate::qstr::Qstr;
use crate::runtime;
use crate::types::{TypeDef, TypeId};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

type Kw<'a> = &'a [(Qstr, Value)];

/// A new list holding `items`.
pub fn new_list(vm: &mut Vm, items: &[Value]) -> PyResult<Value> {
    let off = vm.alloc(Kind::List, 12)?;
    if !items.is_empty() {
        let arr = vm.alloc_vals(items.len())?;
        vm.heap.vals_mut(arr).copy_from_slice(items);
        let l = vm.heap.get_mut::<ListObj>(off);
        l.items = arr;
        l.len = items.len() as u32;
    }
    Ok(Value::obj(off))
}

/// A list object with room for `cap` items and length 0.
pub fn new_list_with_capacity(vm: &mut Vm, cap: usize) -> PyResult<Value> {
    let off = vm.alloc(Kind::List, 12)?;
    if cap > 0 {
        let arr = vm.alloc_vals(cap)?;
        vm.heap.get_mut::<ListObj>(off).items = arr;
    }
    Ok(Value::obj(off))
}

/// Copy `n` Values from ValArray `src` (from index `si`) to ValArray `dst` (at `di`);
/// the arrays may be the same (overlapping ranges are handled). Out-of-range requests
/// are ignored (callers compute ranges from the arrays' lengths).
fn copy_vals(heap: &mut Heap, src: u32, si: usize, dst: u32, di: usize, n: usize) {
    if n == 0 || src == 0 || dst == 0 {
        return;
    }
    if src == dst {
        let v = heap.vals_mut(dst);
        if si + n <= v.len() && di + n <= v.len() {
            v.copy_within(si..si + n, di);
        }
        return;
    }
    let (sc, dc) = (heap.get::<ArrayHdr>(src).cap as usize, heap.get::<ArrayHdr>(dst).cap as usize);
    if si + n > sc || di + n > dc {
        return;
    }
    // SAFETY: two distinct live ValArrays, ranges checked against their capacities;
    // `ptr::copy` tolerates any overlap.
    unsafe {
        let s = heap.ptr(src + ARRAY_DATA).add(si * 4) as *const Value;
        let d = heap.ptr(dst + ARRAY_DATA).add(di * 4) as *mut Value;
        core::ptr::copy(s, d, n);
    }
}

/// `dst[i] = src[start + i * step]` for `i < n` (distinct ValArrays; indices checked).
fn copy_strided(heap: &mut Heap, src: u32, start: i64, step: i64, dst: u32, n: usize) {
    if n == 0 || src == 0 || dst == 0 || src == dst {
        return;
    }
    let (sc, dc) = (heap.get::<ArrayHdr>(src).cap as i64, heap.get::<ArrayHdr>(dst).cap as usize);
    let last = start + (n as i64 - 1) * step;
    if n > dc || start < 0 || start >= sc || last < 0 || last >= sc {
        return;
    }
    // SAFETY: distinct live ValArrays; every source index lies between `start` and
    // `last`, both checked against the source capacity, and `n` fits the destination.
    unsafe {
        let s = heap.ptr(src + ARRAY_DATA) as *const Value;
        let d = heap.ptr(dst + ARRAY_DATA) as *mut Value;
        let mut j = start;
        for i in 0..n {
            *d.add(i) = *s.offset(j as isize);
            j += step;
        }
    }
}

#[inline]
fn parts(vm: &Vm, off: u32) -> (u32, usize) {
    let l = vm.heap.get::<ListObj>(off);
    (l.items, l.len as usize)
}

#[inline]
fn item_at(vm: &Vm, off: u32, i: usize) -> Option<Value> {
    let (items, len) = parts(vm, off);
    if i < len { vm.heap.vals(items).get(i).copied() } else { None }
}

impl Vm {
    /// The list object behind `v` (a list or an instance of a list subclass).
    #[inline]
    pub fn list_off(&self, v: Value) -> Option<u32> {
        let off = v.as_obj()?;
        match self.heap.kind(off) {
            Kind::List => Some(off),
            Kind::Instance => self.list_off(self.heap.get::<super::InstObj>(off).native),
            _ => None,
        }
    }

    /// Items of a list (or list subclass instance).
    #[inline]
    pub fn list_items(&self, v: Value) -> Option<&[Value]> {
        let off = self.list_off(v)?;
        let l = self.heap.get::<ListObj>(off);
        let len = l.len as usize;
        Some(&self.heap.vals(l.items)[..len])
    }

    /// Mutable items of a list.
    pub fn list_items_mut(&mut self, v: Value) -> &mut [Value] {
        let Some(off) = self.list_off(v) else { return &mut [] };
        let l = self.heap.get::<ListObj>(off);
        let (items, len) = (l.items, l.len as usize);
        &mut self.heap.vals_mut(items)[..len]
    }

    /// Number of items of a list (0 for non-lists).
    #[inline]
    pub fn list_len(&self, v: Value) -> usize {
        self.list_off(v).map_or(0, |o| self.heap.get::<ListObj>(o).len as usize)
    }

    /// Make room for at least `extra` more items.
    pub fn list_reserve(&mut self, list: Value, extra: usize) -> PyResult<()> {
        let Some(off) = self.list_off(list) else { return Ok(()) };
        let l = self.heap.get::<ListObj>(off);
        let (items, len) = (l.items, l.len as usize);
        let cap = if items == 0 { 0 } else { self.heap.get::<ArrayHdr>(items).cap as usize };
        let need = len.saturating_add(extra);
        if need <= cap {
            return Ok(());
        }
        if need.saturating_mul(4) > self.heap.total_bytes() {
            return Err(self.raise_memory_error_bytes(need.saturating_mul(4)));
        }
        let new_cap = (cap + cap / 2 + 4).max(need);
        if items != 0 && self.heap.resize_in_place(items, 8 + new_cap * 4) {
            self.heap.get_mut::<ArrayHdr>(items).cap = new_cap as u32;
            return Ok(());
        }
        let arr = self.alloc_vals(new_cap)?;
        // Re-read: nothing can change the list during an allocation, but stay robust.
        let (items, len) = parts(self, off);
        if items != 0 {
            copy_vals(&mut self.heap, items, 0, arr, 0, len);
            self.heap.free(items);
        }
        self.heap.get_mut::<ListObj>(off).items = arr;
        Ok(())
    }

    /// `list.append`.
    #[inline]
    pub fn list_push(&mut self, list: Value, v: Value) -> PyResult<()> {
        let Some(off) = self.list_off(list) else { return Ok(()) };
        let (items, len) = parts(self, off);
        if items == 0 || self.heap.get::<ArrayHdr>(items).cap as usize <= len {
            // Growing allocates: `v` may not be rooted anywhere else yet.
            self.root(v);
            self.list_reserve(list, 1)?;
        }
        let l = self.heap.get_mut::<ListObj>(off);
        let (items, len) = (l.items, l.len as usize);
        l.len += 1;
        self.heap.vals_mut(items)[len] = v;
        Ok(())
    }

    /// Set the length (shrinking clears the dropped slots so they do not keep garbage).
    pub fn list_set_len(&mut self, list: Value, n: usize) {
        let Some(off) = self.list_off(list) else { return };
        let l = self.heap.get_mut::<ListObj>(off);
        let (items, len) = (l.items, l.len as usize);
        if n <= len {
            l.len = n as u32;
            for x in &mut self.heap.vals_mut(items)[n..len] {
                *x = Value::NULL;
            }
        }
    }

    /// Insert `v` before index `i` (clamped to the length).
    pub fn list_insert(&mut self, list: Value, i: usize, v: Value) -> PyResult<()> {
        self.root(v);
        self.list_reserve(list, 1)?;
        let Some(off) = self.list_off(list) else { return Ok(()) };
        let (items, len) = parts(self, off);
        let i = i.min(len);
        copy_vals(&mut self.heap, items, i, items, i + 1, len - i);
        self.heap.vals_mut(items)[i] = v;
        self.heap.get_mut::<ListObj>(off).len += 1;
        Ok(())
    }

    /// Remove and return item `i` (`i < len`); the value is rooted.
    pub fn list_remove_at(&mut self, list: Value, i: usize) -> Value {
        let Some(off) = self.list_off(list) else { return Value::NONE };
        let (items, len) = parts(self, off);
        if i >= len {
            return Value::NONE;
        }
        let v = self.heap.vals(items)[i];
        copy_vals(&mut self.heap, items, i + 1, items, i, len - i - 1);
        self.heap.vals_mut(items)[len - 1] = Value::NULL;
        self.heap.get_mut::<ListObj>(off).len -= 1;
        self.root(v)
    }

    /// Append all of `src` (a slice not borrowed from the heap).
    pub fn list_extend_from(&mut self, list: Value, src: &[Value]) -> PyResult<()> {
        self.list_reserve(list, src.len())?;
        let Some(off) = self.list_off(list) else { return Ok(()) };
        let (items, len) = parts(self, off);
        self.heap.vals_mut(items)[len..len + src.len()].copy_from_slice(src);
        self.heap.get_mut::<ListObj>(off).len += src.len() as u32;
        Ok(())
    }
}

/// An index argument: an int (bools and `__index__` objects included); OverflowError
/// beyond the i64 range (CPython's ssize_t).
pub fn index_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    let i = index_arg_clamped(vm, v)?;
    if i == i64::MIN || i == i64::MAX {
        if let Some(super::int::IntVal::Big(_)) = vm.int_of(v) {
            return Err(vm.raise(TypeId::OverflowError, "Python int too large to convert to C ssize_t"));
        }
    }
    Ok(i)
}

/// An index argument with huge ints clamped to the i64 range (slice-style arguments).
pub fn index_arg_clamped(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(i) = v.as_small() {
        return Ok(i as i64);
    }
    if let Some(iv) = vm.int_of(v) {
        return Ok(match iv {
            super::int::IntVal::Small(i) => i,
            super::int::IntVal::Big(b) => {
                if b.sign() == num_bigint::Sign::Minus { i64::MIN } else { i64::MAX }
            }
        });
    }
    if v.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Instance) {
        if let Some(r) = runtime::call_dunder(vm, v, q!("__index__"), &[])? {
            if vm.int_of(r).is_some() {
                return index_arg_clamped(vm, r);
            }
        }
    }
    let t = runtime::type_name(vm, v);
    Err(vm.raise_fmt(TypeId::TypeError, format_args!("'{t}' object cannot be interpreted as an integer")))
}

/// Clamp `start`/`stop` arguments of `index`-style methods to `0..=len`.
pub fn clamp_range(vm: &mut Vm, start: Option<Value>, stop: Option<Value>, len: usize) -> PyResult<(usize, usize)> {
    let len_i = len as i64;
    let fix = |i: i64| -> usize {
        let j = if i < 0 { i.saturating_add(len_i) } else { i };
        j.clamp(0, len_i) as usize
    };
    let a = match start {
        Some(v) if !v.is_none() => fix(index_arg_clamped(vm, v)?),
        _ => 0,
    };
    let b = match stop {
        Some(v) if !v.is_none() => fix(index_arg_clamped(vm, v)?),
        _ => len,
    };
    Ok((a, b))
}

fn self_list(vm: &mut Vm, v: Value, meth: &str) -> PyResult<Value> {
    let n = runtime::native_of(vm, v);
    if n.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::List) {
        return Ok(n);
    }
    let t = runtime::type_name(vm, v);
    Err(vm.raise_fmt(TypeId::TypeError, format_args!("descriptor '{meth}' for 'list' objects doesn't apply to a '{t}' object")))
}

/// `l[slice]` (integer indices are handled inline by the runtime).
pub fn subscr(vm: &mut Vm, l: Value, key: Value) -> PyResult<Value> {
    let Some(off) = vm.list_off(l) else { return Err(vm.raise(TypeId::TypeError, "expected a list")) };
    let len = parts(vm, off).1;
    if super::slice::is_slice(vm, key) {
        let (start, _, step, n) = super::slice::indices(vm, key, len)?;
        let r = new_list_with_capacity(vm, n)?;
        let ro = r.as_obj().unwrap_or(0);
        let (src, _) = parts(vm, off);
        let dst = parts(vm, ro).0;
        if step == 1 {
            copy_vals(&mut vm.heap, src, start as usize, dst, 0, n);
        } else {
            copy_strided(&mut vm.heap, src, start, step, dst, n);
        }
        vm.heap.get_mut::<ListObj>(ro).len = n as u32;
        return Ok(r);
    }
    if vm.int_of(key).is_none() && key.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Instance) {
        let i = index_arg(vm, key)?;
        let k = super::int::new_int(vm, i)?;
        return subscr(vm, l, k);
    }
    let i = runtime::seq_index(vm, key, len, "list")?;
    Ok(item_at(vm, off, i).unwrap_or(Value::NONE))
}

/// Replace the whole contents of a list.
pub fn set_items(vm: &mut Vm, l: Value, items: &[Value]) -> PyResult<()> {
    for &x in items {
        vm.root(x);
    }
    vm.list_set_len(l, 0);
    vm.list_extend_from(l, items)
}

/// Replace `l[start..stop]` by `src` (plain slice assignment).
fn splice(vm: &mut Vm, l: Value, start: usize, stop: usize, src: &[Value]) -> PyResult<()> {
    let Some(off) = vm.list_off(l) else { return Ok(()) };
    let len = parts(vm, off).1;
    let start = start.min(len);
    let stop = stop.clamp(start, len);
    let m = src.len();
    let removed = stop - start;
    if m > removed {
        vm.list_reserve(l, m - removed)?;
    }
    let (items, len) = parts(vm, off);
    let new_len = len - removed + m;
    copy_vals(&mut vm.heap, items, stop, items, start + m, len - stop);
    if m > 0 {
        vm.heap.vals_mut(items)[start..start + m].copy_from_slice(src);
    }
    if new_len < len {
        for x in &mut vm.heap.vals_mut(items)[new_len..len] {
            *x = Value::NULL;
        }
    }
    vm.heap.get_mut::<ListObj>(off).len = new_len as u32;
    Ok(())
}

/// `l[i] = v`, `l[slice] = iterable`.
pub fn store_subscr(vm: &mut Vm, l: Value, key: Value, v: Value) -> PyResult<()> {
    let Some(off) = vm.list_off(l) else { return Err(vm.raise(TypeId::TypeError, "expected a list")) };
    if super::slice::is_slice(vm, key) {
        let same = vm.list_off(v) == Some(off);
        let src = runtime::collect_iter(vm, v)?;
        if same {
            for &x in &src {
                vm.root(x);
            }
        }
        let len = parts(vm, off).1;
        let (start, stop, step, n) = super::slice::indices(vm, key, len)?;
        if step == 1 {
            let stop = stop.max(start) as usize;
            return splice(vm, l, start as usize, stop, &src);
        }
        if src.len() != n {
            return Err(vm.raise_fmt(
                TypeId::ValueError,
                format_args!("attempt to assign sequence of size {} to extended slice of size {}", src.len(), n),
            ));
        }
        let (items, len) = parts(vm, off);
        let dst = vm.heap.vals_mut(items);
        for (i, x) in src.into_iter().enumerate() {
            let j = (start + i as i64 * step) as usize;
            if j < len {
                dst[j] = x;
            }
        }
        return Ok(());
    }
    let len = parts(vm, off).1;
    let key = if vm.int_of(key).is_none() && key.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Instance) {
        let i = index_arg(vm, key)?;
        super::int::new_int(vm, i)?
    } else {
        key
    };
    let i = runtime::seq_index(vm, key, len, "list")?;
    let items = parts(vm, off).0;
    vm.heap.vals_mut(items)[i] = v;
    Ok(())
}

/// `del l[i]`, `del l[slice]`.
pub fn del_subscr(vm: &mut Vm, l: Value, key: Value) -> PyResult<()> {
    let Some(off) = vm.list_off(l) else { return Err(vm.raise(TypeId::TypeError, "expected a list")) };
    let len = parts(vm, off).1;
    if super::slice::is_slice(vm, key) {
        let (start, stop, step, n) = super::slice::indices(vm, key, len)?;
        if n == 0 {
            return Ok(());
        }
        if step == 1 {
            return splice(vm, l, start as usize, stop as usize, &[]);
        }
        // Normalise to an increasing index sequence lo, lo + st, ... (n items).
        let (lo, st) = if step < 0 { (start + (n as i64 - 1) * step, -step) } else { (start, step) };
        let (lo, st) = (lo as usize, st as usize);
        let items = parts(vm, off).0;
        let vals = vm.heap.vals_mut(items);
        let mut w = lo;
        let mut removed = 0;
        for r in lo..len {
            if removed < n && r >= lo && (r - lo) % st == 0 {
                removed += 1;
                continue;
            }
            vals[w] = vals[r];
            w += 1;
        }
        for x in &mut vals[w..len] {
            *x = Value::NULL;
        }
        vm.heap.get_mut::<ListObj>(off).len = w as u32;
        return Ok(());
    }
    let key = if vm.int_of(key).is_none() && key.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Instance) {
        let i = index_arg(vm, key)?;
        super::int::new_int(vm, i)?
    } else {
        key
    };
    let i = runtime::seq_index(vm, key, len, "list")?;
    vm.list_remove_at(l, i);
    Ok(())
}

/// Repeat count for `*`: None when `b` is not an int.
fn repeat_count(vm: &mut Vm, b: Value) -> PyResult<Option<usize>> {
    if let Some(n) = vm.int_i64(b) {
        return Ok(Some(n.max(0) as usize));
    }
    match vm.int_of(b) {
        Some(super::int::IntVal::Big(x)) => {
            if x.sign() == num_bigint::Sign::Minus {
                Ok(Some(0))
            } else {
                Err(vm.raise(TypeId::OverflowError, "cannot fit 'int' into an index-sized integer"))
            }
        }
        _ => Ok(None),
    }
}

/// Extend `l` with the items of any iterable.
pub fn extend(vm: &mut Vm, l: Value, src: Value) -> PyResult<()> {
    let Some(off) = vm.list_off(l) else { return Ok(()) };
    let sk = src.as_obj().map(|o| vm.heap.kind(o));
    match sk {
        Some(Kind::List) => {
            let so = src.as_obj().unwrap_or(0);
            let n = parts(vm, so).1;
            vm.list_reserve(l, n)?;
            let (sitems, _) = parts(vm, so);
            let (items, len) = parts(vm, off);
            copy_vals(&mut vm.heap, sitems, 0, items, len, n);
            vm.heap.get_mut::<ListObj>(off).len += n as u32;
            Ok(())
        }
        Some(Kind::Tuple) => {
            let so = src.as_obj().unwrap_or(0);
            let n = vm.heap.get::<super::TupleObj>(so).len as usize;
            vm.list_reserve(l, n)?;
            let (items, len) = parts(vm, off);
            for i in 0..n {
                let x = vm.heap.vals_at(so, super::TUPLE_DATA, n)[i];
                vm.heap.vals_mut(items)[len + i] = x;
            }
            vm.heap.get_mut::<ListObj>(off).len += n as u32;
            Ok(())
        }
        _ => {
            let it = runtime::iter(vm, src)?;
            vm.root(it);
            while let Some(x) = runtime::next(vm, it)? {
                vm.list_push(l, x)?;
            }
            Ok(())
        }
    }
}

/// `+`, `*`, `+=`, `*=` on lists.
pub fn binop(vm: &mut Vm, op: BinOp, inplace: bool, a: Value, b: Value) -> PyResult<Value> {
    let Some(ao) = vm.list_off(a) else { return Ok(Value::NOT_IMPLEMENTED) };
    match op {
        BinOp::Add => {
            if inplace {
                extend(vm, a, b)?;
                return Ok(a);
            }
            let Some(bo) = vm.list_off(b) else { return Ok(Value::NOT_IMPLEMENTED) };
            let (na, nb) = (parts(vm, ao).1, parts(vm, bo).1);
            let r = new_list_with_capacity(vm, na + nb)?;
            let ro = r.as_obj().unwrap_or(0);
            let dst = parts(vm, ro).0;
            let (sa, na) = parts(vm, ao);
            let (sb, nb) = parts(vm, bo);
            copy_vals(&mut vm.heap, sa, 0, dst, 0, na);
            copy_vals(&mut vm.heap, sb, 0, dst, na, nb);
            vm.heap.get_mut::<ListObj>(ro).len = (na + nb) as u32;
            Ok(r)
        }
        BinOp::Mul => {
            let Some(n) = repeat_count(vm, b)? else { return Ok(Value::NOT_IMPLEMENTED) };
            let len = parts(vm, ao).1;
            let total = len.saturating_mul(n);
            if total.saturating_mul(4) > vm.heap.total_bytes() {
                return Err(vm.raise_memory_error_bytes(total.saturating_mul(4)));
            }
            let (target, to) = if inplace {
                if total < len {
                    vm.list_set_len(a, total);
                    return Ok(a);
                }
                vm.list_reserve(a, total - len)?;
                (a, ao)
            } else {
                let r = new_list_with_capacity(vm, total)?;
                let ro = r.as_obj().unwrap_or(0);
                let (src, len) = parts(vm, ao);
                let dst = parts(vm, ro).0;
                if n > 0 {
                    copy_vals(&mut vm.heap, src, 0, dst, 0, len);
                }
                vm.heap.get_mut::<ListObj>(ro).len = if n > 0 { len as u32 } else { 0 };
                (r, ro)
            };
            if n == 0 {
                vm.list_set_len(target, 0);
                return Ok(target);
            }
            // Double the filled prefix until it reaches `total`.
            let items = parts(vm, to).0;
            let mut filled = len;
            while filled < total {
                let k = filled.min(total - filled);
                copy_vals(&mut vm.heap, items, 0, items, filled, k);
                filled += k;
            }
            vm.heap.get_mut::<ListObj>(to).len = total as u32;
            Ok(target)
        }
        _ => Ok(Value::NOT_IMPLEMENTED),
    }
}

fn no_kw(vm: &mut Vm, kw: Kw, name: &str) -> PyResult<()> {
    if kw.is_empty() {
        Ok(())
    } else {
        Err(vm.raise_fmt(TypeId::TypeError, format_args!("{name}() takes no keyword arguments")))
    }
}

fn list_new(vm: &mut Vm, args: &[Value], kw: Kw) -> PyResult<Value> {
    no_kw(vm, kw, "list")?;
    if args.len() > 2 {
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("list expected at most 1 argument, got {}", args.len() - 1)));
    }
    let l = new_list(vm, &[])?;
    if let Some(&x) = args.get(1) {
        extend(vm, l, x)?;
    }
    Ok(l)
}

fn list_init(vm: &mut Vm, args: &[Value], kw: Kw) -> PyResult<Value> {
    no_kw(vm, kw, "list")?;
    let l = self_list(vm, args[0], "__init__")?;
    match args.get(1) {
        Some(&x) if vm.list_off(x) == vm.list_off(l) => {}
        Some(&x) => {
            vm.list_set_len(l, 0);
            extend(vm, l, x)?;
        }
        None => vm.list_set_len(l, 0),
    }
    Ok(Value::NONE)
}

fn list_append(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    if vm.list_off(args[0]).is_none() {
        self_list(vm, args[0], "append")?;
    }
    vm.list_push(args[0], args[1])?;
    Ok(Value::NONE)
}

fn list_extend(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let l = self_list(vm, args[0], "extend")?;
    extend(vm, l, args[1])?;
    Ok(Value::NONE)
}

fn list_insert_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let l = self_list(vm, args[0], "insert")?;
    let i = index_arg(vm, args[1])?;
    let len = vm.list_len(l) as i64;
    let j = if i < 0 { (i.saturating_add(len)).max(0) } else { i.min(len) };
    vm.list_insert(l, j as usize, args[2])?;
    Ok(Value::NONE)
}

fn list_pop(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let l = self_list(vm, args[0], "pop")?;
    let len = vm.list_len(l);
    if len == 0 {
        return Err(vm.raise(TypeId::IndexError, "pop from empty list"));
    }
    let i = match args.get(1) {
        Some(&v) => index_arg(vm, v)?,
        None => -1,
    };
    let j = if i < 0 { i.saturating_add(len as i64) } else { i };
    if j < 0 || j >= len as i64 {
        return Err(vm.raise(TypeId::IndexError, "pop index out of range"));
    }
    Ok(vm.list_remove_at(l, j as usize))
}

/// Index of the first item equal to `x` in `start..stop` (re-reading the list after
/// every comparison, which may run Python code).
fn find(vm: &mut Vm, l: Value, x: Value, start: usize, stop: usize) -> PyResult<Option<usize>> {
    let Some(off) = vm.list_off(l) else { return Ok(None) };
    let mut i = start;
    while i < stop {
        let Some(y) = item_at(vm, off, i) else { break };
        if y == x || (!(y.is_small() && x.is_small()) && runtime::eq(vm, y, x)?) {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

fn list_remove(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let l = self_list(vm, args[0], "remove")?;
    let len = vm.list_len(l);
    match find(vm, l, args[1], 0, len)? {
        Some(i) => {
            vm.list_remove_at(l, i);
            Ok(Value::NONE)
        }
        None => Err(vm.raise(TypeId::ValueError, "list.remove(x): x not in list")),
    }
}

fn list_index(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let l = self_list(vm, args[0], "index")?;
    let len = vm.list_len(l);
    let (a, b) = clamp_range(vm, args.get(2).copied(), args.get(3).copied(), len)?;
    match find(vm, l, args[1], a, b)? {
        Some(i) => Ok(Value::small(i as i32)),
        None => {
            let r = runtime::repr_string(vm, args[1])?;
            Err(vm.raise_fmt(TypeId::ValueError, format_args!("{r} is not in list")))
        }
    }
}

fn list_count(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let l = self_list(vm, args[0], "count")?;
    let off = vm.list_off(l).unwrap_or(0);
    let x = args[1];
    let mut n = 0i32;
    let mut i = 0;
    while let Some(y) = item_at(vm, off, i) {
        if y == x || (!(y.is_small() && x.is_small()) && runtime::eq(vm, y, x)?) {
            n += 1;
        }
        i += 1;
    }
    Ok(Value::small(n))
}

fn list_reverse(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let l = self_list(vm, args[0], "reverse")?;
    vm.list_items_mut(l).reverse();
    Ok(Value::NONE)
}

fn list_copy(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let l = self_list(vm, args[0], "copy")?;
    let r = new_list(vm, &[])?;
    extend(vm, r, l)?;
    Ok(r)
}

fn list_clear(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let l = self_list(vm, args[0], "clear")?;
    vm.list_set_len(l, 0);
    Ok(Value::NONE)
}

fn list_sort(vm: &mut Vm, args: &[Value], kw: Kw) -> PyResult<Value> {
    let l = self_list(vm, args[0], "sort")?;
    sort_list(vm, l, kw)?;
    Ok(Value::NONE)
}

fn list_len_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let l = self_list(vm, args[0], "__len__")?;
    Ok(Value::small(vm.list_len(l) as i32))
}

fn list_getitem_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let l = self_list(vm, args[0], "__getitem__")?;
    runtime::getitem(vm, l, args[1])
}

fn list_setitem_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let l = self_list(vm, args[0], "__setitem__")?;
    runtime::setitem(vm, l, args[1], args[2])?;
    Ok(Value::NONE)
}

fn list_delitem_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let l = self_list(vm, args[0], "__delitem__")?;
    del_subscr(vm, l, args[1])?;
    Ok(Value::NONE)
}

fn list_contains_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let l = self_list(vm, args[0], "__contains__")?;
    let len = vm.list_len(l);
    Ok(Value::bool(find(vm, l, args[1], 0, len)?.is_some()))
}

fn list_iter_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let l = self_list(vm, args[0], "__iter__")?;
    runtime::iter(vm, l)
}

fn list_reversed_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let l = self_list(vm, args[0], "__reversed__")?;
    super::iter::reversed_seq(vm, l)
}

fn binop_m(vm: &mut Vm, args: &[Value], op: BinOp, inplace: bool, name: &str) -> PyResult<Value> {
    let l = self_list(vm, args[0], name)?;
    let other = runtime::native_of(vm, args[1]);
    let r = binop(vm, op, inplace, l, other)?;
    Ok(if inplace && r == l { args[0] } else { r })
}

fn list_add_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    binop_m(vm, args, BinOp::Add, false, "__add__")
}
fn list_iadd_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    binop_m(vm, args, BinOp::Add, true, "__iadd__")
}
fn list_mul_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    binop_m(vm, args, BinOp::Mul, false, "__mul__")
}
fn list_imul_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    binop_m(vm, args, BinOp::Mul, true, "__imul__")
}

fn cmp_m(vm: &mut Vm, args: &[Value], op: CmpOp) -> PyResult<Value> {
    let l = self_list(vm, args[0], "__eq__")?;
    let other = runtime::native_of(vm, args[1]);
    if vm.list_off(other).is_none() || !other.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::List) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    runtime::compare(vm, op, l, other)
}

fn list_eq_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    cmp_m(vm, args, CmpOp::Eq)
}
fn list_ne_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    cmp_m(vm, args, CmpOp::Ne)
}
fn list_lt_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    cmp_m(vm, args, CmpOp::Lt)
}
fn list_le_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    cmp_m(vm, args, CmpOp::Le)
}
fn list_gt_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    cmp_m(vm, args, CmpOp::Gt)
}
fn list_ge_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    cmp_m(vm, args, CmpOp::Ge)
}

/// `list`.
pub static LIST_TYPE: TypeDef = TypeDef {
    name: "list",
    base: Some(TypeId::Object),
    locals: &[
        fun!(q!("append"), list_append, 2, 2),
        fun!(q!("extend"), list_extend, 2, 2),
        fun!(q!("insert"), list_insert_m, 3, 3),
        fun!(q!("pop"), list_pop, 1, 2),
        fun!(q!("remove"), list_remove, 2, 2),
        fun!(q!("index"), list_index, 2, 4),
        fun!(q!("count"), list_count, 2, 2),
        fun!(q!("reverse"), list_reverse, 1, 1),
        fun!(q!("sort"), list_sort, 1, 1, kw),
        fun!(q!("copy"), list_copy, 1, 1),
        fun!(q!("clear"), list_clear, 1, 1),
        fun!(q!("__init__"), list_init, 1, 2, kw),
        fun!(q!("__len__"), list_len_m, 1, 1),
        fun!(q!("__getitem__"), list_getitem_m, 2, 2),
        fun!(q!("__setitem__"), list_setitem_m, 3, 3),
        fun!(q!("__delitem__"), list_delitem_m, 2, 2),
        fun!(q!("__contains__"), list_contains_m, 2, 2),
        fun!(q!("__iter__"), list_iter_m, 1, 1),
        fun!(q!("__reversed__"), list_reversed_m, 1, 1),
        fun!(q!("__add__"), list_add_m, 2, 2),
        fun!(q!("__iadd__"), list_iadd_m, 2, 2),
        fun!(q!("__mul__"), list_mul_m, 2, 2),
        fun!(q!("__rmul__"), list_mul_m, 2, 2),
        fun!(q!("__imul__"), list_imul_m, 2, 2),
        fun!(q!("__eq__"), list_eq_m, 2, 2),
        fun!(q!("__ne__"), list_ne_m, 2, 2),
        fun!(q!("__lt__"), list_lt_m, 2, 2),
        fun!(q!("__le__"), list_le_m, 2, 2),
        fun!(q!("__gt__"), list_gt_m, 2, 2),
        fun!(q!("__ge__"), list_ge_m, 2, 2),
    ],
    new: Some(list_new),
    subclassable: true,
};

// ---------------------------------------------------------------- sorting

/// `sorted(iterable, key=None, reverse=False)`: a stable merge sort that propagates
/// exceptions from comparisons and key functions.
pub fn builtin_sorted(vm: &mut Vm, args: &[Value], kw: Kw) -> PyResult<Value> {
    let l = new_list(vm, &[])?;
    extend(vm, l, args[0])?;
    sort_list(vm, l, kw)?;
    Ok(l)
}

/// Ordering of two values of types whose comparison runs no Python code and is total
/// (ints, non-NaN floats, str, and tuples of those); None when unsure.
fn quick_cmp(vm: &Vm, a: Value, b: Value, depth: u32) -> Option<core::cmp::Ordering> {
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        return Some(x.cmp(&y));
    }
    let ka = a.as_obj().map(|o| vm.heap.kind(o));
    let kb = b.as_obj().map(|o| vm.heap.kind(o));
    let num = |v: Value, k: Option<Kind>| -> Option<f64> {
        match (v.as_small(), k) {
            (Some(i), _) => Some(i as f64),
            (None, Some(Kind::Float)) => vm.float_of(v).filter(|f| !f.is_nan()),
            _ => None,
        }
    };
    if let (Some(x), Some(y)) = (num(a, ka), num(b, kb)) {
        return x.partial_cmp(&y);
    }
    let plain_str = |v: Value, k: Option<Kind>| v.as_qstr().is_some() || k == Some(Kind::Str);
    if plain_str(a, ka) && plain_str(b, kb) {
        return Some(vm.str_of(a)?.cmp(vm.str_of(b)?));
    }
    if ka == Some(Kind::Tuple) && kb == Some(Kind::Tuple) && depth < 8 {
        let (x, y) = (vm.tuple_items(a)?, vm.tuple_items(b)?);
        for (&p, &q) in x.iter().zip(y.iter()) {
            if p == q {
                continue;
            }
            match quick_cmp(vm, p, q, depth + 1)? {
                core::cmp::Ordering::Equal => continue,
                o => return Some(o),
            }
        }
        return Some(x.len().cmp(&y.len()));
    }
    None
}

/// `a < b` for sorting.
#[inline]
fn lt(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    if let Some(o) = quick_cmp(vm, a, b, 0) {
        return Ok(o == core::cmp::Ordering::Less);
    }
    let r = runtime::compare(vm, CmpOp::Lt, a, b)?;
    if r == Value::TRUE {
        return Ok(true);
    }
    if r == Value::FALSE {
        return Ok(false);
    }
    runtime::truthy(vm, r)
}

/// Stable sort of (key, value) pairs by key with Python `<`. On error the vector still
/// holds every pair (in some order).
fn merge_sort(vm: &mut Vm, v: &mut Vec<(Value, Value)>) -> PyResult<()> {
    let n = v.len();
    // Binary insertion sort of runs of RUN items.
    const RUN: usize = 16;
    let mut s = 0;
    while s < n {
        let e = (s + RUN).min(n);
        for i in s + 1..e {
            let x = v[i];
            // Find the insertion point: after every item <= x (stability).
            let (mut lo, mut hi) = (s, i);
            while lo < hi {
                let mid = (lo + hi) / 2;
                if lt(vm, x.0, v[mid].0)? {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            v.copy_within(lo..i, lo + 1);
            v[lo] = x;
        }
        s = e;
    }
    if n <= RUN {
        return Ok(());
    }
    let mut buf: Vec<(Value, Value)> = v.clone();
    let mut width = RUN;
    while width < n {
        let mut i = 0;
        while i < n {
            let mid = (i + width).min(n);
            let hi = (i + 2 * width).min(n);
            // Already in order: copy the run pair as is.
            if mid >= hi || !lt(vm, v[mid].0, v[mid - 1].0)? {
                buf[i..hi].copy_from_slice(&v[i..hi]);
                i += 2 * width;
                continue;
            }
            let (mut a, mut b, mut o) = (i, mid, i);
            while a < mid && b < hi {
                if lt(vm, v[b].0, v[a].0)? {
                    buf[o] = v[b];
                    b += 1;
                } else {
                    buf[o] = v[a];
                    a += 1;
                }
                o += 1;
            }
            buf[o..o + (mid - a)].copy_from_slice(&v[a..mid]);
            o += mid - a;
            buf[o..o + (hi - b)].copy_from_slice(&v[b..hi]);
            i += 2 * width;
        }
        core::mem::swap(v, &mut buf);
        width *= 2;
    }
    Ok(())
}

enum Fast {
    Ints,
    Floats,
    Strs,
    None,
}

fn classify(vm: &Vm, keys: &[(Value, Value)]) -> Fast {
    let Some(first) = keys.first() else { return Fast::None };
    let plain_obj = |v: Value| v.as_obj().is_none_or(|o| vm.heap.kind(o) != Kind::Instance);
    if keys.iter().all(|k| k.0.is_small()) {
        return Fast::Ints;
    }
    if vm.str_of(first.0).is_some() && keys.iter().all(|k| plain_obj(k.0) && vm.str_of(k.0).is_some()) {
        return Fast::Strs;
    }
    if keys.iter().all(|k| {
        k.0.is_small() || (k.0.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Float) && vm.float_of(k.0).is_some_and(|f| !f.is_nan()))
    }) {
        return Fast::Floats;
    }
    Fast::None
}

fn sort_pairs(vm: &mut Vm, v: &mut Vec<(Value, Value)>) -> PyResult<()> {
    match classify(vm, v) {
        Fast::Ints => {
            v.sort_by_key(|p| p.0.small_unchecked());
            Ok(())
        }
        Fast::Strs => {
            let vmr: &Vm = vm;
            v.sort_by(|a, b| vmr.str_of(a.0).unwrap_or("").cmp(vmr.str_of(b.0).unwrap_or("")));
            Ok(())
        }
        Fast::Floats => {
            let vmr: &Vm = vm;
            let f = |x: Value| x.as_small().map_or_else(|| vmr.float_of(x).unwrap_or(0.0), |i| i as f64);
            v.sort_by(|a, b| f(a.0).partial_cmp(&f(b.0)).unwrap_or(core::cmp::Ordering::Equal));
            Ok(())
        }
        Fast::None => merge_sort(vm, v),
    }
}

/// Sort a list in place (`list.sort`). While sorting, the list appears empty; if it
/// was modified meanwhile, ValueError is raised (as CPython).
pub fn sort_list(vm: &mut Vm, l: Value, kw: Kw) -> PyResult<()> {
    let mut key = None;
    let mut reverse = false;
    for &(k, v) in kw {
        if k == q!("key") {
            key = Some(v).filter(|v| !v.is_none());
        } else if k == q!("reverse") {
            reverse = runtime::truthy(vm, v)?;
        } else {
            let n = alloc::string::String::from(vm.qstr_str(k));
            return Err(vm.raise_fmt(TypeId::TypeError, format_args!("'{n}' is an invalid keyword argument for sort()")));
        }
    }
    let Some(off) = vm.list_off(l) else { return Ok(()) };
    let (arr, n) = parts(vm, off);
    if n < 2 && key.is_none() {
        return Ok(());
    }
    // Detach the items: the list looks empty while the sort runs.
    vm.root(Value::obj(arr));
    let mut pairs: Vec<(Value, Value)> = vm.heap.vals(arr)[..n].iter().map(|&x| (x, x)).collect();
    {
        let lo = vm.heap.get_mut::<ListObj>(off);
        lo.items = 0;
        lo.len = 0;
    }
    let mut result = Ok(());
    if let Some(f) = key {
        for p in pairs.iter_mut() {
            match crate::call::call(vm, f, &[p.1], &[]) {
                Ok(k) => p.0 = vm.root(k),
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
    }
    if result.is_ok() {
        if reverse {
            pairs.reverse();
        }
        result = sort_pairs(vm, &mut pairs);
        if reverse {
            pairs.reverse();
        }
    }
    // Put the items back (sorted, or in whatever order an error left them).
    let modified = {
        let lo = vm.heap.get::<ListObj>(off);
        lo.items != 0 || lo.len != 0
    };
    {
        let vals = vm.heap.vals_mut(arr);
        for (d, p) in vals.iter_mut().zip(pairs.iter()) {
            *d = p.1;
        }
    }
    let lo = vm.heap.get_mut::<ListObj>(off);
    lo.items = arr;
    lo.len = n as u32;
    result?;
    if modified {
        return Err(vm.raise(TypeId::ValueError, "list modified during sort"));
    }
    Ok(())
}
