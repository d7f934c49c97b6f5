//! `float`: an f64 boxed in a one-block `FloatObj`. `repr` is CPython's shortest
//! round-trip form.

use alloc::string::String;
use core::fmt::Write;

use super::{FloatObj, Kind};
use crate::value::{Unpacked, Value};
use crate::vm::{PyResult, Vm};

/// A new float.
#[inline]
pub fn new_float(vm: &mut Vm, f: f64) -> PyResult<Value> {
    let off = vm.alloc(Kind::Float, 16)?;
    vm.heap.get_mut::<FloatObj>(off).v = f;
    Ok(Value::obj(off))
}

impl Vm {
    /// The f64 of a float (or float subclass instance), None for anything else.
    #[inline]
    pub fn float_of(&self, v: Value) -> Option<f64> {
        match v.unpack() {
            Unpacked::Obj(off) => match self.heap.kind(off) {
                Kind::Float => Some(self.heap.get::<FloatObj>(off).v),
                Kind::Instance => self.float_of(self.heap.get::<super::InstObj>(off).native),
                _ => None,
            },
            _ => None,
        }
    }

    /// A new float.
    pub fn new_float(&mut self, f: f64) -> PyResult<Value> {
        new_float(self, f)
    }
}

/// CPython's `repr(float)`.
pub fn repr(f: f64) -> String {
    let mut out = String::new();
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    // Shortest round-trip digits from core's formatter, in scientific form.
    let mut sci = String::new();
    let _ = write!(sci, "{:e}", f);
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    if neg {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        if exp >= 0 {
            let int_len = exp as usize + 1;
            if digits.len() <= int_len {
                out.push_str(&digits);
                for _ in digits.len()..int_len {
                    out.push('0');
                }
                out.push_str(".0");
            } else {
                out.push_str(&digits[..int_len]);
                out.push('.');
                out.push_str(&digits[int_len..]);
            }
        } else {
            out.push_str("0.");
            for _ in 0..(-exp - 1) {
                out.push('0');
            }
            out.push_str(&digits);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let _ = write!(out, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    }
    out
}

/// CPython's hash of a float (`_Py_HashDouble`), as i64.
pub fn hash(f: f64) -> i64 {
    const BITS: u32 = 61;
    const M: u64 = (1 << BITS) - 1;
    if f.is_nan() {
        return 0;
    }
    if f.is_infinite() {
        return if f > 0.0 { 314159 } else { -314159 };
    }
    if f == libm::trunc(f) && f.abs() < 9.2e18 {
        return crate::obj::int::hash(&crate::obj::int::IntVal::Small(f as i64));
    }
    let (mut m, mut e) = frexp(f);
    let sign = if m < 0.0 { -1i64 } else { 1 };
    m = -m.min(-m); // |m|
    m = m.abs();
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & M) | x >> (BITS - 28);
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= M {
            x -= M;
        }
    }
    let e = if e >= 0 { e % BITS as i32 } else { BITS as i32 - 1 - ((-1 - e) % BITS as i32) };
    x = ((x << e) & M) | x >> (BITS as i32 - e);
    let r = x as i64 * sign;
    if r == -1 { -2 } else { r }
}

/// Split into mantissa in [0.5, 1) and exponent.
pub fn frexp(f: f64) -> (f64, i32) {
    libm::frexp(f)
}

#[cfg(test)]
mod tests {
    use super::repr;

    #[test]
    fn repr_matches_cpython() {
        let cases: &[(f64, &str)] = &[
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (123456789.125, "123456789.125"),
            (1.5e-5, "1.5e-05"),
            (0.0001, "0.0001"),
            (-2.5, "-2.5"),
            (1e300, "1e+300"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
            (0.30000000000000004, "0.30000000000000004"),
            (100.0, "100.0"),
        ];
        for &(f, s) in cases {
            assert_eq!(repr(f), s, "repr({f:?})");
        }
    }

    #[test]
    fn hash_matches_cpython_for_known_values() {
        assert_eq!(super::hash(1.5), 1152921504606846977);
        assert_eq!(super::hash(2.0), 2);
        assert_eq!(super::hash(-0.5), -1152921504606846976);
    }
}

/// `x op y` on floats, with Python's semantics for `//`, `%`, `**` and division by zero.
pub fn float_binop(vm: &mut Vm, op: upy_bytecode::BinOp, x: f64, y: f64) -> PyResult<Value> {
    use crate::types::TypeId;
    use upy_bytecode::BinOp::*;
    let r = match op {
        Add => x + y,
        Sub => x - y,
        Mul => x * y,
        TrueDiv => {
            if y == 0.0 {
                return Err(vm.raise(TypeId::ZeroDivisionError, "float division by zero"));
            }
            x / y
        }
        FloorDiv => {
            if y == 0.0 {
                return Err(vm.raise(TypeId::ZeroDivisionError, "float divmod()"));
            }
            float_divmod(x, y).0
        }
        Mod => {
            if y == 0.0 {
                return Err(vm.raise(TypeId::ZeroDivisionError, "float modulo"));
            }
            float_divmod(x, y).1
        }
        Pow => {
            if x == 0.0 && y < 0.0 {
                return Err(vm.raise(TypeId::ZeroDivisionError, "0.0 cannot be raised to a negative power"));
            }
            if x < 0.0 && y != libm::floor(y) {
                // Negative base with a fractional exponent gives a complex result.
                let (re, im) = crate::obj::complex::cpow((x, 0.0), (y, 0.0));
                return crate::obj::complex::new_complex(vm, re, im);
            }
            libm::pow(x, y)
        }
        _ => return Ok(Value::NOT_IMPLEMENTED),
    };
    if r.is_infinite() && x.is_finite() && y.is_finite() && matches!(op, Pow | Mul | Add | Sub) && op == Pow {
        return Err(vm.raise(TypeId::OverflowError, "result too large"));
    }
    new_float(vm, r)
}

/// Python's float divmod: floor quotient and a remainder with the divisor's sign.
pub fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = libm::fmod(x, y);
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = libm::copysign(0.0, y);
    }
    let floordiv = if div != 0.0 {
        let f = libm::floor(div);
        if div - f > 0.5 { f + 1.0 } else { f }
    } else {
        libm::copysign(0.0, x / y)
    };
    (floordiv, m)
}

