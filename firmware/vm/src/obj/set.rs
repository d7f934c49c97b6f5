//! `set` and `frozenset` (sharing the dict table with None values), dict views, and the
//! comparisons and operators of sets, views and dicts.
//!
//! Tables are walked by entry index (re-reading the table each step) rather than copied
//! out, because key comparisons can run Python code that mutates them.

use alloc::string::String;
use alloc::vec::Vec;
use upy_bytecode::{BinOp, CmpOp};

use super::{DictObj, Kind, Obj4};
use crate::qstr::Qstr;
use crate::runtime;
use crate::types::{TypeDef, TypeId};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

type Kw<'a> = &'a [(Qstr, Value)];

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

/// The set/frozenset table behind `v` (through subclass instances).
fn set_off(vm: &Vm, v: Value) -> Option<u32> {
    let n = runtime::native_of(vm, v);
    n.as_obj().filter(|&o| vm.heap.kind(o) == Kind::Set)
}

fn is_frozen(vm: &Vm, off: u32) -> bool {
    vm.heap.get::<DictObj>(off).h.aux == 1
}

/// The dict table behind an exact dict, set or frozenset (not views).
fn table_off(vm: &Vm, v: Value) -> Option<u32> {
    let n = runtime::native_of(vm, v);
    n.as_obj().filter(|&o| matches!(vm.heap.kind(o), Kind::Set | Kind::Dict))
}

/// Add every item of `src` (any iterable) to the set table `dst`.
fn add_all(vm: &mut Vm, dst: u32, src: Value) -> PyResult<()> {
    if let Some(t) = table_off(vm, src) {
        if t == dst {
            return Ok(());
        }
        let mut i = 0;
        while i < vm.dict_used(t) {
            let (k, _) = vm.dict_entry(t, i);
            if !k.is_null() {
                let h = vm.dict_entry_hash(t, i);
                vm.dict_set_h(dst, k, Value::NONE, h)?;
            }
            i += 1;
        }
        return Ok(());
    }
    let it = runtime::iter(vm, src)?;
    vm.root(it);
    while let Some(x) = runtime::next(vm, it)? {
        vm.root(x);
        vm.dict_set_h_any(dst, x)?;
    }
    Ok(())
}

impl Vm {
    /// Add `x` to the set table `d`.
    fn dict_set_h_any(&mut self, d: u32, x: Value) -> PyResult<()> {
        let h = self.key_hash(x)?;
        self.dict_set_h(d, x, Value::NONE, h)
    }

    /// Is `x` a key of table `d`?
    fn table_has(&mut self, d: u32, x: Value) -> PyResult<bool> {
        let h = self.key_hash(x)?;
        Ok(self.dict_lookup_h(d, x, h)?.is_some())
    }

    /// Remove `x` from table `d` if present.
    fn table_discard(&mut self, d: u32, x: Value) -> PyResult<bool> {
        let h = self.key_hash(x)?;
        match self.dict_lookup_h(d, x, h)? {
            Some((i, _)) => {
                self.dict_remove_entry(d, i);
                Ok(true)
            }
            None => Ok(false),
        }
    }
}

/// A new set or frozenset with the keys of table `src`.
fn copy_table(vm: &mut Vm, src: u32, frozen: bool) -> PyResult<Value> {
    let s = super::dict::new_set(vm, frozen)?;
    vm.dict_copy_into(s.as_obj().unwrap_or(0), src, Some(Value::NONE))?;
    Ok(s)
}

/// A table holding the items of `v`: `v`'s own when it is a set/frozenset/dict, else a
/// new set built from the iterable.
fn as_table(vm: &mut Vm, v: Value) -> PyResult<u32> {
    if let Some(t) = table_off(vm, v) {
        return Ok(t);
    }
    if v.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::DictView) {
        let which = vm.heap.get::<Obj4>(v.as_obj().unwrap_or(0)).h.aux;
        if which == 0 {
            let d = vm.heap.get::<Obj4>(v.as_obj().unwrap_or(0)).a;
            if let Some(t) = vm.dict_off(d) {
                return Ok(t);
            }
        }
    }
    let s = super::dict::new_set(vm, false)?;
    let so = s.as_obj().unwrap_or(0);
    add_all(vm, so, v)?;
    Ok(so)
}

