//! User-defined classes: `class` statements (`__build_class__`), `type(name, bases,
//! dict)`, the C3 method resolution order, and instantiation (`__new__`/`__init__`,
//! built-in base payloads, exception subclasses).

use alloc::vec::Vec;

use super::{ClassObj, ExcObj, InstObj, Kind};
use crate::qstr::Qstr;
use crate::runtime;
use crate::types::{Attr, TypeId};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// `__build_class__(body, name, *bases, **kw)`.
pub fn build_class(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    if args.len() < 2 {
        return Err(vm.raise(TypeId::TypeError, "__build_class__: not enough arguments"));
    }
    let (body, name) = (args[0], args[1]);
    let bases = super::tuple::new_tuple(vm, &args[2..])?;
    let ns = super::dict::new_dict(vm)?;
    let globals = vm.heap.get::<super::FuncObj>(body.as_obj().unwrap_or(0)).globals;
    if let Some(m) = vm.dict_get_str(globals, q!("__name__")) {
        vm.dict_set(ns, Value::qstr(q!("__module__")), m)?;
    }
    let code = vm.heap.get::<super::FuncObj>(body.as_obj().unwrap_or(0)).code;
    let qn = vm.code(code).qualname;
    vm.dict_set(ns, Value::qstr(q!("__qualname__")), qn)?;
    let cell = crate::call::call_python(vm, body, &[], &[], ns)?;
    vm.root(cell);
    let cls = make_class(vm, name, bases, ns)?;
    if let Some(c) = cell.as_obj() {
        if vm.heap.kind(c) == Kind::Cell {
            vm.heap.get_mut::<super::CellObj>(c).v = cls;
        }
    }
    // __init_subclass__ / __set_name__ are not supported (as MicroPython).
    Ok(cls)
}

/// Create a class from name, bases tuple and namespace dict.
pub fn make_class(vm: &mut Vm, name: Value, bases: Value, ns: Value) -> PyResult<Value> {
    let base_list: Vec<Value> = vm.tuple_items(bases).map(|s| s.to_vec()).unwrap_or_default();
    for &b in &base_list {
        if !runtime::is_type(vm, b) {
            return Err(vm.raise(TypeId::TypeError, "bases must be types"));
        }
        if let Some(t) = b.as_type_id().and_then(TypeId::from_u8) {
            if !crate::rom::type_def(t).subclassable && !t.is_exception() && !matches!(t, TypeId::List | TypeId::Dict | TypeId::Int | TypeId::Str | TypeId::Tuple | TypeId::Float | TypeId::Set | TypeId::FrozenSet | TypeId::Bytes | TypeId::ByteArray | TypeId::Object | TypeId::Type) {
                let n = crate::rom::type_def(t).name;
                return Err(vm.raise_fmt(TypeId::TypeError, format_args!("type '{n}' is not an acceptable base type")));
            }
        }
    }
    let off = vm.alloc(Kind::Class, core::mem::size_of::<ClassObj>())?;
    let me = Value::obj(off);
    let mro = c3(vm, me, &base_list)?;
    let mro_t = super::tuple::new_tuple(vm, &mro)?;
    // Nearest built-in base other than object.
    let mut native = TypeId::Object;
    for &c in &mro {
        if let Some(t) = c.as_type_id().and_then(TypeId::from_u8) {
            if t != TypeId::Object {
                native = t;
                break;
            }
        }
    }
    let bases_t = if base_list.is_empty() { super::tuple::new_tuple(vm, &[TypeId::Object.value()])? } else { bases };
    let qn = vm.dict_get_str(ns, q!("__qualname__")).unwrap_or(name);
    let mut flags = runtime::own_class_flags(vm, ns);
    for &c in &mro[1..] {
        if let Some(co) = c.as_obj() {
            flags |= runtime::class_flags(vm, co);
        }
    }
    if let Some(d) = vm.dict_off(ns) {
        vm.heap.get_mut::<super::DictObj>(d).h.flags |= super::DICT_NAMESPACE;
    }
    vm.flush_type_cache();
    let epoch = runtime::epoch_mark(vm);
    let c = vm.heap.get_mut::<ClassObj>(off);
    c.name = name;
    c.bases = bases_t;
    c.mro = mro_t;
    c.dict = ns;
    c.qualname = qn;
    c.inst_attrs = 0;
    c.h.aux = native as u16;
    c.h.flags = flags;
    c.flags_epoch = epoch;
    Ok(me)
}

