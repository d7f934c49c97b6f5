//! `complex`: two f64 in a `ComplexObj`. Arithmetic follows CPython's algorithms
//! (Smith's division, exponentiation by squaring for small integral powers) so results
//! and their reprs agree bit for bit.

use alloc::string::String;
use upy_bytecode::BinOp;

use super::{fmath, ComplexObj, Kind};
use crate::qstr::Qstr;
use crate::types::TypeId;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

type C = (f64, f64);

/// A new complex.
pub fn new_complex(vm: &mut Vm, re: f64, im: f64) -> PyResult<Value> {
    let off = vm.alloc(Kind::Complex, core::mem::size_of::<ComplexObj>())?;
    let c = vm.heap.get_mut::<ComplexObj>(off);
    c.re = re;
    c.im = im;
    Ok(Value::obj(off))
}

fn prod(a: C, b: C) -> C {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// `a / b` (Smith's algorithm, as CPython); None when `b` is zero.
pub fn quot(a: C, b: C) -> Option<C> {
    let (abs_br, abs_bi) = (b.0.abs(), b.1.abs());
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return None;
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Some(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abs_bi >= abs_br {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Some(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        // A NaN in the divisor.
        Some((f64::NAN, f64::NAN))
    }
}

/// Complex power by polar form (CPython's `_Py_c_pow`); `a` must not be zero unless `b`
/// is zero.
pub fn cpow(a: C, b: C) -> C {
    if b == (0.0, 0.0) {
        return (1.0, 0.0);
    }
    if a == (0.0, 0.0) {
        return (0.0, 0.0);
    }
    let vabs = fmath::hypot(a.0, a.1);
    let mut len = fmath::pow(vabs, b.0);
    let at = fmath::atan2(a.1, a.0);
    let mut phase = at * b.0;
    if b.1 != 0.0 {
        len /= fmath::exp(at * b.1);
        phase += b.1 * fmath::log(vabs);
    }
    (len * fmath::cos(phase), len * fmath::sin(phase))
}

/// `x ** n` for a non-negative integer n, by repeated squaring.
fn powu(x: C, n: i64) -> C {
    let mut r = (1.0, 0.0);
    let mut p = x;
    let mut mask: i64 = 1;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = prod(r, p);
        }
        mask <<= 1;
        p = prod(p, p);
    }
    r
}

/// `a ** b` with CPython's rules; Err(true) for ZeroDivisionError, Err(false) overflow.
pub fn complex_pow(a: C, b: C) -> Result<C, bool> {
    let n = b.0 as i64;
    let r = if b.1 == 0.0 && b.0 == n as f64 && (-100..=100).contains(&n) {
        if n > 0 {
            powu(a, n)
        } else {
            quot((1.0, 0.0), powu(a, -n)).ok_or(true)?
        }
    } else {
        if a == (0.0, 0.0) && b != (0.0, 0.0) && (b.1 != 0.0 || b.0 < 0.0) {
            return Err(true);
        }
        cpow(a, b)
    };
    if r.0.is_infinite() || r.1.is_infinite() {
        return Err(false);
    }
    Ok(r)
}

/// `a op b` for complex operands.
pub fn complex_binop(vm: &mut Vm, op: BinOp, a: C, b: C) -> PyResult<Value> {
    let (r, i) = match op {
        BinOp::Add => (a.0 + b.0, a.1 + b.1),
        BinOp::Sub => (a.0 - b.0, a.1 - b.1),
        BinOp::Mul => prod(a, b),
        BinOp::TrueDiv => match quot(a, b) {
            Some(q) => q,
            None => return Err(vm.raise(TypeId::ZeroDivisionError, "complex division by zero")),
        },
        BinOp::Pow => match complex_pow(a, b) {
            Ok(p) => p,
            Err(true) => return Err(vm.raise(TypeId::ZeroDivisionError, "0.0 to a negative or complex power")),
            Err(false) => return Err(vm.raise(TypeId::OverflowError, "complex exponentiation")),
        },
        _ => return Ok(Value::NOT_IMPLEMENTED),
    };
    new_complex(vm, r, i)
}

/// `abs(z)`: C99 rules for infinities and NaNs, OverflowError when too large.
pub fn complex_abs(vm: &mut Vm, re: f64, im: f64) -> PyResult<Value> {
    let r = if !re.is_finite() || !im.is_finite() {
        if re.is_infinite() || im.is_infinite() { f64::INFINITY } else { f64::NAN }
    } else {
        let h = fmath::hypot(re, im);
        if h.is_infinite() {
            return Err(vm.raise(TypeId::OverflowError, "absolute value too large"));
        }
        h
    };
    super::float::new_float(vm, r)
}

fn fmt_part(f: f64) -> String {
    let s = super::float::repr(f);
    match s.strip_suffix(".0") {
        Some(t) => String::from(t),
        None => s,
    }
}

/// `repr(complex)` text as CPython: `(1+2j)`, `2j`, `(-0-1j)`, `(1+nanj)`.
pub fn repr_parts(re: f64, im: f64) -> String {
    let mut out = String::new();
    if re == 0.0 && re.is_sign_positive() {
        out.push_str(&fmt_part(im));
        out.push('j');
        return out;
    }
    out.push('(');
    out.push_str(&fmt_part(re));
    if im.is_nan() || !im.is_sign_negative() {
        out.push('+');
    }
    out.push_str(&fmt_part(im));
    out.push_str("j)");
    out
}

/// Append `repr(complex)` to `out`.
pub fn repr_into(vm: &Vm, v: Value, out: &mut String) {
    let Some(off) = v.as_obj() else { return };
    let c = vm.heap.get::<ComplexObj>(off);
    out.push_str(&repr_parts(c.re, c.im));
}

/// The (re, im) of a complex value.
fn complex_parts(vm: &Vm, v: Value) -> Option<C> {
    let off = v.as_obj()?;
    if vm.heap.kind(off) != Kind::Complex {
        return None;
    }
    let c = vm.heap.get::<ComplexObj>(off);
    Some((c.re, c.im))
}

/// A constructor argument: Some(parts, is_complex) for numbers and objects with
/// `__complex__`, `__float__` or `__index__`; None for anything else.
fn number_arg(vm: &mut Vm, v: Value) -> PyResult<Option<(C, bool)>> {
    if let Some(c) = complex_parts(vm, v) {
        return Ok(Some((c, true)));
    }
    if v.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Instance) {
        if let Some(r) = crate::runtime::call_dunder(vm, v, q!("__complex__"), &[])? {
            return match complex_parts(vm, r) {
                Some(c) => Ok(Some((c, true))),
                None => {
                    let t = crate::runtime::type_name(vm, r);
                    Err(vm.raise_fmt(TypeId::TypeError, format_args!("__complex__ returned non-complex (type {t})")))
                }
            };
        }
        let has_float = crate::runtime::has_dunder(vm, v, q!("__float__"))?
            || crate::runtime::has_dunder(vm, v, q!("__index__"))?;
        let n = crate::runtime::native_of(vm, v);
        if !has_float && (n == v || !(vm.is_int(n) || vm.float_of(n).is_some())) {
            return Ok(None);
        }
    } else if !(vm.is_int(v) || vm.float_of(v).is_some()) {
        return Ok(None);
    }
    let f = super::float::to_f64(vm, v)?;
    Ok(Some(((f, 0.0), false)))
}