/// Keys of table `t`, in order (copied; they stay rooted by the table unless removed).
fn table_keys(vm: &Vm, t: u32) -> Vec<Value> {
    (0..vm.dict_used(t)).map(|i| vm.dict_entry(t, i).0).filter(|k| !k.is_null()).collect()
}

// ---------------------------------------------------------------- set algebra

/// `a ∩ b` as a new set (a: table, b: table).
fn intersect(vm: &mut Vm, a: u32, b: u32, frozen: bool) -> PyResult<Value> {
    let r = super::dict::new_set(vm, frozen)?;
    let ro = r.as_obj().unwrap_or(0);
    // Iterate the smaller table.
    let (small, big) = if vm.heap.get::<DictObj>(a).len <= vm.heap.get::<DictObj>(b).len { (a, b) } else { (b, a) };
    let mut i = 0;
    while i < vm.dict_used(small) {
        let (k, _) = vm.dict_entry(small, i);
        if !k.is_null() {
            let h = vm.dict_entry_hash(small, i);
            if vm.dict_lookup_h(big, k, h)?.is_some() {
                vm.dict_set_h(ro, k, Value::NONE, h)?;
            }
        }
        i += 1;
    }
    Ok(r)
}

/// Replace the contents of set table `dst` by those of table `src`.
fn replace_contents(vm: &mut Vm, dst: Value, src: u32) -> PyResult<()> {
    let d = dst.as_obj().unwrap_or(0);
    vm.dict_clear(dst);
    vm.dict_copy_into(d, src, Some(Value::NONE))
}

fn difference_update(vm: &mut Vm, t: u32, other: Value) -> PyResult<()> {
    if table_off(vm, other) == Some(t) {
        let s = Value::obj(t);
        vm.dict_clear(s);
        return Ok(());
    }
    if let Some(o) = table_off(vm, other) {
        let mut i = 0;
        while i < vm.dict_used(o) {
            let (k, _) = vm.dict_entry(o, i);
            if !k.is_null() {
                let h = vm.dict_entry_hash(o, i);
                if let Some((e, _)) = vm.dict_lookup_h(t, k, h)? {
                    vm.dict_remove_entry(t, e);
                }
            }
            i += 1;
        }
        return Ok(());
    }
    let it = runtime::iter(vm, other)?;
    vm.root(it);
    while let Some(x) = runtime::next(vm, it)? {
        vm.root(x);
        vm.table_discard(t, x)?;
    }
    Ok(())
}

fn symmetric_update(vm: &mut Vm, t: u32, other: Value) -> PyResult<()> {
    let o = as_table(vm, other)?;
    vm.root(Value::obj(o));
    if o == t {
        vm.dict_clear(Value::obj(t));
        return Ok(());
    }
    for k in table_keys(vm, o) {
        if !vm.table_discard(t, k)? {
            vm.dict_set_h_any(t, k)?;
        }
    }
    Ok(())
}

fn is_subset(vm: &mut Vm, a: u32, b: u32) -> PyResult<bool> {
    if vm.heap.get::<DictObj>(a).len > vm.heap.get::<DictObj>(b).len {
        return Ok(false);
    }
    let mut i = 0;
    while i < vm.dict_used(a) {
        let (k, _) = vm.dict_entry(a, i);
        if !k.is_null() {
            let h = vm.dict_entry_hash(a, i);
            if vm.dict_lookup_h(b, k, h)?.is_none() {
                return Ok(false);
            }
        }
        i += 1;
    }
    Ok(true)
}

// ---------------------------------------------------------------- dict views

/// A dict view object (0 keys, 1 values, 2 items).
pub fn new_view(vm: &mut Vm, d: Value, which: u16) -> PyResult<Value> {
    let off = vm.alloc(Kind::DictView, core::mem::size_of::<Obj4>())?;
    let o = vm.heap.get_mut::<Obj4>(off);
    o.h.aux = which;
    o.a = d;
    Ok(Value::obj(off))
}

