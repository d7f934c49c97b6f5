//! Text formatting: the format-spec mini-language (`format()`, `str.format`, f-strings)
//! and printf-style `%` formatting, following CPython's `Python/formatter_unicode.c`
//! and `Objects/unicodeobject.c` so the output is identical.
//!
//! The number and spec code is pure (errors are `FmtErr` values) and unit-tested; the
//! VM-facing entry points turn errors into Python exceptions.

use alloc::string::String;
use alloc::vec::Vec;

use crate::obj::int::IntVal;
use crate::qstr::Qstr;
use crate::runtime;
use crate::types::TypeId;
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};

type Kw<'a> = &'a [(Qstr, Value)];

/// A formatting error: exception type and message.
pub type FmtErr = (TypeId, String);

fn verr(msg: impl Into<String>) -> FmtErr {
    (TypeId::ValueError, msg.into())
}

fn raise(vm: &mut Vm, e: FmtErr) -> Exc {
    vm.raise(e.0, &e.1)
}

/// A parsed format spec: `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    /// Fill character (meaningful when `fill_set` or `zero`).
    pub fill: char,
    /// The fill character was given explicitly.
    pub fill_set: bool,
    /// `<`, `>`, `^`, `=` when given.
    pub align: Option<char>,
    /// `+`, `-`, ` ` when given.
    pub sign: Option<char>,
    /// `z`: coerce negative zero.
    pub z: bool,
    /// `#`.
    pub alt: bool,
    /// The `0` flag before the width.
    pub zero: bool,
    /// Minimum width (0 = none).
    pub width: usize,
    /// `,` or `_`.
    pub grouping: Option<char>,
    /// Precision.
    pub precision: Option<usize>,
    /// Type character.
    pub ty: Option<char>,
}

impl Default for Spec {
    fn default() -> Spec {
        Spec { fill: ' ', fill_set: false, align: None, sign: None, z: false, alt: false, zero: false, width: 0, grouping: None, precision: None, ty: None }
    }
}

impl Spec {
    /// Effective (fill, align) for a value whose default alignment is `default`.
    fn fill_align(&self, default: char) -> (char, char) {
        if self.zero && !self.fill_set {
            let align = self.align.unwrap_or(if default == '>' { '=' } else { default });
            ('0', align)
        } else {
            (self.fill, self.align.unwrap_or(default))
        }
    }
}

fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '^' | '=')
}

/// Parse a format spec.
pub fn parse_spec(s: &str) -> Result<Spec, FmtErr> {
    let c: Vec<char> = s.chars().collect();
    let mut sp = Spec::default();
    let mut i = 0;
    if c.len() >= 2 && is_align(c[1]) {
        sp.fill = c[0];
        sp.fill_set = true;
        sp.align = Some(c[1]);
        i = 2;
    } else if !c.is_empty() && is_align(c[0]) {
        sp.align = Some(c[0]);
        i = 1;
    }
    if let Some(&ch @ ('+' | '-' | ' ')) = c.get(i) {
        sp.sign = Some(ch);
        i += 1;
    }
    if c.get(i) == Some(&'z') {
        sp.z = true;
        i += 1;
    }
    if c.get(i) == Some(&'#') {
        sp.alt = true;
        i += 1;
    }
    if !sp.fill_set && c.get(i) == Some(&'0') {
        sp.zero = true;
        i += 1;
    }
    let read_num = |i: &mut usize| -> Result<Option<usize>, FmtErr> {
        let start = *i;
        let mut n: usize = 0;
        while let Some(d) = c.get(*i).and_then(|ch| ch.to_digit(10)) {
            n = n.checked_mul(10).and_then(|n| n.checked_add(d as usize)).ok_or_else(|| verr("Too many decimal digits in format string"))?;
            *i += 1;
        }
        Ok(if *i > start { Some(n) } else { None })
    };
    if let Some(w) = read_num(&mut i)? {
        sp.width = w;
    }
    if c.get(i) == Some(&',') {
        sp.grouping = Some(',');
        i += 1;
    }
    if c.get(i) == Some(&'_') {
        if sp.grouping.is_some() {
            return Err(verr("Cannot specify both ',' and '_'."));
        }
        sp.grouping = Some('_');
        i += 1;
    }
    if c.get(i) == Some(&',') {
        return Err(verr("Cannot specify both ',' and '_'."));
    }
    if c.get(i) == Some(&'.') {
        i += 1;
        match read_num(&mut i)? {
            Some(p) if p > i32::MAX as usize => return Err(verr("precision too big")),
            Some(p) => sp.precision = Some(p),
            None => return Err(verr("Format specifier missing precision")),
        }
    }
    if c.len() > i + 1 {
        return Err(verr("Invalid format specifier"));
    }
    if let Some(&t) = c.get(i) {
        sp.ty = Some(t);
    }
    if let Some(g) = sp.grouping {
        let ok = match sp.ty {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'F' | 'G' | '%') => true,
            Some('b' | 'o' | 'x' | 'X') => g == '_',
            _ => false,
        };
        if !ok {
            let t = sp.ty.unwrap_or(' ');
            return Err(verr(alloc::format!("Cannot specify '{g}' with '{t}'.")));
        }
    }
    Ok(sp)
}

/// Group `digits` with `sep` every `every` digits from the right, zero-padding to at
/// least `min_width` characters (CPython's `_PyUnicode_InsertThousandsGrouping`).
fn insert_grouping(digits: &str, sep: Option<char>, every: usize, min_width: i64) -> String {
    let d = digits.as_bytes();
    let Some(sep) = sep else {
        let mut s = String::new();
        for _ in digits.len() as i64..min_width {
            s.push('0');
        }
        s.push_str(digits);
        return s;
    };
    let mut rev: Vec<u8> = Vec::with_capacity(d.len() + d.len() / every + 1);
    let mut remaining = d.len() as i64;
    let mut min_w = min_width;
    let mut use_sep = false;
    let every = every as i64;
    loop {
        let l = every.min(remaining.max(min_w).max(1));
        let n_zeros = (l - remaining).max(0);
        let n_chars = remaining.min(l).max(0);
        if use_sep {
            rev.push(sep as u8);
        }
        for k in 0..n_chars {
            rev.push(d[(remaining - 1 - k) as usize]);
        }
        rev.extend(core::iter::repeat_n(b'0', n_zeros as usize));
        use_sep = true;
        remaining -= n_chars;
        min_w -= l;
        if remaining <= 0 && min_w <= 0 {
            break;
        }
        min_w -= 1;
    }
    rev.reverse();
    String::from_utf8(rev).unwrap_or_default()
}

