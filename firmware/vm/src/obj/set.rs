//! `set` and `frozenset` (sharing the dict table with NULL values), dict views, and the
//! comparisons and operators of sets, views and dicts.

use alloc::string::String;
use alloc::vec::Vec;
use upy_bytecode::{BinOp, CmpOp};

use super::{Kind, Obj4};
use crate::runtime;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// A set or frozenset holding `items`.
pub fn set_from(vm: &mut Vm, items: &[Value], frozen: bool) -> PyResult<Value> {
    let s = super::dict::new_set(vm, frozen)?;
    for &x in items {
        vm.dict_set(s, x, Value::NONE)?;
    }
    Ok(s)
}

/// `set.add`.
pub fn set_add(vm: &mut Vm, s: Value, x: Value) -> PyResult<()> {
    vm.dict_set(s, x, Value::NONE)
}

/// Keys of a set, dict or dict view.
pub fn keys_of(vm: &Vm, v: Value) -> Vec<Value> {
    let src = match v.as_obj().map(|o| vm.heap.kind(o)) {
        Some(Kind::DictView) => vm.heap.get::<Obj4>(v.as_obj().unwrap_or(0)).a,
        _ => v,
    };
    vm.dict_items(src).into_iter().map(|(k, _)| k).collect()
}

/// A dict view object (0 keys, 1 values, 2 items).
pub fn new_view(vm: &mut Vm, d: Value, which: u16) -> PyResult<Value> {
    let off = vm.alloc(Kind::DictView, core::mem::size_of::<Obj4>())?;
    let o = vm.heap.get_mut::<Obj4>(off);
    o.h.aux = which;
    o.a = d;
    Ok(Value::obj(off))
}

fn view_items(vm: &mut Vm, v: Value) -> PyResult<Vec<Value>> {
    let o = vm.heap.get::<Obj4>(v.as_obj().unwrap_or(0));
    let (d, which) = (o.a, o.h.aux);
    let mut out = Vec::new();
    for (k, val) in vm.dict_items(d) {
        out.push(match which {
            0 => k,
            1 => val,
            _ => {
                let t = super::tuple::new_tuple(vm, &[k, val])?;
                t
            }
        });
    }
    Ok(out)
}

/// `repr` of a dict view: `dict_keys([...])`.
pub fn view_repr(vm: &mut Vm, v: Value, out: &mut String) -> PyResult<()> {
    let which = vm.heap.get::<Obj4>(v.as_obj().unwrap_or(0)).h.aux;
    out.push_str(match which {
        0 => "dict_keys([",
        1 => "dict_values([",
        _ => "dict_items([",
    });
    let items = view_items(vm, v)?;
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        runtime::repr_into(vm, *x, out)?;
    }
    out.push_str("])");
    Ok(())
}

/// `x in view`.
pub fn view_contains(vm: &mut Vm, v: Value, x: Value) -> PyResult<bool> {
    let o = vm.heap.get::<Obj4>(v.as_obj().unwrap_or(0));
    let (d, which) = (o.a, o.h.aux);
    match which {
        0 => Ok(vm.dict_get(d, x)?.is_some()),
        1 => {
            for (_, val) in vm.dict_items(d) {
                if runtime::eq(vm, val, x)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => {
            let Some(pair) = vm.tuple_items(x).map(|s| s.to_vec()) else { return Ok(false) };
            if pair.len() != 2 {
                return Ok(false);
            }
            match vm.dict_get(d, pair[0])? {
                Some(val) => runtime::eq(vm, val, pair[1]),
                None => Ok(false),
            }
        }
    }
}

fn is_setlike(vm: &Vm, v: Value) -> bool {
    match v.as_obj().map(|o| vm.heap.kind(o)) {
        Some(Kind::Set) => true,
        Some(Kind::DictView) => vm.heap.get::<Obj4>(v.as_obj().unwrap_or(0)).h.aux != 1,
        _ => false,
    }
}

fn setlike_items(vm: &mut Vm, v: Value) -> PyResult<Vec<Value>> {
    if v.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::DictView) {
        return view_items(vm, v);
    }
    Ok(keys_of(vm, v))
}

fn contains_in(vm: &mut Vm, container: Value, x: Value) -> PyResult<bool> {
    if container.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::DictView) {
        return view_contains(vm, container, x);
    }
    Ok(vm.dict_get(container, x)?.is_some())
}