fn float_new(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    use crate::types::TypeId;
    let Some(&x) = args.get(1) else { return new_float(vm, 0.0) };
    if let Some(f) = crate::obj::ops::to_float(vm, x) {
        if vm.float_of(x).is_some() && !x.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Instance) {
            return Ok(x);
        }
        if let Some(crate::obj::int::IntVal::Big(_)) = vm.int_of(x) {
            if f.is_infinite() {
                return Err(vm.raise(TypeId::OverflowError, "int too large to convert to float"));
            }
        }
        return new_float(vm, f);
    }
    if let Some(s) = vm.str_of(x).map(String::from) {
        return match parse_float(&s) {
            Some(f) => new_float(vm, f),
            None => {
                let mut r = String::new();
                crate::obj::str::repr_str(&s, &mut r);
                Err(vm.raise_fmt(TypeId::ValueError, format_args!("could not convert string to float: {r}")))
            }
        };
    }
    if let Some(r) = crate::runtime::call_dunder(vm, x, q!("__float__"), &[])? {
        return Ok(r);
    }
    let t = crate::runtime::type_name(vm, x);
    Err(vm.raise_fmt(TypeId::TypeError, format_args!("float() argument must be a string or a real number, not '{t}'")))
}

/// Parse a float literal as Python's `float(str)` does.
pub fn parse_float(s: &str) -> Option<f64> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    let (sign, body) = match lower.as_bytes().first() {
        Some(b'-') => (-1.0, &lower[1..]),
        Some(b'+') => (1.0, &lower[1..]),
        _ => (1.0, lower.as_str()),
    };
    match body {
        "inf" | "infinity" => return Some(sign * f64::INFINITY),
        "nan" => return Some(f64::NAN),
        _ => {}
    }
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return None;
    }
    let clean: String = body.chars().filter(|&c| c != '_').collect();
    if !clean.bytes().all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'+' | b'-')) {
        return None;
    }
    clean.parse::<f64>().ok().map(|f| sign * f)
}

/// `float`.
pub static FLOAT_TYPE: crate::types::TypeDef = crate::types::TypeDef {
    name: "float",
    base: Some(crate::types::TypeId::Object),
    locals: &[],
    new: Some(float_new),
    subclassable: true,
};

/// `round(x[, ndigits])` with round-half-even, as CPython.
pub fn builtin_round(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    use crate::types::TypeId;
    let x = args[0];
    let nd = args.get(1).copied().filter(|v| !v.is_none());
    if let Some(f) = vm.float_of(x) {
        match nd {
            None => {
                if f.is_nan() {
                    return Err(vm.raise(TypeId::ValueError, "cannot convert float NaN to integer"));
                }
                if f.is_infinite() {
                    return Err(vm.raise(TypeId::OverflowError, "cannot convert float infinity to integer"));
                }
                let r = libm::rint(f);
                if r.abs() < 9.0e18 {
                    return crate::obj::int::new_int(vm, r as i64);
                }
                let b = crate::obj::int::float_to_big(r);
                return crate::obj::int::new_big(vm, &b);
            }
            Some(n) => {
                let n = vm.int_i64(n).unwrap_or(0);
                if !f.is_finite() || n > 308 {
                    return new_float(vm, f);
                }
                // Exact decimal rounding via correctly rounded formatting.
                let r = if n >= 0 {
                    let s = alloc::format!("{:.*}", n as usize, f);
                    s.parse::<f64>().unwrap_or(f)
                } else {
                    let p = libm::pow(10.0, (-n) as f64);
                    libm::rint(f / p) * p
                };
                return new_float(vm, r);
            }
        }
    }
    if vm.is_int(x) {
        let Some(n) = nd.and_then(|n| vm.int_i64(n)) else { return Ok(if x == Value::TRUE { Value::small(1) } else if x == Value::FALSE { Value::small(0) } else { x }) };
        if n >= 0 {
            return Ok(x);
        }
        let iv = vm.int_of(x).unwrap_or(crate::obj::int::IntVal::Small(0)).to_big();
        let p = num_traits::pow(num_bigint::BigInt::from(10), (-n) as usize);
        let (q, r) = num_integer::Integer::div_mod_floor(&iv, &p);
        let twice = &r * 2;
        let q = if twice > p || (twice == p && num_integer::Integer::is_odd(&q)) { q + 1 } else { q };
        return crate::obj::int::new_big(vm, &(q * p));
    }
    if let Some(r) = crate::runtime::call_dunder(vm, x, q!("__round__"), &args[1..])? {
        return Ok(r);
    }
    let t = crate::runtime::type_name(vm, x);
    Err(vm.raise_fmt(TypeId::TypeError, format_args!("type {t} doesn't define __round__ method")))
}
