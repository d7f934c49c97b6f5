//! Operators on built-in types: numbers (int, float, complex, bool), sequence
//! concatenation and repetition, `%` formatting, set and dict operators.

use upy_bytecode::BinOp;

use crate::obj::{self, Kind};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// `a op b` for built-in operands; NotImplemented when the types do not support it.
pub fn builtin_binop(vm: &mut Vm, op: BinOp, inplace: bool, a: Value, b: Value) -> PyResult<Value> {
    // Fast path: small ints.
    if let (Some(x), Some(y)) = (a.as_small(), b.as_small()) {
        let (x, y) = (x as i64, y as i64);
        match op {
            BinOp::Add => return obj::int::new_int(vm, x + y),
            BinOp::Sub => return obj::int::new_int(vm, x - y),
            BinOp::Mul => return obj::int::new_int(vm, x * y),
            BinOp::And => return Ok(Value::small((x & y) as i32)),
            BinOp::Or => return Ok(Value::small((x | y) as i32)),
            BinOp::Xor => return Ok(Value::small((x ^ y) as i32)),
            // Every other operator on two small ints: straight to the int arithmetic
            // (where the general path below ends up too, after the float and complex
            // checks).
            _ => return obj::int::binop(vm, op, &obj::int::IntVal::Small(x), &obj::int::IntVal::Small(y)),
        }
    }
    if op == BinOp::Add {
        if let Some(r) = obj::str::concat(vm, a, b) {
            return r;
        }
    }
    let fa = vm.float_of(a);
    let fb = vm.float_of(b);
    if fa.is_some() || fb.is_some() {
        let x = match fa {
            Some(f) => Some(f),
            None => obj::float::operand_f64(vm, a)?,
        };
        let y = match fb {
            Some(f) => Some(f),
            None => obj::float::operand_f64(vm, b)?,
        };
        if let (Some(x), Some(y)) = (x, y) {
            return obj::float::float_binop(vm, op, x, y);
        }
    }
    if let (Some(x), Some(y)) = (vm.int_of(a), vm.int_of(b)) {
        return obj::int::binop(vm, op, &x, &y);
    }
    let ca = complex_of(vm, a);
    let cb = complex_of(vm, b);
    if let (Some(x), Some(y)) = (ca, cb) {
        if a.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Complex)
            || b.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Complex)
        {
            return obj::complex::complex_binop(vm, op, x, y);
        }
    }
    let ka = a.as_obj().map(|o| vm.heap.kind(o));
    // str
    if vm.str_of(a).is_some() && ka != Some(Kind::Instance) {
        return match op {
            BinOp::Add => match vm.str_of(b) {
                Some(_) => {
                    let mut s = alloc::string::String::from(vm.str_of(a).unwrap_or(""));
                    s.push_str(vm.str_of(b).unwrap_or(""));
                    vm.new_str(&s)
                }
                None => Ok(Value::NOT_IMPLEMENTED),
            },
            BinOp::Mul => match vm.int_i64(b) {
                Some(n) => {
                    let s = vm.str_of(a).unwrap_or("");
                    let n = n.max(0) as usize;
                    if s.len().saturating_mul(n) > vm.heap.total_bytes() {
                        return Err(vm.raise_memory_error_bytes(s.len().saturating_mul(n)));
                    }
                    let r = s.repeat(n);
                    vm.new_str(&r)
                }
                None => Ok(Value::NOT_IMPLEMENTED),
            },
            BinOp::Mod => obj::format::percent_format(vm, a, b),
            _ => Ok(Value::NOT_IMPLEMENTED),
        };
    }
    if op == BinOp::Mul && vm.int_i64(a).is_some() && !vm.is_int(b) {
        return builtin_binop(vm, op, inplace, b, a);
    }
    match ka {
        Some(Kind::List) => obj::list::binop(vm, op, inplace, a, b),
        Some(Kind::Tuple) => obj::tuple::binop(vm, op, a, b),
        Some(Kind::Bytes) | Some(Kind::ByteArray) => obj::bytes::binop(vm, op, inplace, a, b),
        Some(Kind::Set) | Some(Kind::DictView) => obj::set::binop(vm, op, inplace, a, b),
        Some(Kind::Dict) if op == BinOp::Or => obj::set::dict_or(vm, inplace, a, b),
        _ => Ok(Value::NOT_IMPLEMENTED),
    }
}

/// An int or bool as f64 (None for non-numbers). OverflowError semantics are left to
/// callers: huge ints become inf here.
pub fn to_float(vm: &Vm, v: Value) -> Option<f64> {
    if let Some(i) = v.as_small() {
        return Some(i as f64);
    }
    if let Some(f) = vm.float_of(v) {
        return Some(f);
    }
    match vm.int_of(v)? {
        obj::int::IntVal::Small(i) => Some(i as f64),
        obj::int::IntVal::Big(b) => Some(obj::int::big_to_f64(&b)),
    }
}

/// A number as (re, im).
pub fn complex_of(vm: &Vm, v: Value) -> Option<(f64, f64)> {
    if let Some(off) = v.as_obj() {
        if vm.heap.kind(off) == Kind::Complex {
            let c = vm.heap.get::<obj::ComplexObj>(off);
            return Some((c.re, c.im));
        }
    }
    to_float(vm, v).map(|f| (f, 0.0))
}
