//! `list`: a `ListObj` with a separately allocated, growable ValArray of items.

use super::{ArrayHdr, Kind, ListObj};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

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

    /// Make room for at least `extra` more items.
    pub fn list_reserve(&mut self, list: Value, extra: usize) -> PyResult<()> {
        let Some(off) = self.list_off(list) else { return Ok(()) };
        let l = self.heap.get::<ListObj>(off);
        let (items, len) = (l.items, l.len as usize);
        let cap = if items == 0 { 0 } else { self.heap.get::<ArrayHdr>(items).cap as usize };
        let need = len + extra;
        if need <= cap {
            return Ok(());
        }
        let new_cap = (cap + cap / 2 + 4).max(need);
        if items != 0 && self.heap.resize_in_place(items, 8 + new_cap * 4) {
            self.heap.get_mut::<ArrayHdr>(items).cap = new_cap as u32;
            return Ok(());
        }
        let arr = self.alloc_vals(new_cap)?;
        if items != 0 {
            let old: alloc::vec::Vec<Value> = self.heap.vals(items)[..len].to_vec();
            self.heap.vals_mut(arr)[..len].copy_from_slice(&old);
            self.heap.free(items);
        }
        self.heap.get_mut::<ListObj>(off).items = arr;
        Ok(())
    }

    /// `list.append`.
    pub fn list_push(&mut self, list: Value, v: Value) -> PyResult<()> {
        self.list_reserve(list, 1)?;
        let Some(off) = self.list_off(list) else { return Ok(()) };
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
}

/// `l[slice]` (integer indices are handled inline by the runtime).
pub fn subscr(vm: &mut Vm, l: Value, key: Value) -> PyResult<Value> {
    let items: alloc::vec::Vec<Value> = vm.list_items(l).map(|s| s.to_vec()).unwrap_or_default();
    if super::slice::is_slice(vm, key) {
        let (start, _, step, n) = super::slice::indices(vm, key, items.len())?;
        let out: alloc::vec::Vec<Value> = (0..n).map(|i| items[(start + i as i64 * step) as usize]).collect();
        return new_list(vm, &out);
    }
    let i = crate::runtime::seq_index(vm, key, items.len(), "list")?;
    Ok(items[i])
}

/// Replace the whole contents of a list.
pub fn set_items(vm: &mut Vm, l: Value, items: &[Value]) -> PyResult<()> {
    for &x in items {
        vm.root(x);
    }
    vm.list_set_len(l, 0);
    vm.list_reserve(l, items.len())?;
    for &x in items {
        vm.list_push(l, x)?;
    }
    Ok(())
}

/// `l[i] = v`, `l[slice] = iterable`.
pub fn store_subscr(vm: &mut Vm, l: Value, key: Value, v: Value) -> PyResult<()> {
    let mut items: alloc::vec::Vec<Value> = vm.list_items(l).map(|s| s.to_vec()).unwrap_or_default();
    if super::slice::is_slice(vm, key) {
        let src = crate::runtime::collect_iter(vm, v)?;
        let (start, stop, step, n) = super::slice::indices(vm, key, items.len())?;
        if step == 1 {
            let stop = (stop.max(start)) as usize;
            items.splice(start as usize..stop, src);
            return set_items(vm, l, &items);
        }
        if src.len() != n {
            return Err(vm.raise_fmt(
                crate::types::TypeId::ValueError,
                format_args!("attempt to assign sequence of size {} to extended slice of size {}", src.len(), n),
            ));
        }
        let dst = vm.list_items_mut(l);
        for (i, x) in src.into_iter().enumerate() {
            dst[(start + i as i64 * step) as usize] = x;
        }
        return Ok(());
    }
    let i = crate::runtime::seq_index(vm, key, items.len(), "list")?;
    vm.list_items_mut(l)[i] = v;
    Ok(())
}

/// `del l[i]`, `del l[slice]`.
pub fn del_subscr(vm: &mut Vm, l: Value, key: Value) -> PyResult<()> {
    let mut items: alloc::vec::Vec<Value> = vm.list_items(l).map(|s| s.to_vec()).unwrap_or_default();
    if super::slice::is_slice(vm, key) {
        let (start, _, step, n) = super::slice::indices(vm, key, items.len())?;
        let mut idx: alloc::vec::Vec<usize> = (0..n).map(|i| (start + i as i64 * step) as usize).collect();
        idx.sort_unstable();
        for i in idx.into_iter().rev() {
            items.remove(i);
        }
    } else {
        let i = crate::runtime::seq_index(vm, key, items.len(), "list")?;
        items.remove(i);
    }
    set_items(vm, l, &items)
}