fn complex_new(vm: &mut Vm, args: &[Value], kw: &[(Qstr, Value)]) -> PyResult<Value> {
    let mut real = args.get(1).copied();
    let mut imag = args.get(2).copied();
    if args.len() > 3 {
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("complex() takes at most 2 arguments ({} given)", args.len() - 1)));
    }
    for &(k, v) in kw {
        if k == q!("real") && real.is_none() {
            real = Some(v);
        } else if k == q!("imag") && imag.is_none() {
            imag = Some(v);
        } else {
            let n = String::from(vm.qstr_str(k));
            return Err(vm.raise_fmt(TypeId::TypeError, format_args!("complex() got an unexpected keyword argument '{n}'")));
        }
    }
    if real.is_none() && imag.is_none() {
        return new_complex(vm, 0.0, 0.0);
    }
    let r = real.unwrap_or(Value::small(0));
    if let Some(s) = vm.str_of(r).map(String::from) {
        if imag.is_some() {
            return Err(vm.raise(TypeId::TypeError, "complex() can't take second arg if first is a string"));
        }
        return match parse_complex(&s) {
            Some((a, b)) => new_complex(vm, a, b),
            None => Err(vm.raise(TypeId::ValueError, "complex() arg is a malformed string")),
        };
    }
    if let Some(i) = imag
        && vm.str_of(i).is_some()
    {
        return Err(vm.raise(TypeId::TypeError, "complex() second arg can't be a string"));
    }
    if imag.is_none() && complex_parts(vm, r).is_some() {
        return Ok(r);
    }
    let Some((cr, cr_is_complex)) = number_arg(vm, r)? else {
        let t = crate::runtime::type_name(vm, r);
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("complex() first argument must be a string or a number, not '{t}'")));
    };
    let (mut re, mut im) = (cr.0, cr.1);
    match imag {
        None => {}
        Some(i) => {
            let Some((ci, ci_is_complex)) = number_arg(vm, i)? else {
                let t = crate::runtime::type_name(vm, i);
                return Err(vm.raise_fmt(TypeId::TypeError, format_args!("complex() second argument must be a number, not '{t}'")));
            };
            if ci_is_complex {
                re -= ci.1;
            }
            im = if cr_is_complex { ci.0 + cr.1 } else { ci.0 };
        }
    }
    new_complex(vm, re, im)
}

