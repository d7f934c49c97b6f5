//! `float`: an f64 boxed in a one-block `FloatObj`. `repr` is CPython's shortest
//! round-trip form.

use alloc::string::String;
use core::fmt::Write;

use super::{fmath, FloatObj, Kind};
use crate::value::{Unpacked, Value};
use crate::vm::{PyResult, Vm};

/// A new float.
#[inline]
pub fn new_float(vm: &mut Vm, f: f64) -> PyResult<Value> {
    new_float_inline(vm, f)
}

/// `new_float`, always inlined: for the interpreter's float fast paths.
#[inline(always)]
pub fn new_float_inline(vm: &mut Vm, f: f64) -> PyResult<Value> {
    let off = vm.alloc1(Kind::Float)?;
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
                return Err(vm.raise(TypeId::ZeroDivisionError, "float floor division by zero"));
            }
            float_divmod(x, y).0
        }
        Mod => {
            if y == 0.0 {
                return Err(vm.raise(TypeId::ZeroDivisionError, "float modulo"));
            }
            float_divmod(x, y).1
        }
        Pow => match fmath::py_pow(x, y) {
            Ok(Some(r)) => r,
            Ok(None) => {
                // Negative base with a fractional exponent gives a complex result.
                let (re, im) = crate::obj::complex::cpow((x, 0.0), (y, 0.0));
                return crate::obj::complex::new_complex(vm, re, im);
            }
            Err(fmath::MathErr::Domain) => {
                return Err(vm.raise(TypeId::ZeroDivisionError, "0.0 cannot be raised to a negative power"));
            }
            Err(fmath::MathErr::Range) => {
                return Err(vm.raise(TypeId::OverflowError, "(34, 'Numerical result out of range')"));
            }
        },
        _ => return Ok(Value::NOT_IMPLEMENTED),
    };
    new_float(vm, r)
}

/// Python's float divmod: floor quotient and a remainder with the divisor's sign
/// (`y` must not be zero).
pub fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = fmath::fmod(x, y);
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = fmath::copysign(0.0, y);
    }
    let floordiv = if div != 0.0 {
        let f = fmath::floor(div);
        if div - f > 0.5 { f + 1.0 } else { f }
    } else {
        fmath::copysign(0.0, x / y)
    };
    (floordiv, m)
}

/// The f64 value of a number for float arithmetic and `math` functions: floats, ints
/// (OverflowError when too large), bools, objects with `__float__` or `__index__`.
pub fn to_f64(vm: &mut Vm, v: Value) -> PyResult<f64> {
    use crate::types::TypeId;
    if let Some(f) = vm.float_of(v)
        && !v.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Instance)
    {
        return Ok(f);
    }
    if let Some(i) = v.as_small() {
        return Ok(i as f64);
    }
    let is_inst = v.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Instance);
    if !is_inst {
        if let Some(iv) = vm.int_of(v) {
            return int_to_f64(vm, &iv);
        }
    } else {
        if let Some(r) = crate::runtime::call_dunder(vm, v, q!("__float__"), &[])? {
            return match vm.float_of(r) {
                Some(f) => Ok(f),
                None => {
                    let (a, b) = (crate::runtime::type_name(vm, v), crate::runtime::type_name(vm, r));
                    Err(vm.raise_fmt(TypeId::TypeError, format_args!("{a}.__float__ returned non-float (type {b})")))
                }
            };
        }
        if let Some(r) = crate::runtime::call_dunder(vm, v, q!("__index__"), &[])? {
            return match vm.int_of(r) {
                Some(iv) => int_to_f64(vm, &iv),
                None => {
                    let b = crate::runtime::type_name(vm, r);
                    Err(vm.raise_fmt(TypeId::TypeError, format_args!("__index__ returned non-int (type {b})")))
                }
            };
        }
        let n = crate::runtime::native_of(vm, v);
        if n != v && (vm.float_of(n).is_some() || vm.is_int(n)) {
            return to_f64(vm, n);
        }
    }
    let t = crate::runtime::type_name(vm, v);
    Err(vm.raise_fmt(TypeId::TypeError, format_args!("must be real number, not {t}")))
}

