//! `complex`: two f64 in a `ComplexObj`.

use alloc::string::String;
use upy_bytecode::BinOp;

use super::{ComplexObj, Kind};
use crate::types::TypeId;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// A new complex.
pub fn new_complex(vm: &mut Vm, re: f64, im: f64) -> PyResult<Value> {
    let off = vm.alloc(Kind::Complex, core::mem::size_of::<ComplexObj>())?;
    let c = vm.heap.get_mut::<ComplexObj>(off);
    c.re = re;
    c.im = im;
    Ok(Value::obj(off))
}

/// Complex power.
pub fn cpow(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    if b == (0.0, 0.0) {
        return (1.0, 0.0);
    }
    if a == (0.0, 0.0) {
        return (0.0, 0.0);
    }
    let vabs = libm::hypot(a.0, a.1);
    let len = libm::pow(vabs, b.0);
    let at = libm::atan2(a.1, a.0);
    let mut phase = at * b.0;
    let mut len = len;
    if b.1 != 0.0 {
        len /= libm::exp(at * b.1);
        phase += b.1 * libm::log(vabs);
    }
    (len * libm::cos(phase), len * libm::sin(phase))
}

/// `a op b` for complex operands.
pub fn complex_binop(vm: &mut Vm, op: BinOp, a: (f64, f64), b: (f64, f64)) -> PyResult<Value> {
    let (r, i) = match op {
        BinOp::Add => (a.0 + b.0, a.1 + b.1),
        BinOp::Sub => (a.0 - b.0, a.1 - b.1),
        BinOp::Mul => (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0),
        BinOp::TrueDiv => {
            let d = b.0 * b.0 + b.1 * b.1;
            if d == 0.0 {
                return Err(vm.raise(TypeId::ZeroDivisionError, "complex division by zero"));
            }
            ((a.0 * b.0 + a.1 * b.1) / d, (a.1 * b.0 - a.0 * b.1) / d)
        }
        BinOp::Pow => {
            if a == (0.0, 0.0) && (b.1 != 0.0 || b.0 < 0.0) {
                return Err(vm.raise(TypeId::ZeroDivisionError, "0.0 to a negative or complex power"));
            }
            cpow(a, b)
        }
        _ => return Ok(Value::NOT_IMPLEMENTED),
    };
    new_complex(vm, r, i)
}

fn fmt_part(f: f64) -> String {
    let s = super::float::repr(f);
    match s.strip_suffix(".0") {
        Some(t) => String::from(t),
        None => s,
    }
}

/// `repr(complex)` as CPython: `(1+2j)`, `2j`, `(-0-1j)`.
pub fn repr_into(vm: &Vm, v: Value, out: &mut String) {
    let Some(off) = v.as_obj() else { return };
    let c = vm.heap.get::<ComplexObj>(off);
    let (re, im) = (c.re, c.im);
    if re == 0.0 && re.is_sign_positive() {
        out.push_str(&fmt_part(im));
        out.push('j');
        return;
    }
    out.push('(');
    out.push_str(&fmt_part(re));
    if im >= 0.0 || im.is_nan() {
        out.push('+');
    }
    out.push_str(&fmt_part(im));
    out.push_str("j)");
}

fn complex_new(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let re = args.get(1).copied();
    let im = args.get(2).copied();
    let (mut r, mut i) = (0.0, 0.0);
    if let Some(x) = re {
        if let Some(s) = vm.str_of(x).map(String::from) {
            return match parse_complex(&s) {
                Some((a, b)) => new_complex(vm, a, b),
                None => Err(vm.raise(TypeId::ValueError, "complex() arg is a malformed string")),
            };
        }
        match super::ops::complex_of(vm, x) {
            Some((a, b)) => {
                r = a;
                i = b;
            }
            None => return Err(vm.raise(TypeId::TypeError, "complex() first argument must be a string or a number")),
        }
    }
    if let Some(y) = im {
        match super::ops::complex_of(vm, y) {
            Some((a, b)) => {
                r -= b;
                i += a;
            }
            None => return Err(vm.raise(TypeId::TypeError, "complex() second argument must be a number")),
        }
    }
    new_complex(vm, r, i)
}

fn parse_complex(s: &str) -> Option<(f64, f64)> {
    let t = s.trim().trim_start_matches('(').trim_end_matches(')');
    if let Some(body) = t.strip_suffix('j').or_else(|| t.strip_suffix('J')) {
        // Find the split between real and imaginary parts.
        let bytes = body.as_bytes();
        let mut split = None;
        for i in (1..bytes.len()).rev() {
            if (bytes[i] == b'+' || bytes[i] == b'-') && bytes[i - 1] != b'e' && bytes[i - 1] != b'E' {
                split = Some(i);
                break;
            }
        }
        return match split {
            Some(i) => {
                let re = super::float::parse_float(&body[..i])?;
                let im_s = &body[i..];
                let im = if im_s == "+" { 1.0 } else if im_s == "-" { -1.0 } else { super::float::parse_float(im_s)? };
                Some((re, im))
            }
            None => {
                let im = if body.is_empty() || body == "+" { 1.0 } else if body == "-" { -1.0 } else { super::float::parse_float(body)? };
                Some((0.0, im))
            }
        };
    }
    super::float::parse_float(t).map(|f| (f, 0.0))
}

/// `complex`.
pub static COMPLEX_TYPE: crate::types::TypeDef = crate::types::TypeDef {
    name: "complex",
    base: Some(TypeId::Object),
    locals: &[],
    new: Some(complex_new),
    subclassable: false,
};
