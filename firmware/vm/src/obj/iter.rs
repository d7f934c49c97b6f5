//! Iterators over built-in containers, the iterator types behind `enumerate`, `zip`,
//! `map`, `filter`, `reversed` and two-argument `iter`, plus `super` attribute lookup.

use super::{IterKind, Kind, Obj4, RangeIterObj};
use crate::qstr::Qstr;
use crate::runtime;
use crate::types::TypeId;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// A generic iterator object.
pub fn new_iter(vm: &mut Vm, kind: IterKind, a: Value, b: Value, c: Value) -> PyResult<Value> {
    let off = vm.alloc(Kind::Iter, core::mem::size_of::<Obj4>())?;
    let o = vm.heap.get_mut::<Obj4>(off);
    o.h.aux = kind as u16;
    o.a = a;
    o.b = b;
    o.c = c;
    Ok(Value::obj(off))
}

/// `iter(v)`.
pub fn get_iter(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if vm.str_of(v).is_some() && !v.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Instance) {
        return new_iter(vm, IterKind::Seq, v, Value::NULL, Value::NULL);
    }
    if let Some(off) = v.as_obj() {
        match vm.heap.kind(off) {
            Kind::List | Kind::Tuple | Kind::Bytes | Kind::ByteArray | Kind::MemoryView => {
                return new_iter(vm, IterKind::Seq, v, Value::NULL, Value::NULL);
            }
            Kind::Dict => {
                let it = new_iter(vm, IterKind::Dict, v, Value::NULL, Value::NULL)?;
                let len = vm.dict_len(v) as u32;
                vm.heap.get_mut::<Obj4>(it.as_obj().unwrap_or(0)).k = len;
                return Ok(it);
            }
            Kind::Set => {
                let it = new_iter(vm, IterKind::Set, v, Value::NULL, Value::NULL)?;
                let len = vm.dict_len(v) as u32;
                vm.heap.get_mut::<Obj4>(it.as_obj().unwrap_or(0)).k = len;
                return Ok(it);
            }
            Kind::DictView => {
                let o = vm.heap.get::<Obj4>(off);
                let (d, which) = (o.a, o.h.aux as u32);
                let it = new_iter(vm, IterKind::Dict, d, Value::NULL, Value::NULL)?;
                let len = vm.dict_len(d) as u32;
                let io = vm.heap.get_mut::<Obj4>(it.as_obj().unwrap_or(0));
                io.j = which;
                io.k = len;
                return Ok(it);
            }
            Kind::Range => {
                let r = vm.heap.get::<super::RangeObj>(off);
                let (a, b, s) = (r.start, r.stop, r.step);
                let it = vm.alloc(Kind::RangeIter, core::mem::size_of::<RangeIterObj>())?;
                let o = vm.heap.get_mut::<RangeIterObj>(it);
                o.cur = a;
                o.stop = b;
                o.step = s;
                return Ok(Value::obj(it));
            }
            Kind::Iter | Kind::RangeIter | Kind::Generator => return Ok(v),
            Kind::Instance | Kind::Exception | Kind::Native => {
                if let Some(r) = runtime::call_dunder(vm, v, q!("__iter__"), &[])? {
                    return Ok(r);
                }
                if runtime::has_dunder(vm, v, q!("__getitem__"))? {
                    return new_iter(vm, IterKind::GetItem, v, Value::NULL, Value::NULL);
                }
                let n = runtime::native_of(vm, v);
                if n != v {
                    return get_iter(vm, n);
                }
                if vm.heap.kind(off) == Kind::Native {
                    if let Some(r) = runtime::getattr_opt(vm, v, q!("__iter__"))? {
                        return crate::call::call(vm, r, &[], &[]);
                    }
                }
            }
            _ => {}
        }
    }
    let t = runtime::type_name(vm, v);
    Err(vm.raise_fmt(TypeId::TypeError, format_args!("'{t}' object is not iterable")))
}