/// An int as f64; OverflowError when it is too large.
pub fn int_to_f64(vm: &mut Vm, iv: &crate::obj::int::IntVal) -> PyResult<f64> {
    match iv {
        crate::obj::int::IntVal::Small(i) => Ok(*i as f64),
        crate::obj::int::IntVal::Big(b) => {
            let f = crate::obj::int::big_to_f64(b);
            if f.is_infinite() {
                return Err(vm.raise(crate::types::TypeId::OverflowError, "int too large to convert to float"));
            }
            Ok(f)
        }
    }
}

/// `int(f)`: truncation toward zero (ValueError for nan, OverflowError for inf).
pub fn float_to_int(vm: &mut Vm, f: f64) -> PyResult<Value> {
    use crate::types::TypeId;
    if f.is_nan() {
        return Err(vm.raise(TypeId::ValueError, "cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.raise(TypeId::OverflowError, "cannot convert float infinity to integer"));
    }
    let t = fmath::trunc(f);
    if t.abs() < 9.2e18 {
        return crate::obj::int::new_int(vm, t as i64);
    }
    let b = crate::obj::int::float_to_big(t);
    crate::obj::int::new_big(vm, &b)
}

fn value_error_str(vm: &mut Vm, shown: &str) -> crate::vm::Exc {
    let mut r = String::new();
    crate::obj::str::repr_str(shown, &mut r);
    vm.raise_fmt(crate::types::TypeId::ValueError, format_args!("could not convert string to float: {r}"))
}

fn float_new(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    use crate::types::TypeId;
    if args.len() > 2 {
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("float expected at most 1 argument, got {}", args.len() - 1)));
    }
    let Some(&x) = args.get(1) else { return new_float(vm, 0.0) };
    let is_inst = x.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Instance);
    if !is_inst {
        if vm.float_of(x).is_some() {
            return Ok(x);
        }
        if let Some(i) = x.as_small() {
            return new_float(vm, i as f64);
        }
        if let Some(iv) = vm.int_of(x) {
            let f = int_to_f64(vm, &iv)?;
            return new_float(vm, f);
        }
    } else {
        if let Some(r) = crate::runtime::call_dunder(vm, x, q!("__float__"), &[])? {
            if vm.float_of(r).is_none() {
                let (a, b) = (crate::runtime::type_name(vm, x), crate::runtime::type_name(vm, r));
                return Err(vm.raise_fmt(TypeId::TypeError, format_args!("{a}.__float__ returned non-float (type {b})")));
            }
            return Ok(r);
        }
        if let Some(r) = crate::runtime::call_dunder(vm, x, q!("__index__"), &[])? {
            let Some(iv) = vm.int_of(r) else {
                let b = crate::runtime::type_name(vm, r);
                return Err(vm.raise_fmt(TypeId::TypeError, format_args!("__index__ returned non-int (type {b})")));
            };
            let f = int_to_f64(vm, &iv)?;
            return new_float(vm, f);
        }
        let n = crate::runtime::native_of(vm, x);
        if n != x {
            return float_new(vm, &[args[0], n], &[]);
        }
    }
    if let Some(s) = vm.str_of(x).map(String::from) {
        return match parse_float(&s) {
            Some(f) => new_float(vm, f),
            None => Err(value_error_str(vm, &s)),
        };
    }
    if let Some(b) = crate::obj::bytes::buffer_of(vm, x) {
        let parsed = core::str::from_utf8(&b).ok().and_then(parse_float);
        return match parsed {
            Some(f) => new_float(vm, f),
            None => {
                let mut r = String::new();
                crate::obj::bytes::repr_into(vm, x, &mut r);
                Err(vm.raise_fmt(TypeId::ValueError, format_args!("could not convert string to float: {r}")))
            }
        };
    }
    let t = crate::runtime::type_name(vm, x);
    Err(vm.raise_fmt(TypeId::TypeError, format_args!("float() argument must be a string or a real number, not '{t}'")))
}

