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
            let v = match a.as_obj().map(|x| vm.heap.kind(x)) {
                Some(Kind::List) => vm.list_items(a).and_then(|s| s.get(i as usize).copied()),
                Some(Kind::Tuple) => vm.tuple_items(a).and_then(|s| s.get(i as usize).copied()),
                Some(Kind::Bytes) | Some(Kind::ByteArray) | Some(Kind::MemoryView) => {
                    super::bytes::buffer_of(vm, a).and_then(|b| b.get(i as usize).map(|&x| Value::small(x as i32)))
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
            if v.is_some() {
                vm.heap.get_mut::<Obj4>(off).i = i + 1;
            }
            Ok(v)
        }
        k if k == IterKind::Dict as u16 || k == IterKind::Set as u16 => {
            let Some(d) = vm.dict_off(a) else { return Ok(None) };
            let expect = vm.heap.get::<Obj4>(off).k;
            if vm.dict_len(a) as u32 != expect {
                return Err(vm.raise(TypeId::RuntimeError, "dictionary changed size during iteration"));
            }
            let which = vm.heap.get::<Obj4>(off).j;
            let used = vm.dict_used(d);
            let mut idx = i;
            while idx < used {
                let (key, val) = vm.dict_entry(d, idx);
                idx += 1;
                if key.is_null() {
                    continue;
                }
                vm.heap.get_mut::<Obj4>(off).i = idx;
                return Ok(Some(match which {
                    0 => key,
                    1 => val,
                    _ => super::tuple::new_tuple(vm, &[key, val])?,
                }));
            }
            vm.heap.get_mut::<Obj4>(off).i = idx;
            Ok(None)
        }
        k if k == IterKind::Enumerate as u16 => {
            let Some(x) = next(vm, a)? else { return Ok(None) };
            vm.root(x);
            let n = b;
            let one = Value::small(1);
            let n2 = runtime::binary_op(vm, upy_bytecode::BinOp::Add, false, n, one)?;
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
            let idx = super::int::new_int(vm, i as i64 - 1)?;
            runtime::getitem(vm, a, idx).map(Some)
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
    let mut acc = args.get(1).copied().or_else(|| kw.iter().find(|(k, _)| *k == q!("start")).map(|(_, v)| *v)).unwrap_or(Value::small(0));
    if vm.str_of(acc).is_some() {
        return Err(vm.raise(TypeId::TypeError, "sum() can't sum strings [use ''.join(seq) instead]"));
    }
    let it = runtime::iter(vm, args[0])?;
    vm.root(it);
    while let Some(x) = next(vm, it)? {
        vm.root(x);
        acc = runtime::binary_op(vm, upy_bytecode::BinOp::Add, false, acc, x)?;
        vm.root(acc);
    }
    Ok(acc)
}

fn min_max(vm: &mut Vm, args: &[Value], kw: &[(Qstr, Value)], want_max: bool) -> PyResult<Value> {
    let key = kw.iter().find(|(k, _)| *k == q!("key")).map(|(_, v)| *v).filter(|v| !v.is_none());
    let default = kw.iter().find(|(k, _)| *k == q!("default")).map(|(_, v)| *v);
    let items: alloc::vec::Vec<Value> = if args.len() == 1 { runtime::collect_iter(vm, args[0])? } else { args.to_vec() };
    if items.is_empty() {
        return match default {
            Some(d) => Ok(d),
            None => Err(vm.raise_fmt(TypeId::ValueError, format_args!("{}() arg is an empty sequence", if want_max { "max" } else { "min" }))),
        };
    }
    let mut best = items[0];
    let mut best_key = match key {
        Some(k) => crate::call::call(vm, k, &[best], &[])?,
        None => best,
    };
    vm.root(best_key);
    for &x in &items[1..] {
        let kx = match key {
            Some(k) => crate::call::call(vm, k, &[x], &[])?,
            None => x,
        };
        vm.root(kx);
        let op = if want_max { upy_bytecode::CmpOp::Gt } else { upy_bytecode::CmpOp::Lt };
        let better = runtime::compare(vm, op, kx, best_key)?;
        if runtime::truthy(vm, better)? {
            best = x;
            best_key = kx;
        }
    }
    Ok(best)
}

/// `min(...)`.
pub fn builtin_min(vm: &mut Vm, args: &[Value], kw: &[(Qstr, Value)]) -> PyResult<Value> {
    min_max(vm, args, kw, false)
}

/// `max(...)`.
pub fn builtin_max(vm: &mut Vm, args: &[Value], kw: &[(Qstr, Value)]) -> PyResult<Value> {
    min_max(vm, args, kw, true)
}