fn view_parts(vm: &Vm, v: Value) -> (Value, u16) {
    let o = vm.heap.get::<Obj4>(v.as_obj().unwrap_or(0));
    (o.a, o.h.aux)
}

fn view_items(vm: &mut Vm, v: Value) -> PyResult<Vec<Value>> {
    let (d, which) = view_parts(vm, v);
    let mut out = Vec::new();
    for (k, val) in vm.dict_items(d) {
        out.push(match which {
            0 => k,
            1 => val,
            _ => super::tuple::new_tuple(vm, &[k, val])?,
        });
    }
    Ok(out)
}

/// `repr` of a dict view: `dict_keys([...])`.
pub fn view_repr(vm: &mut Vm, v: Value, out: &mut String) -> PyResult<()> {
    let which = view_parts(vm, v).1;
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
    let (d, which) = view_parts(vm, v);
    let Some(t) = vm.dict_off(d) else { return Ok(false) };
    match which {
        0 => Ok(vm.dict_get(d, x)?.is_some()),
        1 => {
            let mut i = 0;
            while i < vm.dict_used(t) {
                let (k, val) = vm.dict_entry(t, i);
                if !k.is_null() && (val == x || runtime::eq(vm, val, x)?) {
                    return Ok(true);
                }
                i += 1;
            }
            Ok(false)
        }
        _ => {
            let (k, want) = match vm.tuple_items(x) {
                Some(&[k, w]) => (k, w),
                _ => return Ok(false),
            };
            match vm.dict_get(d, k)? {
                Some(val) => Ok(val == want || runtime::eq(vm, val, want)?),
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
    let subset = |vm: &mut Vm, x: Value, y: Value| -> PyResult<bool> {
        if let (Some(tx), Some(ty)) = (set_off(vm, x), set_off(vm, y)) {
            return is_subset(vm, tx, ty);
        }
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
    let (Some(ta), Some(tb)) = (vm.dict_off(a), vm.dict_off(b)) else { return Ok(false) };
    if ta == tb {
        // Same table: equal unless a value is not equal to itself (NaN): identity wins.
        return Ok(true);
    }
    let mut i = 0;
    while i < vm.dict_used(ta) {
        let (k, v) = vm.dict_entry(ta, i);
        i += 1;
        if k.is_null() {
            continue;
        }
        let h = vm.dict_entry_hash(ta, i - 1);
        match vm.dict_lookup_h(tb, k, h)? {
            Some((_, w)) => {
                if v != w && !runtime::eq(vm, v, w)? {
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
    if !matches!(op, BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let ka = a.as_obj().map(|o| vm.heap.kind(o));
    let b = runtime::native_of(vm, b);
    if ka == Some(Kind::Set) {
        let at = a.as_obj().unwrap_or(0);
        if let Some(bt) = set_off(vm, b) {
            let frozen = is_frozen(vm, at);
            if inplace && !frozen {
                match op {
                    BinOp::Or => add_all(vm, at, b)?,
                    BinOp::And => {
                        let r = intersect(vm, at, bt, false)?;
                        replace_contents(vm, a, r.as_obj().unwrap_or(0))?;
                    }
                    BinOp::Sub => difference_update(vm, at, b)?,
                    _ => symmetric_update(vm, at, b)?,
                }
                return Ok(a);
            }
            return match op {
                BinOp::And => intersect(vm, at, bt, frozen),
                _ => {
                    let r = copy_table(vm, at, frozen)?;
                    let ro = r.as_obj().unwrap_or(0);
                    match op {
                        BinOp::Or => add_all(vm, ro, b)?,
                        BinOp::Sub => difference_update(vm, ro, b)?,
                        _ => symmetric_update(vm, ro, b)?,
                    }
                    Ok(r)
                }
            };
        }
        if is_setlike(vm, b) {
            // set op view: the view's reflected operator builds a plain set.
            return view_binop(vm, op, a, b);
        }
        return Ok(Value::NOT_IMPLEMENTED);
    }
    if is_setlike(vm, a) {
        return view_binop(vm, op, a, b);
    }
    Ok(Value::NOT_IMPLEMENTED)
}

/// `set(a) op b` as a plain set (a: set-like, b: any iterable).
fn view_binop(vm: &mut Vm, op: BinOp, a: Value, b: Value) -> PyResult<Value> {
    let r = super::dict::new_set(vm, false)?;
    let ro = r.as_obj().unwrap_or(0);
    if a.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::DictView) && view_parts(vm, a).1 == 2 {
        for x in view_items(vm, a)? {
            vm.dict_set_h_any(ro, x)?;
        }
    } else {
        let at = as_table(vm, a)?;
        add_all(vm, ro, Value::obj(at))?;
    }
    match op {
        BinOp::Or => add_all(vm, ro, b)?,
        BinOp::Sub => difference_update(vm, ro, b)?,
        BinOp::Xor => symmetric_update(vm, ro, b)?,
        _ => {
            let bt = as_table(vm, b)?;
            vm.root(Value::obj(bt));
            let x = intersect(vm, ro, bt, false)?;
            return Ok(x);
        }
    }
    Ok(r)
}

/// `dict | dict` and `dict |= mapping`.
pub fn dict_or(vm: &mut Vm, inplace: bool, a: Value, b: Value) -> PyResult<Value> {
    if inplace {
        super::dict::dict_fill(vm, a, Some(b), &[])?;
        return Ok(a);
    }
    let b = runtime::native_of(vm, b);
    if !b.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Dict) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let r = super::dict::copy_dict(vm, a)?;
    super::dict::dict_fill(vm, r, Some(b), &[])?;
    Ok(r)
}

// ---------------------------------------------------------------- constructor and methods

fn set_new_fn(vm: &mut Vm, args: &[Value], kw: Kw) -> PyResult<Value> {
    let frozen = args[0] == TypeId::FrozenSet.value();
    let name = if frozen { "frozenset" } else { "set" };
    if !kw.is_empty() {
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("{name}() takes no keyword arguments")));
    }
    if args.len() > 2 {
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("{name} expected at most 1 argument, got {}", args.len() - 1)));
    }
    if let Some(&x) = args.get(1) {
        if frozen && x.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Set && is_frozen(vm, o)) {
            return Ok(x);
        }
    }
    let s = super::dict::new_set(vm, frozen)?;
    if let Some(&x) = args.get(1) {
        add_all(vm, s.as_obj().unwrap_or(0), x)?;
    }
    Ok(s)
}

/// Self of a set method: (self's table, frozen).
fn self_set(vm: &mut Vm, v: Value, meth: &str) -> PyResult<(Value, u32)> {
    let n = runtime::native_of(vm, v);
    if let Some(o) = n.as_obj().filter(|&o| vm.heap.kind(o) == Kind::Set) {
        return Ok((n, o));
    }
    let t = runtime::type_name(vm, v);
    Err(vm.raise_fmt(TypeId::TypeError, format_args!("descriptor '{meth}' for 'set' objects doesn't apply to a '{t}' object")))
}

fn set_init(vm: &mut Vm, args: &[Value], kw: Kw) -> PyResult<Value> {
    let (s, so) = self_set(vm, args[0], "__init__")?;
    if !kw.is_empty() {
        return Err(vm.raise(TypeId::TypeError, "set() takes no keyword arguments"));
    }
    if args.len() > 2 {
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("set expected at most 1 argument, got {}", args.len() - 1)));
    }
    if is_frozen(vm, so) {
        return Ok(Value::NONE);
    }
    if let Some(&x) = args.get(1) {
        if table_off(vm, x) == Some(so) {
            return Ok(Value::NONE);
        }
        vm.dict_clear(s);
        add_all(vm, so, x)?;
    } else {
        vm.dict_clear(s);
    }
    Ok(Value::NONE)
}

