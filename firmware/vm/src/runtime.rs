//! The object protocols every opcode and builtin goes through: types and isinstance,
//! attributes, truth, hashing, equality and ordering, operators, repr/str, len,
//! subscripts, containment and iteration.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

use upy_bytecode::{BinOp, CmpOp, UnOp};

use crate::obj::int::IntVal;
use crate::obj::{self, Kind};
use crate::qstr::Qstr;
use crate::rom;
use crate::types::{Attr, TypeId};
use crate::value::{Imm, Unpacked, Value};
use crate::vm::{PyResult, Vm};

// ---------------------------------------------------------------- types

/// The built-in type of a value whose type is built in (None for instances and
/// exceptions of user classes).
pub fn builtin_type(vm: &Vm, v: Value) -> TypeId {
    match v.unpack() {
        Unpacked::Null => TypeId::NoneType,
        Unpacked::Int(_) => TypeId::Int,
        Unpacked::Str(_) => TypeId::Str,
        Unpacked::Imm(i) => match i {
            Imm::Const(0) => TypeId::NoneType,
            Imm::Const(1) | Imm::Const(2) => TypeId::Bool,
            Imm::Const(3) => TypeId::EllipsisType,
            Imm::Const(_) => TypeId::NotImplementedType,
            Imm::Type(_) => TypeId::Type,
            Imm::Module(_) => TypeId::Module,
            Imm::ModFun(..) | Imm::TypeFun(..) => TypeId::BuiltinFunction,
        },
        Unpacked::Obj(off) => match vm.heap.kind(off) {
            Kind::Int => TypeId::Int,
            Kind::Float => TypeId::Float,
            Kind::Complex => TypeId::Complex,
            Kind::Str => TypeId::Str,
            Kind::Bytes => TypeId::Bytes,
            Kind::ByteArray => TypeId::ByteArray,
            Kind::List => TypeId::List,
            Kind::Tuple => TypeId::Tuple,
            Kind::Dict => TypeId::Dict,
            Kind::Set => {
                if vm.heap.get::<obj::DictObj>(off).h.aux == 1 { TypeId::FrozenSet } else { TypeId::Set }
            }
            Kind::Range => TypeId::Range,
            Kind::Slice => TypeId::Slice,
            Kind::Func => TypeId::Function,
            Kind::Code => TypeId::Code,
            Kind::Cell => TypeId::Cell,
            Kind::BoundMethod => TypeId::BoundMethod,
            Kind::Class => TypeId::Type,
            Kind::Module => TypeId::Module,
            Kind::Generator => {
                if vm.heap.get::<obj::GenObj>(off).h.aux == 1 { TypeId::Coroutine } else { TypeId::Generator }
            }
            Kind::Property => TypeId::Property,
            Kind::ClassMethod => TypeId::ClassMethod,
            Kind::StaticMethod => TypeId::StaticMethod,
            Kind::Super => TypeId::Super,
            Kind::RangeIter => TypeId::RangeIterator,
            Kind::Iter => match vm.heap.get::<obj::Obj4>(off).h.aux {
                2 => TypeId::Enumerate,
                3 => TypeId::Zip,
                4 => TypeId::Map,
                5 => TypeId::Filter,
                6 => TypeId::Reversed,
                _ => TypeId::Iterator,
            },
            Kind::DictView => match vm.heap.get::<obj::Obj4>(off).h.aux {
                0 => TypeId::DictKeys,
                1 => TypeId::DictValues,
                _ => TypeId::DictItems,
            },
            Kind::MemoryView => TypeId::MemoryView,
            Kind::Native => TypeId::from_u8(vm.heap.get::<obj::Obj4>(off).h.aux as u8).unwrap_or(TypeId::Object),
            Kind::Instance | Kind::Exception => TypeId::Object,
            Kind::ValArray | Kind::RawBuf | Kind::Invalid => TypeId::Object,
        },
    }
}

/// `type(v)`: a type immediate or a user class.
pub fn type_of(vm: &Vm, v: Value) -> Value {
    if let Some(off) = v.as_obj() {
        match vm.heap.kind(off) {
            Kind::Instance => return vm.heap.get::<obj::InstObj>(off).class,
            Kind::Exception => return vm.heap.get::<obj::ExcObj>(off).class,
            _ => {}
        }
    }
    builtin_type(vm, v).value()
}

/// Is `v` a class (built-in type or user class)?
pub fn is_type(vm: &Vm, v: Value) -> bool {
    v.as_type_id().is_some() || v.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Class)
}

/// `__name__` of a class.
pub fn type_name_of_class(vm: &Vm, cls: Value) -> String {
    if let Some(t) = cls.as_type_id().and_then(TypeId::from_u8) {
        return String::from(rom::type_def(t).name);
    }
    if let Some(off) = cls.as_obj() {
        if vm.heap.kind(off) == Kind::Class {
            return String::from(vm.str_of(vm.heap.get::<obj::ClassObj>(off).name).unwrap_or("?"));
        }
    }
    String::from("?")
}

/// `type(v).__name__`.
pub fn type_name(vm: &Vm, v: Value) -> String {
    type_name_of_class(vm, type_of(vm, v))
}

/// The method resolution order of a class.
pub fn mro(vm: &Vm, cls: Value) -> Vec<Value> {
    let mut out = Vec::new();
    if let Some(off) = cls.as_obj() {
        if vm.heap.kind(off) == Kind::Class {
            let m = vm.heap.get::<obj::ClassObj>(off).mro;
            if let Some(items) = vm.tuple_items(m) {
                out.extend_from_slice(items);
            }
            return out;
        }
    }
    let mut t = cls.as_type_id().and_then(TypeId::from_u8);
    while let Some(id) = t {
        out.push(id.value());
        t = rom::type_def(id).base;
    }
    out
}

/// `issubclass(cls, base)` for single classes.
pub fn is_subclass(vm: &Vm, cls: Value, base: Value) -> bool {
    if cls == base || base == TypeId::Object.value() {
        return true;
    }
    if let Some(off) = cls.as_obj() {
        if vm.heap.kind(off) == Kind::Class {
            let m = vm.heap.get::<obj::ClassObj>(off).mro;
            return vm.tuple_items(m).is_some_and(|items| items.contains(&base));
        }
    }
    let Some(b) = base.as_type_id() else { return false };
    let mut t = cls.as_type_id().and_then(TypeId::from_u8);
    while let Some(id) = t {
        if id as u8 == b {
            return true;
        }
        t = rom::type_def(id).base;
    }
    false
}

/// `isinstance(v, cls)` for a single class.
pub fn isinstance(vm: &Vm, v: Value, cls: Value) -> bool {
    is_subclass(vm, type_of(vm, v), cls)
}

/// Look `name` up along the MRO of `cls` (class attributes and methods, unbound).
/// Results are cached in `vm.type_cache` (see `TypeCacheEntry` for why they stay valid).
pub fn lookup_in_type(vm: &mut Vm, cls: Value, name: Qstr) -> PyResult<Option<Value>> {
    use crate::vm::{TC_DICT, TC_MISS, TC_VALUE, TypeCacheEntry};
    let slot = lookup_cache_slot(cls, name);
    let e = vm.type_cache[slot];
    if e.cls == cls && e.name == name && !cls.is_null() {
        match e.what {
            TC_MISS => return Ok(None),
            TC_VALUE => return Ok(Some(e.val)),
            _ => {
                let (k, v) = vm.dict_entry(e.dict, e.idx);
                if k == Value::qstr(name) {
                    return Ok(Some(v));
                }
            }
        }
    }
    let mut entry = TypeCacheEntry { cls, name, what: TC_MISS, val: Value::NULL, dict: 0, idx: 0 };
    let found = lookup_in_type_uncached(vm, cls, name, &mut entry)?;
    // Values made on the fly (int/float/str constants of built-in types) are not cached;
    // a namespace entry only when its key is the qstr itself (re-validated on a hit).
    let cacheable = match entry.what {
        TC_VALUE => !entry.val.is_obj(),
        TC_DICT => vm.dict_entry(entry.dict, entry.idx).0 == Value::qstr(name),
        _ => true,
    };
    if cacheable {
        vm.type_cache[slot] = entry;
    }
    Ok(found)
}

/// The `Vm::type_cache` slot for (`owner`, `name`); the owner is a class or a globals dict.
#[inline(always)]
fn lookup_cache_slot(owner: Value, name: Qstr) -> usize {
    ((owner.bits() >> 2) ^ name.0.wrapping_mul(0x9e37)) as usize & (crate::vm::TYPE_CACHE_SIZE - 1)
}

/// `LoadGlobal`: `name` from `globals`, else from builtins; None if in neither. For a
/// module's globals (flagged `DICT_NAMESPACE`, so adding or removing a global flushes
/// the cache) the entry found is cached in `vm.type_cache` and re-validated by key.
pub fn load_global(vm: &mut Vm, globals: Value, name: Qstr) -> Option<Value> {
    load_global_idx(vm, globals, name).map(|(v, _)| v)
}

/// `LoadGlobal` for the instruction with `Vm::attr_cache` slot `slot`: the entry of the
/// globals dict where it found `name` last time is tried first (verified by its key, so
/// the hint needs no invalidation), then `load_global`.
#[inline(always)]
pub fn load_global_at(vm: &mut Vm, globals: Value, name: Qstr, slot: usize) -> Option<Value> {
    if let Some(g) = globals.as_obj() {
        if vm.heap.kind(g) == Kind::Dict {
            if let Some(v) = vm.dict_entry_if(g, vm.attr_cache[slot] as u32, name) {
                return Some(v);
            }
        }
    }
    load_global_fill(vm, globals, name, slot)
}

#[inline(never)]
fn load_global_fill(vm: &mut Vm, globals: Value, name: Qstr, slot: usize) -> Option<Value> {
    let (v, idx) = load_global_idx(vm, globals, name)?;
    if let Some(i) = idx.filter(|&i| i < 256) {
        vm.attr_cache[slot] = i as u8;
    }
    Some(v)
}

/// `load_global`, with the entry index when the name was found in `globals` itself.
fn load_global_idx(vm: &mut Vm, globals: Value, name: Qstr) -> Option<(Value, Option<u32>)> {
    use crate::vm::{TC_DICT, TypeCacheEntry};
    let slot = lookup_cache_slot(globals, name);
    let e = vm.type_cache[slot];
    if e.cls == globals && e.name == name && e.what == TC_DICT && !globals.is_null() {
        let (k, v) = vm.dict_entry(e.dict, e.idx);
        if k == Value::qstr(name) {
            return Some((v, (e.dict == globals.as_obj().unwrap_or(0)).then_some(e.idx)));
        }
    }
    let builtins = vm.builtins;
    let (d, idx, v) = match vm.dict_find_str(globals, name) {
        Some((i, v)) => (globals, i, v),
        None => {
            let (i, v) = vm.dict_find_str(builtins, name)?;
            (builtins, i, v)
        }
    };
    let namespace = vm.dict_off(globals).is_some_and(|g| vm.heap.get::<obj::DictObj>(g).h.flags & obj::DICT_NAMESPACE != 0);
    if let Some(doff) = vm.dict_off(d) {
        if namespace && vm.dict_entry(doff, idx).0 == Value::qstr(name) {
            vm.type_cache[slot] = TypeCacheEntry { cls: globals, name, what: TC_DICT, val: Value::NULL, dict: doff, idx };
        }
    }
    Some((v, (d == globals).then_some(idx)))
}

fn lookup_in_type_uncached(vm: &mut Vm, cls: Value, name: Qstr, entry: &mut crate::vm::TypeCacheEntry) -> PyResult<Option<Value>> {
    use crate::vm::{TC_DICT, TC_VALUE};
    if let Some(off) = cls.as_obj() {
        if vm.heap.kind(off) == Kind::Class {
            let m = vm.heap.get::<obj::ClassObj>(off).mro;
            let n = vm.tuple_items(m).map_or(0, |t| t.len());
            for i in 0..n {
                let c = vm.tuple_items(m).map_or(Value::NULL, |t| t[i]);
                if let Some(co) = c.as_obj() {
                    let d = vm.heap.get::<obj::ClassObj>(co).dict;
                    if let Some((idx, v)) = vm.dict_find_str(d, name) {
                        match vm.dict_off(d) {
                            Some(doff) => {
                                entry.what = TC_DICT;
                                entry.dict = doff;
                                entry.idx = idx;
                            }
                            None => entry.cls = Value::NULL,
                        }
                        return Ok(Some(v));
                    }
                } else if let Some(t) = c.as_type_id().and_then(TypeId::from_u8) {
                    if let Some(v) = lookup_builtin(vm, t, name)? {
                        entry.what = TC_VALUE;
                        entry.val = v;
                        return Ok(Some(v));
                    }
                }
            }
            return Ok(None);
        }
    }
    let mut t = cls.as_type_id().and_then(TypeId::from_u8);
    while let Some(id) = t {
        if let Some(v) = lookup_builtin(vm, id, name)? {
            entry.what = TC_VALUE;
            entry.val = v;
            return Ok(Some(v));
        }
        t = rom::type_def(id).base;
    }
    // Neither a class nor a built-in type: nothing to cache.
    if cls.as_type_id().is_none() {
        entry.cls = Value::NULL;
    }
    Ok(None)
}

fn lookup_builtin(vm: &mut Vm, t: TypeId, name: Qstr) -> PyResult<Option<Value>> {
    let def = rom::type_def(t);
    match def.locals.iter().position(|(q, _)| *q == name) {
        Some(slot) => attr_value(vm, t as u8, slot, &def.locals[slot].1).map(Some),
        None => Ok(None),
    }
}

/// Does any class in the MRO of user class `cls` define a property (data descriptor)?
#[inline]
fn class_has_descriptors(vm: &mut Vm, cls: Value) -> bool {
    match cls.as_obj() {
        Some(o) if vm.heap.kind(o) == Kind::Class => class_flags(vm, o) & obj::CLASS_HAS_DESCR != 0,
        _ => true,
    }
}