/// Strip underscores placed between digits (`1_000.5`); None when one is misplaced.
fn strip_underscores(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in b.iter().enumerate() {
        if c == b'_' {
            let prev_digit = i > 0 && b[i - 1].is_ascii_hexdigit();
            let next_digit = b.get(i + 1).is_some_and(|n| n.is_ascii_hexdigit());
            if !prev_digit || !next_digit {
                return None;
            }
        } else {
            out.push(c as char);
        }
    }
    Some(out)
}

/// Parse a float literal as Python's `float(str)` does: surrounding whitespace, a sign,
/// `inf`/`infinity`/`nan` in any case, digits with single underscores between them, an
/// optional fraction and exponent. Correctly rounded.
pub fn parse_float(s: &str) -> Option<f64> {
    let s = crate::obj::int::ascii_numeric(s);
    let t = s.trim();
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let sign = if neg { -1.0 } else { 1.0 };
    if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") {
        return Some(sign * f64::INFINITY);
    }
    if body.eq_ignore_ascii_case("nan") {
        return Some(if neg { -f64::NAN } else { f64::NAN });
    }
    let clean = if body.contains('_') { strip_underscores(body)? } else { String::from(body) };
    // Validate the grammar: digits [. digits] [e [sign] digits], at least one digit
    // in the mantissa.
    let b = clean.as_bytes();
    let mut i = 0;
    let mut mant_digits = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
        mant_digits += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
            mant_digits += 1;
        }
    }
    if mant_digits == 0 {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    clean.parse::<f64>().ok().map(|f| if neg { -f } else { f })
}

fn self_f64(vm: &Vm, v: Value) -> f64 {
    vm.float_of(v).unwrap_or(0.0)
}

fn float_is_integer(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let f = self_f64(vm, args[0]);
    Ok(Value::bool(f.is_finite() && fmath::floor(f) == f))
}

/// Exact (numerator, denominator) of a finite float.
pub fn float_ratio(f: f64) -> (num_bigint::BigInt, num_bigint::BigInt) {
    use num_bigint::BigInt;
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mut mant = (bits & ((1u64 << 52) - 1)) as i64;
    let e = if exp == 0 {
        -1074
    } else {
        mant |= 1 << 52;
        exp - 1075
    };
    if mant == 0 {
        return (BigInt::from(0), BigInt::from(1));
    }
    let tz = mant.trailing_zeros() as i64;
    let (mant, e) = (mant >> tz, e + tz);
    let n = BigInt::from(if f < 0.0 { -mant } else { mant });
    if e >= 0 { (n << e as usize, BigInt::from(1)) } else { (n, BigInt::from(1) << (-e) as usize) }
}

fn float_as_integer_ratio(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    use crate::types::TypeId;
    let f = self_f64(vm, args[0]);
    if f.is_nan() {
        return Err(vm.raise(TypeId::ValueError, "cannot convert NaN to integer ratio"));
    }
    if f.is_infinite() {
        return Err(vm.raise(TypeId::OverflowError, "cannot convert Infinity to integer ratio"));
    }
    let (n, d) = float_ratio(f);
    let n = crate::obj::int::new_big(vm, &n)?;
    let d = crate::obj::int::new_big(vm, &d)?;
    crate::obj::tuple::new_tuple(vm, &[n, d])
}