fn set_add_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (_, so) = self_set(vm, args[0], "add")?;
    vm.dict_set_h_any(so, args[1])?;
    Ok(Value::NONE)
}

/// A set argument of remove/discard/`in` is looked up as a frozenset.
fn lookup_key(vm: &mut Vm, x: Value) -> PyResult<Value> {
    if let Some(t) = x.as_obj().filter(|&o| vm.heap.kind(o) == Kind::Set && !is_frozen(vm, o)) {
        return copy_table(vm, t, true);
    }
    Ok(x)
}

/// `x in s` for a set or frozenset (a set `x` is looked up as a frozenset).
pub fn set_contains(vm: &mut Vm, s: Value, x: Value) -> PyResult<bool> {
    let Some(so) = set_off(vm, s) else { return Ok(false) };
    let k = lookup_key(vm, x)?;
    vm.table_has(so, k)
}

fn set_remove(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (_, so) = self_set(vm, args[0], "remove")?;
    let k = lookup_key(vm, args[1])?;
    if !vm.table_discard(so, k)? {
        return Err(vm.raise_with(TypeId::KeyError, args[1]));
    }
    Ok(Value::NONE)
}

fn set_discard(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (_, so) = self_set(vm, args[0], "discard")?;
    let k = lookup_key(vm, args[1])?;
    vm.table_discard(so, k)?;
    Ok(Value::NONE)
}