fn c3(vm: &mut Vm, me: Value, bases: &[Value]) -> PyResult<Vec<Value>> {
    let mut seqs: Vec<Vec<Value>> = Vec::new();
    for &b in bases {
        seqs.push(runtime::mro(vm, b));
    }
    seqs.push(bases.to_vec());
    let mut out = alloc::vec![me];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            break;
        }
        let mut found = None;
        for s in &seqs {
            let cand = s[0];
            if !seqs.iter().any(|t| t[1..].contains(&cand)) {
                found = Some(cand);
                break;
            }
        }
        let Some(c) = found else {
            return Err(vm.raise(TypeId::TypeError, "Cannot create a consistent method resolution order (MRO)"));
        };
        out.push(c);
        for s in &mut seqs {
            if s[0] == c {
                s.remove(0);
            }
        }
    }
    if !out.contains(&TypeId::Object.value()) {
        out.push(TypeId::Object.value());
    }
    Ok(out)
}

/// The built-in base of a user class.
pub fn native_base(vm: &Vm, cls: Value) -> TypeId {
    match cls.as_obj() {
        Some(o) if vm.heap.kind(o) == Kind::Class => TypeId::from_u8(vm.heap.get::<ClassObj>(o).h.aux as u8).unwrap_or(TypeId::Object),
        _ => cls.as_type_id().and_then(TypeId::from_u8).unwrap_or(TypeId::Object),
    }
}

/// A bare instance of `cls` (what `object.__new__(cls)` returns).
pub fn new_instance(vm: &mut Vm, cls: Value) -> PyResult<Value> {
    let nb = native_base(vm, cls);
    if nb.is_exception() {
        let e = super::exc::new_exception(vm, cls, &[])?;
        return Ok(e);
    }
    let off = vm.alloc(Kind::Instance, core::mem::size_of::<InstObj>())?;
    vm.heap.get_mut::<InstObj>(off).class = cls;
    Ok(Value::obj(off))
}

/// `cls(*args, **kw)` for a user class.
pub fn instantiate(vm: &mut Vm, cls: Value, args: &[Value], kw: &[(Qstr, Value)]) -> PyResult<Value> {
    let nb = native_base(vm, cls);
    // A Python-level __new__ anywhere in the MRO (before a built-in one).
    let new_f = runtime::lookup_in_type(vm, cls, q!("__new__"))?;
    let user_new = new_f.filter(|f| f.as_obj().is_some_and(|o| matches!(vm.heap.kind(o), Kind::Func | Kind::StaticMethod)));
    let inst = if let Some(nf) = user_new {
        let f = match nf.as_obj().map(|o| vm.heap.kind(o)) {
            Some(Kind::StaticMethod) => vm.heap.get::<super::Obj4>(nf.as_obj().unwrap_or(0)).a,
            _ => nf,
        };
        let mut all = Vec::with_capacity(args.len() + 1);
        all.push(cls);
        all.extend_from_slice(args);
        let r = crate::call::call(vm, f, &all, kw)?;
        if !runtime::isinstance(vm, r, cls) {
            return Ok(r);
        }
        r
    } else if nb.is_exception() {
        super::exc::new_exception(vm, cls, args)?
    } else if nb != TypeId::Object {
        let off = vm.alloc(Kind::Instance, core::mem::size_of::<InstObj>())?;
        vm.heap.get_mut::<InstObj>(off).class = cls;
        let inst = Value::obj(off);
        // Immutable built-in bases take their value from the constructor arguments;
        // mutable ones start empty and are filled by their __init__.
        let def = crate::rom::type_def(nb);
        let payload = match (def.new, nb) {
            (Some(new), TypeId::List | TypeId::Dict | TypeId::Set | TypeId::ByteArray) => new(vm, &[nb.value()], &[])?,
            (Some(new), _) => {
                let has_user_init = runtime::lookup_in_type(vm, cls, q!("__init__"))?
                    .is_some_and(|f| f.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Func));
                let mut all = alloc::vec![nb.value()];
                if !has_user_init {
                    all.extend_from_slice(args);
                } else if !args.is_empty() {
                    all.push(args[0]);
                }
                new(vm, &all, if has_user_init { &[] } else { kw })?
            }
            (None, _) => Value::NULL,
        };
        vm.heap.get_mut::<InstObj>(off).native = payload;
        inst
    } else {
        let off = vm.alloc(Kind::Instance, core::mem::size_of::<InstObj>())?;
        vm.heap.get_mut::<InstObj>(off).class = cls;
        Value::obj(off)
    };
    vm.root(inst);
    if let Some(init) = runtime::lookup_in_type(vm, cls, q!("__init__"))? {
        let is_python = init.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Func);
        let is_native_mutable = !is_python && matches!(nb, TypeId::List | TypeId::Dict | TypeId::Set | TypeId::ByteArray);
        let is_exc_init = !is_python && nb.is_exception();
        if is_python || is_native_mutable {
            let mut all = Vec::with_capacity(args.len() + 1);
            all.push(inst);
            all.extend_from_slice(args);
            let r = crate::call::call(vm, init, &all, kw)?;
            if !r.is_none() {
                return Err(init_returned(vm, r));
            }
        } else if is_exc_init || user_new.is_some() {
            // BaseException.__new__ already stored args.
        } else if (!args.is_empty() || !kw.is_empty()) && nb == TypeId::Object && user_new.is_none() {
            let t = runtime::type_name_of_class(vm, cls);
            return Err(vm.raise_fmt(TypeId::TypeError, format_args!("{t}() takes no arguments")));
        }
    }
    Ok(inst)
}