/// Length of the float literal (with optional sign) at the start of `s`, or 0.
fn float_prefix_len(s: &[u8]) -> usize {
    let mut i = 0;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        i += 1;
    }
    // inf / infinity / nan.
    for word in ["infinity", "inf", "nan"] {
        let w = word.as_bytes();
        if s.len() >= i + w.len() && s[i..i + w.len()].eq_ignore_ascii_case(w) {
            return i + w.len();
        }
    }
    let digits = |mut i: usize| {
        let start = i;
        while i < s.len() && (s[i].is_ascii_digit() || (s[i] == b'_' && i > start && i + 1 < s.len() && s[i + 1].is_ascii_digit())) {
            i += 1;
        }
        (i, i - start)
    };
    let (j, n1) = digits(i);
    i = j;
    let mut n2 = 0;
    if i < s.len() && s[i] == b'.' {
        let (j, n) = digits(i + 1);
        if n1 + n > 0 {
            i = j;
            n2 = n;
        }
    }
    if n1 + n2 == 0 {
        return 0;
    }
    if i < s.len() && (s[i] == b'e' || s[i] == b'E') {
        let mut k = i + 1;
        if k < s.len() && (s[k] == b'+' || s[k] == b'-') {
            k += 1;
        }
        let (j, n) = digits(k);
        if n > 0 {
            i = j;
        }
    }
    i
}

/// Parse `complex(str)` syntax: `1+2j`, `-j`, `(3.5e2-1J)`, `inf+nanj`, with surrounding
/// whitespace and optional parentheses.
pub fn parse_complex(s: &str) -> Option<C> {
    let s = super::int::ascii_numeric(s);
    let mut t = s.trim();
    if let Some(inner) = t.strip_prefix('(') {
        t = inner.strip_suffix(')')?.trim();
    }
    let b = t.as_bytes();
    if b.is_empty() {
        return None;
    }
    let is_j = |c: &[u8]| c == b"j" || c == b"J";
    let n = float_prefix_len(b);
    if n == 0 {
        // Only a bare j with an optional sign.
        return match t {
            "j" | "J" | "+j" | "+J" => Some((0.0, 1.0)),
            "-j" | "-J" => Some((0.0, -1.0)),
            _ => None,
        };
    }
    let x = super::float::parse_float(&t[..n])?;
    let rest = &b[n..];
    if rest.is_empty() {
        return Some((x, 0.0));
    }
    if is_j(rest) {
        return Some((0.0, x));
    }
    if rest[0] != b'+' && rest[0] != b'-' {
        return None;
    }
    let m = float_prefix_len(rest);
    if m == 0 {
        // "1+j" / "1-j"
        if rest.len() == 2 && is_j(&rest[1..]) {
            return Some((x, if rest[0] == b'-' { -1.0 } else { 1.0 }));
        }
        return None;
    }
    if !is_j(&rest[m..]) {
        return None;
    }
    let y = super::float::parse_float(&t[n..n + m])?;
    Some((x, y))
}