/// The `CLASS_*` flags of the user class at `off`: the union over its MRO of what each
/// class's own namespace defines. Cached in the class's header; recomputed when some
/// class gained a property or `__setattr__` after the flags were computed
/// (`Vm::class_epoch`), since that class may be a base of this one.
#[inline(always)]
pub(crate) fn class_flags(vm: &mut Vm, off: u32) -> u8 {
    let c = vm.heap.get::<obj::ClassObj>(off);
    if c.flags_epoch == vm.class_epoch {
        return c.h.flags;
    }
    recompute_class_flags(vm, off)
}

#[inline(never)]
fn recompute_class_flags(vm: &mut Vm, off: u32) -> u8 {
    let m = vm.heap.get::<obj::ClassObj>(off).mro;
    let mro: Vec<Value> = vm.tuple_items(m).map(|t| t.to_vec()).unwrap_or_default();
    let mut flags = 0;
    for c in mro {
        if let Some(co) = c.as_obj().filter(|&co| vm.heap.kind(co) == Kind::Class) {
            let ns = vm.heap.get::<obj::ClassObj>(co).dict;
            flags |= own_class_flags(vm, ns);
        }
    }
    let epoch = epoch_mark(vm);
    let c = vm.heap.get_mut::<obj::ClassObj>(off);
    c.h.flags = flags;
    c.flags_epoch = epoch;
    flags
}

/// What a class whose flags are computed now records as its `flags_epoch`: the current
/// epoch, except that the saturated epoch u32::MAX is never recorded.
pub(crate) fn epoch_mark(vm: &Vm) -> u32 {
    vm.class_epoch.min(u32::MAX - 1)
}

/// The `CLASS_*` flags that class namespace `ns` itself calls for.
pub(crate) fn own_class_flags(vm: &Vm, ns: Value) -> u8 {
    let mut flags = 0;
    if vm.dict_items(ns).iter().any(|(_, v)| v.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Property)) {
        flags |= obj::CLASS_HAS_DESCR;
    }
    if vm.dict_get_str(ns, q!("__setattr__")).is_some() {
        flags |= obj::CLASS_HAS_SETATTR;
    }
    flags
}

fn attr_value(vm: &mut Vm, type_id: u8, slot: usize, a: &Attr) -> PyResult<Value> {
    Ok(match a {
        Attr::Fun(_) | Attr::ClassFun(_) | Attr::StaticFun(_) => Value::type_fun(type_id, slot as u16),
        Attr::Int(i) => obj::int::new_int(vm, *i)?,
        Attr::Float(f) => obj::float::new_float(vm, *f)?,
        Attr::Str(s) => vm.new_str(s)?,
        Attr::Type(t) => t.value(),
        Attr::None => Value::NONE,
    })
}

/// The `Attr` behind a native function value from a type or module table.
pub fn native_attr(v: Value) -> Option<&'static Attr> {
    let (is_type, t, s) = v.native_ref()?;
    let table = if is_type { rom::type_def_at(t)?.locals } else { rom::module_def_at(t)?.globals };
    table.get(s).map(|(_, a)| a)
}

/// Name of a native function value.
pub fn native_name(vm: &Vm, v: Value) -> &'static str {
    let q = match v.unpack() {
        Unpacked::Imm(Imm::TypeFun(t, s)) => TypeId::from_u8(t)
            .and_then(|t| rom::type_def(t).locals.get(s as usize))
            .map(|(q, _)| *q),
        Unpacked::Imm(Imm::ModFun(m, s)) => crate::types::ModuleId::from_u8(m)
            .and_then(|m| rom::module_def(m).globals.get(s as usize))
            .map(|(q, _)| *q),
        _ => None,
    };
    let _ = vm;
    q.map_or("?", |q| crate::qstr::QSTR_STRS.get(q.0 as usize).copied().unwrap_or("?"))
}

/// Bind a class attribute found by `lookup_in_type` to `inst` (functions become bound
/// methods, classmethods bind the class, properties are called).
fn bind(vm: &mut Vm, attr: Value, inst: Value, cls: Value) -> PyResult<Value> {
    match attr.unpack() {
        Unpacked::Obj(off) => match vm.heap.kind(off) {
            Kind::Func => {
                if inst.is_null() { Ok(attr) } else { obj::func::new_bound(vm, attr, inst) }
            }
            Kind::ClassMethod => {
                let f = vm.heap.get::<obj::Obj4>(off).a;
                obj::func::new_bound(vm, f, cls)
            }
            Kind::StaticMethod => Ok(vm.heap.get::<obj::Obj4>(off).a),
            Kind::Property => {
                if inst.is_null() {
                    return Ok(attr);
                }
                let fget = vm.heap.get::<obj::Obj4>(off).a;
                if fget.is_null() || fget.is_none() {
                    return Err(vm.raise(TypeId::AttributeError, "unreadable attribute"));
                }
                crate::call::call(vm, fget, &[inst], &[])
            }
            _ => Ok(attr),
        },
        Unpacked::Imm(Imm::TypeFun(..)) => match native_attr(attr) {
            Some(Attr::Fun(_)) if !inst.is_null() => obj::func::new_bound(vm, attr, inst),
            Some(Attr::ClassFun(_)) => obj::func::new_bound(vm, attr, cls),
            _ => Ok(attr),
        },
        _ => Ok(attr),
    }
}

/// `getattr(obj, name)`, or None when missing (no exception raised).
pub fn getattr_opt(vm: &mut Vm, obj_v: Value, name: Qstr) -> PyResult<Option<Value>> {
    getattr_impl(vm, obj_v, name, true)
}

/// `getattr_opt`; `swallow`: an AttributeError raised by `__getattr__` means "missing"
/// (else it propagates, as for `obj.name`).
fn getattr_impl(vm: &mut Vm, obj_v: Value, name: Qstr, swallow: bool) -> PyResult<Option<Value>> {
    // Fast path: an instance attribute of a class without data descriptors.
    if let Some(off) = obj_v.as_obj() {
        if vm.heap.kind(off) == Kind::Instance {
            let inst = vm.heap.get::<obj::InstObj>(off);
            let (cls, d) = (inst.class, inst.dict);
            if name != q!("__class__") && name != q!("__dict__") {
                if !class_has_descriptors(vm, cls) {
                    if let Some(v) = inst_dict_get(vm, d, name) {
                        return Ok(Some(v));
                    }
                    // Not in the instance dict: only the class side is left.
                    return getattr_class_side(vm, obj_v, cls, name, swallow);
                }
                return getattr_instance(vm, obj_v, cls, name, swallow);
            }
            if !d.is_null() && !class_has_descriptors(vm, cls) {
                if let Some(v) = vm.dict_get_str(d, name) {
                    return Ok(Some(v));
                }
            }
        }
    }
    // Special attributes first.
    if let Some(v) = special_attr(vm, obj_v, name)? {
        return Ok(Some(v));
    }
    if let Some(off) = obj_v.as_obj() {
        match vm.heap.kind(off) {
            Kind::Module => {
                let d = vm.heap.get::<obj::ModuleObj>(off).dict;
                return Ok(vm.dict_get_str(d, name));
            }
            Kind::Class => {
                if let Some(a) = lookup_in_type(vm, obj_v, name)? {
                    return bind(vm, a, Value::NULL, obj_v).map(Some);
                }
                return Ok(None);
            }
            Kind::Super => return obj::iter::super_getattr(vm, obj_v, name),
            _ => {}
        }
    }
    if let Some(t) = obj_v.as_type_id().and_then(TypeId::from_u8) {
        let _ = t;
        if let Some(a) = lookup_in_type(vm, obj_v, name)? {
            return bind(vm, a, Value::NULL, obj_v).map(Some);
        }
        return Ok(None);
    }
    if let Unpacked::Imm(Imm::Module(m)) = obj_v.unpack() {
        let module = crate::modules::builtin_module(vm, m)?;
        return getattr_impl(vm, module, name, swallow);
    }
    let cls = type_of(vm, obj_v);
    getattr_instance(vm, obj_v, cls, name, swallow)
}

fn getattr_instance(vm: &mut Vm, obj_v: Value, cls: Value, name: Qstr, swallow: bool) -> PyResult<Option<Value>> {
    let cls_attr = lookup_in_type(vm, cls, name)?;
    // Data descriptors (property) win over the instance dict.
    if let Some(a) = cls_attr {
        if a.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Property) {
            return bind(vm, a, obj_v, cls).map(Some);
        }
    }
    let d = instance_dict(vm, obj_v);
    if let Some(v) = inst_dict_get(vm, d, name) {
        return Ok(Some(v));
    }
    if let Some(a) = cls_attr {
        return bind(vm, a, obj_v, cls).map(Some);
    }
    getattr_fallback(vm, obj_v, cls, name, swallow)
}

/// The rest of `getattr_instance` once the instance dict is known not to hold `name` and
/// the class has no data descriptors: the class attribute, bound, else `__getattr__`.
fn getattr_class_side(vm: &mut Vm, obj_v: Value, cls: Value, name: Qstr, swallow: bool) -> PyResult<Option<Value>> {
    if let Some(a) = lookup_in_type(vm, cls, name)? {
        return bind(vm, a, obj_v, cls).map(Some);
    }
    getattr_fallback(vm, obj_v, cls, name, swallow)
}

/// `__getattr__` for an attribute found nowhere else.
fn getattr_fallback(vm: &mut Vm, obj_v: Value, cls: Value, name: Qstr, swallow: bool) -> PyResult<Option<Value>> {
    // __getattr__ fallback for user classes.
    if obj_v.as_obj().is_some_and(|o| matches!(vm.heap.kind(o), Kind::Instance | Kind::Exception)) {
        if let Some(ga) = lookup_in_type(vm, cls, q!("__getattr__"))? {
            let n = Value::qstr(name);
            let f = bind(vm, ga, obj_v, cls)?;
            match crate::call::call(vm, f, &[n], &[]) {
                Ok(v) => return Ok(Some(v)),
                Err(e) => {
                    if swallow && vm.exc_matches(vm.exc, TypeId::AttributeError) {
                        vm.exc = Value::NULL;
                        return Ok(None);
                    }
                    return Err(e);
                }
            }
        }
    }
    Ok(None)
}

/// `name` from instance dict `d` (NULL: none). A plain dict's key filter proves most
/// misses without a scan (see `Vm::dict_may_have_str`).
#[inline(always)]
fn inst_dict_get(vm: &Vm, d: Value, name: Qstr) -> Option<Value> {
    let doff = vm.dict_off(d)?;
    if vm.heap.kind(doff) == Kind::Dict && !vm.dict_may_have_str(doff, name) {
        return None;
    }
    vm.dict_get_str(d, name)
}

/// `LoadAttr`: `getattr(obj, name)` for the instruction with `Vm::attr_cache` slot `slot`.
/// For an instance of a class without data descriptors the entry of its dict where the
/// instruction found `name` last time is tried first; the hint is verified by the entry's
/// key, so any change to the dict (new keys, deletions, resizes, another object through
/// the same instruction) at worst makes it miss.
#[inline]
pub fn getattr_at(vm: &mut Vm, obj_v: Value, name: Qstr, slot: usize) -> PyResult<Value> {
    if let Some(off) = obj_v.as_obj() {
        if vm.heap.kind(off) == Kind::Module {
            return module_attr_at(vm, obj_v, off, name, slot);
        }
        if vm.heap.kind(off) == Kind::Instance {
            let inst = vm.heap.get::<obj::InstObj>(off);
            let (cls, d) = (inst.class, inst.dict);
            if let Some(doff) = d.as_obj() {
                if vm.heap.kind(doff) == Kind::Dict && !class_has_descriptors(vm, cls) {
                    if let Some(v) = vm.dict_entry_if(doff, vm.attr_cache[slot] as u32, name) {
                        return Ok(v);
                    }
                    if vm.dict_may_have_str(doff, name) {
                        if let Some((i, v)) = vm.dict_find_str(d, name) {
                            if i < 256 {
                                vm.attr_cache[slot] = i as u8;
                            }
                            return Ok(v);
                        }
                    }
                    if name != q!("__class__") && name != q!("__dict__") {
                        return match getattr_class_side(vm, obj_v, cls, name, false)? {
                            Some(v) => Ok(v),
                            None => Err(attr_error(vm, obj_v, name)),
                        };
                    }
                }
            }
        }
    }
    getattr(vm, obj_v, name)
}

/// `getattr_at` for the module object at `off` (`math.sqrt`, `sys.argv`): the module dict's
/// entry recorded in the instruction's `Vm::attr_cache` slot when its key is still `name`
/// (a hit is checked against the key, so a rebound or deleted name just misses), else
/// `getattr`, recording where the dict holds `name`. Dunder names are never recorded: a
/// module's special attributes (`__name__`, `__dict__`, `__class__`) come before its dict.
#[inline]
fn module_attr_at(vm: &mut Vm, obj_v: Value, off: u32, name: Qstr, slot: usize) -> PyResult<Value> {
    let d = vm.heap.get::<obj::ModuleObj>(off).dict;
    if let Some(doff) = d.as_obj().filter(|&o| vm.heap.kind(o) == Kind::Dict) {
        if let Some(v) = vm.dict_entry_if(doff, vm.attr_cache[slot] as u32, name) {
            return Ok(v);
        }
    }
    module_attr_fill(vm, obj_v, d, name, slot)
}

#[inline(never)]
fn module_attr_fill(vm: &mut Vm, obj_v: Value, d: Value, name: Qstr, slot: usize) -> PyResult<Value> {
    let v = getattr(vm, obj_v, name)?;
    if !vm.qstr_str(name).starts_with("__") && d.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Dict) {
        if let Some((i, _)) = vm.dict_find_str(d, name).filter(|&(i, _)| i < 256) {
            vm.attr_cache[slot] = i as u8;
        }
    }
    Ok(v)
}

