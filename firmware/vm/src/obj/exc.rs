//! Exceptions: instances of `BaseException` and its subclasses (built-in or user classes),
//! raising helpers for native code, tracebacks and their MicroPython-style printing.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

use super::{ExcObj, Kind};
use crate::runtime;
use crate::types::TypeId;
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};

/// A new exception instance of `class` with `args`.
pub fn new_exception(vm: &mut Vm, class: Value, args: &[Value]) -> PyResult<Value> {
    let t = super::tuple::new_tuple(vm, args)?;
    let off = vm.alloc(Kind::Exception, core::mem::size_of::<ExcObj>())?;
    let e = vm.heap.get_mut::<ExcObj>(off);
    e.class = class;
    e.args = t;
    Ok(Value::obj(off))
}

impl Vm {
    /// Raise `ty(msg)`.
    pub fn raise(&mut self, ty: TypeId, msg: &str) -> Exc {
        let e = self.new_str(msg).and_then(|m| new_exception(self, ty.value(), &[m]));
        match e {
            Ok(e) => self.set_exception(e),
            Err(x) => x,
        }
    }

    /// Raise `ty(formatted message)`.
    pub fn raise_fmt(&mut self, ty: TypeId, args: core::fmt::Arguments<'_>) -> Exc {
        let mut s = String::new();
        let _ = s.write_fmt(args);
        self.raise(ty, &s)
    }

    /// Raise `ty()` with no arguments.
    pub fn raise_empty(&mut self, ty: TypeId) -> Exc {
        match new_exception(self, ty.value(), &[]) {
            Ok(e) => self.set_exception(e),
            Err(x) => x,
        }
    }

    /// Raise `ty(arg)` with one arbitrary argument (KeyError(key), StopIteration(value)).
    pub fn raise_with(&mut self, ty: TypeId, arg: Value) -> Exc {
        match new_exception(self, ty.value(), &[arg]) {
            Ok(e) => self.set_exception(e),
            Err(x) => x,
        }
    }

    /// TypeError with a message.
    pub fn type_error(&mut self, msg: &str) -> Exc {
        self.raise(TypeId::TypeError, msg)
    }

    /// ValueError with a message.
    pub fn value_error(&mut self, msg: &str) -> Exc {
        self.raise(TypeId::ValueError, msg)
    }

    /// Is `v` an exception instance?
    pub fn is_exception(&self, v: Value) -> bool {
        v.as_obj().is_some_and(|o| self.heap.kind(o) == Kind::Exception)
    }

    /// The class of an exception instance.
    pub fn exc_class(&self, e: Value) -> Value {
        match e.as_obj() {
            Some(o) if self.heap.kind(o) == Kind::Exception => self.heap.get::<ExcObj>(o).class,
            _ => Value::NULL,
        }
    }

    /// The args tuple of an exception instance.
    pub fn exc_args(&self, e: Value) -> Value {
        match e.as_obj() {
            Some(o) if self.heap.kind(o) == Kind::Exception => self.heap.get::<ExcObj>(o).args,
            _ => Value::NULL,
        }
    }

    /// Does the raised exception match `ty` (isinstance)?
    pub fn exc_matches(&self, e: Value, ty: TypeId) -> bool {
        runtime::is_subclass(self, self.exc_class(e), ty.value())
    }

    /// Append a traceback entry (called while the exception unwinds through a frame).
    /// Allocation failure just drops the entry.
    pub(crate) fn add_traceback(&mut self, e: Value, file: Value, line: u32, name: Value) {
        let Some(off) = e.as_obj() else { return };
        if self.heap.kind(off) != Kind::Exception || e == self.memory_error {
            return;
        }
        let mut tb = self.heap.get::<ExcObj>(off).traceback;
        if tb.is_null() {
            match super::list::new_list(self, &[]) {
                Ok(l) => {
                    tb = l;
                    self.heap.get_mut::<ExcObj>(off).traceback = l;
                }
                Err(_) => {
                    self.exc = e;
                    return;
                }
            }
        }
        let saved = self.exc;
        for v in [file, Value::small(line as i32), name] {
            if self.list_push(tb, v).is_err() {
                break;
            }
        }
        self.exc = saved;
    }
}

/// `str(exc)`: '' for no args, str(arg) for one (repr for KeyError), str(args) otherwise.
pub fn exc_str(vm: &mut Vm, e: Value) -> PyResult<String> {
    let args = vm.exc_args(e);
    let items: Vec<Value> = vm.tuple_items(args).map(|s| s.to_vec()).unwrap_or_default();
    match items.len() {
        0 => Ok(String::new()),
        1 => {
            if runtime::is_subclass(vm, vm.exc_class(e), TypeId::KeyError.value()) {
                runtime::repr_string(vm, items[0])
            } else {
                runtime::str_string(vm, items[0])
            }
        }
        _ => runtime::repr_string(vm, args),
    }
}

/// The MicroPython-style traceback text of `e`:
/// `Traceback (most recent call last):` / `  File "f.py", line N, in g` / `Type: msg`.
pub fn format_exception(vm: &mut Vm, e: Value) -> String {
    let mut out = String::new();
    if let Some(off) = e.as_obj() {
        if vm.heap.kind(off) == Kind::Exception {
            let tb = vm.heap.get::<ExcObj>(off).traceback;
            let items: Vec<Value> = vm.list_items(tb).map(|s| s.to_vec()).unwrap_or_default();
            if !items.is_empty() {
                out.push_str("Traceback (most recent call last):\n");
                let mut entries: Vec<&[Value]> = items.chunks_exact(3).collect();
                entries.reverse();
                for ent in entries {
                    let file = vm.str_of(ent[0]).unwrap_or("?");
                    let line = ent[1].as_small().unwrap_or(0);
                    let name = vm.str_of(ent[2]).unwrap_or("?");
                    let _ = writeln!(out, "  File \"{file}\", line {line}, in {name}");
                }
            }
        }
    }
    let cls = vm.exc_class(e);
    let name = runtime::type_name_of_class(vm, if cls.is_null() { runtime::type_of(vm, e) } else { cls });
    out.push_str(&name);
    let saved = vm.exc;
    match exc_str(vm, e) {
        Ok(s) => {
            out.push_str(": ");
            out.push_str(&s);
        }
        Err(_) => out.push_str(": <exception str() failed>"),
    }
    vm.exc = saved;
    out.push('\n');
    out
}


/// Constructor of every built-in exception type: `ValueError("msg")`.
pub fn exc_new(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    new_exception(vm, args[0], &args[1..])
}

fn exc_init(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let t = super::tuple::new_tuple(vm, &args[1..])?;
    if let Some(off) = args[0].as_obj() {
        if vm.heap.kind(off) == Kind::Exception {
            vm.heap.get_mut::<ExcObj>(off).args = t;
        }
    }
    Ok(Value::NONE)
}

fn exc_with_traceback(_vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    Ok(args[0])
}

/// `BaseException`.
pub static BASE_EXCEPTION_TYPE: crate::types::TypeDef = crate::types::TypeDef {
    name: "BaseException",
    base: Some(TypeId::Object),
    locals: &[
        fun!(q!("__init__"), exc_init, 1, crate::types::VAR),
        fun!(q!("with_traceback"), exc_with_traceback, 2, 2),
    ],
    new: Some(exc_new),
    subclassable: true,
};