/// Subset-style comparisons between sets (and set-like views).
pub fn set_compare(vm: &mut Vm, op: CmpOp, a: Value, b: Value) -> PyResult<bool> {
    let (la, lb) = (runtime::len(vm, a)?, runtime::len(vm, b)?);
    let a_in_b = || -> PyResult<bool> { Ok(true) };
    let _ = a_in_b;
    let subset = |vm: &mut Vm, x: Value, y: Value| -> PyResult<bool> {
        for k in setlike_items(vm, x)? {
            if !contains_in(vm, y, k)? {
                return Ok(false);
            }
        }
        Ok(true)
    };
    Ok(match op {
        CmpOp::Eq => la == lb && subset(vm, a, b)?,
        CmpOp::Ne => !(la == lb && subset(vm, a, b)?),
        CmpOp::Le => la <= lb && subset(vm, a, b)?,
        CmpOp::Lt => la < lb && subset(vm, a, b)?,
        CmpOp::Ge => la >= lb && subset(vm, b, a)?,
        CmpOp::Gt => la > lb && subset(vm, b, a)?,
        _ => false,
    })
}

/// Comparisons involving dict views (None when not applicable).
pub fn view_compare(vm: &mut Vm, op: CmpOp, a: Value, b: Value) -> PyResult<Option<bool>> {
    if is_setlike(vm, a) && is_setlike(vm, b) {
        return set_compare(vm, op, a, b).map(Some);
    }
    Ok(None)
}

/// `dict == dict`.
pub fn dict_eq(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    if vm.dict_len(a) != vm.dict_len(b) {
        return Ok(false);
    }
    for (k, v) in vm.dict_items(a) {
        match vm.dict_get(b, k)? {
            Some(w) => {
                if !runtime::eq(vm, v, w)? {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

/// `|`, `&`, `-`, `^` on sets and set-like views.
pub fn binop(vm: &mut Vm, op: BinOp, inplace: bool, a: Value, b: Value) -> PyResult<Value> {
    if !is_setlike(vm, a) || !is_setlike(vm, b) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let frozen = a.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Set && vm.heap.get::<super::DictObj>(o).h.aux == 1);
    let xs = setlike_items(vm, a)?;
    let ys = setlike_items(vm, b)?;
    let target = if inplace && a.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Set) && !frozen {
        a
    } else {
        let s = super::dict::new_set(vm, frozen)?;
        for &x in &xs {
            vm.dict_set(s, x, Value::NONE)?;
        }
        s
    };
    match op {
        BinOp::Or => {
            for y in ys {
                vm.dict_set(target, y, Value::NONE)?;
            }
        }
        BinOp::And => {
            for x in xs {
                if !contains_in(vm, b, x)? {
                    vm.dict_remove(target, x)?;
                }
            }
        }
        BinOp::Sub => {
            for y in ys {
                vm.dict_remove(target, y)?;
            }
        }
        BinOp::Xor => {
            for y in ys {
                if contains_in(vm, a, y)? {
                    vm.dict_remove(target, y)?;
                } else {
                    vm.dict_set(target, y, Value::NONE)?;
                }
            }
        }
        _ => return Ok(Value::NOT_IMPLEMENTED),
    }
    Ok(target)
}

/// `dict | dict` and `dict |= mapping`.
pub fn dict_or(vm: &mut Vm, inplace: bool, a: Value, b: Value) -> PyResult<Value> {
    if vm.dict_off(b).is_none() || b.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Set) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let target = if inplace {
        a
    } else {
        let d = super::dict::new_dict(vm)?;
        for (k, v) in vm.dict_items(a) {
            vm.dict_set(d, k, v)?;
        }
        d
    };
    for (k, v) in vm.dict_items(b) {
        vm.dict_set(target, k, v)?;
    }
    Ok(target)
}

fn set_new_fn(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let frozen = args[0] == crate::types::TypeId::FrozenSet.value();
    let items = match args.get(1) {
        Some(&x) => runtime::collect_iter(vm, x)?,
        None => Vec::new(),
    };
    set_from(vm, &items, frozen)
}

fn set_add_m(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    set_add(vm, args[0], args[1])?;
    Ok(Value::NONE)
}

/// `set`.
pub static SET_TYPE: crate::types::TypeDef = crate::types::TypeDef {
    name: "set",
    base: Some(crate::types::TypeId::Object),
    locals: &[fun!(q!("add"), set_add_m, 2, 2)],
    new: Some(set_new_fn),
    subclassable: true,
};
/// `frozenset`.
pub static FROZENSET_TYPE: crate::types::TypeDef = crate::types::TypeDef {
    name: "frozenset",
    base: Some(crate::types::TypeId::Object),
    locals: &[],
    new: Some(set_new_fn),
    subclassable: true,
};