fn set_pop(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (_, so) = self_set(vm, args[0], "pop")?;
    let used = vm.dict_used(so);
    for i in 0..used {
        let (k, _) = vm.dict_entry(so, i);
        if k.is_null() {
            continue;
        }
        vm.root(k);
        vm.dict_remove_entry(so, i);
        // Compact when many deleted entries pile up at the front.
        let d = vm.heap.get::<DictObj>(so);
        if i >= 8 && i > d.len {
            let s = Value::obj(so);
            let t = copy_table(vm, so, false)?;
            replace_contents(vm, s, t.as_obj().unwrap_or(0))?;
        }
        return Ok(k);
    }
    Err(vm.raise(TypeId::KeyError, "pop from an empty set"))
}

fn set_clear(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (s, _) = self_set(vm, args[0], "clear")?;
    vm.dict_clear(s);
    Ok(Value::NONE)
}

fn set_copy(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (s, so) = self_set(vm, args[0], "copy")?;
    let frozen = is_frozen(vm, so);
    if frozen && s == args[0] {
        return Ok(s);
    }
    copy_table(vm, so, frozen)
}

fn set_update(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (_, so) = self_set(vm, args[0], "update")?;
    for &o in &args[1..] {
        add_all(vm, so, o)?;
    }
    Ok(Value::NONE)
}

fn set_intersection_update(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (s, so) = self_set(vm, args[0], "intersection_update")?;
    for &o in &args[1..] {
        let ot = as_table(vm, o)?;
        vm.root(Value::obj(ot));
        let r = intersect(vm, so, ot, false)?;
        replace_contents(vm, s, r.as_obj().unwrap_or(0))?;
    }
    Ok(Value::NONE)
}

fn set_difference_update(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (_, so) = self_set(vm, args[0], "difference_update")?;
    for &o in &args[1..] {
        difference_update(vm, so, o)?;
    }
    Ok(Value::NONE)
}

fn set_symmetric_difference_update(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (_, so) = self_set(vm, args[0], "symmetric_difference_update")?;
    symmetric_update(vm, so, args[1])?;
    Ok(Value::NONE)
}

fn set_union(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (_, so) = self_set(vm, args[0], "union")?;
    let r = copy_table(vm, so, is_frozen(vm, so))?;
    let ro = r.as_obj().unwrap_or(0);
    for &o in &args[1..] {
        add_all(vm, ro, o)?;
    }
    Ok(r)
}

fn set_intersection(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (_, so) = self_set(vm, args[0], "intersection")?;
    let frozen = is_frozen(vm, so);
    let mut cur = copy_table(vm, so, frozen)?;
    for &o in &args[1..] {
        let ot = as_table(vm, o)?;
        vm.root(Value::obj(ot));
        let co = cur.as_obj().unwrap_or(0);
        cur = intersect(vm, co, ot, frozen)?;
    }
    Ok(cur)
}

fn set_difference(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (_, so) = self_set(vm, args[0], "difference")?;
    let r = copy_table(vm, so, is_frozen(vm, so))?;
    let ro = r.as_obj().unwrap_or(0);
    for &o in &args[1..] {
        difference_update(vm, ro, o)?;
    }
    Ok(r)
}

fn set_symmetric_difference(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (_, so) = self_set(vm, args[0], "symmetric_difference")?;
    let r = copy_table(vm, so, is_frozen(vm, so))?;
    symmetric_update(vm, r.as_obj().unwrap_or(0), args[1])?;
    Ok(r)
}