/// The instance dict table of `obj_v` when it is an instance of a user class whose MRO
/// has none of the `CLASS_*` flags in `mask` (flags up to date: an outdated epoch gives
/// None, and the caller's full path recomputes them).
#[inline(always)]
fn plain_inst_dict(vm: &Vm, obj_v: Value, mask: u8) -> Option<u32> {
    let off = obj_v.as_obj()?;
    if vm.heap.kind(off) != Kind::Instance {
        return None;
    }
    let inst = vm.heap.get::<obj::InstObj>(off);
    let (c, doff) = (inst.class.as_obj()?, inst.dict.as_obj()?);
    if vm.heap.kind(c) != Kind::Class || vm.heap.kind(doff) != Kind::Dict {
        return None;
    }
    let co = vm.heap.get::<obj::ClassObj>(c);
    (co.flags_epoch == vm.class_epoch && co.h.flags & mask == 0).then_some(doff)
}

/// The `attr_cache` hit of `getattr_at`, small enough to inline into the dispatch loop:
/// `Some(obj.name)` when `obj_v` is an instance of a class without data descriptors whose
/// dict holds `name` at the entry this instruction found it last time; None means "call
/// `getattr_at`" (which tries the same hit first, so the result is the same either way).
/// Allocates nothing and runs no Python code.
#[inline(always)]
pub fn getattr_hit(vm: &Vm, obj_v: Value, name: Qstr, slot: usize) -> Option<Value> {
    let doff = plain_inst_dict(vm, obj_v, obj::CLASS_HAS_DESCR)?;
    vm.dict_entry_if(doff, vm.attr_cache[slot] as u32, name)
}

/// The `attr_cache` hit of `setattr_at`: when `obj_v` is an instance of a class without
/// properties and `__setattr__` whose dict holds `name` at the remembered entry, stores `v`
/// there and returns true; false means "call `setattr_at`" (nothing was changed). Allocates
/// nothing and runs no Python code.
#[inline(always)]
pub fn setattr_hit(vm: &mut Vm, obj_v: Value, name: Qstr, v: Value, slot: usize) -> bool {
    let Some(doff) = plain_inst_dict(vm, obj_v, obj::CLASS_HAS_DESCR | obj::CLASS_HAS_SETATTR) else {
        return false;
    };
    let idx = vm.attr_cache[slot] as u32;
    if vm.dict_entry_if(doff, idx, name).is_none() {
        return false;
    }
    vm.dict_set_entry_value(doff, idx, v);
    true
}

/// Largest `ClassObj::inst_attrs` (instance dicts start with at most this many entries).
const MAX_INST_ATTRS_HINT: u32 = 16;

/// `StoreAttr`: `obj.name = v` for the instruction with `Vm::attr_cache` slot `slot`
/// (see `getattr_at`). Instances of classes without properties and `__setattr__` write
/// their dict directly: the cached entry when its key is `name`, else the entry found,
/// else a new one.
#[inline]
pub fn setattr_at(vm: &mut Vm, obj_v: Value, name: Qstr, v: Value, slot: usize) -> PyResult<()> {
    if let Some(off) = obj_v.as_obj() {
        if vm.heap.kind(off) == Kind::Instance {
            let inst = vm.heap.get::<obj::InstObj>(off);
            let (cls, d) = (inst.class, inst.dict);
            let plain = match cls.as_obj() {
                Some(c) if vm.heap.kind(c) == Kind::Class => class_flags(vm, c) & (obj::CLASS_HAS_DESCR | obj::CLASS_HAS_SETATTR) == 0,
                _ => false,
            };
            if plain && d.is_null() {
                // The first attribute: the instance gets its dict, sized for as many
                // attributes as earlier instances of the class got.
                let nd = obj::dict::new_instance_dict(vm)?;
                vm.heap.get_mut::<obj::InstObj>(off).dict = nd;
                let ndoff = nd.as_obj().unwrap_or(0);
                let hint = vm.heap.get::<obj::ClassObj>(cls.as_obj().unwrap_or(0)).inst_attrs;
                // (The first append makes room for 4 anyway.)
                if hint > 4 {
                    vm.dict_reserve_empty(ndoff, hint)?;
                }
                let i = vm.dict_append_str(ndoff, name, v)?;
                if i < 256 {
                    vm.attr_cache[slot] = i as u8;
                }
                return Ok(());
            }
            if let Some(doff) = d.as_obj().filter(|_| plain) {
                if vm.heap.kind(doff) == Kind::Dict {
                    let idx = vm.attr_cache[slot] as u32;
                    if vm.dict_entry_if(doff, idx, name).is_some() {
                        vm.dict_set_entry_value(doff, idx, v);
                        return Ok(());
                    }
                    let found = if vm.dict_may_have_str(doff, name) { vm.dict_find_str(d, name) } else { None };
                    let i = match found {
                        Some((i, _)) => {
                            vm.dict_set_entry_value(doff, i, v);
                            i
                        }
                        None => {
                            let i = vm.dict_append_str(doff, name, v)?;
                            // Remember the size for the class's next instances.
                            if let Some(co) = cls.as_obj() {
                                let c = vm.heap.get_mut::<obj::ClassObj>(co);
                                if i >= c.inst_attrs && i < MAX_INST_ATTRS_HINT {
                                    c.inst_attrs = i + 1;
                                }
                            }
                            i
                        }
                    };
                    if i < 256 {
                        vm.attr_cache[slot] = i as u8;
                    }
                    return Ok(());
                }
            }
        }
    }
    setattr(vm, obj_v, name, v)
}

/// The `__dict__` of an instance, exception or function (NULL if none).
pub fn instance_dict(vm: &Vm, v: Value) -> Value {
    match v.as_obj() {
        Some(off) => match vm.heap.kind(off) {
            Kind::Instance => vm.heap.get::<obj::InstObj>(off).dict,
            Kind::Exception => vm.heap.get::<obj::ExcObj>(off).dict,
            Kind::Func => vm.heap.get::<obj::FuncObj>(off).dict,
            Kind::Module => vm.heap.get::<obj::ModuleObj>(off).dict,
            Kind::Class => vm.heap.get::<obj::ClassObj>(off).dict,
            _ => Value::NULL,
        },
        None => Value::NULL,
    }
}

fn special_attr(vm: &mut Vm, v: Value, name: Qstr) -> PyResult<Option<Value>> {
    if name == q!("__class__") {
        return Ok(Some(type_of(vm, v)));
    }
    let off = v.as_obj();
    let kind = off.map(|o| vm.heap.kind(o));
    if name == q!("__name__") {
        if is_type(vm, v) {
            let n = type_name_of_class(vm, v);
            return Ok(Some(Value::qstr(vm.intern(&n))));
        }
        match kind {
            Some(Kind::Func) => return Ok(Some(vm.heap.get::<obj::FuncObj>(off.unwrap_or(0)).name)),
            Some(Kind::Module) => return Ok(Some(vm.heap.get::<obj::ModuleObj>(off.unwrap_or(0)).name)),
            Some(Kind::Generator) => {
                let code = vm.heap.get::<obj::GenObj>(off.unwrap_or(0)).code;
                return Ok(Some(vm.code(code).name));
            }
            Some(Kind::BoundMethod) => {
                let f = vm.heap.get::<obj::BoundObj>(off.unwrap_or(0)).func;
                return special_attr(vm, f, name);
            }
            _ => {}
        }
        if let Unpacked::Imm(Imm::ModFun(..) | Imm::TypeFun(..)) = v.unpack() {
            let n = native_name(vm, v);
            return Ok(Some(Value::qstr(vm.intern(n))));
        }
        if let Unpacked::Imm(Imm::Module(m)) = v.unpack() {
            if let Some(id) = crate::types::ModuleId::from_u8(m) {
                let n = rom::module_def(id).name;
                return Ok(Some(Value::qstr(vm.intern(n))));
            }
        }
    }
    if name == q!("__qualname__") {
        match kind {
            Some(Kind::Func) => {
                let code = vm.heap.get::<obj::FuncObj>(off.unwrap_or(0)).code;
                return Ok(Some(vm.code(code).qualname));
            }
            Some(Kind::Class) => return Ok(Some(vm.heap.get::<obj::ClassObj>(off.unwrap_or(0)).qualname)),
            _ => {}
        }
    }
    if name == q!("__dict__") {
        let d = instance_dict(vm, v);
        if !d.is_null() {
            return Ok(Some(d));
        }
        if kind == Some(Kind::Instance) {
            let d = obj::dict::new_instance_dict(vm)?;
            vm.heap.get_mut::<obj::InstObj>(off.unwrap_or(0)).dict = d;
            return Ok(Some(d));
        }
        if kind == Some(Kind::Func) {
            let d = obj::dict::new_dict(vm)?;
            vm.heap.get_mut::<obj::FuncObj>(off.unwrap_or(0)).dict = d;
            return Ok(Some(d));
        }
    }
    if kind == Some(Kind::Class) {
        let c = vm.heap.get::<obj::ClassObj>(off.unwrap_or(0));
        if name == q!("__bases__") {
            return Ok(Some(c.bases));
        }
        if name == q!("__mro__") {
            return Ok(Some(c.mro));
        }
    }
    if name == q!("__bases__") || name == q!("__mro__") {
        if let Some(t) = v.as_type_id().and_then(TypeId::from_u8) {
            let items: Vec<Value> = if name == q!("__mro__") {
                mro(vm, v)
            } else {
                rom::type_def(t).base.map(|b| alloc::vec![b.value()]).unwrap_or_default()
            };
            return obj::tuple::new_tuple(vm, &items).map(Some);
        }
    }
    match kind {
        Some(Kind::Exception) => {
            let e = vm.heap.get::<obj::ExcObj>(off.unwrap_or(0));
            if name == q!("args") {
                return Ok(Some(e.args));
            }
            if name == q!("__cause__") {
                return Ok(Some(if e.cause.is_null() { Value::NONE } else { e.cause }));
            }
            if name == q!("__context__") {
                return Ok(Some(if e.context.is_null() { Value::NONE } else { e.context }));
            }
            if name == q!("__traceback__") {
                return Ok(Some(Value::NONE));
            }
            if name == q!("value") || name == q!("code") || name == q!("errno") {
                let (args, cls) = (e.args, e.class);
                let is_stop = is_subclass(vm, cls, TypeId::StopIteration.value())
                    || is_subclass(vm, cls, TypeId::SystemExit.value())
                    || is_subclass(vm, cls, TypeId::OSError.value());
                if is_stop && instance_dict(vm, v).is_null() {
                    let first = vm.tuple_items(args).and_then(|a| a.first().copied());
                    return Ok(Some(first.unwrap_or(Value::NONE)));
                }
            }
        }
        Some(Kind::Complex) => {
            let c = vm.heap.get::<obj::ComplexObj>(off.unwrap_or(0));
            let (re, im) = (c.re, c.im);
            if name == q!("real") {
                return obj::float::new_float(vm, re).map(Some);
            }
            if name == q!("imag") {
                return obj::float::new_float(vm, im).map(Some);
            }
        }
        Some(Kind::Range) => {
            let r = vm.heap.get::<obj::RangeObj>(off.unwrap_or(0));
            let (a, b, c) = (r.start, r.stop, r.step);
            let x = if name == q!("start") {
                Some(a)
            } else if name == q!("stop") {
                Some(b)
            } else if name == q!("step") {
                Some(c)
            } else {
                None
            };
            if let Some(x) = x {
                return obj::int::new_int(vm, x).map(Some);
            }
        }
        Some(Kind::Slice) => {
            let s = vm.heap.get::<obj::SliceObj>(off.unwrap_or(0));
            if name == q!("start") {
                return Ok(Some(s.start));
            }
            if name == q!("stop") {
                return Ok(Some(s.stop));
            }
            if name == q!("step") {
                return Ok(Some(s.step));
            }
        }
        Some(Kind::BoundMethod) => {
            let b = vm.heap.get::<obj::BoundObj>(off.unwrap_or(0));
            if name == q!("__self__") {
                return Ok(Some(b.self_));
            }
            if name == q!("__func__") {
                return Ok(Some(b.func));
            }
        }
        Some(Kind::Property) => {
            let p = vm.heap.get::<obj::Obj4>(off.unwrap_or(0));
            if name == q!("fget") {
                return Ok(Some(p.a));
            }
        }
        Some(Kind::Func) => {
            let f = vm.heap.get::<obj::FuncObj>(off.unwrap_or(0));
            if name == q!("__globals__") {
                return Ok(Some(f.globals));
            }
        }
        _ => {}
    }
    obj::int::number_attr(vm, v, name)
}

/// `getattr(obj, name)`; AttributeError when missing.
pub fn getattr(vm: &mut Vm, obj_v: Value, name: Qstr) -> PyResult<Value> {
    match getattr_impl(vm, obj_v, name, false)? {
        Some(v) => Ok(v),
        None => Err(attr_error(vm, obj_v, name)),
    }
}

/// AttributeError for `obj.name` missing.
#[inline(never)]
fn attr_error(vm: &mut Vm, obj_v: Value, name: Qstr) -> crate::vm::Exc {
    let n = String::from(vm.qstr_str(name));
    if is_type(vm, obj_v) {
        let t = type_name_of_class(vm, obj_v);
        vm.raise_fmt(TypeId::AttributeError, format_args!("type object '{t}' has no attribute '{n}'"))
    } else if obj_v.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Module) {
        vm.raise_fmt(TypeId::AttributeError, format_args!("module has no attribute '{n}'"))
    } else {
        let t = type_name(vm, obj_v);
        vm.raise_fmt(TypeId::AttributeError, format_args!("'{t}' object has no attribute '{n}'"))
    }
}

