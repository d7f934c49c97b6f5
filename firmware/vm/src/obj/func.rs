//! Functions, code objects, closure cells and bound methods.

use alloc::vec::Vec;
use upy_bytecode::{CodeObject, Const};

use super::{BoundObj, CellObj, CodeObj, FuncObj, Kind};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// Load a compiled code object (and its nested ones) into the heap, after validating it
/// (RuntimeError naming the problem if it is not valid bytecode).
pub fn load_code(vm: &mut Vm, c: &CodeObject) -> PyResult<Value> {
    // The dispatch loop reads operands, locals and the operand stack without bounds
    // checks on the validator's proofs (docs/vm-internals.md): nothing runs unvalidated.
    if let Err(e) = upy_bytecode::validate::validate(c) {
        return Err(vm.raise_fmt(crate::types::TypeId::RuntimeError, format_args!("{e}")));
    }
    load_valid_code(vm, c)
}

/// `load_code` for a code object (and its nested ones) already validated.
fn load_valid_code(vm: &mut Vm, c: &CodeObject) -> PyResult<Value> {
    // Constants first (each result is a temporary root until the caller's op ends).
    let mut consts: Vec<Value> = Vec::with_capacity(c.consts.len());
    for k in &c.consts {
        let v = load_const(vm, k)?;
        consts.push(v);
    }
    let consts_t = super::tuple::new_tuple(vm, &consts)?;
    let names: Vec<Value> = c.names.iter().map(|n| Value::qstr(vm.intern(n))).collect();
    let names_t = super::tuple::new_tuple(vm, &names)?;
    let varnames: Vec<Value> = c.varnames.iter().map(|n| Value::qstr(vm.intern(n))).collect();
    let varnames_t = super::tuple::new_tuple(vm, &varnames)?;
    let bc = vm.alloc_raw(c.code.len())?;
    vm.heap.raw_mut(bc).copy_from_slice(&c.code);
    let exc = vm.alloc_raw(c.exc_table.len() * 16)?;
    {
        let buf = vm.heap.raw_mut(exc);
        for (i, e) in c.exc_table.iter().enumerate() {
            for (j, x) in [e.start, e.end, e.handler, e.depth as u32].iter().enumerate() {
                buf[i * 16 + j * 4..i * 16 + j * 4 + 4].copy_from_slice(&x.to_le_bytes());
            }
        }
    }
    let lines = vm.alloc_raw(c.lines.len() * 8)?;
    {
        let buf = vm.heap.raw_mut(lines);
        for (i, (o, l)) in c.lines.iter().enumerate() {
            buf[i * 8..i * 8 + 4].copy_from_slice(&o.to_le_bytes());
            buf[i * 8 + 4..i * 8 + 8].copy_from_slice(&l.to_le_bytes());
        }
    }
    let name = Value::qstr(vm.intern(&c.name));
    let qualname = Value::qstr(vm.intern(&c.qualname));
    let filename = Value::qstr(vm.intern(&c.filename));
    let off = vm.alloc(Kind::Code, core::mem::size_of::<CodeObj>())?;
    let o = vm.heap.get_mut::<CodeObj>(off);
    o.h.aux = c.flags.0;
    o.argcount = c.argcount;
    o.posonly = c.posonlyargcount;
    o.kwonly = c.kwonlyargcount;
    o.n_locals = c.n_locals;
    o.n_free = c.n_free;
    o.max_stack = c.max_stack;
    o.first_line = c.first_line;
    o.name = name;
    o.qualname = qualname;
    o.filename = filename;
    o.bytecode = bc;
    o.code_len = c.code.len() as u32;
    o.consts = consts_t;
    o.names = names_t;
    // The tuples' items, for frames (`CodeView`); the tuples never change.
    o.consts_at = consts_t.as_obj().unwrap_or(0) + super::TUPLE_DATA;
    o.n_consts = consts.len() as u32;
    o.names_at = names_t.as_obj().unwrap_or(0) + super::TUPLE_DATA;
    o.n_names = names.len() as u32;
    o.varnames = varnames_t;
    o.exc = exc;
    o.n_exc = c.exc_table.len() as u32;
    o.lines = lines;
    o.n_lines = c.lines.len() as u32;
    Ok(Value::obj(off))
}