/// For `cls(...)` run by the interpreter without a nested `run`: when `cls` is a user class
/// whose instances are plain objects (no built-in or exception base), with no `__new__`
/// of its own (object's), and whose `__init__` is a Python function, that function. The
/// interpreter then allocates the instance (`new_plain_instance`) and runs `__init__` in a
/// frame marked `init`; anything else goes through `instantiate`.
#[inline]
pub(crate) fn inline_init(vm: &mut Vm, cls: Value) -> PyResult<Option<Value>> {
    let Some(off) = cls.as_obj() else { return Ok(None) };
    if vm.heap.kind(off) != Kind::Class || vm.heap.get::<ClassObj>(off).h.aux != TypeId::Object as u16 {
        return Ok(None);
    }
    // `instantiate` calls a Python-level `__new__` (function or staticmethod); object's is
    // a built-in immediate.
    if runtime::lookup_in_type(vm, cls, q!("__new__"))?.is_some_and(|f| f.is_obj()) {
        return Ok(None);
    }
    let Some(init) = runtime::lookup_in_type(vm, cls, q!("__init__"))? else { return Ok(None) };
    Ok(init.as_obj().filter(|&o| vm.heap.kind(o) == Kind::Func).map(|_| init))
}

/// A bare instance of user class `cls` whose native base is object.
pub(crate) fn new_plain_instance(vm: &mut Vm, cls: Value) -> PyResult<Value> {
    let off = vm.alloc(Kind::Instance, core::mem::size_of::<InstObj>())?;
    vm.heap.get_mut::<InstObj>(off).class = cls;
    Ok(Value::obj(off))
}

/// TypeError for an `__init__` that returned `r` instead of None.
#[inline(never)]
pub(crate) fn init_returned(vm: &mut Vm, r: Value) -> crate::vm::Exc {
    let t = runtime::type_name(vm, r);
    vm.raise_fmt(TypeId::TypeError, format_args!("__init__() should return None, not '{t}'"))
}

/// Whether an `Attr` is a plain method (used by binding code).
pub fn is_method_attr(a: &Attr) -> bool {
    matches!(a, Attr::Fun(_))
}

impl Vm {
    /// The class object view.
    pub fn class_obj(&self, cls: Value) -> Option<&ClassObj> {
        let o = cls.as_obj()?;
        (self.heap.kind(o) == Kind::Class).then(|| self.heap.get::<ClassObj>(o))
    }
}

/// Is `e` an instance of an exception class?
pub fn is_exc_instance(vm: &Vm, e: Value) -> bool {
    e.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Exception && !vm.heap.get::<ExcObj>(o).class.is_null())
}