/// `next(it)`; None when exhausted.
pub fn next(vm: &mut Vm, it: Value) -> PyResult<Option<Value>> {
    let Some(off) = it.as_obj() else {
        let t = runtime::type_name(vm, it);
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("'{t}' object is not an iterator")));
    };
    match vm.heap.kind(off) {
        Kind::RangeIter => {
            let o = vm.heap.get_mut::<RangeIterObj>(off);
            let cur = o.cur;
            if (o.step > 0 && cur < o.stop) || (o.step < 0 && cur > o.stop) {
                o.cur = cur.saturating_add(o.step);
                return super::int::new_int(vm, cur).map(Some);
            }
            Ok(None)
        }
        Kind::Iter => next_iter(vm, it, off),
        Kind::Generator => crate::interp::gen_next(vm, it),
        Kind::Instance | Kind::Exception | Kind::Native => {
            let r = if vm.heap.kind(off) == Kind::Native {
                match runtime::getattr_opt(vm, it, q!("__next__"))? {
                    Some(f) => crate::call::call(vm, f, &[], &[]),
                    None => return Err(vm.raise(TypeId::TypeError, "object is not an iterator")),
                }
            } else {
                match runtime::call_dunder(vm, it, q!("__next__"), &[]) {
                    Ok(Some(r)) => Ok(r),
                    Ok(None) => {
                        let t = runtime::type_name(vm, it);
                        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("'{t}' object is not an iterator")));
                    }
                    Err(e) => Err(e),
                }
            };
            match r {
                Ok(v) => Ok(Some(v)),
                Err(e) => {
                    if vm.exc_matches(vm.exc, TypeId::StopIteration) {
                        vm.exc = Value::NULL;
                        Ok(None)
                    } else {
                        Err(e)
                    }
                }
            }
        }
        _ => {
            let t = runtime::type_name(vm, it);
            Err(vm.raise_fmt(TypeId::TypeError, format_args!("'{t}' object is not an iterator")))
        }
    }
}

