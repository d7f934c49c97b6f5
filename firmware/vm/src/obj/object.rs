//! `object`, `type`, `bool`, and the small built-in types that wrap functions or
//! iterators: property, classmethod, staticmethod, super, enumerate, zip, map, filter,
//! reversed.

use super::{IterKind, Kind, Obj4};
use crate::qstr::Qstr;
use crate::runtime;
use crate::types::{Attr, TypeDef, TypeId};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

fn object_new(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    let cls = args[0];
    if cls == TypeId::Object.value() {
        let off = vm.alloc(Kind::Instance, core::mem::size_of::<super::InstObj>())?;
        vm.heap.get_mut::<super::InstObj>(off).class = cls;
        return Ok(Value::obj(off));
    }
    super::class::new_instance(vm, cls)
}

fn object_init(_vm: &mut Vm, _args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    Ok(Value::NONE)
}

fn object_new_static(vm: &mut Vm, args: &[Value], kw: &[(Qstr, Value)]) -> PyResult<Value> {
    // object.__new__(cls)
    if args.is_empty() {
        return Err(vm.raise(TypeId::TypeError, "object.__new__(): not enough arguments"));
    }
    object_new(vm, &args[..1], kw)
}

fn object_eq(_vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    Ok(if args[0] == args[1] { Value::TRUE } else { Value::NOT_IMPLEMENTED })
}

fn object_ne(_vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    Ok(if args[0] == args[1] { Value::FALSE } else { Value::NOT_IMPLEMENTED })
}

fn object_hash(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    super::int::new_int(vm, (args[0].bits() >> 4) as i64)
}

fn object_repr(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    let cls = runtime::type_of(vm, args[0]);
    let n = runtime::type_name_of_class(vm, cls);
    let s = alloc::format!("<{} object at 0x{:x}>", n, args[0].bits());
    vm.new_str(&s)
}

fn object_str(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    runtime::repr(vm, args[0])
}

fn object_setattr(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    let Some(name) = vm.str_of(args[1]).map(alloc::string::String::from) else {
        return Err(vm.raise(TypeId::TypeError, "attribute name must be string"));
    };
    let q = vm.intern(&name);
    let mut d = runtime::instance_dict(vm, args[0]);
    if d.is_null() {
        if let Some(off) = args[0].as_obj().filter(|&o| vm.heap.kind(o) == Kind::Instance) {
            d = super::dict::new_instance_dict(vm)?;
            vm.heap.get_mut::<super::InstObj>(off).dict = d;
        } else {
            return Err(vm.raise(TypeId::AttributeError, "object has no attribute dict"));
        }
    }
    vm.dict_set(d, Value::qstr(q), args[2])?;
    Ok(Value::NONE)
}

fn object_getattribute(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    let Some(name) = vm.str_of(args[1]).map(alloc::string::String::from) else {
        return Err(vm.raise(TypeId::TypeError, "attribute name must be string"));
    };
    let q = vm.intern(&name);
    runtime::getattr(vm, args[0], q)
}

/// `object`.
pub static OBJECT_TYPE: TypeDef = TypeDef {
    name: "object",
    base: None,
    locals: &[
        fun!(q!("__init__"), object_init, 1, crate::types::VAR, kw),
        (q!("__new__"), Attr::StaticFun(crate::types::Fun { f: object_new_static, min: 1, max: crate::types::VAR, kw: true })),
        fun!(q!("__eq__"), object_eq, 2, 2),
        fun!(q!("__ne__"), object_ne, 2, 2),
        fun!(q!("__hash__"), object_hash, 1, 1),
        fun!(q!("__repr__"), object_repr, 1, 1),
        fun!(q!("__str__"), object_str, 1, 1),
        fun!(q!("__setattr__"), object_setattr, 3, 3),
        fun!(q!("__getattribute__"), object_getattribute, 2, 2),
    ],
    new: Some(object_new),
    subclassable: true,
};

fn type_new(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    match args.len() {
        2 => Ok(runtime::type_of(vm, args[1])),
        4 => super::class::make_class(vm, args[1], args[2], args[3]),
        _ => Err(vm.raise(TypeId::TypeError, "type() takes 1 or 3 arguments")),
    }
}