fn self_parts(vm: &Vm, v: Value) -> C {
    complex_parts(vm, v).unwrap_or((0.0, 0.0))
}

fn complex_conjugate(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    let (re, im) = self_parts(vm, args[0]);
    new_complex(vm, re, -im)
}

fn complex_complex(_vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    Ok(args[0])
}

fn complex_abs_method(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    let (re, im) = self_parts(vm, args[0]);
    complex_abs(vm, re, im)
}

fn complex_getnewargs(vm: &mut Vm, args: &[Value], _kw: &[(Qstr, Value)]) -> PyResult<Value> {
    let (re, im) = self_parts(vm, args[0]);
    let r = super::float::new_float(vm, re)?;
    let i = super::float::new_float(vm, im)?;
    super::tuple::new_tuple(vm, &[r, i])
}

/// `complex`.
pub static COMPLEX_TYPE: crate::types::TypeDef = crate::types::TypeDef {
    name: "complex",
    base: Some(TypeId::Object),
    locals: &[
        fun!(q!("conjugate"), complex_conjugate, 1, 1),
        fun!(q!("__complex__"), complex_complex, 1, 1),
        fun!(q!("__abs__"), complex_abs_method, 1, 1),
        fun!(q!("__getnewargs__"), complex_getnewargs, 1, 1),
    ],
    new: Some(complex_new),
    subclassable: false,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_forms() {
        // Expected values checked with CPython's complex().
        assert_eq!(parse_complex("1+2j"), Some((1.0, 2.0)));
        assert_eq!(parse_complex(" ( -1.5e2-2J ) "), Some((-150.0, -2.0)));
        assert_eq!(parse_complex("j"), Some((0.0, 1.0)));
        assert_eq!(parse_complex("-j"), Some((0.0, -1.0)));
        assert_eq!(parse_complex("1-j"), Some((1.0, -1.0)));
        assert_eq!(parse_complex("3"), Some((3.0, 0.0)));
        assert_eq!(parse_complex("1_0j"), Some((0.0, 10.0)));
        assert_eq!(parse_complex("1e-3+1e3j"), Some((0.001, 1000.0)));
        assert_eq!(parse_complex("-infj"), Some((0.0, f64::NEG_INFINITY)));
        for bad in ["", "1+", "abc", "1+2i", "1 + 2j", "()", "(1+2j", "1+2jj", "j1", "+", "1e+j", "_1j"] {
            assert_eq!(parse_complex(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn repr_forms() {
        assert_eq!(repr_parts(1.0, 2.0), "(1+2j)");
        assert_eq!(repr_parts(0.0, -1.0), "-1j");
        assert_eq!(repr_parts(-0.0, -0.0), "(-0-0j)");
        assert_eq!(repr_parts(1.0, -0.0), "(1-0j)");
        assert_eq!(repr_parts(1.0, -f64::NAN), "(1+nanj)");
        assert_eq!(repr_parts(1e16, 1.5), "(1e+16+1.5j)");
    }

    #[test]
    fn division_and_power() {
        assert_eq!(quot((1.0, 2.0), (3.0, -4.0)), Some((-0.2, 0.4)));
        assert_eq!(quot((1.0, 0.0), (0.0, 0.0)), None);
        assert_eq!(complex_pow((0.0, 1.0), (2.0, 0.0)), Ok((-1.0, 0.0)));
        assert_eq!(complex_pow((0.0, 0.0), (-1.0, 0.0)), Err(true));
        assert_eq!(complex_pow((1e300, 0.0), (2.0, 0.0)), Err(false));
    }
}