fn next_iter(vm: &mut Vm, it: Value, off: u32) -> PyResult<Option<Value>> {
    let o = vm.heap.get::<Obj4>(off);
    let (kind, a, b, c, i) = (o.h.aux, o.a, o.b, o.c, o.i);
    match kind {
        k if k == IterKind::Seq as u16 => {
            let v = match a.as_obj().map(|x| (x, vm.heap.kind(x))) {
                Some((lo, Kind::List)) => {
                    // An exact list: its items read directly (no `list_items` call).
                    let l = vm.heap.get::<super::ListObj>(lo);
                    let (items, len) = (l.items, l.len);
                    if i < len { vm.heap.vals(items).get(i as usize).copied() } else { None }
                }
                Some((_, Kind::Tuple)) => vm.tuple_items(a).and_then(|s| s.get(i as usize).copied()),
                Some((_, Kind::Bytes)) | Some((_, Kind::ByteArray)) | Some((_, Kind::MemoryView)) => {
                    super::bytes::buffer_ref(vm, a).and_then(|b| b.get(i as usize).map(|&x| Value::small(x as i32)))
                }
                _ => {
                    // str: iterate by byte offset kept in `j`.
                    let pos = vm.heap.get::<Obj4>(off).j as usize;
                    let s = vm.str_of(a).unwrap_or("");
                    match s.get(pos..).and_then(|t| t.chars().next()) {
                        Some(ch) => {
                            vm.heap.get_mut::<Obj4>(off).j = (pos + ch.len_utf8()) as u32;
                            let mut buf = [0u8; 4];
                            let r = super::str::new_char(vm, ch.encode_utf8(&mut buf))?;
                            return Ok(Some(r));
                        }
                        None => None,
                    }
                }
            };
            match v {
                Some(_) => vm.heap.get_mut::<Obj4>(off).i = i + 1,
                // Exhausted for good (as CPython): a list that grows later is not seen.
                None => {
                    let o = vm.heap.get_mut::<Obj4>(off);
                    o.i = u32::MAX;
                    o.j = u32::MAX;
                }
            }
            Ok(v)
        }
        k if k == IterKind::Dict as u16 || k == IterKind::Set as u16 => {
            let Some(d) = vm.dict_off(a) else { return Ok(None) };
            let expect = vm.heap.get::<Obj4>(off).k;
            if vm.dict_len(a) as u32 != expect {
                if expect == u32::MAX {
                    return Ok(None);
                }
                // Exhaust the iterator so later calls stop quietly.
                vm.heap.get_mut::<Obj4>(off).k = u32::MAX;
                return Err(if k == IterKind::Set as u16 {
                    vm.raise(TypeId::RuntimeError, "Set changed size during iteration")
                } else {
                    vm.raise(TypeId::RuntimeError, "dictionary changed size during iteration")
                });
            }
            let which = vm.heap.get::<Obj4>(off).j;
            let used = vm.dict_used(d);
            let (key, val) = if c == Value::TRUE {
                // Reversed: `i` is the next entry index + 1.
                let mut idx = i.min(used);
                let mut found = (Value::NULL, Value::NULL);
                while idx > 0 {
                    idx -= 1;
                    let e = vm.dict_entry(d, idx);
                    if !e.0.is_null() {
                        found = e;
                        break;
                    }
                }
                vm.heap.get_mut::<Obj4>(off).i = idx;
                found
            } else {
                let mut idx = i;
                let mut found = (Value::NULL, Value::NULL);
                while idx < used {
                    let e = vm.dict_entry(d, idx);
                    idx += 1;
                    if !e.0.is_null() {
                        found = e;
                        break;
                    }
                }
                vm.heap.get_mut::<Obj4>(off).i = idx;
                found
            };
            if key.is_null() {
                return Ok(None);
            }
            Ok(Some(match which {
                0 => key,
                1 => val,
                _ => super::tuple::new_tuple(vm, &[key, val])?,
            }))
        }
        k if k == IterKind::Enumerate as u16 => {
            let Some(x) = next(vm, a)? else { return Ok(None) };
            vm.root(x);
            let n = vm.root(b);
            let n2 = match n.as_small().and_then(|i| Value::try_small(i as i64 + 1)) {
                Some(v) => v,
                None => runtime::binary_op(vm, upy_bytecode::BinOp::Add, false, n, Value::small(1))?,
            };
            vm.heap.get_mut::<Obj4>(off).b = n2;
            super::tuple::new_tuple(vm, &[n, x]).map(Some)
        }
        k if k == IterKind::Zip as u16 => {
            let iters: alloc::vec::Vec<Value> = vm.tuple_items(a).map(|s| s.to_vec()).unwrap_or_default();
            if iters.is_empty() {
                return Ok(None);
            }
            let mut out = alloc::vec::Vec::with_capacity(iters.len());
            for x in iters {
                match next(vm, x)? {
                    Some(v) => out.push(vm.root(v)),
                    None => return Ok(None),
                }
            }
            super::tuple::new_tuple(vm, &out).map(Some)
        }
        k if k == IterKind::Map as u16 => {
            let iters: alloc::vec::Vec<Value> = vm.tuple_items(b).map(|s| s.to_vec()).unwrap_or_default();
            let mut args = alloc::vec::Vec::with_capacity(iters.len());
            for x in iters {
                match next(vm, x)? {
                    Some(v) => args.push(vm.root(v)),
                    None => return Ok(None),
                }
            }
            crate::call::call(vm, a, &args, &[]).map(Some)
        }
        k if k == IterKind::Filter as u16 => loop {
            let Some(x) = next(vm, b)? else { return Ok(None) };
            vm.root(x);
            let keep = if a.is_none() {
                runtime::truthy(vm, x)?
            } else {
                let r = crate::call::call(vm, a, &[x], &[])?;
                runtime::truthy(vm, r)?
            };
            if keep {
                return Ok(Some(x));
            }
        },
        k if k == IterKind::Reversed as u16 => {
            if i == 0 {
                return Ok(None);
            }
            vm.heap.get_mut::<Obj4>(off).i = i - 1;
            let j = i as usize - 1;
            match a.as_obj().map(|o| vm.heap.kind(o)) {
                Some(Kind::List) => {
                    // A list that shrank meanwhile ends the iteration.
                    let v = vm.list_items(a).and_then(|s| s.get(j).copied());
                    if v.is_none() {
                        vm.heap.get_mut::<Obj4>(off).i = 0;
                    }
                    Ok(v)
                }
                Some(Kind::Tuple) => Ok(vm.tuple_items(a).and_then(|s| s.get(j).copied())),
                _ => {
                    let idx = super::int::new_int(vm, j as i64)?;
                    match runtime::getitem(vm, a, idx) {
                        Ok(v) => Ok(Some(v)),
                        Err(e) => {
                            if vm.exc_matches(vm.exc, TypeId::IndexError) || vm.exc_matches(vm.exc, TypeId::StopIteration) {
                                vm.exc = Value::NULL;
                                vm.heap.get_mut::<Obj4>(off).i = 0;
                                Ok(None)
                            } else {
                                Err(e)
                            }
                        }
                    }
                }
            }
        }
        k if k == IterKind::GetItem as u16 => {
            let idx = super::int::new_int(vm, i as i64)?;
            match runtime::getitem(vm, a, idx) {
                Ok(v) => {
                    vm.heap.get_mut::<Obj4>(off).i = i + 1;
                    Ok(Some(v))
                }
                Err(e) => {
                    if vm.exc_matches(vm.exc, TypeId::IndexError) || vm.exc_matches(vm.exc, TypeId::StopIteration) {
                        vm.exc = Value::NULL;
                        Ok(None)
                    } else {
                        Err(e)
                    }
                }
            }
        }
        k if k == IterKind::Callable as u16 => {
            if c == Value::TRUE {
                return Ok(None);
            }
            let v = crate::call::call(vm, a, &[], &[])?;
            if runtime::eq(vm, v, b)? {
                vm.heap.get_mut::<Obj4>(off).c = Value::TRUE;
                return Ok(None);
            }
            Ok(Some(v))
        }
        _ => {
            let _ = it;
            Ok(None)
        }
    }
}