/// Lay out a number: `sign`, `prefix` (0x...), integer `digits` (grouped), `rest`
/// (fraction, exponent, %, or a non-numeric body like `inf`), padded per `sp`.
fn layout_number(sp: &Spec, sign: &str, prefix: &str, digits: &str, rest: &str, every: usize) -> String {
    let (fill, align) = sp.fill_align('>');
    let width = sp.width as i64;
    let min_width = if fill == '0' && align == '=' {
        width - (sign.len() + prefix.len() + rest.chars().count()) as i64
    } else {
        0
    };
    // No digits (nan, inf, %c): nothing to group or zero-pad; plain padding applies.
    let grouped = if digits.is_empty() { String::new() } else { insert_grouping(digits, sp.grouping, every, min_width) };
    let len = (sign.len() + prefix.len() + grouped.len() + rest.chars().count()) as i64;
    let pad = (width - len).max(0) as usize;
    let mut out = String::with_capacity(len as usize + pad);
    let fills = |out: &mut String, n: usize| out.extend(core::iter::repeat_n(fill, n));
    match align {
        '<' => {
            out.push_str(sign);
            out.push_str(prefix);
            out.push_str(&grouped);
            out.push_str(rest);
            fills(&mut out, pad);
        }
        '^' => {
            fills(&mut out, pad / 2);
            out.push_str(sign);
            out.push_str(prefix);
            out.push_str(&grouped);
            out.push_str(rest);
            fills(&mut out, pad - pad / 2);
        }
        '=' => {
            out.push_str(sign);
            out.push_str(prefix);
            fills(&mut out, pad);
            out.push_str(&grouped);
            out.push_str(rest);
        }
        _ => {
            fills(&mut out, pad);
            out.push_str(sign);
            out.push_str(prefix);
            out.push_str(&grouped);
            out.push_str(rest);
        }
    }
    out
}

/// Pad text per `sp` (strings and pre-rendered objects).
fn pad_text(sp: &Spec, body: &str, default_align: char) -> String {
    let (fill, align) = sp.fill_align(default_align);
    let n = body.chars().count();
    if n >= sp.width {
        return String::from(body);
    }
    let pad = sp.width - n;
    let (l, r) = match align {
        '<' => (0, pad),
        '^' => (pad / 2, pad - pad / 2),
        _ => (pad, 0),
    };
    let mut out = String::with_capacity(body.len() + pad);
    out.extend(core::iter::repeat_n(fill, l));
    out.push_str(body);
    out.extend(core::iter::repeat_n(fill, r));
    out
}

fn sign_for(sp: &Spec, neg: bool) -> &'static str {
    if neg {
        "-"
    } else {
        match sp.sign {
            Some('+') => "+",
            Some(' ') => " ",
            _ => "",
        }
    }
}

// ---------------------------------------------------------------- floats

/// Strip trailing zeros (and a trailing point) from a fixed-point mantissa.
fn strip_zeros(s: &mut String) {
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
}

/// `{:.*e}` split into mantissa and exponent.
fn sci(a: f64, digits_after: usize) -> (String, i32) {
    let s = alloc::format!("{:.*e}", digits_after, a);
    match s.split_once('e') {
        Some((m, e)) => (String::from(m), e.parse().unwrap_or(0)),
        None => (s, 0),
    }
}

fn exp_suffix(out: &mut String, e: i32) {
    use core::fmt::Write;
    let _ = write!(out, "e{}{:02}", if e < 0 { '-' } else { '+' }, e.unsigned_abs());
}

/// `%e` body of a non-negative finite value: `1.234500e+03`.
pub fn fmt_exp(a: f64, prec: usize, alt: bool) -> String {
    let (mut m, e) = sci(a, prec);
    if alt && !m.contains('.') {
        m.push('.');
    }
    exp_suffix(&mut m, e);
    m
}

/// `%f` body of a non-negative finite value.
pub fn fmt_fixed(a: f64, prec: usize, alt: bool) -> String {
    let mut s = alloc::format!("{:.*}", prec, a);
    if alt && !s.contains('.') {
        s.push('.');
    }
    s
}

/// `%g` body of a non-negative finite value with `prec` significant digits. With
/// `add_dot0` (format spec without a type) fixed results keep a `.0` and exponent
/// notation starts one digit earlier, as CPython's `Py_DTSF_ADD_DOT_0`.
pub fn fmt_general(a: f64, prec: usize, alt: bool, add_dot0: bool) -> String {
    let p = prec.max(1);
    let (mant, exp) = sci(a, p - 1);
    let limit = if add_dot0 { p as i32 - 1 } else { p as i32 };
    if exp < -4 || exp >= limit {
        let mut m = mant;
        if alt {
            if !m.contains('.') {
                m.push('.');
            }
        } else {
            strip_zeros(&mut m);
        }
        exp_suffix(&mut m, exp);
        m
    } else {
        let decimals = (p as i32 - 1 - exp).max(0) as usize;
        let mut m = alloc::format!("{:.*}", decimals, a);
        if alt {
            if !m.contains('.') {
                m.push('.');
            }
        } else {
            strip_zeros(&mut m);
        }
        if add_dot0 && !m.contains('.') {
            m.push_str(".0");
        }
        m
    }
}

/// `repr()` style body (shortest round-trip) of a non-negative finite value.
fn fmt_repr(a: f64, alt: bool) -> String {
    let mut s = super::float::repr(a);
    if alt && !s.contains('.') {
        if let Some(p) = s.find('e') {
            s.insert(p, '.');
        } else {
            s.push('.');
        }
    }
    s
}