/// `float.hex()` text.
pub fn float_hex_str(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f == 0.0 {
        return alloc::format!("{sign}0x0.0p+0");
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let mant = bits & ((1u64 << 52) - 1);
    let (lead, e) = if exp == 0 { (0, -1022) } else { (1, exp - 1023) };
    alloc::format!("{sign}0x{lead}.{mant:013x}p{}{}", if e < 0 { '-' } else { '+' }, e.abs())
}

fn float_hex(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let f = self_f64(vm, args[0]);
    let s = float_hex_str(f);
    vm.new_str(&s)
}

/// Parse `float.fromhex` syntax; Err(true) for overflow, Err(false) for bad syntax.
pub fn parse_hex_float(s: &str) -> Result<f64, bool> {
    use num_bigint::BigUint;
    let t = s.trim();
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let apply = |f: f64| if neg { -f } else { f };
    if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") {
        return Ok(apply(f64::INFINITY));
    }
    if body.eq_ignore_ascii_case("nan") {
        return Ok(apply(f64::NAN));
    }
    let body = if body.len() >= 2 && body[..2].eq_ignore_ascii_case("0x") { &body[2..] } else { body };
    let (mant_s, exp_s) = match body.find(['p', 'P']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int_s, frac_s) = match mant_s.find('.') {
        Some(i) => (&mant_s[..i], &mant_s[i + 1..]),
        None => (mant_s, ""),
    };
    if int_s.is_empty() && frac_s.is_empty() {
        return Err(false);
    }
    let mut m = BigUint::from(0u32);
    for c in int_s.chars().chain(frac_s.chars()) {
        let d = c.to_digit(16).ok_or(false)?;
        m = (m << 4usize) + BigUint::from(d);
    }
    let mut e: i64 = -4 * frac_s.len() as i64;
    if let Some(x) = exp_s {
        let (xneg, digits) = match x.as_bytes().first() {
            Some(b'-') => (true, &x[1..]),
            Some(b'+') => (false, &x[1..]),
            _ => (false, x),
        };
        if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
            return Err(false);
        }
        // Clamp absurd exponents (the result is then 0 or inf anyway).
        let v: i64 = digits.parse::<i64>().unwrap_or(i64::MAX / 4).min(1 << 40);
        e += if xneg { -v } else { v };
    }
    if m.bits() == 0 {
        return Ok(apply(0.0));
    }
    let top = m.bits() as i64 + e;
    if top > 1025 {
        return Err(true);
    }
    if top < -1080 {
        return Ok(apply(0.0));
    }
    let one = BigUint::from(1u32);
    let (n, d) = if e >= 0 { (m << e as usize, one) } else { (m, one << (-e) as usize) };
    let f = crate::obj::int::ratio_to_f64(&n, &d);
    if f.is_infinite() {
        return Err(true);
    }
    Ok(apply(f))
}

fn float_fromhex(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    use crate::types::TypeId;
    let Some(s) = vm.str_of(args[1]).map(String::from) else {
        let t = crate::runtime::type_name(vm, args[1]);
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("must be str, not {t}")));
    };
    match parse_hex_float(&s) {
        Ok(f) => {
            let r = new_float(vm, f)?;
            if args[0] != TypeId::Float.value() {
                return crate::call::call(vm, args[0], &[r], &[]);
            }
            Ok(r)
        }
        Err(true) => Err(vm.raise(TypeId::OverflowError, "hexadecimal value too large to represent as a float")),
        Err(false) => Err(vm.raise(TypeId::ValueError, "invalid hexadecimal floating-point string")),
    }
}

fn float_self(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let f = self_f64(vm, args[0]);
    if args[0].as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Float) {
        return Ok(args[0]);
    }
    new_float(vm, f)
}

fn float_trunc(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let f = self_f64(vm, args[0]);
    float_to_int(vm, f)
}

fn float_floor(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let f = self_f64(vm, args[0]);
    float_to_int(vm, fmath::floor(f))
}

fn float_ceil(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let f = self_f64(vm, args[0]);
    float_to_int(vm, fmath::ceil(f))
}

fn float_abs(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let f = self_f64(vm, args[0]);
    new_float(vm, f.abs())
}

fn float_round_method(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let f = self_f64(vm, args[0]);
    round_f64(vm, f, args.get(1).copied())
}