/// `type`.
pub static TYPE_TYPE: TypeDef = TypeDef { name: "type", base: Some(TypeId::Object), locals: &[], new: Some(type_new), subclassable: true };

fn bool_new(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    match args.get(1) {
        Some(&v) => Ok(Value::bool(runtime::truthy(vm, v)?)),
        None => Ok(Value::FALSE),
    }
}

/// `bool`.
pub static BOOL_TYPE: TypeDef = TypeDef { name: "bool", base: Some(TypeId::Int), locals: &[], new: Some(bool_new), subclassable: false };

fn wrapper(vm: &mut Vm, kind: Kind, a: Value, b: Value, c: Value) -> PyResult<Value> {
    let off = vm.alloc(kind, core::mem::size_of::<Obj4>())?;
    let o = vm.heap.get_mut::<Obj4>(off);
    o.a = a;
    o.b = b;
    o.c = c;
    Ok(Value::obj(off))
}

fn kwarg(kw: &[(Qstr, Value)], name: Qstr) -> Option<Value> {
    kw.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
}

fn property_new(vm: &mut Vm, args: &[Value], kw: &[(Qstr, Value)]) -> PyResult<Value> {
    let get = |i: usize, n: Qstr| args.get(i).copied().or_else(|| kwarg(kw, n)).unwrap_or(Value::NONE);
    let (a, b, c) = (get(1, q!("fget")), get(2, q!("fset")), get(3, q!("fdel")));
    wrapper(vm, Kind::Property, a, b, c)
}

fn property_with(vm: &mut Vm, p: Value, slot: usize, f: Value) -> PyResult<Value> {
    let o = vm.heap.get::<Obj4>(p.as_obj().unwrap_or(0));
    let (mut a, mut b, mut c) = (o.a, o.b, o.c);
    match slot {
        0 => a = f,
        1 => b = f,
        _ => c = f,
    }
    wrapper(vm, Kind::Property, a, b, c)
}

fn property_getter(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    property_with(vm, args[0], 0, args[1])
}
fn property_setter(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    property_with(vm, args[0], 1, args[1])
}
fn property_deleter(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    property_with(vm, args[0], 2, args[1])
}

/// `property`.
pub static PROPERTY_TYPE: TypeDef = TypeDef {
    name: "property",
    base: Some(TypeId::Object),
    locals: &[
        fun!(q!("getter"), property_getter, 2, 2),
        fun!(q!("setter"), property_setter, 2, 2),
        fun!(q!("deleter"), property_deleter, 2, 2),
    ],
    new: Some(property_new),
    subclassable: false,
};

fn classmethod_new(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    let f = args.get(1).copied().unwrap_or(Value::NONE);
    wrapper(vm, Kind::ClassMethod, f, Value::NULL, Value::NULL)
}
fn staticmethod_new(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    let f = args.get(1).copied().unwrap_or(Value::NONE);
    wrapper(vm, Kind::StaticMethod, f, Value::NULL, Value::NULL)
}

/// `classmethod`.
pub static CLASSMETHOD_TYPE: TypeDef = TypeDef { name: "classmethod", base: Some(TypeId::Object), locals: &[], new: Some(classmethod_new), subclassable: false };
/// `staticmethod`.
pub static STATICMETHOD_TYPE: TypeDef = TypeDef { name: "staticmethod", base: Some(TypeId::Object), locals: &[], new: Some(staticmethod_new), subclassable: false };

fn super_new(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    if args.len() >= 3 {
        return super::iter::new_super(vm, args[1], args[2]);
    }
    // Zero-argument form: the `__class__` cell and first argument of the calling frame.
    let Some(fr) = vm.frames.last().copied() else {
        return Err(vm.raise(TypeId::RuntimeError, "super(): no arguments"));
    };
    let c = vm.code(fr.code);
    let (vn, n_locals, argcount) = (c.varnames, c.n_locals as usize, c.argcount);
    let names: alloc::vec::Vec<Value> = vm.tuple_items(vn).map(|s| s.to_vec()).unwrap_or_default();
    let Some(ci) = names.iter().position(|&n| n == Value::qstr(q!("__class__"))) else {
        return Err(vm.raise(TypeId::RuntimeError, "super(): __class__ cell not found"));
    };
    if argcount == 0 || n_locals == 0 {
        return Err(vm.raise(TypeId::RuntimeError, "super(): no arguments"));
    }
    let base = fr.base as usize;
    let cell = vm.stack[base + ci];
    let cls = cell.as_obj().filter(|&o| vm.heap.kind(o) == Kind::Cell).map(|o| vm.heap.get::<super::CellObj>(o).v).unwrap_or(Value::NULL);
    let mut first = vm.stack[base];
    if let Some(o) = first.as_obj() {
        if vm.heap.kind(o) == Kind::Cell {
            first = vm.heap.get::<super::CellObj>(o).v;
        }
    }
    if cls.is_null() {
        return Err(vm.raise(TypeId::RuntimeError, "super(): empty __class__ cell"));
    }
    super::iter::new_super(vm, cls, first)
}