/// The body of a float (no sign) and whether it is negative.
fn float_body(f: f64, sp: &Spec) -> Result<(String, bool), FmtErr> {
    let ty = sp.ty;
    let upper = matches!(ty, Some('E' | 'F' | 'G'));
    if let Some(t) = ty.filter(|t| !matches!(t, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%')) {
        return Err(verr(alloc::format!("Unknown format code '{t}' for object of type 'float'")));
    }
    let neg = f.is_sign_negative() && !f.is_nan();
    let a = f.abs();
    if !a.is_finite() {
        let mut s = String::from(if a.is_nan() { "nan" } else { "inf" });
        if upper {
            s.make_ascii_uppercase();
        }
        if ty == Some('%') {
            s.push('%');
        }
        return Ok((s, neg));
    }
    let mut s = match ty {
        Some('f' | 'F') => fmt_fixed(a, sp.precision.unwrap_or(6), sp.alt),
        Some('%') => {
            let mut s = fmt_fixed(a * 100.0, sp.precision.unwrap_or(6), sp.alt);
            s.push('%');
            s
        }
        Some('e' | 'E') => fmt_exp(a, sp.precision.unwrap_or(6), sp.alt),
        Some('g' | 'G' | 'n') => fmt_general(a, sp.precision.unwrap_or(6), sp.alt, false),
        None => match sp.precision {
            Some(p) => fmt_general(a, p, sp.alt, true),
            None => fmt_repr(a, sp.alt),
        },
        Some(t) => return Err(verr(alloc::format!("Unknown format code '{t}' for object of type 'float'"))),
    };
    if upper {
        s.make_ascii_uppercase();
    }
    let neg = neg && !(sp.z && s.bytes().all(|b| !b.is_ascii_digit() || b == b'0'));
    Ok((s, neg))
}

/// Split a rendered number into its leading integer digits and the rest.
fn split_digits(s: &str) -> (&str, &str) {
    let k = s.bytes().position(|b| !b.is_ascii_digit()).unwrap_or(s.len());
    s.split_at(k)
}

/// `format(float, spec)`.
pub fn format_float(f: f64, sp: &Spec) -> Result<String, FmtErr> {
    let (body, neg) = float_body(f, sp)?;
    let (digits, rest) = split_digits(&body);
    Ok(layout_number(sp, sign_for(sp, neg), "", digits, rest, 3))
}

/// `format(complex, spec)`.
pub fn format_complex(re: f64, im: f64, sp: &Spec) -> Result<String, FmtErr> {
    if sp.align == Some('=') {
        return Err(verr("'=' alignment flag is not allowed in complex format specifier"));
    }
    if sp.fill_align('>').0 == '0' {
        return Err(verr("Zero padding is not allowed in complex format specifier"));
    }
    if matches!(sp.ty, Some('%')) {
        return Err(verr("Unknown format code '%' for object of type 'complex'"));
    }
    let no_type = sp.ty.is_none();
    let mut part = Spec { width: 0, align: None, fill_set: false, zero: false, ..sp.clone() };
    if no_type && sp.precision.is_some() {
        part.ty = Some('g');
    }
    let skip_re = no_type && re == 0.0 && re.is_sign_positive();
    let render = |x: f64, part: &Spec| -> Result<(String, bool), FmtErr> {
        if part.ty.is_some() {
            return float_body(x, part);
        }
        // repr-style parts: shortest digits, integral values without ".0".
        let neg = x.is_sign_negative() && !x.is_nan();
        let a = x.abs();
        let s = if a.is_finite() {
            let r = super::float::repr(a);
            let mut t = match r.strip_suffix(".0") {
                Some(t) => String::from(t),
                None => r,
            };
            if part.alt && !t.contains('.') {
                match t.find('e') {
                    Some(p) => t.insert(p, '.'),
                    None => t.push('.'),
                }
            }
            t
        } else {
            String::from(if a.is_nan() { "nan" } else { "inf" })
        };
        Ok((s, neg))
    };
    let mut out = String::new();
    if !skip_re {
        let (rb, rneg) = render(re, &part)?;
        out.push_str(sign_for(&part, rneg));
        out.push_str(&rb);
    }
    let (ib, ineg) = render(im, &part)?;
    if skip_re {
        out.push_str(sign_for(&part, ineg));
    } else {
        out.push(if ineg { '-' } else { '+' });
    }
    out.push_str(&ib);
    out.push('j');
    if no_type && !skip_re {
        out.insert(0, '(');
        out.push(')');
    }
    Ok(pad_text(sp, &out, '>'))
}

// ---------------------------------------------------------------- ints

/// Magnitude digits of an int in `radix` and its sign.
fn int_digits(iv: &IntVal, radix: u32) -> (String, bool) {
    match iv {
        IntVal::Small(i) => {
            let neg = *i < 0;
            let m = i.unsigned_abs();
            let s = match radix {
                2 => alloc::format!("{m:b}"),
                8 => alloc::format!("{m:o}"),
                16 => alloc::format!("{m:x}"),
                _ => alloc::format!("{m}"),
            };
            (s, neg)
        }
        IntVal::Big(b) => {
            let neg = b.sign() == num_bigint::Sign::Minus;
            (b.magnitude().to_str_radix(radix), neg)
        }
    }
}

fn int_to_f64(iv: &IntVal) -> f64 {
    match iv {
        IntVal::Small(i) => *i as f64,
        IntVal::Big(b) => super::int::big_to_f64(b),
    }
}

/// `format(int, spec)`.
pub fn format_int(iv: &IntVal, sp: &Spec) -> Result<String, FmtErr> {
    let ty = sp.ty.unwrap_or('d');
    if matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
        return format_float(int_to_f64(iv), sp);
    }
    let (radix, prefix) = match ty {
        'd' | 'n' => (10, ""),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        'o' => (8, "0o"),
        'b' => (2, "0b"),
        'c' => (0, ""),
        t => return Err(verr(alloc::format!("Unknown format code '{t}' for object of type 'int'"))),
    };
    if sp.precision.is_some() {
        return Err(verr("Precision not allowed in integer format specifier"));
    }
    if sp.z {
        return Err(verr("Negative zero coercion (z) not allowed in integer format specifier"));
    }
    if ty == 'c' {
        if sp.sign.is_some() {
            return Err(verr("Sign not allowed with integer format specifier 'c'"));
        }
        if sp.alt {
            return Err(verr("Alternate form (#) not allowed with integer format specifier 'c'"));
        }
        let ch = match iv {
            IntVal::Small(i) => u32::try_from(*i).ok().and_then(char::from_u32),
            IntVal::Big(_) => None,
        };
        let Some(ch) = ch else {
            return Err((TypeId::OverflowError, String::from("%c arg not in range(0x110000)")));
        };
        let mut s = String::new();
        s.push(ch);
        return Ok(layout_number(sp, "", "", "", &s, 3));
    }
    let (mut digits, neg) = int_digits(iv, radix);
    if ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let prefix = if sp.alt { prefix } else { "" };
    let every = if radix == 10 { 3 } else { 4 };
    Ok(layout_number(sp, sign_for(sp, neg), prefix, &digits, "", every))
}