fn float_getnewargs(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let f = float_self(vm, args, _kw)?;
    crate::obj::tuple::new_tuple(vm, &[f])
}

/// `float`.
pub static FLOAT_TYPE: crate::types::TypeDef = crate::types::TypeDef {
    name: "float",
    base: Some(crate::types::TypeId::Object),
    locals: &[
        fun!(q!("is_integer"), float_is_integer, 1, 1),
        fun!(q!("as_integer_ratio"), float_as_integer_ratio, 1, 1),
        fun!(q!("hex"), float_hex, 1, 1),
        classfun!(q!("fromhex"), float_fromhex, 2, 2),
        fun!(q!("conjugate"), float_self, 1, 1),
        fun!(q!("__float__"), float_self, 1, 1),
        fun!(q!("__int__"), float_trunc, 1, 1),
        fun!(q!("__trunc__"), float_trunc, 1, 1),
        fun!(q!("__floor__"), float_floor, 1, 1),
        fun!(q!("__ceil__"), float_ceil, 1, 1),
        fun!(q!("__abs__"), float_abs, 1, 1),
        fun!(q!("__round__"), float_round_method, 1, 2),
        fun!(q!("__getnewargs__"), float_getnewargs, 1, 1),
    ],
    new: Some(float_new),
    subclassable: true,
};

/// `x` rounded to `nd` decimal digits, exactly as CPython (correctly rounded, ties to
/// even on the exact binary value). None when the result overflows.
pub fn round_digits(x: f64, nd: i64) -> Option<f64> {
    use num_bigint::BigInt;
    use num_integer::Integer;
    // Beyond these every float is unchanged / rounds to zero.
    if nd > 323 || !x.is_finite() || x == 0.0 {
        return Some(x);
    }
    if nd < -308 {
        return Some(0.0 * x);
    }
    if nd >= 0 {
        // Rust's fixed-precision formatting is exact and rounds ties to even.
        let s = alloc::format!("{:.*}", nd as usize, x);
        let r = s.parse::<f64>().ok()?;
        return if r.is_finite() { Some(r) } else { None };
    }
    // Round |x| / 10**k to an integer (ties to even) with exact rationals.
    let k = (-nd) as usize;
    let (n, d) = float_ratio(x.abs());
    let den = d * num_traits::pow(BigInt::from(10), k);
    let (q, r) = n.div_rem(&den);
    let twice: BigInt = r * 2;
    let q = if twice > den || (twice == den && q.is_odd()) { q + 1 } else { q };
    let s = alloc::format!("{}{q}e{k}", if x < 0.0 { "-" } else { "" });
    let r = s.parse::<f64>().ok()?;
    if r.is_finite() { Some(r) } else { None }
}