/// `+`, `*`, `+=`, `*=` on lists.
pub fn binop(vm: &mut Vm, op: upy_bytecode::BinOp, inplace: bool, a: Value, b: Value) -> PyResult<Value> {
    use upy_bytecode::BinOp;
    match op {
        BinOp::Add => {
            if inplace {
                let src = crate::runtime::collect_iter(vm, b)?;
                vm.list_reserve(a, src.len())?;
                for x in src {
                    vm.list_push(a, x)?;
                }
                return Ok(a);
            }
            let Some(y) = vm.list_items(b).map(|s| s.to_vec()) else { return Ok(Value::NOT_IMPLEMENTED) };
            let mut r: alloc::vec::Vec<Value> = vm.list_items(a).map(|s| s.to_vec()).unwrap_or_default();
            r.extend_from_slice(&y);
            new_list(vm, &r)
        }
        BinOp::Mul => {
            let Some(n) = vm.int_i64(b) else { return Ok(Value::NOT_IMPLEMENTED) };
            let x: alloc::vec::Vec<Value> = vm.list_items(a).map(|s| s.to_vec()).unwrap_or_default();
            let n = n.max(0) as usize;
            if x.len().saturating_mul(n) * 4 > vm.heap.total_bytes() {
                return Err(vm.raise_memory_error());
            }
            let mut r = alloc::vec::Vec::with_capacity(x.len() * n);
            for _ in 0..n {
                r.extend_from_slice(&x);
            }
            if inplace {
                set_items(vm, a, &r)?;
                return Ok(a);
            }
            new_list(vm, &r)
        }
        _ => Ok(Value::NOT_IMPLEMENTED),
    }
}

fn list_new(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    match args.get(1) {
        Some(&x) => {
            let items = crate::runtime::collect_iter(vm, x)?;
            new_list(vm, &items)
        }
        None => new_list(vm, &[]),
    }
}

fn list_init(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let items = match args.get(1) {
        Some(&x) => crate::runtime::collect_iter(vm, x)?,
        None => alloc::vec::Vec::new(),
    };
    set_items(vm, args[0], &items)?;
    Ok(Value::NONE)
}

fn list_append(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    vm.list_push(args[0], args[1])?;
    Ok(Value::NONE)
}

/// `list`.
pub static LIST_TYPE: crate::types::TypeDef = crate::types::TypeDef {
    name: "list",
    base: Some(crate::types::TypeId::Object),
    locals: &[fun!(q!("append"), list_append, 2, 2), fun!(q!("__init__"), list_init, 1, 2)],
    new: Some(list_new),
    subclassable: true,
};

/// `sorted(iterable, key=None, reverse=False)`: a stable merge sort that propagates
/// exceptions from comparisons and key functions.
pub fn builtin_sorted(vm: &mut Vm, args: &[Value], kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let items = crate::runtime::collect_iter(vm, args[0])?;
    let l = new_list(vm, &items)?;
    vm.root(l);
    sort_list(vm, l, kw)?;
    Ok(l)
}

/// Sort a list in place (`list.sort`).
pub fn sort_list(vm: &mut Vm, l: Value, kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<()> {
    let key = kw.iter().find(|(k, _)| *k == q!("key")).map(|(_, v)| *v).filter(|v| !v.is_none());
    let reverse = match kw.iter().find(|(k, _)| *k == q!("reverse")).map(|(_, v)| *v) {
        Some(v) => crate::runtime::truthy(vm, v)?,
        None => false,
    };
    let items: alloc::vec::Vec<Value> = vm.list_items(l).map(|s| s.to_vec()).unwrap_or_default();
    let mut keyed: alloc::vec::Vec<(Value, Value)> = alloc::vec::Vec::with_capacity(items.len());
    for &x in &items {
        let k = match key {
            Some(f) => crate::call::call(vm, f, &[x], &[])?,
            None => x,
        };
        vm.root(k);
        keyed.push((k, x));
    }
    // Bottom-up merge sort; `less(b, a)` decides, keeping equal elements in order.
    let n = keyed.len();
    let mut buf = keyed.clone();
    let mut width = 1;
    while width < n {
        let mut i = 0;
        while i < n {
            let mid = (i + width).min(n);
            let hi = (i + 2 * width).min(n);
            let (mut a, mut b, mut o) = (i, mid, i);
            while a < mid && b < hi {
                let (x, y) = if reverse { (keyed[a].0, keyed[b].0) } else { (keyed[b].0, keyed[a].0) };
                let lt = crate::runtime::compare(vm, upy_bytecode::CmpOp::Lt, x, y)?;
                let take_b = crate::runtime::truthy(vm, lt)?;
                if take_b {
                    buf[o] = keyed[b];
                    b += 1;
                } else {
                    buf[o] = keyed[a];
                    a += 1;
                }
                o += 1;
            }
            while a < mid {
                buf[o] = keyed[a];
                a += 1;
                o += 1;
            }
            while b < hi {
                buf[o] = keyed[b];
                b += 1;
                o += 1;
            }
            i += 2 * width;
        }
        core::mem::swap(&mut keyed, &mut buf);
        width *= 2;
    }
    let sorted: alloc::vec::Vec<Value> = keyed.into_iter().map(|(_, x)| x).collect();
    set_items(vm, l, &sorted)
}