/// `format(str, spec)`.
pub fn format_str(s: &str, sp: &Spec) -> Result<String, FmtErr> {
    match sp.ty {
        None | Some('s') => {}
        Some(t) => return Err(verr(alloc::format!("Unknown format code '{t}' for object of type 'str'"))),
    }
    if sp.sign.is_some() {
        return Err(verr("Sign not allowed in string format specifier"));
    }
    if sp.alt {
        return Err(verr("Alternate form (#) not allowed in string format specifier"));
    }
    if sp.align == Some('=') {
        return Err(verr("'=' alignment not allowed in string format specifier"));
    }
    if let Some(g) = sp.grouping {
        return Err(verr(alloc::format!("Cannot specify '{g}' with 's'.")));
    }
    if sp.z {
        return Err(verr("Negative zero coercion (z) not allowed in format specifier"));
    }
    let body = match sp.precision {
        Some(p) => match s.char_indices().nth(p) {
            Some((b, _)) => &s[..b],
            None => s,
        },
        None => s,
    };
    Ok(pad_text(sp, body, '<'))
}

// ---------------------------------------------------------------- format()

/// `format(value, spec)`.
pub fn format_value(vm: &mut Vm, v: Value, spec: &str) -> PyResult<String> {
    if runtime::has_dunder(vm, v, q!("__format__"))? {
        let s = vm.new_str(spec)?;
        if let Some(r) = runtime::call_dunder(vm, v, q!("__format__"), &[s])? {
            return match vm.str_of(r) {
                Some(t) => Ok(String::from(t)),
                None => {
                    let t = runtime::type_name(vm, r);
                    Err(vm.raise_fmt(TypeId::TypeError, format_args!("__format__ must return a str, not {t}")))
                }
            };
        }
    }
    if spec.is_empty() {
        return runtime::str_string(vm, v);
    }
    let nv = runtime::native_of(vm, v);
    let sp = parse_spec(spec).map_err(|e| raise(vm, e))?;
    let limit = vm.heap.total_bytes();
    if sp.width > limit || sp.precision.is_some_and(|p| p > limit) {
        return Err(vm.raise_memory_error());
    }
    let r = if let Some(f) = vm.float_of(nv) {
        format_float(f, &sp)
    } else if let Some(iv) = vm.int_of(nv) {
        format_int(&iv, &sp)
    } else if let Some(s) = vm.str_of(nv) {
        format_str(s, &sp)
    } else if let Some((re, im)) = nv.as_obj().filter(|&o| vm.heap.kind(o) == crate::obj::Kind::Complex).and_then(|_| super::ops::complex_of(vm, nv)) {
        format_complex(re, im, &sp)
    } else {
        let t = runtime::type_name(vm, v);
        Err((TypeId::TypeError, alloc::format!("unsupported format string passed to {t}.__format__")))
    };
    r.map_err(|e| raise(vm, e))
}

// ---------------------------------------------------------------- str.format

/// `ascii(v)`: repr with non-ASCII characters escaped.
pub fn ascii_string(vm: &mut Vm, v: Value) -> PyResult<String> {
    let r = runtime::repr_string(vm, v)?;
    Ok(ascii_escape(&r))
}

/// Escape every non-ASCII character of `s` as `\xNN`, `\uNNNN` or `\UNNNNNNNN`.
pub fn ascii_escape(s: &str) -> String {
    use core::fmt::Write;
    if s.is_ascii() {
        return String::from(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        let x = c as u32;
        let _ = if x < 0x80 {
            out.push(c);
            Ok(())
        } else if x < 0x100 {
            write!(out, "\\x{x:02x}")
        } else if x < 0x10000 {
            write!(out, "\\u{x:04x}")
        } else {
            write!(out, "\\U{x:08x}")
        };
    }
    out
}

/// Auto/manual field numbering state of one `str.format` call.
struct Numbering {
    auto: Option<usize>,
    manual: bool,
}

struct FormatCtx<'a> {
    args: &'a [Value],
    kw: Kw<'a>,
    mapping: Value,
    num: Numbering,
}

/// `fmt.format(*args, **kw)`, or `fmt.format_map(mapping)` when `mapping` is not NULL.
pub fn str_format(vm: &mut Vm, fmt: Value, args: &[Value], kw: Kw<'_>, mapping: Value) -> PyResult<String> {
    let f = String::from(vm.str_of(fmt).unwrap_or(""));
    let mut ctx = FormatCtx { args, kw, mapping, num: Numbering { auto: Some(0), manual: false } };
    let mut out = String::with_capacity(f.len() + 16);
    render(vm, &f, &mut ctx, 2, &mut out)?;
    Ok(out)
}