/// `obj.name = v`.
pub fn setattr(vm: &mut Vm, obj_v: Value, name: Qstr, v: Value) -> PyResult<()> {
    let Some(off) = obj_v.as_obj() else {
        let t = type_name(vm, obj_v);
        return Err(vm.raise_fmt(TypeId::AttributeError, format_args!("'{t}' object has no attribute '{}'", String::from(vm.qstr_str(name)))));
    };
    let kind = vm.heap.kind(off);
    if kind == Kind::Instance {
        // Fast path: no properties and no __setattr__ anywhere in the class's MRO.
        let inst = vm.heap.get::<obj::InstObj>(off);
        let (cls, d) = (inst.class, inst.dict);
        if cls == TypeId::Object.value() {
            let n = String::from(vm.qstr_str(name));
            return Err(vm.raise_fmt(TypeId::AttributeError, format_args!("'object' object has no attribute '{n}'")));
        }
        let flags = match cls.as_obj() {
            Some(c) if vm.heap.kind(c) == Kind::Class => class_flags(vm, c),
            _ => 0xff,
        };
        if flags & (obj::CLASS_HAS_DESCR | obj::CLASS_HAS_SETATTR) == 0 {
            let d = if d.is_null() {
                let nd = obj::dict::new_instance_dict(vm)?;
                vm.heap.get_mut::<obj::InstObj>(off).dict = nd;
                nd
            } else {
                d
            };
            return vm.dict_set(d, Value::qstr(name), v);
        }
    }
    if kind == Kind::Class && (name == q!("__setattr__") || v.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Property)) {
        // Subclasses' flags include this class's: have every class recompute its own.
        // Saturates: at u32::MAX no class can record the epoch (see `epoch_mark`), so all
        // flags are recomputed on every use from then on.
        vm.class_epoch = vm.class_epoch.saturating_add(1);
    }
    if matches!(kind, Kind::Instance | Kind::Exception) {
        let cls = type_of(vm, obj_v);
        if let Some(a) = lookup_in_type(vm, cls, name)? {
            if let Some(p) = a.as_obj().filter(|&p| vm.heap.kind(p) == Kind::Property) {
                let fset = vm.heap.get::<obj::Obj4>(p).b;
                if fset.is_null() || fset.is_none() {
                    return Err(vm.raise(TypeId::AttributeError, "can't set attribute"));
                }
                crate::call::call(vm, fset, &[obj_v, v], &[])?;
                return Ok(());
            }
        }
        if let Some(sa) = lookup_in_type(vm, cls, q!("__setattr__"))? {
            if sa.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Func) {
                let f = bind(vm, sa, obj_v, cls)?;
                crate::call::call(vm, f, &[Value::qstr(name), v], &[])?;
                return Ok(());
            }
        }
    }
    let mut d = instance_dict(vm, obj_v);
    if d.is_null() {
        if matches!(kind, Kind::Instance | Kind::Exception | Kind::Func) {
            d = obj::dict::new_instance_dict(vm)?;
            match kind {
                Kind::Instance => vm.heap.get_mut::<obj::InstObj>(off).dict = d,
                Kind::Exception => vm.heap.get_mut::<obj::ExcObj>(off).dict = d,
                _ => vm.heap.get_mut::<obj::FuncObj>(off).dict = d,
            }
        } else {
            let t = type_name(vm, obj_v);
            return Err(vm.raise_fmt(TypeId::AttributeError, format_args!("'{t}' object has no attribute '{}'", String::from(vm.qstr_str(name)))));
        }
    }
    vm.dict_set(d, Value::qstr(name), v)
}

/// `del obj.name`.
pub fn delattr(vm: &mut Vm, obj_v: Value, name: Qstr) -> PyResult<()> {
    let cls = type_of(vm, obj_v);
    if obj_v.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Instance) {
        if let Some(a) = lookup_in_type(vm, cls, name)? {
            if let Some(p) = a.as_obj().filter(|&p| vm.heap.kind(p) == Kind::Property) {
                let fdel = vm.heap.get::<obj::Obj4>(p).c;
                if !fdel.is_null() && !fdel.is_none() {
                    crate::call::call(vm, fdel, &[obj_v], &[])?;
                    return Ok(());
                }
            }
        }
    }
    let d = instance_dict(vm, obj_v);
    if !d.is_null() && vm.dict_remove(d, Value::qstr(name))?.is_some() {
        return Ok(());
    }
    let n = String::from(vm.qstr_str(name));
    Err(vm.raise_fmt(TypeId::AttributeError, format_args!("no attribute '{n}'")))
}

/// For `LoadMethod`: (function, self) when `name` is a plain method of the type, else
/// (bound attribute, NULL).
pub fn load_method(vm: &mut Vm, obj_v: Value, name: Qstr) -> PyResult<(Value, Value)> {
    let is_plain_obj = match obj_v.as_obj() {
        Some(off) => !matches!(vm.heap.kind(off), Kind::Module | Kind::Class | Kind::Super),
        None => obj_v.as_type_id().is_none() && !matches!(obj_v.unpack(), Unpacked::Imm(Imm::Module(_))),
    };
    if is_plain_obj {
        let cls = type_of(vm, obj_v);
        if let Some(a) = lookup_in_type(vm, cls, name)? {
            let plain = match a.unpack() {
                Unpacked::Obj(o) => vm.heap.kind(o) == Kind::Func,
                Unpacked::Imm(Imm::TypeFun(..)) => matches!(native_attr(a), Some(Attr::Fun(_))),
                _ => false,
            };
            if plain {
                let d = instance_dict(vm, obj_v);
                if inst_dict_get(vm, d, name).is_none() {
                    return Ok((a, obj_v));
                }
            }
        }
    }
    Ok((getattr(vm, obj_v, name)?, Value::NULL))
}

/// `LoadMethod` for the instruction with `Vm::attr_cache` slot `slot`: `load_method`, with
/// a fast path for instances whose dict provably lacks `name` (its key filter) and whose
/// class resolved `name` to a Python function at this instruction before
/// (`Vm::method_cache`).
#[inline]
pub fn load_method_at(vm: &mut Vm, obj_v: Value, name: Qstr, slot: usize) -> PyResult<(Value, Value)> {
    if let Some(off) = obj_v.as_obj() {
        if vm.heap.kind(off) == Kind::Module {
            // A module's attributes are never bound (`load_method`'s "not a plain object").
            return Ok((module_attr_at(vm, obj_v, off, name, slot)?, Value::NULL));
        }
        if vm.heap.kind(off) == Kind::Instance {
            let inst = vm.heap.get::<obj::InstObj>(off);
            let (cls, d) = (inst.class, inst.dict);
            let unshadowed = match d.as_obj() {
                None => true,
                Some(doff) => vm.heap.kind(doff) == Kind::Dict && !vm.dict_may_have_str(doff, name),
            };
            if unshadowed {
                let e = vm.method_cache[method_slot(slot, cls)];
                if e.cls == cls {
                    if let Some(f) = vm.dict_entry_if(e.dict, e.idx, name) {
                        if f.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Func) {
                            return Ok((f, obj_v));
                        }
                    }
                }
                return load_method_fill(vm, obj_v, cls, name, slot);
            }
        }
    }
    load_method_builtin(vm, obj_v, name, slot)
}

/// The `method_cache` hit of `load_method_at`, small enough to inline into the dispatch
/// loop: `Some(function)` (to be called with `obj_v` as self) when `obj_v` is an instance
/// whose dict provably lacks `name` and the cache entry of this instruction and its class
/// still holds a Python function under `name`; None means "call `load_method_at`" (which
/// tries the same hit first). Allocates nothing and runs no Python code.
#[inline(always)]
pub fn load_method_hit(vm: &Vm, obj_v: Value, name: Qstr, slot: usize) -> Option<Value> {
    let off = obj_v.as_obj()?;
    if vm.heap.kind(off) != Kind::Instance {
        return None;
    }
    let inst = vm.heap.get::<obj::InstObj>(off);
    let (cls, d) = (inst.class, inst.dict);
    if let Some(doff) = d.as_obj() {
        if vm.heap.kind(doff) != Kind::Dict || vm.dict_may_have_str(doff, name) {
            return None;
        }
    }
    let e = vm.method_cache[method_slot(slot, cls)];
    if e.cls != cls {
        return None;
    }
    let f = vm.dict_entry_if(e.dict, e.idx, name)?;
    f.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Func).then_some(f)
}

/// `load_method_at` for anything but an instance whose dict provably lacks `name` (out of
/// line: keeps the dispatch loop's inlined part small).
#[inline(never)]
fn load_method_builtin(vm: &mut Vm, obj_v: Value, name: Qstr, slot: usize) -> PyResult<(Value, Value)> {
    // An object of an exact built-in type without an instance dict: what `name` resolves
    // to depends only on (type, name) (built-in type tables never change), so a native
    // method found once is kept in the method cache under the type immediate (which no
    // user-class entry can equal) with the name, verified on a hit.
    let plain_builtin = match obj_v.as_obj() {
        Some(off) => !matches!(
            vm.heap.kind(off),
            Kind::Instance | Kind::Exception | Kind::Func | Kind::Module | Kind::Class | Kind::Super
        ),
        None => obj_v.as_type_id().is_none() && !matches!(obj_v.unpack(), Unpacked::Imm(Imm::Module(_))),
    };
    if plain_builtin {
        let cls = builtin_type(vm, obj_v).value();
        let ms = method_slot(slot, cls);
        let e = vm.method_cache[ms];
        if e.cls == cls && e.idx == name.0 as u32 {
            return Ok((Value(e.dict), obj_v));
        }
        let (f, s) = load_method(vm, obj_v, name)?;
        if !s.is_null() && f.native_ref().is_some_and(|(is_type, _, _)| is_type) {
            vm.method_cache[ms] = crate::vm::MethodCacheEntry { cls, dict: f.bits(), idx: name.0 as u32 };
        }
        return Ok((f, s));
    }
    load_method(vm, obj_v, name)
}

/// The `Vm::method_cache` entry for the instruction with `attr_cache` slot `slot` and
/// class `cls`: a site that sees several classes uses one entry per class. (An entry's
/// meaning depends only on its class and name, which a hit checks, so where it sits is
/// just a matter of hit rates.)
#[inline(always)]
fn method_slot(slot: usize, cls: Value) -> usize {
    (slot ^ (cls.bits().wrapping_mul(0x9E37_79B1) >> 24) as usize) & (crate::vm::METHOD_CACHE_SIZE - 1)
}

/// `load_method_at` missed for an instance whose dict does not hold `name`.
#[inline(never)]
fn load_method_fill(vm: &mut Vm, obj_v: Value, cls: Value, name: Qstr, slot: usize) -> PyResult<(Value, Value)> {
    use crate::vm::{MethodCacheEntry, TC_DICT};
    if let Some(a) = lookup_in_type(vm, cls, name)? {
        if a.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Func) {
            // Where it was found, if `lookup_in_type` could cache it.
            let e = vm.type_cache[lookup_cache_slot(cls, name)];
            if e.cls == cls && e.name == name && e.what == TC_DICT && !cls.is_null() {
                vm.method_cache[method_slot(slot, cls)] = MethodCacheEntry { cls, dict: e.dict, idx: e.idx };
            }
            return Ok((a, obj_v));
        }
    }
    load_method(vm, obj_v, name)
}

/// Call `obj.name(*args)`.
pub fn call_method(vm: &mut Vm, obj_v: Value, name: Qstr, args: &[Value]) -> PyResult<Value> {
    let (f, s) = load_method(vm, obj_v, name)?;
    if s.is_null() {
        crate::call::call(vm, f, args, &[])
    } else {
        let mut all = Vec::with_capacity(args.len() + 1);
        all.push(s);
        all.extend_from_slice(args);
        crate::call::call(vm, f, &all, &[])
    }
}

/// Call a special method of a user instance if its class defines one.
pub fn call_dunder(vm: &mut Vm, v: Value, name: Qstr, args: &[Value]) -> PyResult<Option<Value>> {
    if !v.as_obj().is_some_and(|o| matches!(vm.heap.kind(o), Kind::Instance | Kind::Exception | Kind::Class)) {
        return Ok(None);
    }
    let cls = type_of(vm, v);
    let Some(f) = lookup_in_type(vm, cls, name)? else { return Ok(None) };
    if f.as_type_id().is_none() && matches!(f.unpack(), Unpacked::Imm(Imm::TypeFun(..))) {
        // A built-in base's method: only reached for instances of built-in subclasses.
        let inst_native = v.as_obj().map(|o| if vm.heap.kind(o) == Kind::Instance { vm.heap.get::<obj::InstObj>(o).native } else { Value::NULL }).unwrap_or(Value::NULL);
        if inst_native.is_null() && name != q!("__init__") {
            return Ok(None);
        }
    }
    call_found(vm, v, f, cls, args).map(Some)
}

/// Call the special method `f` found on `cls = type(v)` with `v` as self (a static
/// method without it, a class method with `cls`).
fn call_found(vm: &mut Vm, v: Value, f: Value, cls: Value, args: &[Value]) -> PyResult<Value> {
    let mut all = Vec::with_capacity(args.len() + 1);
    all.push(v);
    all.extend_from_slice(args);
    let bound = match f.as_obj().map(|o| vm.heap.kind(o)) {
        Some(Kind::StaticMethod) => {
            all.remove(0);
            vm.heap.get::<obj::Obj4>(f.as_obj().unwrap_or(0)).a
        }
        Some(Kind::ClassMethod) => {
            all[0] = cls;
            vm.heap.get::<obj::Obj4>(f.as_obj().unwrap_or(0)).a
        }
        _ => f,
    };
    crate::call::call(vm, bound, &all, &[])
}

/// Does the user instance's class define `name`?
pub fn has_dunder(vm: &mut Vm, v: Value, name: Qstr) -> PyResult<bool> {
    if !v.as_obj().is_some_and(|o| matches!(vm.heap.kind(o), Kind::Instance | Kind::Exception)) {
        return Ok(false);
    }
    let cls = type_of(vm, v);
    Ok(lookup_in_type(vm, cls, name)?.is_some_and(|f| !matches!(f.unpack(), Unpacked::Imm(Imm::TypeFun(..)))))
}