/// A `super(cls, obj)` object.
pub fn new_super(vm: &mut Vm, cls: Value, obj: Value) -> PyResult<Value> {
    let off = vm.alloc(Kind::Super, core::mem::size_of::<Obj4>())?;
    let o = vm.heap.get_mut::<Obj4>(off);
    o.a = cls;
    o.b = obj;
    Ok(Value::obj(off))
}

/// Attribute lookup through `super`: search the MRO of type(obj) after `cls`.
pub fn super_getattr(vm: &mut Vm, sup: Value, name: Qstr) -> PyResult<Option<Value>> {
    let o = vm.heap.get::<Obj4>(sup.as_obj().unwrap_or(0));
    let (cls, obj) = (o.a, o.b);
    let start_type = if runtime::is_type(vm, obj) && runtime::is_subclass(vm, obj, cls) {
        obj
    } else {
        runtime::type_of(vm, obj)
    };
    let mro = runtime::mro(vm, start_type);
    let pos = mro.iter().position(|&c| c == cls).map_or(mro.len(), |p| p + 1);
    for &c in &mro[pos..] {
        let found = if let Some(t) = c.as_type_id().and_then(TypeId::from_u8) {
            let def = crate::rom::type_def(t);
            def.locals.iter().position(|(q, _)| *q == name).map(|slot| Value::type_fun(t as u8, slot as u16))
        } else {
            let d = vm.heap.get::<super::ClassObj>(c.as_obj().unwrap_or(0)).dict;
            vm.dict_get_str(d, name)
        };
        if let Some(f) = found {
            let bind_to = if runtime::is_type(vm, obj) { Value::NULL } else { obj };
            // Reuse normal binding rules.
            return match f.as_obj().map(|x| vm.heap.kind(x)) {
                Some(Kind::Func) if !bind_to.is_null() => super::func::new_bound(vm, f, bind_to).map(Some),
                Some(Kind::ClassMethod) => {
                    let g = vm.heap.get::<Obj4>(f.as_obj().unwrap_or(0)).a;
                    super::func::new_bound(vm, g, start_type).map(Some)
                }
                Some(Kind::StaticMethod) => Ok(Some(vm.heap.get::<Obj4>(f.as_obj().unwrap_or(0)).a)),
                Some(Kind::Property) if !bind_to.is_null() => {
                    let g = vm.heap.get::<Obj4>(f.as_obj().unwrap_or(0)).a;
                    crate::call::call(vm, g, &[bind_to], &[]).map(Some)
                }
                _ => match runtime::native_attr(f) {
                    Some(crate::types::Attr::Fun(_)) if !bind_to.is_null() => {
                        super::func::new_bound(vm, f, bind_to).map(Some)
                    }
                    Some(crate::types::Attr::ClassFun(_)) => super::func::new_bound(vm, f, start_type).map(Some),
                    _ => Ok(Some(f)),
                },
            };
        }
    }
    Ok(None)
}