fn render(vm: &mut Vm, f: &str, ctx: &mut FormatCtx<'_>, depth: u32, out: &mut String) -> PyResult<()> {
    if depth == 0 {
        return Err(vm.raise(TypeId::ValueError, "Max string recursion exceeded"));
    }
    let b = f.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        // Literal run.
        let start = i;
        while i < n && b[i] != b'{' && b[i] != b'}' {
            i += 1;
        }
        out.push_str(&f[start..i]);
        if i >= n {
            break;
        }
        if b[i] == b'}' {
            if b.get(i + 1) == Some(&b'}') {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(vm.raise(TypeId::ValueError, "Single '}' encountered in format string"));
        }
        // '{'
        if b.get(i + 1) == Some(&b'{') {
            out.push('{');
            i += 2;
            continue;
        }
        if i + 1 >= n {
            return Err(vm.raise(TypeId::ValueError, "Single '{' encountered in format string"));
        }
        let mut j = i + 1;
        let mut level = 1;
        let mut bracket = false;
        while j < n {
            match b[j] {
                b'[' if !bracket => bracket = true,
                b']' if bracket => bracket = false,
                b'{' if !bracket => level += 1,
                b'}' if !bracket || level > 1 => {
                    level -= 1;
                    if level == 0 {
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        if level != 0 {
            return Err(vm.raise(TypeId::ValueError, "expected '}' before end of string"));
        }
        let field = &f[i + 1..j];
        i = j + 1;
        render_field(vm, field, ctx, depth, out)?;
    }
    Ok(())
}

/// Split `name!conv:spec` (':' and '!' inside brackets belong to the name).
fn split_field(field: &str) -> (&str, Option<&str>, &str) {
    let b = field.as_bytes();
    let mut k = 0;
    let mut bracket = false;
    while k < b.len() {
        match b[k] {
            b'[' => bracket = true,
            b']' => bracket = false,
            b'!' | b':' if !bracket => break,
            _ => {}
        }
        k += 1;
    }
    let name = &field[..k];
    let rest = &field[k..];
    if let Some(r) = rest.strip_prefix('!') {
        match r.find(':') {
            Some(c) => (name, Some(&r[..c]), &r[c + 1..]),
            None => (name, Some(r), ""),
        }
    } else {
        (name, None, rest.strip_prefix(':').unwrap_or(""))
    }
}

fn render_field(vm: &mut Vm, field: &str, ctx: &mut FormatCtx<'_>, depth: u32, out: &mut String) -> PyResult<()> {
    let (name, conv, spec) = split_field(field);
    let mut v = lookup_field(vm, name, ctx)?;
    match conv {
        None => {}
        Some("r") => {
            let s = runtime::repr_string(vm, v)?;
            v = vm.new_str(&s)?;
        }
        Some("s") => v = runtime::to_str(vm, v)?,
        Some("a") => {
            let s = ascii_string(vm, v)?;
            v = vm.new_str(&s)?;
        }
        Some(c) if c.chars().count() == 1 => {
            let c = String::from(c);
            return Err(vm.raise_fmt(TypeId::ValueError, format_args!("Unknown conversion specifier {c}")));
        }
        Some("") => return Err(vm.raise(TypeId::ValueError, "end of string while looking for conversion specifier")),
        Some(_) => return Err(vm.raise(TypeId::ValueError, "expected ':' after conversion specifier")),
    }
    vm.root(v);
    let s = if spec.contains('{') || spec.contains('}') {
        let mut sp = String::new();
        render(vm, spec, ctx, depth - 1, &mut sp)?;
        format_value(vm, v, &sp)?
    } else {
        format_value(vm, v, spec)?
    };
    out.push_str(&s);
    Ok(())
}

fn lookup_field(vm: &mut Vm, name: &str, ctx: &mut FormatCtx<'_>) -> PyResult<Value> {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let first = &name[..first_end];
    let mut v = if first.is_empty() {
        if ctx.num.manual {
            return Err(vm.raise(TypeId::ValueError, "cannot switch from manual field specification to automatic field numbering"));
        }
        let idx = ctx.num.auto.unwrap_or(0);
        ctx.num.auto = Some(idx + 1);
        positional(vm, ctx, idx)?
    } else if first.bytes().all(|c| c.is_ascii_digit()) {
        if ctx.num.auto.is_some_and(|a| a > 0) {
            return Err(vm.raise(TypeId::ValueError, "cannot switch from automatic field numbering to manual field specification"));
        }
        ctx.num.manual = true;
        let idx: usize = first.parse().unwrap_or(usize::MAX);
        positional(vm, ctx, idx)?
    } else {
        let key = vm.new_str(first)?;
        if !ctx.mapping.is_null() {
            runtime::getitem(vm, ctx.mapping, key)?
        } else {
            let q = vm.intern(first);
            match ctx.kw.iter().find(|(k, _)| *k == q) {
                Some(&(_, v)) => v,
                None => return Err(vm.raise_with(TypeId::KeyError, key)),
            }
        }
    };
    // Attribute and index accessors.
    let b = name.as_bytes();
    let mut i = first_end;
    while i < b.len() {
        match b[i] {
            b'.' => {
                let s = i + 1;
                let mut e = s;
                while e < b.len() && b[e] != b'.' && b[e] != b'[' {
                    e += 1;
                }
                if e == s {
                    return Err(vm.raise(TypeId::ValueError, "Empty attribute in format string"));
                }
                let q = vm.intern(&name[s..e]);
                v = runtime::getattr(vm, v, q)?;
                i = e;
            }
            b'[' => {
                let s = i + 1;
                let Some(rel) = name[s..].find(']') else {
                    return Err(vm.raise(TypeId::ValueError, "Missing ']' in format string"));
                };
                let e = s + rel;
                let key_s = &name[s..e];
                if key_s.is_empty() {
                    return Err(vm.raise(TypeId::ValueError, "Empty attribute in format string"));
                }
                let key = if key_s.bytes().all(|c| c.is_ascii_digit()) {
                    match key_s.parse::<i64>() {
                        Ok(k) => vm.new_int(k)?,
                        Err(_) => vm.new_str(key_s)?,
                    }
                } else {
                    vm.new_str(key_s)?
                };
                v = runtime::getitem(vm, v, key)?;
                i = e + 1;
                if i < b.len() && b[i] != b'.' && b[i] != b'[' {
                    return Err(vm.raise(TypeId::ValueError, "Only '.' or '[' may follow ']' in format field specifier"));
                }
            }
            _ => return Err(vm.raise(TypeId::ValueError, "Only '.' or '[' may follow ']' in format field specifier")),
        }
        vm.root(v);
    }
    Ok(v)
}

fn positional(vm: &mut Vm, ctx: &FormatCtx<'_>, idx: usize) -> PyResult<Value> {
    match ctx.args.get(idx) {
        Some(&v) => Ok(v),
        None => Err(vm.raise_fmt(TypeId::IndexError, format_args!("Replacement index {idx} out of range for positional args tuple"))),
    }
}

// ---------------------------------------------------------------- % formatting

/// `fmt % args` for str.
pub fn percent_format(vm: &mut Vm, fmt: Value, args: Value) -> PyResult<Value> {
    let f = String::from(vm.str_of(fmt).unwrap_or(""));
    let out = percent_core(vm, &f, args, false)?;
    vm.new_str(&out)
}

/// `fmt % args` for bytes and bytearray (result of the same type as `fmt`).
pub fn percent_format_bytes(vm: &mut Vm, fmt: Value, args: Value) -> PyResult<Value> {
    let b = super::bytes::buffer_of(vm, fmt).unwrap_or_default();
    let f: String = b.iter().map(|&c| c as char).collect();
    let out = percent_core(vm, &f, args, true)?;
    let bytes: Vec<u8> = out.chars().map(|c| c as u32 as u8).collect();
    if fmt.as_obj().is_some_and(|o| vm.heap.kind(o) == crate::obj::Kind::ByteArray) {
        return super::bytes::new_bytearray(vm, &bytes);
    }
    super::str::new_bytes(vm, &bytes)
}

/// Does `%` treat `v` as a mapping (any subscriptable object but tuple and the format's
/// own type)?
fn is_mapping(vm: &mut Vm, v: Value, bytes_mode: bool) -> PyResult<bool> {
    use crate::obj::Kind;
    let Some(off) = v.as_obj() else {
        return Ok(bytes_mode && vm.str_of(v).is_some());
    };
    Ok(match vm.heap.kind(off) {
        Kind::Tuple => false,
        Kind::Str => bytes_mode,
        Kind::Bytes => !bytes_mode,
        Kind::Dict | Kind::List | Kind::ByteArray | Kind::MemoryView | Kind::Range => true,
        Kind::Instance => {
            vm.dict_off(v).is_some() || runtime::has_dunder(vm, v, q!("__getitem__"))? || {
                let n = runtime::native_of(vm, v);
                n != v && vm.tuple_items(n).is_none() && (bytes_mode || vm.str_of(n).is_none())
            }
        }
        _ => false,
    })
}

fn percent_core(vm: &mut Vm, f: &str, args: Value, bytes_mode: bool) -> PyResult<String> {
    let nat = runtime::native_of(vm, args);
    let tuple_items: Option<Vec<Value>> = vm.tuple_items(nat).map(|t| t.to_vec());
    let is_tuple = tuple_items.is_some();
    let items: Vec<Value> = tuple_items.unwrap_or_else(|| alloc::vec![args]);
    let dict = if !is_tuple && is_mapping(vm, args, bytes_mode)? { Some(args) } else { None };
    let mut argidx = 0usize;
    let mut out = String::with_capacity(f.len() + 16);
    let c: Vec<char> = f.chars().collect();
    let n = c.len();
    let mut i = 0;
    let mut used_key = false;
    let next_arg = |vm: &mut Vm, argidx: &mut usize| -> PyResult<Value> {
        match items.get(*argidx) {
            Some(&v) => {
                *argidx += 1;
                Ok(v)
            }
            None => Err(vm.raise(TypeId::TypeError, "not enough arguments for format string")),
        }
    };
    while i < n {
        if c[i] != '%' {
            let s = i;
            while i < n && c[i] != '%' {
                i += 1;
            }
            out.extend(&c[s..i]);
            continue;
        }
        let spec_start = i;
        i += 1;
        let mut keyed: Option<Value> = None;
        if c.get(i) == Some(&'(') {
            let Some(d) = dict else { return Err(vm.raise(TypeId::TypeError, "format requires a mapping")) };
            let mut depth = 1;
            let s = i + 1;
            i += 1;
            while i < n {
                if c[i] == '(' {
                    depth += 1;
                } else if c[i] == ')' {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                i += 1;
            }
            if i >= n {
                return Err(vm.raise(TypeId::ValueError, "incomplete format key"));
            }
            let key_s: String = c[s..i].iter().collect();
            i += 1;
            let key = if bytes_mode {
                let kb: Vec<u8> = key_s.chars().map(|ch| ch as u32 as u8).collect();
                super::str::new_bytes(vm, &kb)?
            } else {
                vm.new_str(&key_s)?
            };
            let v = runtime::getitem(vm, d, key)?;
            vm.root(v);
            keyed = Some(v);
            used_key = true;
        }
        // Flags.
        let (mut left, mut plus, mut space, mut alt, mut zero) = (false, false, false, false, false);
        while let Some(&ch) = c.get(i) {
            match ch {
                '-' => left = true,
                '+' => plus = true,
                ' ' => space = true,
                '#' => alt = true,
                '0' => zero = true,
                _ => break,
            }
            i += 1;
        }
        // Width.
        let mut width: usize = 0;
        if c.get(i) == Some(&'*') {
            i += 1;
            let w = next_arg(vm, &mut argidx)?;
            let Some(w) = vm.int_i64(w) else { return Err(vm.raise(TypeId::TypeError, "* wants int")) };
            if w < 0 {
                left = true;
            }
            width = w.unsigned_abs() as usize;
        } else {
            while let Some(d) = c.get(i).and_then(|ch| ch.to_digit(10)) {
                width = width.saturating_mul(10).saturating_add(d as usize);
                i += 1;
            }
        }
        // Precision.
        let mut prec: Option<usize> = None;
        if c.get(i) == Some(&'.') {
            i += 1;
            if c.get(i) == Some(&'*') {
                i += 1;
                let p = next_arg(vm, &mut argidx)?;
                let Some(p) = vm.int_i64(p) else { return Err(vm.raise(TypeId::TypeError, "* wants int")) };
                prec = Some(p.max(0) as usize);
            } else {
                let mut p = 0usize;
                while let Some(d) = c.get(i).and_then(|ch| ch.to_digit(10)) {
                    p = p.saturating_mul(10).saturating_add(d as usize);
                    i += 1;
                }
                if p > i32::MAX as usize {
                    return Err(vm.raise(TypeId::ValueError, "precision too big"));
                }
                prec = Some(p);
            }
        }
        if width > vm.heap.total_bytes() || prec.is_some_and(|p| p > vm.heap.total_bytes()) {
            return Err(vm.raise_memory_error());
        }
        // Length modifiers are accepted and ignored.
        while matches!(c.get(i), Some('h' | 'l' | 'L')) {
            i += 1;
        }
        let Some(&conv) = c.get(i) else {
            return Err(vm.raise(TypeId::ValueError, "incomplete format"));
        };
        i += 1;
        if conv == '%' && i - 1 == spec_start + 1 {
            out.push('%');
            continue;
        }
        // CPython fetches the argument before it validates the conversion character.
        let v = match keyed {
            Some(v) => v,
            None => next_arg(vm, &mut argidx)?,
        };
        if conv == '%' {
            return Err(vm.raise_fmt(TypeId::ValueError, format_args!("unsupported format character '%' (0x25) at index {}", i - 1)));
        }
        let mut sp = Spec {
            width,
            sign: if plus { Some('+') } else if space { Some(' ') } else { None },
            alt,
            ..Spec::default()
        };
        if left {
            sp.align = Some('<');
        } else if zero {
            sp.zero = true;
        } else {
            sp.align = Some('>');
        }
        let piece = match conv {
            's' | 'r' | 'a' | 'b' => {
                let s = if conv == 'r' || conv == 'a' {
                    let r = runtime::repr_string(vm, v)?;
                    if conv == 'a' || bytes_mode { ascii_escape(&r) } else { r }
                } else if bytes_mode {
                    match super::bytes::buffer_ref(vm, v) {
                        Some(b) => b.iter().map(|&x| x as char).collect(),
                        None => {
                            if runtime::has_dunder(vm, v, q!("__bytes__"))? {
                                let r = runtime::call_dunder(vm, v, q!("__bytes__"), &[])?.unwrap_or(Value::NONE);
                                match super::bytes::buffer_ref(vm, r) {
                                    Some(b) => b.iter().map(|&x| x as char).collect(),
                                    None => return Err(vm.raise(TypeId::TypeError, "__bytes__ returned non-bytes")),
                                }
                            } else {
                                let t = runtime::type_name(vm, v);
                                return Err(vm.raise_fmt(
                                    TypeId::TypeError,
                                    format_args!("%b requires a bytes-like object, or an object that implements __bytes__, not '{t}'"),
                                ));
                            }
                        }
                    }
                } else if conv == 'b' {
                    return Err(vm.raise_fmt(TypeId::ValueError, format_args!("unsupported format character 'b' (0x62) at index {}", i - 1)));
                } else {
                    runtime::str_string(vm, v)?
                };
                let body = match prec {
                    Some(p) => match s.char_indices().nth(p) {
                        Some((b, _)) => String::from(&s[..b]),
                        None => s,
                    },
                    None => s,
                };
                let sp2 = Spec { zero: false, ..sp.clone() };
                pad_text(&sp2, &body, '>')
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let nv = runtime::native_of(vm, v);
                let iv = match vm.int_of(nv) {
                    Some(iv) => iv,
                    None => match vm.float_of(nv) {
                        Some(fl) if matches!(conv, 'd' | 'i' | 'u') => {
                            if fl.is_nan() {
                                return Err(vm.raise(TypeId::ValueError, "cannot convert float NaN to integer"));
                            }
                            if fl.is_infinite() {
                                return Err(vm.raise(TypeId::OverflowError, "cannot convert float infinity to integer"));
                            }
                            IntVal::Big(super::int::float_to_big(libm::trunc(fl)))
                        }
                        _ => {
                            let t = runtime::type_name(vm, v);
                            let what = if matches!(conv, 'd' | 'i' | 'u') { "a real number" } else { "an integer" };
                            return Err(vm.raise_fmt(TypeId::TypeError, format_args!("%{conv} format: {what} is required, not {t}")));
                        }
                    },
                };
                let radix = match conv {
                    'x' | 'X' => 16,
                    'o' => 8,
                    _ => 10,
                };
                let (mut digits, neg) = int_digits(&iv, radix);
                if conv == 'X' {
                    digits.make_ascii_uppercase();
                }
                if let Some(p) = prec.filter(|&p| digits.len() < p) {
                    let mut z = String::with_capacity(p);
                    z.extend(core::iter::repeat_n('0', p - digits.len()));
                    z.push_str(&digits);
                    digits = z;
                }
                let prefix = match (alt, conv) {
                    (true, 'x') => "0x",
                    (true, 'X') => "0X",
                    (true, 'o') => "0o",
                    _ => "",
                };
                let sign = sign_for(&sp, neg);
                layout_number(&Spec { grouping: None, ..sp }, sign, prefix, &digits, "", 3)
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let nv = runtime::native_of(vm, v);
                let Some(fl) = super::ops::to_float(vm, nv) else {
                    let t = runtime::type_name(vm, v);
                    return Err(vm.raise_fmt(TypeId::TypeError, format_args!("must be real number, not {t}")));
                };
                sp.ty = Some(conv);
                sp.precision = Some(prec.unwrap_or(6));
                format_float(fl, &sp).map_err(|e| raise(vm, e))?
            }
            'c' => {
                let ch: char = if let Some(s) = vm.str_of(v).filter(|_| !bytes_mode) {
                    let mut it = s.chars();
                    match (it.next(), it.next()) {
                        (Some(ch), None) => ch,
                        _ => return Err(vm.raise(TypeId::TypeError, "%c requires int or char")),
                    }
                } else if let Some(b) = super::bytes::buffer_ref(vm, v).filter(|_| bytes_mode) {
                    match b {
                        [x] => *x as char,
                        _ => return Err(vm.raise(TypeId::TypeError, "%c requires an integer in range(256) or a single byte")),
                    }
                } else if let Some(x) = vm.int_of(v) {
                    let limit: i64 = if bytes_mode { 256 } else { 0x110000 };
                    match x {
                        IntVal::Small(k) if (0..limit).contains(&k) => char::from_u32(k as u32).unwrap_or('\u{fffd}'),
                        _ => {
                            if bytes_mode {
                                return Err(vm.raise(TypeId::OverflowError, "%c arg not in range(256)"));
                            }
                            return Err(vm.raise(TypeId::OverflowError, "%c arg not in range(0x110000)"));
                        }
                    }
                } else if bytes_mode {
                    return Err(vm.raise(TypeId::TypeError, "%c requires an integer in range(256) or a single byte"));
                } else {
                    return Err(vm.raise(TypeId::TypeError, "%c requires int or char"));
                };
                let mut s = String::new();
                s.push(ch);
                pad_text(&Spec { zero: false, ..sp }, &s, '>')
            }
            other => {
                let idx = i - 1;
                return Err(vm.raise_fmt(
                    TypeId::ValueError,
                    format_args!("unsupported format character '{other}' (0x{:x}) at index {idx}", other as u32),
                ));
            }
        };
        out.push_str(&piece);
    }
    if argidx < items.len() && dict.is_none() && !(used_key) {
        return Err(vm.raise(
            TypeId::TypeError,
            if bytes_mode { "not all arguments converted during bytes formatting" } else { "not all arguments converted during string formatting" },
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt_f(f: f64, spec: &str) -> String {
        let sp = parse_spec(spec).expect("valid spec");
        format_float(f, &sp).expect("formats")
    }

    fn fmt_i(i: i64, spec: &str) -> String {
        let sp = parse_spec(spec).expect("valid spec");
        format_int(&IntVal::Small(i), &sp).expect("formats")
    }

    // Expected values checked against CPython 3.11.
    #[test]
    fn floats() {
        assert_eq!(fmt_f(123.0, ".3"), "1.23e+02");
        assert_eq!(fmt_f(12.0, ".3"), "12.0");
        assert_eq!(fmt_f(1.0, ".0"), "1e+00");
        assert_eq!(fmt_f(1e16, ""), "1e+16");
        assert_eq!(fmt_f(1e16, "#"), "1.e+16");
        assert_eq!(fmt_f(1234.5, "012,.2f"), "0,001,234.50");
        assert_eq!(fmt_f(f64::INFINITY, "010"), "0000000inf");
        assert_eq!(fmt_f(-f64::INFINITY, "=+8"), "-    inf");
        assert_eq!(fmt_f(f64::NAN, "+"), "+nan");
        assert_eq!(fmt_f(-0.0, "z.1f"), "0.0");
        assert_eq!(fmt_f(-0.0, ".1f"), "-0.0");
        assert_eq!(fmt_f(2.5, ".0f"), "2");
        assert_eq!(fmt_f(0.1, "%"), "10.000000%");
        assert_eq!(fmt_f(123456789.0, ","), "123,456,789.0");
        assert_eq!(fmt_f(1e-5, ""), "1e-05");
        assert_eq!(fmt_f(1.0, "#g"), "1.00000");
        assert_eq!(fmt_f(100000.0, "g"), "100000");
        assert_eq!(fmt_f(1000000.0, "g"), "1e+06");
        assert_eq!(fmt_f(12345.0, "#.0e"), "1.e+04");
        assert_eq!(fmt_f(123.456, ".5"), "123.46");
        assert_eq!(fmt_f(0.0001, ".3"), "0.0001");
        assert_eq!(fmt_f(1.5, "n"), "1.5");
        assert_eq!(fmt_f(3.14159, "*^12.3f"), "***3.142****");
        assert_eq!(fmt_f(1e100, "E"), "1.000000E+100");
    }

    #[test]
    fn ints() {
        assert_eq!(fmt_i(1234, "010,"), "00,001,234");
        assert_eq!(fmt_i(1234, "0=10,"), "00,001,234");
        assert_eq!(fmt_i(1234, "08,"), "0,001,234");
        assert_eq!(fmt_i(5, "<05"), "50000");
        assert_eq!(fmt_i(123, "_b"), "111_1011");
        assert_eq!(fmt_i(123456, "_x"), "1_e240");
        assert_eq!(fmt_i(-123, "#010x"), "-0x000007b");
        assert_eq!(fmt_i(65, "c"), "A");
        assert_eq!(fmt_i(12, "e"), "1.200000e+01");
        assert_eq!(fmt_i(-5, "05"), "-0005");
        assert_eq!(fmt_i(42, "+"), "+42");
        assert_eq!(fmt_i(42, " "), " 42");
        assert_eq!(fmt_i(255, "#X"), "0XFF");
    }

    #[test]
    fn strings_and_errors() {
        let sp = parse_spec("05").expect("valid");
        assert_eq!(format_str("ab", &sp).expect("ok"), "ab000");
        let sp = parse_spec("^5.1").expect("valid");
        assert_eq!(format_str("xyz", &sp).expect("ok"), "  x  ");
        assert!(parse_spec(",_").is_err());
        assert!(parse_spec(",s").is_err());
        assert!(parse_spec(".").is_err());
        assert!(parse_spec("abc").is_err());
        let sp = parse_spec(".2f").expect("valid");
        assert_eq!(format_complex(1.0, 2.0, &sp).expect("ok"), "1.00+2.00j");
        let sp = parse_spec(">12").expect("valid");
        assert_eq!(format_complex(-1.0, 0.0, &sp).expect("ok"), "     (-1+0j)");
    }

    #[test]
    fn field_split() {
        assert_eq!(split_field("0[a:b]!r:>5"), ("0[a:b]", Some("r"), ">5"));
        assert_eq!(split_field("x:{w}"), ("x", None, "{w}"));
    }
}