/// The built-in payload of an instance of a built-in subclass, or the value itself.
pub fn native_of(vm: &Vm, v: Value) -> Value {
    match v.as_obj() {
        Some(o) if vm.heap.kind(o) == Kind::Instance => {
            let n = vm.heap.get::<obj::InstObj>(o).native;
            if n.is_null() { v } else { n }
        }
        _ => v,
    }
}

// ---------------------------------------------------------------- truth, hash, equality

/// `bool(v)`.
pub fn truthy(vm: &mut Vm, v: Value) -> PyResult<bool> {
    match v.unpack() {
        Unpacked::Int(i) => return Ok(i != 0),
        Unpacked::Str(q) => return Ok(q != q!("")),
        Unpacked::Imm(Imm::Const(c)) => return Ok(c == 2 || c >= 3),
        Unpacked::Imm(_) | Unpacked::Null => return Ok(!v.is_null()),
        Unpacked::Obj(off) => match vm.heap.kind(off) {
            Kind::Float => return Ok(vm.heap.get::<obj::FloatObj>(off).v != 0.0),
            Kind::Int => return Ok(true),
            Kind::Str | Kind::Bytes => return Ok(vm.heap.get::<obj::StrObj>(off).len != 0),
            Kind::List | Kind::ByteArray => return Ok(vm.heap.get::<obj::ListObj>(off).len != 0),
            Kind::Tuple => return Ok(vm.heap.get::<obj::TupleObj>(off).len != 0),
            Kind::Dict | Kind::Set => return Ok(vm.heap.get::<obj::DictObj>(off).len != 0),
            Kind::Complex => {
                let c = vm.heap.get::<obj::ComplexObj>(off);
                return Ok(c.re != 0.0 || c.im != 0.0);
            }
            Kind::Range => return Ok(obj::range::range_len(vm, v) != 0),
            Kind::Instance => {
                if let Some(r) = call_dunder(vm, v, q!("__bool__"), &[])? {
                    if r != Value::TRUE && r != Value::FALSE {
                        let t = type_name(vm, r);
                        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("__bool__ should return bool, returned {t}")));
                    }
                    return Ok(r == Value::TRUE);
                }
                if let Some(r) = call_dunder(vm, v, q!("__len__"), &[])? {
                    return Ok(vm.int_i64(r).unwrap_or(1) != 0);
                }
                let n = native_of(vm, v);
                if n != v {
                    return truthy(vm, n);
                }
                return Ok(true);
            }
            _ => {}
        },
    }
    if let Ok(n) = len(vm, v) {
        return Ok(n != 0);
    }
    vm.exc = Value::NULL;
    Ok(true)
}

/// Internal 32-bit hash used by dict and set (equal values hash equal).
pub fn hash(vm: &mut Vm, v: Value) -> PyResult<u32> {
    match v.unpack() {
        Unpacked::Int(i) => Ok(if i == -1 { -2i64 as u32 } else { i as u32 }),
        Unpacked::Str(q) => Ok(vm.qstrs.hash(q)),
        _ => Ok(py_hash(vm, v)? as u32),
    }
}

/// `hash(v)` (CPython-compatible for numbers).
pub fn py_hash(vm: &mut Vm, v: Value) -> PyResult<i64> {
    match v.unpack() {
        Unpacked::Int(i) => return Ok(if i == -1 { -2 } else { i as i64 }),
        Unpacked::Str(q) => return Ok(vm.qstrs.hash(q) as i64),
        Unpacked::Imm(Imm::Const(1)) => return Ok(0),
        Unpacked::Imm(Imm::Const(2)) => return Ok(1),
        Unpacked::Imm(_) | Unpacked::Null => return Ok((v.bits() >> 3) as i64),
        Unpacked::Obj(off) => match vm.heap.kind(off) {
            Kind::Str | Kind::Bytes => return Ok(vm.heap.get::<obj::StrObj>(off).hash as i64),
            Kind::Int => {
                let iv = vm.int_of(v).unwrap_or(IntVal::Small(0));
                return Ok(obj::int::hash(&iv));
            }
            Kind::Float => return Ok(obj::float::hash(vm.heap.get::<obj::FloatObj>(off).v)),
            Kind::Complex => {
                let c = vm.heap.get::<obj::ComplexObj>(off);
                let (re, im) = (c.re, c.im);
                let h = obj::float::hash(re).wrapping_add(obj::float::hash(im).wrapping_mul(1000003));
                return Ok(if h == -1 { -2 } else { h });
            }
            Kind::Tuple => {
                let items: Vec<Value> = vm.tuple_items(v).map(|s| s.to_vec()).unwrap_or_default();
                // xxHash-based tuple hash as CPython 3.8+.
                const P1: u64 = 11400714785074694791;
                const P2: u64 = 14029467366897019727;
                const P5: u64 = 2870177450012600261;
                let mut acc: u64 = P5;
                for it in &items {
                    let lane = nested(vm, |vm| py_hash(vm, *it))? as u64;
                    acc = acc.wrapping_add(lane.wrapping_mul(P2));
                    acc = acc.rotate_left(31);
                    acc = acc.wrapping_mul(P1);
                }
                acc = acc.wrapping_add((items.len() as u64) ^ (P5 ^ 3527539));
                let h = acc as i64;
                return Ok(if h == -1 { 1546275796 } else { h });
            }
            Kind::List | Kind::Dict | Kind::ByteArray => {
                let t = type_name(vm, v);
                return Err(vm.raise_fmt(TypeId::TypeError, format_args!("unhashable type: '{t}'")));
            }
            Kind::Set if vm.heap.get::<obj::DictObj>(off).h.aux == 0 => {
                return Err(vm.raise(TypeId::TypeError, "unhashable type: 'set'"));
            }
            Kind::Set => {
                let mut h: i64 = 0;
                for (k, _) in vm.dict_items(v) {
                    h ^= py_hash(vm, k)?.wrapping_mul(0x9e3779b1);
                }
                return Ok(h);
            }
            Kind::Instance | Kind::Exception => {
                if let Some(r) = call_dunder(vm, v, q!("__hash__"), &[])? {
                    if r.is_none() {
                        let t = type_name(vm, v);
                        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("unhashable type: '{t}'")));
                    }
                    return Ok(vm.int_i64(r).unwrap_or(0));
                }
                // A class defining __eq__ without __hash__ is unhashable.
                let cls = type_of(vm, v);
                let d = cls.as_obj().map(|o| vm.heap.get::<obj::ClassObj>(o).dict).unwrap_or(Value::NULL);
                if !d.is_null() && vm.dict_get_str(d, q!("__eq__")).is_some() && vm.dict_get_str(d, q!("__hash__")).is_none() {
                    let t = type_name(vm, v);
                    return Err(vm.raise_fmt(TypeId::TypeError, format_args!("unhashable type: '{t}'")));
                }
                let n = native_of(vm, v);
                if n != v {
                    return py_hash(vm, n);
                }
            }
            _ => {}
        },
    }
    Ok((v.bits() >> 4) as i64)
}

/// `a == b` as a bool.
pub fn eq(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    if a == b {
        // Identity implies equality except for NaN floats.
        return Ok(vm.float_of(a).is_none_or(|f| !f.is_nan()));
    }
    if a.is_small() && b.is_small() {
        return Ok(false);
    }
    if let (Some(_), Some(_)) = (a.as_qstr(), b.as_qstr()) {
        return Ok(false);
    }
    let r = compare(vm, CmpOp::Eq, a, b)?;
    truthy(vm, r)
}

fn num_of(vm: &Vm, v: Value) -> Option<Num> {
    if let Some(i) = v.as_small() {
        return Some(Num::Int(IntVal::Small(i as i64)));
    }
    if let Some(f) = vm.float_of(v) {
        return Some(Num::Float(f));
    }
    if let Some(i) = vm.int_of(v) {
        return Some(Num::Int(i));
    }
    if let Some(off) = v.as_obj() {
        if vm.heap.kind(off) == Kind::Complex {
            let c = vm.heap.get::<obj::ComplexObj>(off);
            return Some(Num::Complex(c.re, c.im));
        }
    }
    None
}

enum Num {
    Int(IntVal),
    Float(f64),
    Complex(f64, f64),
}

fn int_float_cmp(i: &IntVal, f: f64) -> Option<core::cmp::Ordering> {
    if f.is_nan() {
        return None;
    }
    match i {
        IntVal::Small(x) if x.unsigned_abs() < (1 << 53) => (*x as f64).partial_cmp(&f),
        _ => {
            if f.is_infinite() {
                return Some(if f > 0.0 { core::cmp::Ordering::Less } else { core::cmp::Ordering::Greater });
            }
            let fi = libm::floor(f);
            let fb = num_bigint::BigInt::from(fi as i128);
            let c = i.to_big().cmp(&fb);
            if c == core::cmp::Ordering::Equal && fi != f {
                Some(core::cmp::Ordering::Less)
            } else {
                Some(c)
            }
        }
    }
}

fn ord_result(op: CmpOp, o: Option<core::cmp::Ordering>) -> bool {
    use core::cmp::Ordering::*;
    match (op, o) {
        (CmpOp::Eq, Some(Equal)) => true,
        (CmpOp::Ne, Some(Equal)) => false,
        (CmpOp::Ne, _) => true,
        (CmpOp::Lt, Some(Less)) => true,
        (CmpOp::Le, Some(Less | Equal)) => true,
        (CmpOp::Gt, Some(Greater)) => true,
        (CmpOp::Ge, Some(Greater | Equal)) => true,
        _ => false,
    }
}

fn reflected(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Ge => CmpOp::Le,
        o => o,
    }
}

fn cmp_dunder(op: CmpOp) -> Qstr {
    match op {
        CmpOp::Lt => q!("__lt__"),
        CmpOp::Le => q!("__le__"),
        CmpOp::Eq => q!("__eq__"),
        CmpOp::Ne => q!("__ne__"),
        CmpOp::Gt => q!("__gt__"),
        _ => q!("__ge__"),
    }
}

fn cmp_symbol(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Lt => "<",
        CmpOp::Le => "<=",
        CmpOp::Eq => "==",
        CmpOp::Ne => "!=",
        CmpOp::Gt => ">",
        CmpOp::Ge => ">=",
        CmpOp::In => "in",
        CmpOp::NotIn => "not in",
        CmpOp::Is => "is",
        CmpOp::IsNot => "is not",
    }
}

/// Lexicographic comparison of two sequences.
fn seq_compare(vm: &mut Vm, op: CmpOp, a: &[Value], b: &[Value]) -> PyResult<bool> {
    let n = a.len().min(b.len());
    for i in 0..n {
        if a[i] != b[i] && !eq(vm, a[i], b[i])? {
            if op == CmpOp::Eq {
                return Ok(false);
            }
            if op == CmpOp::Ne {
                return Ok(true);
            }
            let r = compare(vm, op, a[i], b[i])?;
            return truthy(vm, r);
        }
    }
    Ok(ord_result(op, Some(a.len().cmp(&b.len()))))
}

/// Run `f` one level deeper in native recursion (nested containers, callbacks into
/// Python); RecursionError instead of overflowing the Rust stack.
pub fn nested<T>(vm: &mut Vm, f: impl FnOnce(&mut Vm) -> PyResult<T>) -> PyResult<T> {
    vm.native_depth += 1;
    if vm.native_depth > vm.config.max_native_depth {
        vm.native_depth -= 1;
        return Err(vm.raise(TypeId::RecursionError, "maximum recursion depth exceeded"));
    }
    let r = f(vm);
    vm.native_depth -= 1;
    r
}