/// `reversed(seq)` for a sequence with `__len__` and `__getitem__` (lists, tuples, str,
/// bytes, user sequences); ranges and dicts get their own iterators.
pub fn reversed_seq(vm: &mut Vm, src: Value) -> PyResult<Value> {
    let n = runtime::native_of(vm, src);
    if let Some(o) = n.as_obj() {
        match vm.heap.kind(o) {
            Kind::Range => {
                let r = vm.heap.get::<super::RangeObj>(o);
                let (a, s) = (r.start, r.step);
                let len = super::range::range_len(vm, n) as i64;
                let it = vm.alloc(Kind::RangeIter, core::mem::size_of::<RangeIterObj>())?;
                let last = a.wrapping_add((len - 1).wrapping_mul(s));
                let o = vm.heap.get_mut::<RangeIterObj>(it);
                o.cur = last;
                o.stop = if len == 0 { last } else { last.saturating_sub((len).saturating_mul(s)) };
                o.step = s.wrapping_neg();
                if len == 0 {
                    o.cur = 0;
                    o.stop = 0;
                    o.step = 1;
                }
                return Ok(Value::obj(it));
            }
            Kind::Dict => return reversed_dict(vm, n, 0),
            Kind::DictView => {
                let v = vm.heap.get::<Obj4>(o);
                let (d, which) = (v.a, v.h.aux);
                return reversed_dict(vm, d, which as u32);
            }
            _ => {}
        }
    }
    let is_seq = match src.as_obj().map(|o| vm.heap.kind(o)) {
        _ if vm.str_of(src).is_some() => true,
        Some(Kind::List | Kind::Tuple | Kind::Bytes | Kind::ByteArray | Kind::MemoryView) => true,
        Some(Kind::Instance) => {
            runtime::has_dunder(vm, src, q!("__getitem__"))? || n != src && reversed_ok(vm, n)
        }
        _ => false,
    };
    if !is_seq {
        let t = runtime::type_name(vm, src);
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("'{t}' object is not reversible")));
    }
    let len = runtime::len(vm, src)?;
    let a = if n != src && !runtime::has_dunder(vm, src, q!("__getitem__"))? { n } else { src };
    let it = new_iter(vm, IterKind::Reversed, a, Value::NULL, Value::NULL)?;
    vm.heap.get_mut::<Obj4>(it.as_obj().unwrap_or(0)).i = len as u32;
    Ok(it)
}

fn reversed_ok(vm: &Vm, n: Value) -> bool {
    vm.str_of(n).is_some()
        || n.as_obj().is_some_and(|o| matches!(vm.heap.kind(o), Kind::List | Kind::Tuple | Kind::Bytes | Kind::ByteArray))
}

/// A reverse iterator over a dict's keys (0), values (1) or items (2).
pub fn reversed_dict(vm: &mut Vm, d: Value, which: u32) -> PyResult<Value> {
    let it = new_iter(vm, IterKind::Dict, d, Value::NULL, Value::TRUE)?;
    let len = vm.dict_len(d) as u32;
    let used = vm.dict_off(d).map_or(0, |o| vm.dict_used(o));
    let o = vm.heap.get_mut::<Obj4>(it.as_obj().unwrap_or(0));
    o.i = used;
    o.j = which;
    o.k = len;
    Ok(it)
}

/// `all(iterable)`.
pub fn builtin_all(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    let it = runtime::iter(vm, args[0])?;
    vm.root(it);
    while let Some(x) = next(vm, it)? {
        if !runtime::truthy(vm, x)? {
            return Ok(Value::FALSE);
        }
    }
    Ok(Value::TRUE)
}

/// `any(iterable)`.
pub fn builtin_any(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    let it = runtime::iter(vm, args[0])?;
    vm.root(it);
    while let Some(x) = next(vm, it)? {
        if runtime::truthy(vm, x)? {
            return Ok(Value::TRUE);
        }
    }
    Ok(Value::FALSE)
}