fn set_issubset(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (_, so) = self_set(vm, args[0], "issubset")?;
    let ot = as_table(vm, args[1])?;
    vm.root(Value::obj(ot));
    Ok(Value::bool(is_subset(vm, so, ot)?))
}

fn set_issuperset(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (_, so) = self_set(vm, args[0], "issuperset")?;
    if let Some(ot) = table_off(vm, args[1]) {
        return Ok(Value::bool(is_subset(vm, ot, so)?));
    }
    let it = runtime::iter(vm, args[1])?;
    vm.root(it);
    while let Some(x) = runtime::next(vm, it)? {
        if !vm.table_has(so, x)? {
            return Ok(Value::FALSE);
        }
    }
    Ok(Value::TRUE)
}

fn set_isdisjoint(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (_, so) = self_set(vm, args[0], "isdisjoint")?;
    if let Some(ot) = table_off(vm, args[1]) {
        let r = intersect(vm, so, ot, false)?;
        return Ok(Value::bool(vm.dict_len(r) == 0));
    }
    let it = runtime::iter(vm, args[1])?;
    vm.root(it);
    while let Some(x) = runtime::next(vm, it)? {
        if vm.table_has(so, x)? {
            return Ok(Value::FALSE);
        }
    }
    Ok(Value::TRUE)
}

fn set_len_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (s, _) = self_set(vm, args[0], "__len__")?;
    Ok(Value::small(vm.dict_len(s) as i32))
}

fn set_contains_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (_, so) = self_set(vm, args[0], "__contains__")?;
    let k = lookup_key(vm, args[1])?;
    Ok(Value::bool(vm.table_has(so, k)?))
}

fn set_iter_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (s, _) = self_set(vm, args[0], "__iter__")?;
    runtime::iter(vm, s)
}

fn set_hash_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let (s, _) = self_set(vm, args[0], "__hash__")?;
    let h = runtime::py_hash(vm, s)?;
    super::int::new_int(vm, h)
}

fn op_m(vm: &mut Vm, args: &[Value], op: BinOp, inplace: bool) -> PyResult<Value> {
    let (s, _) = self_set(vm, args[0], "__or__")?;
    let r = binop(vm, op, inplace, s, args[1])?;
    Ok(if inplace && r == s { args[0] } else { r })
}

fn set_or_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    op_m(vm, args, BinOp::Or, false)
}
fn set_and_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    op_m(vm, args, BinOp::And, false)
}
fn set_sub_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    op_m(vm, args, BinOp::Sub, false)
}
fn set_xor_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    op_m(vm, args, BinOp::Xor, false)
}
fn set_ior_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    op_m(vm, args, BinOp::Or, true)
}
fn set_iand_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    op_m(vm, args, BinOp::And, true)
}
fn set_isub_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    op_m(vm, args, BinOp::Sub, true)
}
fn set_ixor_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    op_m(vm, args, BinOp::Xor, true)
}

fn cmp_m(vm: &mut Vm, args: &[Value], op: CmpOp) -> PyResult<Value> {
    let (s, _) = self_set(vm, args[0], "__eq__")?;
    let o = runtime::native_of(vm, args[1]);
    if set_off(vm, o).is_none() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    set_compare(vm, op, s, o).map(Value::bool)
}
fn set_eq_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    cmp_m(vm, args, CmpOp::Eq)
}
fn set_ne_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    cmp_m(vm, args, CmpOp::Ne)
}
fn set_lt_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    cmp_m(vm, args, CmpOp::Lt)
}
fn set_le_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    cmp_m(vm, args, CmpOp::Le)
}
fn set_gt_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    cmp_m(vm, args, CmpOp::Gt)
}
fn set_ge_m(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    cmp_m(vm, args, CmpOp::Ge)
}

use crate::types::VAR;