/// `round(f[, ndigits])` for a float.
fn round_f64(vm: &mut Vm, f: f64, nd: Option<Value>) -> PyResult<Value> {
    use crate::types::TypeId;
    match nd.filter(|v| !v.is_none()) {
        None => {
            if f.is_nan() {
                return Err(vm.raise(TypeId::ValueError, "cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(vm.raise(TypeId::OverflowError, "cannot convert float infinity to integer"));
            }
            float_to_int(vm, fmath::rint(f))
        }
        Some(n) => {
            let Some(iv) = crate::obj::int::index_of(vm, n)? else {
                let t = crate::runtime::type_name(vm, n);
                return Err(vm.raise_fmt(TypeId::TypeError, format_args!("'{t}' object cannot be interpreted as an integer")));
            };
            let n = match iv {
                crate::obj::int::IntVal::Small(i) => i,
                crate::obj::int::IntVal::Big(b) => {
                    if num_traits::Signed::is_negative(&b) { i64::MIN } else { i64::MAX }
                }
            };
            match round_digits(f, n) {
                Some(r) => new_float(vm, r),
                None => Err(vm.raise(TypeId::OverflowError, "rounded value too large to represent")),
            }
        }
    }
}

/// `round(x[, ndigits])` with round-half-even, as CPython.
pub fn builtin_round(vm: &mut Vm, args: &[Value], kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    use crate::types::TypeId;
    let x = args[0];
    let nd = args.get(1).copied().or_else(|| kw.iter().find(|(k, _)| *k == q!("ndigits")).map(|(_, v)| *v));
    let is_inst = x.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Instance);
    if !is_inst {
        if let Some(f) = vm.float_of(x) {
            return round_f64(vm, f, nd);
        }
        if vm.is_int(x) {
            return crate::obj::int::round_int(vm, x, nd);
        }
    }
    let rest: alloc::vec::Vec<Value> = nd.into_iter().collect();
    if let Some(r) = crate::runtime::call_dunder(vm, x, q!("__round__"), &rest)? {
        return Ok(r);
    }
    let t = crate::runtime::type_name(vm, x);
    Err(vm.raise_fmt(TypeId::TypeError, format_args!("type {t} doesn't define __round__ method")))
}

#[cfg(test)]
mod more_tests {
    use super::*;

    #[test]
    fn parse_float_grammar() {
        assert_eq!(parse_float(" 1.5 "), Some(1.5));
        assert_eq!(parse_float("1_000.5"), Some(1000.5));
        assert_eq!(parse_float("+.5"), Some(0.5));
        assert_eq!(parse_float("5."), Some(5.0));
        assert_eq!(parse_float("1E+3"), Some(1000.0));
        assert_eq!(parse_float("\u{661}.\u{665}"), Some(1.5));
        assert_eq!(parse_float("-Infinity"), Some(f64::NEG_INFINITY));
        assert!(parse_float("nan").is_some_and(f64::is_nan));
        for bad in ["", "abc", "1.2.3", "1e", "--1", "1__0", "_1", "1_", ".", "e5", "1e5.0", "0x10", "in f"] {
            assert_eq!(parse_float(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn round_matches_cpython() {
        // Expected values from CPython 3.11.
        assert_eq!(round_digits(2.675, 2), Some(2.67));
        assert_eq!(round_digits(0.125, 2), Some(0.12));
        assert_eq!(round_digits(0.375, 2), Some(0.38));
        assert_eq!(round_digits(1234.5678, -2), Some(1200.0));
        assert_eq!(round_digits(1250.0, -2), Some(1200.0));
        assert_eq!(round_digits(1350.0, -2), Some(1400.0));
        assert_eq!(round_digits(-0.4, 0), Some(-0.0));
        assert_eq!(round_digits(5e-324, 400), Some(5e-324));
        assert_eq!(round_digits(1.7976931348623157e308, -308), None);
        assert_eq!(round_digits(123.456, -400), Some(0.0));
    }

    #[test]
    fn hex_roundtrip() {
        assert_eq!(float_hex_str(1.5), "0x1.8000000000000p+0");
        assert_eq!(float_hex_str(-0.0), "-0x0.0p+0");
        assert_eq!(float_hex_str(5e-324), "0x0.0000000000001p-1022");
        assert_eq!(parse_hex_float("0x1.8p+0"), Ok(1.5));
        assert_eq!(parse_hex_float("  -0x.8p1 "), Ok(-1.0));
        assert_eq!(parse_hex_float("0x1p-1074"), Ok(5e-324));
        assert_eq!(parse_hex_float("0x1p1024"), Err(true));
        assert_eq!(parse_hex_float("0xg"), Err(false));
    }
}

/// The int or bool operand of a mixed int/float operator as f64 (OverflowError when
/// the int is too large, as CPython); None for anything that is not an int.
pub fn operand_f64(vm: &mut Vm, v: Value) -> PyResult<Option<f64>> {
    if let Some(i) = v.as_small() {
        return Ok(Some(i as f64));
    }
    match vm.int_of(v) {
        Some(iv) => int_to_f64(vm, &iv).map(Some),
        None => Ok(None),
    }
}