/// `sum(iterable, start=0)`.
pub fn builtin_sum(vm: &mut Vm, args: &[Value], kw: &[(Qstr, Value)]) -> PyResult<Value> {
    let mut start = args.get(1).copied();
    for &(k, v) in kw {
        if k == q!("start") && start.is_none() {
            start = Some(v);
        } else {
            let n = alloc::string::String::from(vm.qstr_str(k));
            return Err(vm.raise_fmt(TypeId::TypeError, format_args!("'{n}' is an invalid keyword argument for sum()")));
        }
    }
    let mut acc = start.unwrap_or(Value::small(0));
    if vm.str_of(acc).is_some() {
        return Err(vm.raise(TypeId::TypeError, "sum() can't sum strings [use ''.join(seq) instead]"));
    }
    match acc.as_obj().map(|o| vm.heap.kind(o)) {
        Some(Kind::Bytes) => return Err(vm.raise(TypeId::TypeError, "sum() can't sum bytes [use b''.join(seq) instead]")),
        Some(Kind::ByteArray) => {
            return Err(vm.raise(TypeId::TypeError, "sum() can't sum bytearray [use b''.join(seq) instead]"))
        }
        _ => {}
    }
    let it = runtime::iter(vm, args[0])?;
    vm.root(it);
    // Fast paths: small ints in an i64 accumulator, floats in an f64 one.
    let mut int_acc: Option<i64> = acc.as_small().map(|i| i as i64);
    while let Some(x) = next(vm, it)? {
        if let (Some(s), Some(i)) = (int_acc, x.as_small()) {
            if let Some(t) = s.checked_add(i as i64) {
                int_acc = Some(t);
                continue;
            }
        }
        if let Some(s) = int_acc.take() {
            acc = super::int::new_int(vm, s)?;
        }
        if let (Some(f), Some(g)) = (vm.float_of(acc), vm.float_of(x)) {
            if acc.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Float)
                && x.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Float)
            {
                acc = super::float::new_float(vm, f + g)?;
                vm.root(acc);
                continue;
            }
        }
        vm.root(x);
        acc = runtime::binary_op(vm, upy_bytecode::BinOp::Add, false, acc, x)?;
        vm.root(acc);
        if let Some(i) = acc.as_small() {
            int_acc = Some(i as i64);
        }
    }
    if let Some(s) = int_acc {
        return super::int::new_int(vm, s);
    }
    Ok(acc)
}

fn min_max(vm: &mut Vm, args: &[Value], kw: &[(Qstr, Value)], want_max: bool) -> PyResult<Value> {
    let name = if want_max { "max" } else { "min" };
    let mut key = None;
    let mut default = None;
    for &(k, v) in kw {
        if k == q!("key") {
            key = Some(v).filter(|v| !v.is_none());
        } else if k == q!("default") {
            default = Some(v);
        } else {
            let n = alloc::string::String::from(vm.qstr_str(k));
            return Err(vm.raise_fmt(TypeId::TypeError, format_args!("'{n}' is an invalid keyword argument for {name}()")));
        }
    }
    if args.len() > 1 && default.is_some() {
        return Err(vm.raise_fmt(
            TypeId::TypeError,
            format_args!("Cannot specify a default for {name}() with multiple positional arguments"),
        ));
    }
    let src = if args.len() == 1 { args[0] } else { super::tuple::new_tuple(vm, args)? };
    let it = runtime::iter(vm, src)?;
    vm.root(it);
    let op = if want_max { upy_bytecode::CmpOp::Gt } else { upy_bytecode::CmpOp::Lt };
    let mut best: Option<(Value, Value)> = None;
    while let Some(x) = next(vm, it)? {
        vm.root(x);
        let kx = match key {
            Some(k) => {
                let r = crate::call::call(vm, k, &[x], &[])?;
                vm.root(r)
            }
            None => x,
        };
        match best {
            None => best = Some((x, kx)),
            Some((_, bk)) => {
                let better = match (kx.as_small(), bk.as_small()) {
                    (Some(p), Some(q)) => if want_max { p > q } else { p < q },
                    _ => {
                        let r = runtime::compare(vm, op, kx, bk)?;
                        runtime::truthy(vm, r)?
                    }
                };
                if better {
                    best = Some((x, kx));
                }
            }
        }
    }
    match best {
        Some((x, _)) => Ok(x),
        None => match default {
            Some(d) => Ok(d),
            None => Err(vm.raise_fmt(TypeId::ValueError, format_args!("{name}() arg is an empty sequence"))),
        },
    }
}

/// `min(...)`.
pub fn builtin_min(vm: &mut Vm, args: &[Value], kw: &[(Qstr, Value)]) -> PyResult<Value> {
    min_max(vm, args, kw, false)
}

/// `max(...)`.
pub fn builtin_max(vm: &mut Vm, args: &[Value], kw: &[(Qstr, Value)]) -> PyResult<Value> {
    min_max(vm, args, kw, true)
}