/// `set`.
pub static SET_TYPE: TypeDef = TypeDef {
    name: "set",
    base: Some(TypeId::Object),
    locals: &[
        fun!(q!("add"), set_add_m, 2, 2),
        fun!(q!("remove"), set_remove, 2, 2),
        fun!(q!("discard"), set_discard, 2, 2),
        fun!(q!("pop"), set_pop, 1, 1),
        fun!(q!("clear"), set_clear, 1, 1),
        fun!(q!("copy"), set_copy, 1, 1),
        fun!(q!("update"), set_update, 1, VAR),
        fun!(q!("intersection_update"), set_intersection_update, 1, VAR),
        fun!(q!("difference_update"), set_difference_update, 1, VAR),
        fun!(q!("symmetric_difference_update"), set_symmetric_difference_update, 2, 2),
        fun!(q!("union"), set_union, 1, VAR),
        fun!(q!("intersection"), set_intersection, 1, VAR),
        fun!(q!("difference"), set_difference, 1, VAR),
        fun!(q!("symmetric_difference"), set_symmetric_difference, 2, 2),
        fun!(q!("issubset"), set_issubset, 2, 2),
        fun!(q!("issuperset"), set_issuperset, 2, 2),
        fun!(q!("isdisjoint"), set_isdisjoint, 2, 2),
        fun!(q!("__init__"), set_init, 1, VAR, kw),
        fun!(q!("__len__"), set_len_m, 1, 1),
        fun!(q!("__contains__"), set_contains_m, 2, 2),
        fun!(q!("__iter__"), set_iter_m, 1, 1),
        fun!(q!("__or__"), set_or_m, 2, 2),
        fun!(q!("__and__"), set_and_m, 2, 2),
        fun!(q!("__sub__"), set_sub_m, 2, 2),
        fun!(q!("__xor__"), set_xor_m, 2, 2),
        fun!(q!("__ior__"), set_ior_m, 2, 2),
        fun!(q!("__iand__"), set_iand_m, 2, 2),
        fun!(q!("__isub__"), set_isub_m, 2, 2),
        fun!(q!("__ixor__"), set_ixor_m, 2, 2),
        fun!(q!("__eq__"), set_eq_m, 2, 2),
        fun!(q!("__ne__"), set_ne_m, 2, 2),
        fun!(q!("__lt__"), set_lt_m, 2, 2),
        fun!(q!("__le__"), set_le_m, 2, 2),
        fun!(q!("__gt__"), set_gt_m, 2, 2),
        fun!(q!("__ge__"), set_ge_m, 2, 2),
    ],
    new: Some(set_new_fn),
    subclassable: true,
};

/// `frozenset`.
pub static FROZENSET_TYPE: TypeDef = TypeDef {
    name: "frozenset",
    base: Some(TypeId::Object),
    locals: &[
        fun!(q!("copy"), set_copy, 1, 1),
        fun!(q!("union"), set_union, 1, VAR),
        fun!(q!("intersection"), set_intersection, 1, VAR),
        fun!(q!("difference"), set_difference, 1, VAR),
        fun!(q!("symmetric_difference"), set_symmetric_difference, 2, 2),
        fun!(q!("issubset"), set_issubset, 2, 2),
        fun!(q!("issuperset"), set_issuperset, 2, 2),
        fun!(q!("isdisjoint"), set_isdisjoint, 2, 2),
        fun!(q!("__len__"), set_len_m, 1, 1),
        fun!(q!("__contains__"), set_contains_m, 2, 2),
        fun!(q!("__iter__"), set_iter_m, 1, 1),
        fun!(q!("__hash__"), set_hash_m, 1, 1),
        fun!(q!("__or__"), set_or_m, 2, 2),
        fun!(q!("__and__"), set_and_m, 2, 2),
        fun!(q!("__sub__"), set_sub_m, 2, 2),
        fun!(q!("__xor__"), set_xor_m, 2, 2),
        fun!(q!("__eq__"), set_eq_m, 2, 2),
        fun!(q!("__ne__"), set_ne_m, 2, 2),
        fun!(q!("__lt__"), set_lt_m, 2, 2),
        fun!(q!("__le__"), set_le_m, 2, 2),
        fun!(q!("__gt__"), set_gt_m, 2, 2),
        fun!(q!("__ge__"), set_ge_m, 2, 2),
    ],
    new: Some(set_new_fn),
    subclassable: true,
};
