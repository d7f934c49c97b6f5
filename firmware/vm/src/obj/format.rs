//! Text formatting: the format-spec mini-language (`format()`, `str.format`, f-strings)
//! and printf-style `%` formatting.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

use crate::obj::int::IntVal;
use crate::runtime;
use crate::types::TypeId;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// A parsed format spec.
#[derive(Default, Debug, Clone)]
pub struct Spec {
    /// Fill character.
    pub fill: Option<char>,
    /// `<`, `>`, `^`, `=`.
    pub align: Option<char>,
    /// `+`, `-`, ` `.
    pub sign: Option<char>,
    /// `#`.
    pub alt: bool,
    /// `0`.
    pub zero: bool,
    /// Minimum width.
    pub width: Option<usize>,
    /// `,` or `_`.
    pub grouping: Option<char>,
    /// Precision.
    pub precision: Option<usize>,
    /// Type character.
    pub ty: Option<char>,
}

/// Parse a format spec.
pub fn parse_spec(vm: &mut Vm, s: &str) -> PyResult<Spec> {
    let mut sp = Spec::default();
    let c: Vec<char> = s.chars().collect();
    let mut i = 0;
    let is_align = |ch: char| matches!(ch, '<' | '>' | '^' | '=');
    if c.len() >= 2 && is_align(c[1]) {
        sp.fill = Some(c[0]);
        sp.align = Some(c[1]);
        i = 2;
    } else if !c.is_empty() && is_align(c[0]) {
        sp.align = Some(c[0]);
        i = 1;
    }
    if i < c.len() && matches!(c[i], '+' | '-' | ' ') {
        sp.sign = Some(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == '#' {
        sp.alt = true;
        i += 1;
    }
    if i < c.len() && c[i] == '0' {
        sp.zero = true;
        i += 1;
    }
    let mut w = String::new();
    while i < c.len() && c[i].is_ascii_digit() {
        w.push(c[i]);
        i += 1;
    }
    if !w.is_empty() {
        sp.width = w.parse().ok();
    }
    if i < c.len() && (c[i] == ',' || c[i] == '_') {
        sp.grouping = Some(c[i]);
        i += 1;
    }
    if i < c.len() && c[i] == '.' {
        i += 1;
        let mut p = String::new();
        while i < c.len() && c[i].is_ascii_digit() {
            p.push(c[i]);
            i += 1;
        }
        if p.is_empty() {
            return Err(vm.raise(TypeId::ValueError, "Format specifier missing precision"));
        }
        sp.precision = p.parse().ok();
    }
    if i < c.len() {
        sp.ty = Some(c[i]);
        i += 1;
    }
    if i < c.len() {
        return Err(vm.raise(TypeId::ValueError, "Invalid format specifier"));
    }
    Ok(sp)
}

fn group(digits: &str, sep: char, every: usize) -> String {
    let mut out = String::new();
    let n = digits.len();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (n - i) % every == 0 {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

fn pad(sp: &Spec, sign: &str, body: &str, default_align: char) -> String {
    let width = sp.width.unwrap_or(0);
    let len = sign.chars().count() + body.chars().count();
    let (fill, align) = if sp.zero && sp.align.is_none() {
        ('0', '=')
    } else {
        (sp.fill.unwrap_or(' '), sp.align.unwrap_or(default_align))
    };
    if len >= width {
        let mut s = String::from(sign);
        s.push_str(body);
        return s;
    }
    let n = width - len;
    let mut s = String::new();
    let fills = |k: usize| core::iter::repeat_n(fill, k).collect::<String>();
    match align {
        '<' => {
            s.push_str(sign);
            s.push_str(body);
            s.push_str(&fills(n));
        }
        '^' => {
            s.push_str(&fills(n / 2));
            s.push_str(sign);
            s.push_str(body);
            s.push_str(&fills(n - n / 2));
        }
        '=' => {
            s.push_str(sign);
            s.push_str(&fills(n));
            s.push_str(body);
        }
        _ => {
            s.push_str(&fills(n));
            s.push_str(sign);
            s.push_str(body);
        }
    }
    s
}

fn sign_str(sp: &Spec, neg: bool) -> &'static str {
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

/// Format a float per spec type e/f/g/%/None.
pub fn format_float(f: f64, sp: &Spec) -> String {
    let neg = f.is_sign_negative() && !(f == 0.0 && sp.ty.is_none() && false);
    let a = f.abs();
    let ty = sp.ty;
    let mut body = if a.is_nan() {
        String::from(if matches!(ty, Some('E' | 'F' | 'G')) { "NAN" } else { "nan" })
    } else if a.is_infinite() {
        String::from(if matches!(ty, Some('E' | 'F' | 'G')) { "INF" } else { "inf" })
    } else {
        match ty {
            Some('f') | Some('F') | Some('%') => {
                let v = if ty == Some('%') { a * 100.0 } else { a };
                let mut s = alloc::format!("{:.*}", sp.precision.unwrap_or(6), v);
                if sp.alt && !s.contains('.') {
                    s.push('.');
                }
                if let Some(g) = sp.grouping {
                    let (int, frac) = s.split_once('.').map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
                    let mut t = group(int, g, 3);
                    if let Some(fr) = frac {
                        t.push('.');
                        t.push_str(fr);
                    }
                    s = t;
                }
                if ty == Some('%') {
                    s.push('%');
                }
                s
            }
            Some('e') | Some('E') => {
                let s = exp_format(a, sp.precision.unwrap_or(6), sp.alt);
                if ty == Some('E') { s.to_uppercase() } else { s }
            }
            Some('g') | Some('G') | Some('n') => {
                let s = general_format(a, sp.precision.unwrap_or(6), sp.alt, false);
                if ty == Some('G') { s.to_uppercase() } else { s }
            }
            _ => {
                // No type: like str(), but a precision means 'g' with at least one digit
                // after the point when the result is integral-looking.
                let mut s = match sp.precision {
                    Some(p) => general_format(a, p, sp.alt, true),
                    None => super::float::repr(a),
                };
                if let Some(g) = sp.grouping {
                    let (int, frac) = s.split_once('.').map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
                    if !int.contains('e') {
                        let mut t = group(int, g, 3);
                        if let Some(fr) = frac {
                            t.push('.');
                            t.push_str(fr);
                        }
                        s = t;
                    }
                }
                s
            }
        }
    };
    if matches!(ty, Some('F')) {
        body = body.to_uppercase();
    }
    let sign = sign_str(sp, neg && !(a.is_nan()));
    pad(sp, sign, &body, '>')
}

/// `%e` with `prec` digits: `1.234500e+03`.
pub fn exp_format(a: f64, prec: usize, alt: bool) -> String {
    let s = alloc::format!("{:.*e}", prec, a);
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    let mut m = String::from(m);
    if alt && !m.contains('.') {
        m.push('.');
    }
    alloc::format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
}

/// `%g` formatting with `prec` significant digits.
pub fn general_format(a: f64, prec: usize, alt: bool, no_type: bool) -> String {
    let p = if prec == 0 { 1 } else { prec };
    if a == 0.0 {
        return if no_type { String::from("0.0") } else if alt { alloc::format!("{:.*}", p - 1, 0.0) } else { String::from("0") };
    }
    let s = alloc::format!("{:.*e}", p - 1, a);
    let exp: i32 = s.split_once('e').map_or(0, |(_, e)| e.parse().unwrap_or(0));
    let mut out = if exp < -4 || exp >= p as i32 {
        let mut m = String::from(s.split_once('e').map_or(s.as_str(), |(m, _)| m));
        if !alt && m.contains('.') {
            while m.ends_with('0') {
                m.pop();
            }
            if m.ends_with('.') {
                m.pop();
            }
        }
        alloc::format!("{m}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs())
    } else {
        let decimals = (p as i32 - 1 - exp).max(0) as usize;
        let mut m = alloc::format!("{:.*}", decimals, a);
        if !alt && m.contains('.') {
            while m.ends_with('0') {
                m.pop();
            }
            if m.ends_with('.') {
                m.pop();
            }
        }
        if no_type && !m.contains('.') && !m.contains('e') {
            m.push_str(".0");
        }
        m
    };
    if no_type && out.contains('e') && !out.contains('.') {
        // repr-like: 1e+16 stays as is
        out = out.clone();
    }
    out
}

fn format_int(vm: &mut Vm, iv: &IntVal, sp: &Spec) -> PyResult<String> {
    let big = iv.to_big();
    let neg = big.sign() == num_bigint::Sign::Minus;
    let mag = if neg { -big } else { big };
    let (digits, prefix) = match sp.ty {
        None | Some('d') | Some('n') => (mag.to_str_radix(10), ""),
        Some('x') => (mag.to_str_radix(16), "0x"),
        Some('X') => (mag.to_str_radix(16).to_uppercase(), "0X"),
        Some('o') => (mag.to_str_radix(8), "0o"),
        Some('b') => (mag.to_str_radix(2), "0b"),
        Some('c') => {
            let Some(ch) = num_traits::ToPrimitive::to_u32(&mag).and_then(char::from_u32) else {
                return Err(vm.raise(TypeId::OverflowError, "%c arg not in range(0x110000)"));
            };
            let mut s = String::new();
            s.push(ch);
            return Ok(pad(sp, "", &s, '<'));
        }
        Some(t @ ('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%')) => {
            let f = crate::obj::int::big_to_f64(&iv.to_big());
            let mut s2 = sp.clone();
            s2.ty = Some(t);
            return Ok(format_float(f, &s2));
        }
        Some(t) => {
            return Err(vm.raise_fmt(TypeId::ValueError, format_args!("Unknown format code '{t}' for object of type 'int'")));
        }
    };
    let digits = match sp.grouping {
        Some(g) => group(&digits, g, if matches!(sp.ty, Some('x' | 'X' | 'o' | 'b')) { 4 } else { 3 }),
        None => digits,
    };
    let mut sign = String::from(sign_str(sp, neg));
    if sp.alt {
        sign.push_str(prefix);
    }
    Ok(pad(sp, &sign, &digits, '>'))
}

/// `format(value, spec)`.
pub fn format_value(vm: &mut Vm, v: Value, spec: &str) -> PyResult<String> {
    if runtime::has_dunder(vm, v, q!("__format__"))? {
        let s = vm.new_str(spec)?;
        if let Some(r) = runtime::call_dunder(vm, v, q!("__format__"), &[s])? {
            return match vm.str_of(r) {
                Some(t) => Ok(String::from(t)),
                None => Err(vm.raise(TypeId::TypeError, "__format__ must return a str")),
            };
        }
    }
    let nv = runtime::native_of(vm, v);
    if spec.is_empty() {
        return runtime::str_string(vm, v);
    }
    let sp = parse_spec(vm, spec)?;
    if v != Value::TRUE && v != Value::FALSE || sp.ty.is_some() {
        if let Some(f) = vm.float_of(nv) {
            if matches!(sp.ty, Some('d' | 'x' | 'X' | 'o' | 'b' | 'c')) {
                let t = sp.ty.unwrap_or('d');
                return Err(vm.raise_fmt(TypeId::ValueError, format_args!("Unknown format code '{t}' for object of type 'float'")));
            }
            return Ok(format_float(f, &sp));
        }
        if let Some(iv) = vm.int_of(nv) {
            if !(v == Value::TRUE || v == Value::FALSE) || sp.ty.is_some() {
                return format_int(vm, &iv, &sp);
            }
        }
    }
    if vm.str_of(nv).is_some() && matches!(sp.ty, None | Some('s')) {
        let mut s = String::from(vm.str_of(nv).unwrap_or(""));
        if let Some(p) = sp.precision {
            s = s.chars().take(p).collect();
        }
        return Ok(pad(&sp, "", &s, '<'));
    }
    if sp.ty.is_some() && sp.ty != Some('s') {
        let t = runtime::type_name(vm, v);
        let c = sp.ty.unwrap_or('?');
        return Err(vm.raise_fmt(TypeId::ValueError, format_args!("Unknown format code '{c}' for object of type '{t}'")));
    }
    let s = runtime::str_string(vm, v)?;
    if matches!(sp.ty, None) && sp.precision.is_none() && (vm.is_int(nv) || vm.float_of(nv).is_some() || (nv.as_obj().is_some_and(|o| vm.heap.kind(o) == crate::obj::Kind::Complex))) {
        return Ok(pad(&sp, "", &s, '>'));
    }
    Ok(pad(&sp, "", &s, '<'))
}

/// `fmt % args` for str.
pub fn percent_format(vm: &mut Vm, fmt: Value, args: Value) -> PyResult<Value> {
    let f = String::from(vm.str_of(fmt).unwrap_or(""));
    let out = percent_core(vm, &f, args, false)?;
    vm.new_str(&out)
}

/// `fmt % args` for bytes.
pub fn percent_format_bytes(vm: &mut Vm, fmt: Value, args: Value) -> PyResult<Value> {
    let b = super::bytes::buffer_of(vm, fmt).unwrap_or_default();
    let f: String = b.iter().map(|&c| c as char).collect();
    let out = percent_core(vm, &f, args, true)?;
    let bytes: Vec<u8> = out.chars().map(|c| c as u32 as u8).collect();
    super::str::new_bytes(vm, &bytes)
}

fn percent_core(vm: &mut Vm, f: &str, args: Value, bytes_mode: bool) -> PyResult<String> {
    let is_tuple = vm.tuple_items(args).is_some();
    let arg_list: Vec<Value> = if is_tuple { vm.tuple_items(args).map(|s| s.to_vec()).unwrap_or_default() } else { alloc::vec![args] };
    let is_map = vm.dict_off(args).is_some() && !is_tuple;
    let mut idx = 0usize;
    let mut out = String::new();
    let chars: Vec<char> = f.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        if i >= chars.len() {
            return Err(vm.raise(TypeId::ValueError, "incomplete format"));
        }
        let mut key_val: Option<Value> = None;
        if chars[i] == '(' {
            let start = i + 1;
            let mut depth = 1;
            i += 1;
            while i < chars.len() && depth > 0 {
                if chars[i] == '(' {
                    depth += 1;
                } else if chars[i] == ')' {
                    depth -= 1;
                }
                i += 1;
            }
            let key: String = chars[start..i - 1].iter().collect();
            let k = vm.new_str(&key)?;
            match vm.dict_get(args, k)? {
                Some(v) => key_val = Some(v),
                None => return Err(vm.raise_with(TypeId::KeyError, k)),
            }
        }
        let mut sp = Spec::default();
        while i < chars.len() && matches!(chars[i], '-' | '+' | ' ' | '#' | '0') {
            match chars[i] {
                '-' => sp.align = Some('<'),
                '+' => sp.sign = Some('+'),
                ' ' => {
                    if sp.sign.is_none() {
                        sp.sign = Some(' ')
                    }
                }
                '#' => sp.alt = true,
                _ => sp.zero = true,
            }
            i += 1;
        }
        let mut next_arg = |vm: &mut Vm| -> PyResult<Value> {
            if let Some(v) = key_val {
                return Ok(v);
            }
            if is_map && !is_tuple {
                return Ok(args);
            }
            let v = arg_list.get(idx).copied();
            idx += 1;
            v.ok_or_else(|| vm.raise(TypeId::TypeError, "not enough arguments for format string"))
        };
        if i < chars.len() && chars[i] == '*' {
            let w = next_arg(vm)?;
            sp.width = vm.int_i64(w).map(|x| x.max(0) as usize);
            i += 1;
        } else {
            let mut w = String::new();
            while i < chars.len() && chars[i].is_ascii_digit() {
                w.push(chars[i]);
                i += 1;
            }
            if !w.is_empty() {
                sp.width = w.parse().ok();
            }
        }
        if i < chars.len() && chars[i] == '.' {
            i += 1;
            let mut p = String::new();
            while i < chars.len() && chars[i].is_ascii_digit() {
                p.push(chars[i]);
                i += 1;
            }
            sp.precision = Some(p.parse().unwrap_or(0));
        }
        if i >= chars.len() {
            return Err(vm.raise(TypeId::ValueError, "incomplete format"));
        }
        let conv = chars[i];
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        if sp.align == Some('<') {
            sp.zero = false;
        }
        let v = next_arg(vm)?;
        let piece = match conv {
            's' | 'r' | 'a' => {
                let mut s = if conv == 's' && !bytes_mode {
                    runtime::str_string(vm, v)?
                } else if conv == 's' {
                    match super::bytes::buffer_of(vm, v) {
                        Some(b) => b.iter().map(|&c| c as char).collect(),
                        None => runtime::str_string(vm, v)?,
                    }
                } else {
                    runtime::repr_string(vm, v)?
                };
                if let Some(p) = sp.precision {
                    s = s.chars().take(p).collect();
                }
                sp.zero = false;
                pad(&sp, "", &s, '>')
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let iv = match vm.int_of(v) {
                    Some(iv) => iv,
                    None => match vm.float_of(v) {
                        Some(f) if conv == 'd' || conv == 'i' || conv == 'u' => IntVal::Small(f as i64),
                        _ => {
                            let t = runtime::type_name(vm, v);
                            return Err(vm.raise_fmt(TypeId::TypeError, format_args!("%{conv} format: a number is required, not {t}")));
                        }
                    },
                };
                sp.ty = Some(match conv {
                    'x' => 'x',
                    'X' => 'X',
                    'o' => 'o',
                    _ => 'd',
                });
                if let Some(p) = sp.precision.take() {
                    let s = format_int(vm, &iv, &Spec { ty: sp.ty, alt: sp.alt, ..Spec::default() })?;
                    let (sg, digits) = if let Some(d) = s.strip_prefix('-') { ("-", d) } else { ("", s.as_str()) };
                    let mut z = String::new();
                    for _ in digits.len()..p {
                        z.push('0');
                    }
                    z.push_str(digits);
                    pad(&sp, sg, &z, '>')
                } else {
                    format_int(vm, &iv, &sp)?
                }
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let Some(f) = super::ops::to_float(vm, v) else {
                    let t = runtime::type_name(vm, v);
                    return Err(vm.raise_fmt(TypeId::TypeError, format_args!("must be real number, not {t}")));
                };
                sp.ty = Some(conv);
                format_float(f, &sp)
            }
            'c' => {
                let s = if let Some(t) = vm.str_of(v) {
                    String::from(t)
                } else {
                    let i = vm.int_i64(v).unwrap_or(0);
                    char::from_u32(i as u32).map(String::from).unwrap_or_default()
                };
                pad(&sp, "", &s, '>')
            }
            _ => {
                return Err(vm.raise_fmt(TypeId::ValueError, format_args!("unsupported format character '{conv}'")));
            }
        };
        out.push_str(&piece);
    }
    if !is_map && is_tuple && idx < arg_list.len() || (!is_tuple && !is_map && idx == 0 && !f.contains('%')) {
        if !(vm.dict_off(args).is_some()) {
            return Err(vm.raise(TypeId::TypeError, "not all arguments converted during string formatting"));
        }
    }
    let _ = write!(out, "");
    Ok(out)
}