/// Rich comparison `a op b` (all `CmpOp`s).
pub fn compare(vm: &mut Vm, op: CmpOp, a: Value, b: Value) -> PyResult<Value> {
    match op {
        CmpOp::Is => return Ok(Value::bool(a == b)),
        CmpOp::IsNot => return Ok(Value::bool(a != b)),
        CmpOp::In => return Ok(Value::bool(contains(vm, b, a)?)),
        CmpOp::NotIn => return Ok(Value::bool(!contains(vm, b, a)?)),
        _ => {}
    }
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        return Ok(Value::bool(ord_result(op, Some(x.cmp(&y)))));
    }
    // User-defined comparison first (with reflection).
    if is_user(vm, a) || is_user(vm, b) {
        return match compare_step(vm, op, a, b, 0, false)? {
            Step::Done(r) => Ok(r),
            // Not produced without `frames`.
            Step::Call { .. } => Err(vm.raise(TypeId::RuntimeError, "operator protocol")),
        };
    }
    // Strings (before numbers: cheaper to rule out, and a str is never a number).
    if let (Some(x), Some(y)) = (vm.str_of(a), vm.str_of(b)) {
        let o = x.cmp(y);
        return Ok(Value::bool(ord_result(op, Some(o))));
    }
    // Numbers.
    if let (Some(x), Some(y)) = (num_of(vm, a), num_of(vm, b)) {
        let o = match (&x, &y) {
            (Num::Int(i), Num::Int(j)) => Some(obj::int::cmp(i, j)),
            (Num::Float(f), Num::Float(g)) => f.partial_cmp(g),
            (Num::Int(i), Num::Float(f)) => int_float_cmp(i, *f),
            (Num::Float(f), Num::Int(i)) => int_float_cmp(i, *f).map(|o| o.reverse()),
            _ => {
                let (ar, ai) = complex_parts(&x);
                let (br, bi) = complex_parts(&y);
                if matches!(op, CmpOp::Eq | CmpOp::Ne) {
                    return Ok(Value::bool((ar == br && ai == bi) == (op == CmpOp::Eq)));
                }
                return Err(cmp_type_error(vm, op, a, b));
            }
        };
        return Ok(Value::bool(ord_result(op, o)));
    }
    // Bytes-like.
    if let (Some(x), Some(y)) = (obj::bytes::buffer_of(vm, a), obj::bytes::buffer_of(vm, b)) {
        let o = x.cmp(&y);
        return Ok(Value::bool(ord_result(op, Some(o))));
    }
    let (ka, kb) = (a.as_obj().map(|o| vm.heap.kind(o)), b.as_obj().map(|o| vm.heap.kind(o)));
    match (ka, kb) {
        (Some(Kind::Tuple), Some(Kind::Tuple)) | (Some(Kind::List), Some(Kind::List)) => {
            let x: Vec<Value> = seq_items(vm, a);
            let y: Vec<Value> = seq_items(vm, b);
            return nested(vm, |vm| seq_compare(vm, op, &x, &y)).map(Value::bool);
        }
        (Some(Kind::Dict), Some(Kind::Dict)) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
            let r = nested(vm, |vm| obj::set::dict_eq(vm, a, b))?;
            return Ok(Value::bool(r == (op == CmpOp::Eq)));
        }
        (Some(Kind::Set), Some(Kind::Set)) => {
            return nested(vm, |vm| obj::set::set_compare(vm, op, a, b)).map(Value::bool);
        }
        (Some(Kind::DictView), Some(_)) | (Some(_), Some(Kind::DictView)) => {
            if let Some(r) = obj::set::view_compare(vm, op, a, b)? {
                return Ok(Value::bool(r));
            }
        }
        (Some(Kind::BoundMethod), Some(Kind::BoundMethod)) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
            let x = vm.heap.get::<obj::BoundObj>(a.as_obj().unwrap_or(0));
            let y = vm.heap.get::<obj::BoundObj>(b.as_obj().unwrap_or(0));
            let same = x.func == y.func && x.self_ == y.self_;
            return Ok(Value::bool(same == (op == CmpOp::Eq)));
        }
        (Some(Kind::Range), Some(Kind::Range)) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
            let r = obj::range::range_eq(vm, a, b);
            return Ok(Value::bool(r == (op == CmpOp::Eq)));
        }
        _ => {}
    }
    match op {
        CmpOp::Eq => Ok(Value::bool(a == b)),
        CmpOp::Ne => Ok(Value::bool(a != b)),
        _ => Err(cmp_type_error(vm, op, a, b)),
    }
}

/// An instance of a user class (an exception included): its class may define operators.
#[inline(always)]
pub(crate) fn is_user(vm: &Vm, v: Value) -> bool {
    v.as_obj().is_some_and(|o| matches!(vm.heap.kind(o), Kind::Instance | Kind::Exception))
}

/// Rich comparison `a op b` (one of the six) with a user instance among the operands, from
/// stage `stage` on, as CPython's `do_richcompare`: the reflected method of `b` first when
/// `type(b)` is a proper subclass of `type(a)` (or `a` is not a user instance), then `a`'s
/// method, then `b`'s reflected one if not tried yet; `x.__ne__` missing is `not
/// x.__eq__(y)` (object's `__ne__`); each NotImplemented moves on; then built-in
/// subclasses' payloads, identity for `==`/`!=`, TypeError. With `frames`, the first
/// plain Python function to call is returned as `Step::Call` instead.
pub(crate) fn compare_step(vm: &mut Vm, op: CmpOp, a: Value, b: Value, stage: u8, frames: bool) -> PyResult<Step> {
    let (a_user, b_user) = (is_user(vm, a), is_user(vm, b));
    // A subclass on the right gets priority (as CPython).
    let b_first = b_user && !a_user
        || (b_user && a_user && {
            let (ta, tb) = (type_of(vm, a), type_of(vm, b));
            ta != tb && is_subclass(vm, tb, ta)
        });
    let order: [(Value, Value, CmpOp); 2] = if b_first {
        [(b, a, reflected(op)), (a, b, op)]
    } else {
        [(a, b, op), (b, a, reflected(op))]
    };
    for (i, (x, y, o)) in order.into_iter().enumerate() {
        let i = i as u8;
        if i < stage {
            continue;
        }
        if let Some((f, cls)) = user_dunder(vm, x, cmp_dunder(o))? {
            if let Some(s) = dunder_step(vm, f, cls, x, y, i + 1, frames)? {
                return Ok(s);
            }
        } else if o == CmpOp::Ne {
            if let Some((f, cls)) = user_dunder(vm, x, q!("__eq__"))? {
                let r = call_found(vm, x, f, cls, &[y])?;
                if r != Value::NOT_IMPLEMENTED {
                    let t = truthy(vm, r)?;
                    return Ok(Step::Done(Value::bool(!t)));
                }
            }
        }
    }
    let (na, nb) = (native_of(vm, a), native_of(vm, b));
    if na != a || nb != b {
        return compare(vm, op, na, nb).map(Step::Done);
    }
    if matches!(op, CmpOp::Eq | CmpOp::Ne) {
        return Ok(Step::Done(Value::bool((a == b) == (op == CmpOp::Eq))));
    }
    Err(cmp_type_error(vm, op, a, b))
}

/// Frame kinds of `Frame::dunder` (bits 12..16); bits 8..12 are the stage to resume at,
/// bits 0..8 the operator's `BinaryOp`/`CompareOp` operand byte.
pub(crate) const DUNDER_BINARY: u16 = 1 << 12;
pub(crate) const DUNDER_COMPARE: u16 = 2 << 12;

/// `Frame::dunder` for a frame running an operator's special method.
#[inline(always)]
pub(crate) fn dunder_code(kind: u16, op_byte: u8, next: u8) -> u16 {
    kind | (next as u16 & 0xf) << 8 | op_byte as u16
}

/// The special method run by a frame with `Frame::dunder == code` returned NotImplemented:
/// the rest of the operator protocol for operands `a`, `b` (all calls nested).
#[inline(never)]
pub(crate) fn dunder_resume(vm: &mut Vm, code: u16, a: Value, b: Value) -> PyResult<Value> {
    let (next, k) = (((code >> 8) & 0xf) as u8, code as u8);
    let step = if code & 0xf000 == DUNDER_COMPARE {
        let Some(op) = CmpOp::from_u8(k) else { return Err(vm.raise(TypeId::RuntimeError, "bad operator")) };
        compare_step(vm, op, a, b, next, false)?
    } else {
        let Some((op, inplace)) = BinOp::from_u8(k) else { return Err(vm.raise(TypeId::RuntimeError, "bad operator")) };
        binary_step(vm, op, inplace, a, b, next, false)?
    };
    match step {
        Step::Done(r) => Ok(r),
        Step::Call { .. } => Err(vm.raise(TypeId::RuntimeError, "operator protocol")),
    }
}

fn complex_parts(n: &Num) -> (f64, f64) {
    match n {
        Num::Int(i) => (match i {
            IntVal::Small(x) => *x as f64,
            IntVal::Big(b) => obj::int::big_to_f64(b),
        }, 0.0),
        Num::Float(f) => (*f, 0.0),
        Num::Complex(r, i) => (*r, *i),
    }
}

fn cmp_type_error(vm: &mut Vm, op: CmpOp, a: Value, b: Value) -> crate::vm::Exc {
    let (ta, tb) = (type_name(vm, a), type_name(vm, b));
    vm.raise_fmt(
        TypeId::TypeError,
        format_args!("'{}' not supported between instances of '{ta}' and '{tb}'", cmp_symbol(op)),
    )
}

/// Items of a list or tuple, copied.
pub fn seq_items(vm: &Vm, v: Value) -> Vec<Value> {
    if let Some(t) = vm.tuple_items(v) {
        return t.to_vec();
    }
    vm.list_items(v).map(|s| s.to_vec()).unwrap_or_default()
}

// ---------------------------------------------------------------- operators

fn binop_dunder(op: BinOp, reflected: bool, inplace: bool) -> Qstr {
    use BinOp::*;
    match (op, reflected, inplace) {
        (Add, false, false) => q!("__add__"),
        (Add, true, _) => q!("__radd__"),
        (Add, false, true) => q!("__iadd__"),
        (Sub, false, false) => q!("__sub__"),
        (Sub, true, _) => q!("__rsub__"),
        (Sub, false, true) => q!("__isub__"),
        (Mul, false, false) => q!("__mul__"),
        (Mul, true, _) => q!("__rmul__"),
        (Mul, false, true) => q!("__imul__"),
        (TrueDiv, false, false) => q!("__truediv__"),
        (TrueDiv, true, _) => q!("__rtruediv__"),
        (TrueDiv, false, true) => q!("__itruediv__"),
        (FloorDiv, false, false) => q!("__floordiv__"),
        (FloorDiv, true, _) => q!("__rfloordiv__"),
        (FloorDiv, false, true) => q!("__ifloordiv__"),
        (Mod, false, false) => q!("__mod__"),
        (Mod, true, _) => q!("__rmod__"),
        (Mod, false, true) => q!("__imod__"),
        (Pow, false, false) => q!("__pow__"),
        (Pow, true, _) => q!("__rpow__"),
        (Pow, false, true) => q!("__ipow__"),
        (LShift, false, false) => q!("__lshift__"),
        (LShift, true, _) => q!("__rlshift__"),
        (LShift, false, true) => q!("__ilshift__"),
        (RShift, false, false) => q!("__rshift__"),
        (RShift, true, _) => q!("__rrshift__"),
        (RShift, false, true) => q!("__irshift__"),
        (And, false, false) => q!("__and__"),
        (And, true, _) => q!("__rand__"),
        (And, false, true) => q!("__iand__"),
        (Or, false, false) => q!("__or__"),
        (Or, true, _) => q!("__ror__"),
        (Or, false, true) => q!("__ior__"),
        (Xor, false, false) => q!("__xor__"),
        (Xor, true, _) => q!("__rxor__"),
        (Xor, false, true) => q!("__ixor__"),
        (MatMul, false, false) => q!("__matmul__"),
        (MatMul, true, _) => q!("__rmatmul__"),
        (MatMul, false, true) => q!("__imatmul__"),
    }
}

/// What an operator protocol does next: finished with a value, or call the Python
/// function `f` as `f(x, y)` (the interpreter pushes its frame; when it returns
/// NotImplemented the protocol continues at stage `next` via `dunder_resume`).
pub(crate) enum Step {
    Done(Value),
    Call { f: Value, x: Value, y: Value, next: u8 },
}

/// `type(v).name` if it is a special method a user class provides (a user instance's
/// class, not a built-in base's native method: those are reached through `native_of`).
#[inline]
fn user_dunder(vm: &mut Vm, v: Value, name: Qstr) -> PyResult<Option<(Value, Value)>> {
    if !v.as_obj().is_some_and(|o| matches!(vm.heap.kind(o), Kind::Instance | Kind::Exception)) {
        return Ok(None);
    }
    let cls = type_of(vm, v);
    Ok(lookup_in_type(vm, cls, name)?.filter(|f| !matches!(f.unpack(), Unpacked::Imm(Imm::TypeFun(..)))).map(|f| (f, cls)))
}

/// The Python function `type(v).name` when it is a plain function defined by a user class
/// (the interpreter may run it in a frame of its loop); None for anything else.
#[inline]
pub(crate) fn dunder_func(vm: &mut Vm, v: Value, name: Qstr) -> PyResult<Option<Value>> {
    Ok(user_dunder(vm, v, name)?.map(|(f, _)| f).filter(|f| f.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Func)))
}

/// One step of an operator protocol: the special method `f` found on `cls = type(x)`,
/// called as `x.f(y)`. With `frames` a plain Python function is handed back to the
/// interpreter (`Step::Call`); otherwise it is called here. Some(result) unless it
/// returned NotImplemented.
#[inline]
fn dunder_step(vm: &mut Vm, f: Value, cls: Value, x: Value, y: Value, next: u8, frames: bool) -> PyResult<Option<Step>> {
    if frames && f.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Func) {
        return Ok(Some(Step::Call { f, x, y, next }));
    }
    let r = call_found(vm, x, f, cls, &[y])?;
    Ok((r != Value::NOT_IMPLEMENTED).then_some(Step::Done(r)))
}

/// Stages of `binary_step`.
const BIN_INPLACE: u8 = 0;
const BIN_SUB_REFLECTED: u8 = 1;
const BIN_FORWARD: u8 = 2;
const BIN_REFLECTED: u8 = 3;
const BIN_FALLBACK: u8 = 4;

/// Does `type(b)`, a proper subclass of `type(a)`, override the reflected method `rname`
/// (CPython's `method_is_overloaded`)? Its reflected method then runs first.
fn reflected_first(vm: &mut Vm, a: Value, b: Value, rname: Qstr) -> PyResult<bool> {
    let (ta, tb) = (type_of(vm, a), type_of(vm, b));
    if ta == tb || !is_subclass(vm, tb, ta) {
        return Ok(false);
    }
    let Some((rb, _)) = user_dunder(vm, b, rname)? else { return Ok(false) };
    Ok(lookup_in_type(vm, ta, rname)? != Some(rb))
}