fn load_const(vm: &mut Vm, k: &Const) -> PyResult<Value> {
    Ok(match k {
        Const::None => Value::NONE,
        Const::True => Value::TRUE,
        Const::False => Value::FALSE,
        Const::Ellipsis => Value::ELLIPSIS,
        Const::Int(i) => super::int::new_int(vm, *i)?,
        Const::BigInt(s) => {
            let b = num_bigint::BigInt::parse_bytes(s.as_bytes(), 10).unwrap_or_default();
            super::int::new_big(vm, &b)?
        }
        Const::Float(f) => super::float::new_float(vm, *f)?,
        Const::Complex(im) => super::complex::new_complex(vm, 0.0, *im)?,
        Const::Str(s) => {
            if s.len() <= 32 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                Value::qstr(vm.intern(s))
            } else {
                vm.new_str(s)?
            }
        }
        Const::Bytes(b) => super::str::new_bytes(vm, b)?,
        Const::Tuple(items) => {
            let mut vals = Vec::with_capacity(items.len());
            for it in items {
                vals.push(load_const(vm, it)?);
            }
            super::tuple::new_tuple(vm, &vals)?
        }
        Const::Code(c) => load_valid_code(vm, c)?,
    })
}

/// A new function object.
pub fn new_function(vm: &mut Vm, code: Value, globals: Value) -> PyResult<Value> {
    let name = match code.as_obj() {
        Some(o) => vm.heap.get::<CodeObj>(o).name,
        None => Value::NONE,
    };
    let off = vm.alloc(Kind::Func, core::mem::size_of::<FuncObj>())?;
    let f = vm.heap.get_mut::<FuncObj>(off);
    f.code = code;
    f.globals = globals;
    f.name = name;
    Ok(Value::obj(off))
}

/// A new cell holding `v` (NULL for empty).
pub fn new_cell(vm: &mut Vm, v: Value) -> PyResult<Value> {
    let off = vm.alloc(Kind::Cell, 8)?;
    vm.heap.get_mut::<CellObj>(off).v = v;
    Ok(Value::obj(off))
}

/// A new bound method.
pub fn new_bound(vm: &mut Vm, func: Value, self_: Value) -> PyResult<Value> {
    let off = vm.alloc(Kind::BoundMethod, 12)?;
    let b = vm.heap.get_mut::<BoundObj>(off);
    b.func = func;
    b.self_ = self_;
    Ok(Value::obj(off))
}

impl Vm {
    /// The code object view of a Code value.
    #[inline]
    pub(crate) fn code(&self, code: Value) -> &CodeObj {
        self.heap.get::<CodeObj>(code.as_obj().unwrap_or(0))
    }

    /// Line of instruction `ip` in `code`.
    pub(crate) fn code_line(&self, code: Value, ip: u32) -> u32 {
        let c = self.code(code);
        let (lines, n, first) = (c.lines, c.n_lines as usize, c.first_line);
        let buf = self.heap.raw(lines);
        let mut line = first;
        for i in 0..n {
            let o = u32::from_le_bytes([buf[i * 8], buf[i * 8 + 1], buf[i * 8 + 2], buf[i * 8 + 3]]);
            if o > ip {
                break;
            }
            line = u32::from_le_bytes([buf[i * 8 + 4], buf[i * 8 + 5], buf[i * 8 + 6], buf[i * 8 + 7]]);
        }
        line
    }

    /// Exception handler for instruction `ip`: (handler, depth).
    pub(crate) fn code_handler(&self, code: Value, ip: u32) -> Option<(u32, u32)> {
        let c = self.code(code);
        let (exc, n) = (c.exc, c.n_exc as usize);
        let buf = self.heap.raw(exc);
        let rd = |i: usize| u32::from_le_bytes([buf[i], buf[i + 1], buf[i + 2], buf[i + 3]]);
        for i in 0..n {
            let b = i * 16;
            if rd(b) <= ip && ip < rd(b + 4) {
                return Some((rd(b + 8), rd(b + 12)));
            }
        }
        None
    }
}