/// `super`.
pub static SUPER_TYPE: TypeDef = TypeDef { name: "super", base: Some(TypeId::Object), locals: &[], new: Some(super_new), subclassable: false };

fn enumerate_new(vm: &mut Vm, args: &[Value], kw: &[(Qstr, Value)]) -> PyResult<Value> {
    let Some(&src) = args.get(1) else { return Err(vm.raise(TypeId::TypeError, "enumerate() missing required argument 'iterable'")) };
    let start = args.get(2).copied().or_else(|| kwarg(kw, q!("start"))).unwrap_or(Value::small(0));
    let it = runtime::iter(vm, src)?;
    vm.root(it);
    super::iter::new_iter(vm, IterKind::Enumerate, it, start, Value::NULL)
}

fn zip_new(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    let mut its = alloc::vec::Vec::new();
    for &a in &args[1..] {
        let it = runtime::iter(vm, a)?;
        its.push(vm.root(it));
    }
    let t = super::tuple::new_tuple(vm, &its)?;
    super::iter::new_iter(vm, IterKind::Zip, t, Value::NULL, Value::NULL)
}

fn map_new(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    if args.len() < 3 {
        return Err(vm.raise(TypeId::TypeError, "map() must have at least two arguments."));
    }
    let mut its = alloc::vec::Vec::new();
    for &a in &args[2..] {
        let it = runtime::iter(vm, a)?;
        its.push(vm.root(it));
    }
    let t = super::tuple::new_tuple(vm, &its)?;
    super::iter::new_iter(vm, IterKind::Map, args[1], t, Value::NULL)
}

fn filter_new(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    if args.len() != 3 {
        return Err(vm.raise(TypeId::TypeError, "filter expected 2 arguments"));
    }
    let it = runtime::iter(vm, args[2])?;
    vm.root(it);
    super::iter::new_iter(vm, IterKind::Filter, args[1], it, Value::NULL)
}

fn reversed_new(vm: &mut Vm, args: &[Value], kw: &[(Qstr, Value)]) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(vm.raise(TypeId::TypeError, "reversed() takes no keyword arguments"));
    }
    if args.len() != 2 {
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("reversed expected 1 argument, got {}", args.len() - 1)));
    }
    let src = args[1];
    if runtime::has_dunder(vm, src, q!("__reversed__"))? {
        if let Some(r) = runtime::call_dunder(vm, src, q!("__reversed__"), &[])? {
            return Ok(r);
        }
    }
    super::iter::reversed_seq(vm, src)
}

/// `enumerate`.
pub static ENUMERATE_TYPE: TypeDef = TypeDef { name: "enumerate", base: Some(TypeId::Object), locals: &[], new: Some(enumerate_new), subclassable: false };
/// `zip`.
pub static ZIP_TYPE: TypeDef = TypeDef { name: "zip", base: Some(TypeId::Object), locals: &[], new: Some(zip_new), subclassable: false };
/// `map`.
pub static MAP_TYPE: TypeDef = TypeDef { name: "map", base: Some(TypeId::Object), locals: &[], new: Some(map_new), subclassable: false };
/// `filter`.
pub static FILTER_TYPE: TypeDef = TypeDef { name: "filter", base: Some(TypeId::Object), locals: &[], new: Some(filter_new), subclassable: false };
/// `reversed`.
pub static REVERSED_TYPE: TypeDef = TypeDef { name: "reversed", base: Some(TypeId::Object), locals: &[], new: Some(reversed_new), subclassable: false };