/// `a op b` (`a op= b` when `inplace`) from stage `stage` on, as CPython: `a.__iop__(b)`;
/// `b.__rop__(a)` first when `type(b)` is a proper subclass of `type(a)` overriding it;
/// `a.__op__(b)`; `b.__rop__(a)` when the types differ; each answer NotImplemented moves
/// on; then built-in subclasses' payloads, built-in operators, TypeError. With `frames`,
/// the first plain Python function to call is returned as `Step::Call` instead.
#[inline(never)]
pub(crate) fn binary_step(vm: &mut Vm, op: BinOp, inplace: bool, a: Value, b: Value, stage: u8, frames: bool) -> PyResult<Step> {
    // The common case first: `a` a user instance, `b` of the same class or not a user
    // object, no in-place method to try. Then no reflected method can come before
    // `a.__op__(b)` (nor after it: same class, or `b` has none), so when that is a plain
    // Python function it is the call; the protocol resumes after it (`BIN_REFLECTED`).
    if frames && stage == BIN_INPLACE && !inplace {
        if let Some(ao) = a.as_obj().filter(|&o| vm.heap.kind(o) == Kind::Instance) {
            let cls = vm.heap.get::<obj::InstObj>(ao).class;
            let plain_b = match b.as_obj() {
                None => true,
                Some(bo) => match vm.heap.kind(bo) {
                    Kind::Instance => vm.heap.get::<obj::InstObj>(bo).class == cls,
                    Kind::Exception | Kind::Class => false,
                    _ => true,
                },
            };
            if plain_b {
                if let Some(f) = lookup_in_type(vm, cls, binop_dunder(op, false, false))? {
                    if f.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Func) {
                        return Ok(Step::Call { f, x: a, y: b, next: BIN_REFLECTED });
                    }
                }
            }
        }
    }
    let a_user = a.as_obj().is_some_and(|o| matches!(vm.heap.kind(o), Kind::Instance | Kind::Exception | Kind::Class));
    let b_user = b.as_obj().is_some_and(|o| matches!(vm.heap.kind(o), Kind::Instance | Kind::Exception | Kind::Class));
    if !(a_user || b_user) {
        let r = obj::ops::builtin_binop(vm, op, inplace, a, b)?;
        if r == Value::NOT_IMPLEMENTED {
            return Err(binop_type_error(vm, op, inplace, a, b));
        }
        return Ok(Step::Done(r));
    }
    if stage <= BIN_INPLACE && inplace {
        if let Some((f, cls)) = user_dunder(vm, a, binop_dunder(op, false, true))? {
            if let Some(s) = dunder_step(vm, f, cls, a, b, BIN_SUB_REFLECTED, frames)? {
                return Ok(s);
            }
        }
    }
    let rname = binop_dunder(op, true, false);
    let b_sub_first = a_user && b_user && stage <= BIN_REFLECTED && reflected_first(vm, a, b, rname)?;
    if stage <= BIN_SUB_REFLECTED && b_sub_first {
        if let Some((f, cls)) = user_dunder(vm, b, rname)? {
            if let Some(s) = dunder_step(vm, f, cls, b, a, BIN_FORWARD, frames)? {
                return Ok(s);
            }
        }
    }
    if stage <= BIN_FORWARD {
        if let Some((f, cls)) = user_dunder(vm, a, binop_dunder(op, false, false))? {
            if let Some(s) = dunder_step(vm, f, cls, a, b, BIN_REFLECTED, frames)? {
                return Ok(s);
            }
        }
    }
    if stage <= BIN_REFLECTED && !b_sub_first && b_user && type_of(vm, a) != type_of(vm, b) {
        if let Some((f, cls)) = user_dunder(vm, b, rname)? {
            if let Some(s) = dunder_step(vm, f, cls, b, a, BIN_FALLBACK, frames)? {
                return Ok(s);
            }
        }
    }
    let (na, nb) = (native_of(vm, a), native_of(vm, b));
    if (na != a || nb != b) && !is_user(vm, na) && !is_user(vm, nb) {
        // Built-in subclass payloads: their operator, the error naming the subclasses.
        let r = obj::ops::builtin_binop(vm, op, inplace, na, nb)?;
        if r == Value::NOT_IMPLEMENTED {
            return Err(binop_type_error(vm, op, inplace, a, b));
        }
        return Ok(Step::Done(if inplace && r == na && na != a { a } else { r }));
    }
    if na != a || nb != b {
        let r = binary_op(vm, op, inplace, na, nb)?;
        // `x += y` on a built-in subclass instance keeps the instance.
        return Ok(Step::Done(if inplace && r == na && na != a { a } else { r }));
    }
    // A built-in left operand whose operator accepts any right operand ('%s' % obj).
    if !a_user {
        let r = obj::ops::builtin_binop(vm, op, inplace, a, b)?;
        if r != Value::NOT_IMPLEMENTED {
            return Ok(Step::Done(r));
        }
    }
    Err(binop_type_error(vm, op, inplace, a, b))
}

/// `a op b` (or `a op= b` when `inplace`).
pub fn binary_op(vm: &mut Vm, op: BinOp, inplace: bool, a: Value, b: Value) -> PyResult<Value> {
    let user = |v: Value| v.as_obj().is_some_and(|o| matches!(vm.heap.kind(o), Kind::Instance | Kind::Exception | Kind::Class));
    if !(user(a) || user(b)) {
        let r = obj::ops::builtin_binop(vm, op, inplace, a, b)?;
        if r == Value::NOT_IMPLEMENTED {
            return Err(binop_type_error(vm, op, inplace, a, b));
        }
        return Ok(r);
    }
    match binary_step(vm, op, inplace, a, b, BIN_INPLACE, false)? {
        Step::Done(r) => Ok(r),
        // Not produced without `frames`.
        Step::Call { .. } => Err(vm.raise(TypeId::RuntimeError, "operator protocol")),
    }
}

fn binop_type_error(vm: &mut Vm, op: BinOp, inplace: bool, a: Value, b: Value) -> crate::vm::Exc {
    let (ta, tb) = (type_name(vm, a), type_name(vm, b));
    let eq = match (inplace, op) {
        (true, _) => "=",
        (false, BinOp::Pow) => " or pow()",
        _ => "",
    };
    vm.raise_fmt(
        TypeId::TypeError,
        format_args!("unsupported operand type(s) for {}{eq}: '{ta}' and '{tb}'", op.symbol()),
    )
}

/// The special method of `-a`, `+a`, `~a`.
pub(crate) fn unary_dunder(op: UnOp) -> Qstr {
    match op {
        UnOp::Neg => q!("__neg__"),
        UnOp::Pos => q!("__pos__"),
        _ => q!("__invert__"),
    }
}

/// `op a`.
pub fn unary_op(vm: &mut Vm, op: UnOp, a: Value) -> PyResult<Value> {
    if op == UnOp::Not {
        return Ok(Value::bool(!truthy(vm, a)?));
    }
    if let Some(i) = a.as_small() {
        return match op {
            UnOp::Neg => obj::int::new_int(vm, -(i as i64)),
            UnOp::Pos => Ok(a),
            _ => Ok(Value::small(!i)),
        };
    }
    if a == Value::TRUE || a == Value::FALSE {
        let i = (a == Value::TRUE) as i32;
        return Ok(match op {
            UnOp::Neg => Value::small(-i),
            UnOp::Pos => Value::small(i),
            _ => Value::small(!i),
        });
    }
    if a.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Instance) {
        let name = unary_dunder(op);
        if has_dunder(vm, a, name)? {
            if let Some(r) = call_dunder(vm, a, name, &[])? {
                return Ok(r);
            }
        }
        let n = native_of(vm, a);
        if n != a {
            return unary_op(vm, op, n);
        }
    }
    if let Some(f) = vm.float_of(a) {
        return match op {
            UnOp::Neg => obj::float::new_float(vm, -f),
            UnOp::Pos => Ok(a),
            _ => Err(vm.raise(TypeId::TypeError, "bad operand type for unary ~: 'float'")),
        };
    }
    if let Some(iv) = vm.int_of(a) {
        let b = iv.to_big();
        return match op {
            UnOp::Neg => obj::int::new_big(vm, &-b),
            UnOp::Pos => Ok(a),
            _ => obj::int::new_big(vm, &(-b - 1)),
        };
    }
    if let Some(off) = a.as_obj() {
        if vm.heap.kind(off) == Kind::Complex {
            let c = vm.heap.get::<obj::ComplexObj>(off);
            let (re, im) = (c.re, c.im);
            return match op {
                UnOp::Neg => obj::complex::new_complex(vm, -re, -im),
                UnOp::Pos => Ok(a),
                _ => Err(vm.raise(TypeId::TypeError, "bad operand type for unary ~: 'complex'")),
            };
        }
    }
    let t = type_name(vm, a);
    let sym = match op {
        UnOp::Neg => "-",
        UnOp::Pos => "+",
        _ => "~",
    };
    Err(vm.raise_fmt(TypeId::TypeError, format_args!("bad operand type for unary {sym}: '{t}'")))
}

// ---------------------------------------------------------------- repr / str

/// `repr(v)` as a Rust String.
pub fn repr_string(vm: &mut Vm, v: Value) -> PyResult<String> {
    let mut s = String::new();
    repr_into(vm, v, &mut s)?;
    Ok(s)
}

/// `str(v)` as a Rust String.
pub fn str_string(vm: &mut Vm, v: Value) -> PyResult<String> {
    if let Some(s) = vm.str_of(v) {
        return Ok(String::from(s));
    }
    if v.as_obj().is_some_and(|o| matches!(vm.heap.kind(o), Kind::Instance | Kind::Exception)) {
        if has_dunder(vm, v, q!("__str__"))? {
            if let Some(r) = call_dunder(vm, v, q!("__str__"), &[])? {
                return match vm.str_of(r) {
                    Some(s) => Ok(String::from(s)),
                    None => Err(vm.raise(TypeId::TypeError, "__str__ returned non-string")),
                };
            }
        }
        if vm.is_exception(v) && !has_dunder(vm, v, q!("__repr__"))? {
            return obj::exc::exc_str(vm, v);
        }
    }
    repr_string(vm, v)
}

/// `repr(v)`.
pub fn repr(vm: &mut Vm, v: Value) -> PyResult<Value> {
    let s = repr_string(vm, v)?;
    vm.new_str(&s)
}

/// `str(v)`.
pub fn to_str(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if vm.str_of(v).is_some() && !v.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Instance) {
        return Ok(v);
    }
    let s = str_string(vm, v)?;
    vm.new_str(&s)
}

/// Append `repr(v)` to `out`.
pub fn repr_into(vm: &mut Vm, v: Value, out: &mut String) -> PyResult<()> {
    vm.native_depth += 1;
    if vm.native_depth > vm.config.max_native_depth {
        vm.native_depth -= 1;
        return Err(vm.raise(TypeId::RecursionError, "maximum recursion depth exceeded"));
    }
    let r = repr_inner(vm, v, out);
    vm.native_depth -= 1;
    r
}

fn repr_inner(vm: &mut Vm, v: Value, out: &mut String) -> PyResult<()> {
    match v.unpack() {
        Unpacked::Null => out.push_str("<NULL>"),
        Unpacked::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Unpacked::Str(_) => obj::str::repr_str(vm.str_of(v).unwrap_or(""), out),
        Unpacked::Imm(Imm::Const(c)) => out.push_str(match c {
            0 => "None",
            1 => "False",
            2 => "True",
            3 => "Ellipsis",
            _ => "NotImplemented",
        }),
        Unpacked::Imm(Imm::Type(_)) => {
            let _ = write!(out, "<class '{}'>", type_name_of_class(vm, v));
        }
        Unpacked::Imm(Imm::Module(m)) => {
            let n = crate::types::ModuleId::from_u8(m).map_or("?", |m| rom::module_def(m).name);
            let _ = write!(out, "<module '{n}'>");
        }
        Unpacked::Imm(Imm::ModFun(..)) => {
            let _ = write!(out, "<built-in function {}>", native_name(vm, v));
        }
        Unpacked::Imm(Imm::TypeFun(t, _)) => {
            let tn = TypeId::from_u8(t).map_or("?", |t| rom::type_def(t).name);
            let _ = write!(out, "<built-in method {} of {tn}>", native_name(vm, v));
        }
        Unpacked::Obj(off) => match vm.heap.kind(off) {
            Kind::Str => obj::str::repr_str(vm.str_of(v).unwrap_or(""), out),
            Kind::Int => {
                let iv = vm.int_of(v).unwrap_or(IntVal::Small(0));
                match iv {
                    IntVal::Small(i) => {
                        let _ = write!(out, "{i}");
                    }
                    IntVal::Big(b) => {
                        let _ = write!(out, "{b}");
                    }
                }
            }
            Kind::Float => out.push_str(&obj::float::repr(vm.heap.get::<obj::FloatObj>(off).v)),
            Kind::Complex => obj::complex::repr_into(vm, v, out),
            Kind::Bytes | Kind::ByteArray => obj::bytes::repr_into(vm, v, out),
            Kind::List | Kind::Tuple => {
                let is_list = vm.heap.kind(off) == Kind::List;
                let items = seq_items(vm, v);
                out.push(if is_list { '[' } else { '(' });
                for (i, it) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    repr_into(vm, *it, out)?;
                }
                if !is_list && items.len() == 1 {
                    out.push(',');
                }
                out.push(if is_list { ']' } else { ')' });
            }
            Kind::Dict => {
                out.push('{');
                for (i, (k, val)) in vm.dict_items(v).into_iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    repr_into(vm, k, out)?;
                    out.push_str(": ");
                    repr_into(vm, val, out)?;
                }
                out.push('}');
            }
            Kind::Set => {
                let frozen = vm.heap.get::<obj::DictObj>(off).h.aux == 1;
                let items = vm.dict_items(v);
                if items.is_empty() {
                    out.push_str(if frozen { "frozenset()" } else { "set()" });
                } else {
                    if frozen {
                        out.push_str("frozenset(");
                    }
                    out.push('{');
                    for (i, (k, _)) in items.into_iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        repr_into(vm, k, out)?;
                    }
                    out.push('}');
                    if frozen {
                        out.push(')');
                    }
                }
            }
            Kind::Range => obj::range::repr_into(vm, v, out),
            Kind::Slice => {
                let s = vm.heap.get::<obj::SliceObj>(off);
                let (a, b, c) = (s.start, s.stop, s.step);
                out.push_str("slice(");
                repr_into(vm, a, out)?;
                out.push_str(", ");
                repr_into(vm, b, out)?;
                out.push_str(", ");
                repr_into(vm, c, out)?;
                out.push(')');
            }
            Kind::Func => {
                let code = vm.heap.get::<obj::FuncObj>(off).code;
                let q = vm.code(code).qualname;
                let _ = write!(out, "<function {} at 0x{:x}>", vm.str_of(q).unwrap_or("?"), off);
            }
            Kind::BoundMethod => {
                let f = vm.heap.get::<obj::BoundObj>(off).func;
                let n = getattr_opt(vm, f, q!("__name__"))?.unwrap_or(Value::NONE);
                let _ = write!(out, "<bound_method {}>", vm.str_of(n).unwrap_or("?"));
            }
            Kind::Class => {
                let _ = write!(out, "<class '{}'>", type_name_of_class(vm, v));
            }
            Kind::Module => {
                let n = vm.heap.get::<obj::ModuleObj>(off).name;
                let _ = write!(out, "<module '{}'>", vm.str_of(n).unwrap_or("?"));
            }
            Kind::Generator => {
                let code = vm.heap.get::<obj::GenObj>(off).code;
                let coro = vm.heap.get::<obj::GenObj>(off).h.aux == 1;
                let q = vm.code(code).qualname;
                let _ = write!(
                    out,
                    "<{} object {} at 0x{:x}>",
                    if coro { "coroutine" } else { "generator" },
                    vm.str_of(q).unwrap_or("?"),
                    off
                );
            }
            Kind::Instance | Kind::Exception => {
                if has_dunder(vm, v, q!("__repr__"))? {
                    if let Some(r) = call_dunder(vm, v, q!("__repr__"), &[])? {
                        match vm.str_of(r) {
                            Some(s) => out.push_str(s),
                            None => return Err(vm.raise(TypeId::TypeError, "__repr__ returned non-string")),
                        }
                        return Ok(());
                    }
                }
                if vm.heap.kind(off) == Kind::Exception {
                    let name = type_name(vm, v);
                    out.push_str(&name);
                    let args = vm.exc_args(v);
                    let items: Vec<Value> = vm.tuple_items(args).map(|s| s.to_vec()).unwrap_or_default();
                    if items.len() == 1 {
                        out.push('(');
                        repr_into(vm, items[0], out)?;
                        out.push(')');
                    } else {
                        repr_into(vm, args, out)?;
                    }
                    return Ok(());
                }
                let n = native_of(vm, v);
                if n != v {
                    return repr_into(vm, n, out);
                }
                let cls = type_of(vm, v);
                let _ = write!(out, "<{} object at 0x{:x}>", type_name_of_class(vm, cls), off);
            }
            Kind::DictView => obj::set::view_repr(vm, v, out)?,
            Kind::Native => {
                // As MicroPython: a native type without a print function is `<Type>`
                // (py/obj.c mp_obj_print_helper); io objects print as its io module's do.
                let t = type_name(vm, v);
                let o = vm.heap.get::<obj::Obj4>(off);
                let _ = match TypeId::from_u8(o.h.aux as u8) {
                    Some(TypeId::StringIO | TypeId::BytesIO) => write!(out, "<io.{t} 0x{off:x}>"),
                    Some(TypeId::FileIO | TypeId::TextFile) => write!(out, "<io.{t}>"),
                    Some(TypeId::TextIOWrapper) => write!(out, "<io.{t} {}>", o.i),
                    _ => write!(out, "<{t}>"),
                };
            }
            _ => {
                let t = type_name(vm, v);
                let _ = write!(out, "<{t} object at 0x{off:x}>");
            }
        },
    }
    Ok(())
}

// ---------------------------------------------------------------- containers

/// `len(v)`.
pub fn len(vm: &mut Vm, v: Value) -> PyResult<usize> {
    if let Unpacked::Str(_) = v.unpack() {
        return Ok(vm.str_char_len(v));
    }
    if let Some(off) = v.as_obj() {
        match vm.heap.kind(off) {
            Kind::Str => return Ok(vm.heap.get::<obj::StrObj>(off).nchars as usize),
            Kind::Bytes => return Ok(vm.heap.get::<obj::StrObj>(off).len as usize),
            Kind::List | Kind::ByteArray => return Ok(vm.heap.get::<obj::ListObj>(off).len as usize),
            Kind::Tuple => return Ok(vm.heap.get::<obj::TupleObj>(off).len as usize),
            Kind::Dict | Kind::Set => return Ok(vm.heap.get::<obj::DictObj>(off).len as usize),
            Kind::Range => return Ok(obj::range::range_len(vm, v)),
            Kind::DictView => {
                let d = vm.heap.get::<obj::Obj4>(off).a;
                return Ok(vm.dict_len(d));
            }
            Kind::MemoryView => return Ok(vm.heap.get::<obj::Obj4>(off).j as usize),
            Kind::Instance => {
                if let Some(r) = call_dunder(vm, v, q!("__len__"), &[])? {
                    return match vm.int_i64(r) {
                        Some(n) if n >= 0 => Ok(n as usize),
                        _ => Err(vm.raise(TypeId::ValueError, "__len__() should return >= 0")),
                    };
                }
                let n = native_of(vm, v);
                if n != v {
                    return len(vm, n);
                }
            }
            _ => {}
        }
    }
    let t = type_name(vm, v);
    Err(vm.raise_fmt(TypeId::TypeError, format_args!("object of type '{t}' has no len()")))
}

/// `item in container`.
pub fn contains(vm: &mut Vm, container: Value, item: Value) -> PyResult<bool> {
    if let Some(s) = vm.str_of(container) {
        if container.as_obj().is_none_or(|o| vm.heap.kind(o) != Kind::Instance) {
            let Some(sub) = vm.str_of(item) else {
                let t = type_name(vm, item);
                return Err(vm.raise_fmt(TypeId::TypeError, format_args!("'in <string>' requires string as left operand, not {t}")));
            };
            return Ok(obj::search::find(s.as_bytes(), sub.as_bytes()).is_some());
        }
    }
    if let Some(off) = container.as_obj() {
        match vm.heap.kind(off) {
            Kind::Dict => return Ok(vm.dict_get(container, item)?.is_some()),
            Kind::Set => return obj::set::set_contains(vm, container, item),
            Kind::List | Kind::Tuple => {
                let items = seq_items(vm, container);
                for x in items {
                    if x == item || eq(vm, x, item)? {
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
            Kind::Bytes | Kind::ByteArray | Kind::MemoryView => return obj::bytes::contains(vm, container, item),
            Kind::Range => return obj::range::range_contains(vm, container, item),
            Kind::DictView => return obj::set::view_contains(vm, container, item),
            Kind::Instance => {
                if has_dunder(vm, container, q!("__contains__"))? {
                    if let Some(r) = call_dunder(vm, container, q!("__contains__"), &[item])? {
                        return truthy(vm, r);
                    }
                }
                let n = native_of(vm, container);
                if n != container {
                    return contains(vm, n, item);
                }
            }
            _ => {}
        }
    }
    // Generic: iterate.
    let it = iter(vm, container)?;
    let sp = vm.stack.len();
    vm.stack.push(it);
    let r = (|| {
        while let Some(x) = next(vm, it)? {
            if eq(vm, x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    })();
    vm.stack.truncate(sp);
    r
}

/// Normalise an index for a sequence of length `len` (negative counts from the end).
pub fn seq_index(vm: &mut Vm, idx: Value, len: usize, what: &str) -> PyResult<usize> {
    let Some(i) = vm.int_i64(idx) else {
        if vm.int_of(idx).is_some() {
            return Err(vm.raise_fmt(TypeId::IndexError, format_args!("{what} index out of range")));
        }
        let t = type_name(vm, idx);
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("{what} indices must be integers, not {t}")));
    };
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(vm.raise_fmt(TypeId::IndexError, format_args!("{what} index out of range")));
    }
    Ok(j as usize)
}

/// `obj[key]`.
pub fn getitem(vm: &mut Vm, o: Value, key: Value) -> PyResult<Value> {
    if let Some(off) = o.as_obj() {
        match vm.heap.kind(off) {
            Kind::List => {
                if let Some(i) = key.as_small() {
                    let items = vm.list_items(o).unwrap_or(&[]);
                    let n = items.len() as i64;
                    let j = if i < 0 { i as i64 + n } else { i as i64 };
                    if j >= 0 && j < n {
                        return Ok(items[j as usize]);
                    }
                    return Err(vm.raise(TypeId::IndexError, "list index out of range"));
                }
                return obj::list::subscr(vm, o, key);
            }
            Kind::Tuple => {
                if let Some(i) = key.as_small() {
                    let items = vm.tuple_items(o).unwrap_or(&[]);
                    let n = items.len() as i64;
                    let j = if i < 0 { i as i64 + n } else { i as i64 };
                    if j >= 0 && j < n {
                        return Ok(items[j as usize]);
                    }
                    return Err(vm.raise(TypeId::IndexError, "tuple index out of range"));
                }
                return obj::tuple::subscr(vm, o, key);
            }
            Kind::Dict => {
                if let Some(v) = vm.dict_get(o, key)? {
                    return Ok(v);
                }
                return Err(vm.raise_with(TypeId::KeyError, key));
            }
            Kind::Str => return obj::str::subscr(vm, o, key),
            Kind::Bytes | Kind::ByteArray | Kind::MemoryView => return obj::bytes::subscr(vm, o, key),
            Kind::Range => return obj::range::subscr(vm, o, key),
            Kind::Instance => {
                if has_dunder(vm, o, q!("__getitem__"))? {
                    if let Some(r) = call_dunder(vm, o, q!("__getitem__"), &[key])? {
                        return Ok(r);
                    }
                }
                let n = native_of(vm, o);
                if n != o {
                    let r = getitem(vm, n, key);
                    if r.is_err() && vm.exc_matches(vm.exc, TypeId::KeyError) && vm.dict_off(o).is_some() {
                        if let Some(m) = call_dunder(vm, o, q!("__missing__"), &[key]).ok().flatten() {
                            vm.exc = Value::NULL;
                            return Ok(m);
                        }
                    }
                    return r;
                }
            }
            Kind::Class => {
                // Generic alias syntax (list[int]) is accepted and ignored.
                return Ok(o);
            }
            _ => {}
        }
    }
    if vm.str_of(o).is_some() {
        return obj::str::subscr(vm, o, key);
    }
    if o.as_type_id().is_some() {
        return Ok(o);
    }
    let t = type_name(vm, o);
    Err(vm.raise_fmt(TypeId::TypeError, format_args!("'{t}' object is not subscriptable")))
}

/// `obj[key] = v`.
pub fn setitem(vm: &mut Vm, o: Value, key: Value, v: Value) -> PyResult<()> {
    if let Some(off) = o.as_obj() {
        match vm.heap.kind(off) {
            Kind::List => {
                if let Some(i) = key.as_small() {
                    let n = vm.list_items(o).map_or(0, |s| s.len());
                    let j = seq_index(vm, Value::small(i), n, "list")?;
                    vm.list_items_mut(o)[j] = v;
                    return Ok(());
                }
                return obj::list::store_subscr(vm, o, key, v);
            }
            Kind::Dict => return vm.dict_set(o, key, v),
            Kind::ByteArray | Kind::MemoryView => return obj::bytes::store_subscr(vm, o, key, v),
            Kind::Instance => {
                if let Some(_r) = call_dunder(vm, o, q!("__setitem__"), &[key, v])? {
                    return Ok(());
                }
                let n = native_of(vm, o);
                if n != o {
                    return setitem(vm, n, key, v);
                }
            }
            _ => {}
        }
    }
    let t = type_name(vm, o);
    Err(vm.raise_fmt(TypeId::TypeError, format_args!("'{t}' object does not support item assignment")))
}

/// `del obj[key]`.
pub fn delitem(vm: &mut Vm, o: Value, key: Value) -> PyResult<()> {
    if let Some(off) = o.as_obj() {
        match vm.heap.kind(off) {
            Kind::List => return obj::list::del_subscr(vm, o, key),
            Kind::Dict => {
                if vm.dict_remove(o, key)?.is_none() {
                    return Err(vm.raise_with(TypeId::KeyError, key));
                }
                return Ok(());
            }
            Kind::ByteArray => return obj::bytes::del_subscr(vm, o, key),
            Kind::Instance => {
                if let Some(_r) = call_dunder(vm, o, q!("__delitem__"), &[key])? {
                    return Ok(());
                }
                let n = native_of(vm, o);
                if n != o {
                    return delitem(vm, n, key);
                }
            }
            _ => {}
        }
    }
    let t = type_name(vm, o);
    Err(vm.raise_fmt(TypeId::TypeError, format_args!("'{t}' object does not support item deletion")))
}

// ---------------------------------------------------------------- iteration

/// `iter(v)`.
pub fn iter(vm: &mut Vm, v: Value) -> PyResult<Value> {
    obj::iter::get_iter(vm, v)
}

/// `next(it)`: Some(value), or None when exhausted (StopIteration is absorbed).
pub fn next(vm: &mut Vm, it: Value) -> PyResult<Option<Value>> {
    obj::iter::next(vm, it)
}

/// Collect an iterable into a Vec (items stay rooted through the temp roots).
pub fn collect_iter(vm: &mut Vm, v: Value) -> PyResult<Vec<Value>> {
    if let Some(t) = vm.tuple_items(v) {
        return Ok(t.to_vec());
    }
    if let Some(off) = v.as_obj() {
        if vm.heap.kind(off) == Kind::List {
            return Ok(vm.list_items(v).map(|s| s.to_vec()).unwrap_or_default());
        }
    }
    let it = iter(vm, v)?;
    let sp = vm.stack.len();
    vm.stack.push(it);
    let mut out = Vec::new();
    let r = loop {
        match next(vm, it) {
            Ok(Some(x)) => {
                vm.root(x);
                out.push(x);
            }
            Ok(None) => break Ok(out),
            Err(e) => break Err(e),
        }
    };
    vm.stack.truncate(sp);
    r
}
