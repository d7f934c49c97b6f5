//! `int`: small ints are immediates; larger values are `IntObj`s holding an i64 or, beyond
//! that, little-endian u32 limbs. Arithmetic takes an i64 fast path and falls back to
//! `num-bigint` (a transient host-side value) only for really big numbers.

use alloc::vec::Vec;
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use super::{IntObj, Kind, INT_BIG, INT_NEG};
use crate::types::TypeId;
use crate::value::{Unpacked, Value};
use crate::vm::{PyResult, Vm};

/// An int value read out of the heap.
#[derive(Clone, Debug)]
pub enum IntVal {
    /// Fits in i64.
    Small(i64),
    /// Does not.
    Big(BigInt),
}

impl IntVal {
    /// As a BigInt.
    pub fn to_big(&self) -> BigInt {
        match self {
            IntVal::Small(i) => BigInt::from(*i),
            IntVal::Big(b) => b.clone(),
        }
    }
}

/// An int from an i64.
pub fn new_int(vm: &mut Vm, i: i64) -> PyResult<Value> {
    if let Some(v) = Value::try_small(i) {
        return Ok(v);
    }
    let off = vm.alloc(Kind::Int, 16)?;
    vm.heap.get_mut::<IntObj>(off).small = i;
    Ok(Value::obj(off))
}

/// An int from a BigInt (stored compactly when it fits i64).
pub fn new_big(vm: &mut Vm, b: &BigInt) -> PyResult<Value> {
    if let Some(i) = b.to_i64() {
        return new_int(vm, i);
    }
    let (sign, limbs) = b.to_u32_digits();
    let off = vm.alloc(Kind::Int, 8 + 4 * limbs.len().max(2))?;
    {
        let o = vm.heap.get_mut::<IntObj>(off);
        o.h.flags = INT_BIG | if sign == Sign::Minus { INT_NEG } else { 0 };
        o.nlimbs = limbs.len() as u32;
    }
    let bytes = vm.heap.bytes_at_mut(off, 8, limbs.len() * 4);
    for (i, l) in limbs.iter().enumerate() {
        bytes[i * 4..i * 4 + 4].copy_from_slice(&l.to_le_bytes());
    }
    Ok(Value::obj(off))
}

/// An int from an IntVal.
pub fn new_intval(vm: &mut Vm, v: IntVal) -> PyResult<Value> {
    match v {
        IntVal::Small(i) => new_int(vm, i),
        IntVal::Big(b) => new_big(vm, &b),
    }
}

impl Vm {
    /// The int behind `v` (ints, bools, instances of int subclasses), or None.
    pub fn int_of(&self, v: Value) -> Option<IntVal> {
        match v.unpack() {
            Unpacked::Int(i) => Some(IntVal::Small(i as i64)),
            _ if v == Value::TRUE => Some(IntVal::Small(1)),
            _ if v == Value::FALSE => Some(IntVal::Small(0)),
            Unpacked::Obj(off) => match self.heap.kind(off) {
                Kind::Int => {
                    let o = self.heap.get::<IntObj>(off);
                    if o.h.flags & INT_BIG == 0 {
                        return Some(IntVal::Small(o.small));
                    }
                    let n = o.nlimbs as usize;
                    let neg = o.h.flags & INT_NEG != 0;
                    let bytes = self.heap.bytes_at(off, 8, n * 4);
                    let limbs: Vec<u32> = bytes
                        .chunks_exact(4)
                        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                        .collect();
                    let b = BigInt::from_slice(if neg { Sign::Minus } else { Sign::Plus }, &limbs);
                    Some(IntVal::Big(b))
                }
                Kind::Instance => self.int_of(self.heap.get::<super::InstObj>(off).native),
                _ => None,
            },
            _ => None,
        }
    }

    /// The int as i64 when it is an int that fits.
    #[inline]
    pub fn int_i64(&self, v: Value) -> Option<i64> {
        if let Some(i) = v.as_small() {
            return Some(i as i64);
        }
        match self.int_of(v)? {
            IntVal::Small(i) => Some(i),
            IntVal::Big(_) => None,
        }
    }

    /// Is `v` an int (bool included)?
    pub fn is_int(&self, v: Value) -> bool {
        v.is_small()
            || v == Value::TRUE
            || v == Value::FALSE
            || v.as_obj().is_some_and(|o| self.heap.kind(o) == Kind::Int)
    }

    /// An int from an i64.
    pub fn new_int(&mut self, i: i64) -> PyResult<Value> {
        new_int(self, i)
    }
}


type Kw<'a> = &'a [(crate::qstr::Qstr, Value)];

/// Fail with MemoryError before computing an int of `bits` bits that cannot fit the heap.
fn check_size(vm: &mut Vm, bits: u64) -> PyResult<()> {
    if bits / 8 > vm.heap.total_bytes() as u64 {
        return Err(vm.raise_memory_error());
    }
    Ok(())
}

/// The arithmetic and bitwise operators on ints.
pub fn binop(vm: &mut Vm, op: upy_bytecode::BinOp, a: &IntVal, b: &IntVal) -> PyResult<Value> {
    use upy_bytecode::BinOp::*;
    if let (IntVal::Small(x), IntVal::Small(y)) = (a, b) {
        let (x, y) = (*x, *y);
        let r = match op {
            Add => x.checked_add(y),
            Sub => x.checked_sub(y),
            Mul => x.checked_mul(y),
            FloorDiv => {
                if y == 0 {
                    return Err(vm.raise(TypeId::ZeroDivisionError, "integer division or modulo by zero"));
                }
                if x == i64::MIN && y == -1 { None } else { Some(Integer::div_floor(&x, &y)) }
            }
            Mod => {
                if y == 0 {
                    return Err(vm.raise(TypeId::ZeroDivisionError, "integer modulo by zero"));
                }
                if y == -1 { Some(0) } else { Some(Integer::mod_floor(&x, &y)) }
            }
            And => Some(x & y),
            Or => Some(x | y),
            Xor => Some(x ^ y),
            LShift => {
                if y < 0 {
                    return Err(vm.raise(TypeId::ValueError, "negative shift count"));
                }
                if x == 0 {
                    Some(0)
                } else if y < 63 && (x.unsigned_abs() >> (63 - y)) == 0 {
                    Some(x << y)
                } else {
                    None
                }
            }
            RShift => {
                if y < 0 {
                    return Err(vm.raise(TypeId::ValueError, "negative shift count"));
                }
                Some(if y >= 64 { if x < 0 { -1 } else { 0 } } else { x >> y })
            }
            Pow => {
                if y < 0 {
                    // int ** negative int is float ** float.
                    return crate::obj::float::float_binop(vm, Pow, x as f64, y as f64);
                }
                let mut acc: i64 = 1;
                let mut ok = true;
                let mut base = x;
                let mut e = y as u64;
                while e > 0 {
                    if e & 1 == 1 {
                        match acc.checked_mul(base) {
                            Some(v) => acc = v,
                            None => {
                                ok = false;
                                break;
                            }
                        }
                    }
                    e >>= 1;
                    if e > 0 {
                        match base.checked_mul(base) {
                            Some(v) => base = v,
                            None => {
                                ok = false;
                                break;
                            }
                        }
                    }
                }
                if ok { Some(acc) } else { None }
            }
            TrueDiv => {
                if y == 0 {
                    return Err(vm.raise(TypeId::ZeroDivisionError, "division by zero"));
                }
                let r = if x.unsigned_abs() <= (1 << 53) && y.unsigned_abs() <= (1 << 53) {
                    x as f64 / y as f64
                } else {
                    big_truediv(&BigInt::from(x), &BigInt::from(y))
                };
                return crate::obj::float::new_float(vm, r);
            }
            MatMul => return Ok(Value::NOT_IMPLEMENTED),
        };
        if let Some(r) = r {
            return new_int(vm, r);
        }
    }
    let (x, y) = (a.to_big(), b.to_big());
    let r = match op {
        Add => x + y,
        Sub => x - y,
        Mul => {
            check_size(vm, x.bits() + y.bits())?;
            x * y
        }
        FloorDiv => {
            if y.is_zero() {
                return Err(vm.raise(TypeId::ZeroDivisionError, "integer division or modulo by zero"));
            }
            x.div_floor(&y)
        }
        Mod => {
            if y.is_zero() {
                return Err(vm.raise(TypeId::ZeroDivisionError, "integer modulo by zero"));
            }
            x.mod_floor(&y)
        }
        And => x & y,
        Or => x | y,
        Xor => x ^ y,
        LShift => {
            if y.is_negative() {
                return Err(vm.raise(TypeId::ValueError, "negative shift count"));
            }
            if x.is_zero() {
                return Ok(Value::small(0));
            }
            let Some(s) = y.to_u64() else {
                return Err(vm.raise(TypeId::OverflowError, "too many digits in integer"));
            };
            check_size(vm, x.bits().saturating_add(s))?;
            x << s as usize
        }
        RShift => {
            if y.is_negative() {
                return Err(vm.raise(TypeId::ValueError, "negative shift count"));
            }
            match y.to_u64().filter(|&s| s < x.bits() + 1) {
                Some(s) => x >> s as usize,
                None => BigInt::from(if x.is_negative() { -1 } else { 0 }),
            }
        }
        Pow => {
            if y.is_negative() {
                let f = crate::obj::float::int_to_f64(vm, a)?;
                let e = crate::obj::float::int_to_f64(vm, b)?;
                return crate::obj::float::float_binop(vm, Pow, f, e);
            }
            // Bases whose powers stay small.
            if x.is_zero() || x == BigInt::from(1) {
                return new_big(vm, &x);
            }
            if x == BigInt::from(-1) {
                return Ok(Value::small(if y.is_odd() { -1 } else { 1 }));
            }
            let Some(e) = y.to_u64() else { return Err(vm.raise_memory_error()) };
            check_size(vm, (x.bits() - 1).saturating_mul(e))?;
            num_traits::pow(x, e as usize)
        }
        TrueDiv => {
            if y.is_zero() {
                return Err(vm.raise(TypeId::ZeroDivisionError, "division by zero"));
            }
            let r = big_truediv(&x, &y);
            if r.is_infinite() {
                return Err(vm.raise(TypeId::OverflowError, "integer division result too large for a float"));
            }
            return crate::obj::float::new_float(vm, r);
        }
        MatMul => return Ok(Value::NOT_IMPLEMENTED),
    };
    new_big(vm, &r)
}

/// `n / d` for positive integers, correctly rounded to the nearest f64 (ties to even),
/// subnormal results included; inf when too large.
pub fn ratio_to_f64(n: &BigUint, d: &BigUint) -> f64 {
    if n.is_zero() {
        return 0.0;
    }
    // The quotient lies in [2**(e-1), 2**(e+1)).
    let e = n.bits() as i64 - d.bits() as i64;
    if e > 1025 {
        return f64::INFINITY;
    }
    if e < -1080 {
        return 0.0;
    }
    // Keep at least 55 significant bits, and bits down to 2**-1076 for subnormals.
    let s = (55 - e).min(1076);
    let (q, r) = if s >= 0 { (n << s as usize).div_rem(d) } else { n.div_rem(&(d << (-s) as usize)) };
    let qbits = q.bits() as i64;
    // Drop the bits below the final precision: 53 bits, or 2**-1074 when subnormal.
    let drop = (qbits - 53).max(s - 1074).max(0);
    let kept = &q >> drop as usize;
    let mut m = kept.to_u64().unwrap_or(0);
    if drop > 0 {
        let rest = &q - (&kept << drop as usize);
        let half = BigUint::from(1u32) << (drop - 1) as usize;
        let above = rest > half || (rest == half && !r.is_zero());
        let tie = rest == half && r.is_zero();
        if above || (tie && m & 1 == 1) {
            m += 1;
        }
    }
    libm::scalbn(m as f64, (drop - s) as i32)
}

/// Correctly rounded big / big (as CPython); inf when the quotient is too large.
pub fn big_truediv(x: &BigInt, y: &BigInt) -> f64 {
    let neg = x.is_negative() != y.is_negative();
    let r = ratio_to_f64(x.magnitude(), y.magnitude());
    if neg { -r } else { r }
}

/// BigInt to the nearest f64 (inf when too large).
pub fn big_to_f64(b: &BigInt) -> f64 {
    if let Some(i) = b.to_i64() {
        return i as f64;
    }
    let r = ratio_to_f64(b.magnitude(), &BigUint::from(1u32));
    if b.is_negative() { -r } else { r }
}

/// Compare two ints.
pub fn cmp(a: &IntVal, b: &IntVal) -> core::cmp::Ordering {
    match (a, b) {
        (IntVal::Small(x), IntVal::Small(y)) => x.cmp(y),
        _ => a.to_big().cmp(&b.to_big()),
    }
}

/// CPython's hash of an int (mod 2^61 - 1), truncated to 32 bits for tables.
pub fn hash(v: &IntVal) -> i64 {
    const M: i64 = (1 << 61) - 1;
    let h = match v {
        IntVal::Small(i) => {
            let r = (i.unsigned_abs() % M as u64) as i64;
            if *i < 0 { -r } else { r }
        }
        IntVal::Big(b) => {
            let r = (b.magnitude() % BigUint::from(M as u64)).to_i64().unwrap_or(0);
            if b.is_negative() { -r } else { r }
        }
    };
    if h == -1 { -2 } else { h }
}

/// `operator.index(v)`: the int behind ints, bools, int subclass instances and objects
/// with `__index__`; None for anything else.
pub fn index_of(vm: &mut Vm, v: Value) -> PyResult<Option<IntVal>> {
    if let Some(i) = v.as_small() {
        return Ok(Some(IntVal::Small(i as i64)));
    }
    if let Some(iv) = vm.int_of(v) {
        return Ok(Some(iv));
    }
    if v.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Instance)
        && let Some(r) = crate::runtime::call_dunder(vm, v, q!("__index__"), &[])?
    {
        return match vm.int_of(r) {
            Some(iv) => Ok(Some(iv)),
            None => {
                let t = crate::runtime::type_name(vm, r);
                Err(vm.raise_fmt(TypeId::TypeError, format_args!("__index__ returned non-int (type {t})")))
            }
        };
    }
    Ok(None)
}

/// `index_of` or TypeError "'x' object cannot be interpreted as an integer".
pub fn index_or_err(vm: &mut Vm, v: Value) -> PyResult<IntVal> {
    match index_of(vm, v)? {
        Some(i) => Ok(i),
        None => {
            let t = crate::runtime::type_name(vm, v);
            Err(vm.raise_fmt(TypeId::TypeError, format_args!("'{t}' object cannot be interpreted as an integer")))
        }
    }
}

/// `round(x[, ndigits])` for an int `x`: ties to even at a power of ten.
pub fn round_int(vm: &mut Vm, x: Value, nd: Option<Value>) -> PyResult<Value> {
    let iv = vm.int_of(x).unwrap_or(IntVal::Small(0));
    let Some(nd) = nd.filter(|v| !v.is_none()) else { return new_intval(vm, iv) };
    let n = index_or_err(vm, nd)?;
    let k = match n {
        IntVal::Small(n) if n >= 0 => return new_intval(vm, iv),
        IntVal::Small(n) => n.unsigned_abs(),
        IntVal::Big(b) if !b.is_negative() => return new_intval(vm, iv),
        IntVal::Big(_) => u64::MAX,
    };
    let b = iv.to_big();
    // 10**k exceeds |x| * 2 once k has more digits than x: the result is 0.
    if k > (b.bits() / 3 + 2) {
        return Ok(Value::small(0));
    }
    let p = num_traits::pow(BigInt::from(10), k as usize);
    let (q, r) = b.div_mod_floor(&p);
    let twice = &r * 2;
    let q = if twice > p || (twice == p && q.is_odd()) { q + 1 } else { q };
    new_big(vm, &(q * p))
}

/// Digit value of an ASCII character in bases up to 36.
fn digit_value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some((c - b'0') as u32),
        b'a'..=b'z' => Some((c - b'a') as u32 + 10),
        b'A'..=b'Z' => Some((c - b'A') as u32 + 10),
        _ => None,
    }
}

/// Why a string is not an int literal.
#[derive(Debug, PartialEq)]
pub enum ParseIntErr {
    /// Not a literal in that base.
    Invalid,
    /// More than 4300 decimal digits (CPython's int_max_str_digits).
    TooLong(usize),
}

/// CPython's default `sys.get_int_max_str_digits()`.
pub const MAX_STR_DIGITS: usize = 4300;

/// Parse an int literal with Python's `int(s, base)` rules: surrounding whitespace, a
/// sign, `0x`/`0o`/`0b` prefixes (base 0 or the matching base), single underscores
/// between digits (and right after a prefix), no leading zeros in base 0.
pub fn parse_int_str(s: &str, base: u32) -> Result<IntVal, ParseIntErr> {
    let s = ascii_numeric(s);
    let t = s.trim();
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let b = t.as_bytes();
    let mut base = base;
    let mut i = 0;
    let mut after_prefix = false;
    if b.len() >= 2 && b[0] == b'0' {
        let p = match b[1] {
            b'x' | b'X' => 16,
            b'o' | b'O' => 8,
            b'b' | b'B' => 2,
            _ => 0,
        };
        if p != 0 && (base == 0 || base == p) {
            base = p;
            i = 2;
            after_prefix = true;
        }
    }
    let mut leading_zero_rule = false;
    if base == 0 {
        base = 10;
        leading_zero_rule = true;
    }
    let digits_start = i;
    let mut ndigits = 0usize;
    let mut prev_us = false;
    let mut small: u64 = 0;
    let mut overflow = false;
    let mut nonzero = false;
    while i < b.len() {
        let c = b[i];
        if c == b'_' {
            // Allowed between digits, or right after a prefix.
            if prev_us || (i == digits_start && !after_prefix) {
                return Err(ParseIntErr::Invalid);
            }
            prev_us = true;
        } else {
            let d = digit_value(c).filter(|&d| d < base).ok_or(ParseIntErr::Invalid)?;
            prev_us = false;
            ndigits += 1;
            nonzero |= d != 0;
            if !overflow {
                match small.checked_mul(base as u64).and_then(|v| v.checked_add(d as u64)) {
                    Some(v) => small = v,
                    None => overflow = true,
                }
            }
        }
        i += 1;
    }
    if ndigits == 0 || prev_us {
        return Err(ParseIntErr::Invalid);
    }
    if leading_zero_rule && !after_prefix && b[digits_start] == b'0' && nonzero {
        return Err(ParseIntErr::Invalid);
    }
    if !base.is_power_of_two() && ndigits > MAX_STR_DIGITS {
        return Err(ParseIntErr::TooLong(ndigits));
    }
    if !overflow {
        if let Ok(v) = i64::try_from(small) {
            return Ok(IntVal::Small(if neg { -v } else { v }));
        }
        let bi = BigInt::from(small);
        return Ok(IntVal::Big(if neg { -bi } else { bi }));
    }
    let clean: Vec<u8> = b[digits_start..].iter().copied().filter(|&c| c != b'_').collect();
    let bi = BigInt::parse_bytes(&clean, base).ok_or(ParseIntErr::Invalid)?;
    Ok(IntVal::Big(if neg { -bi } else { bi }))
}

/// `int(s, base)` parsing with Python's rules (underscores, prefixes, whitespace).
pub fn parse_int(vm: &mut Vm, s: &str, base: u32) -> PyResult<Value> {
    match parse_int_str(s, base) {
        Ok(v) => new_intval(vm, v),
        Err(e) => {
            let mut r = alloc::string::String::new();
            crate::obj::str::repr_str(s, &mut r);
            Err(parse_error(vm, e, &r, base))
        }
    }
}

fn parse_error(vm: &mut Vm, e: ParseIntErr, shown: &str, base: u32) -> crate::vm::Exc {
    match e {
        ParseIntErr::Invalid => {
            let shown: alloc::string::String = shown.chars().take(200).collect();
            vm.raise_fmt(TypeId::ValueError, format_args!("invalid literal for int() with base {base}: {shown}"))
        }
        ParseIntErr::TooLong(n) => vm.raise_fmt(
            TypeId::ValueError,
            format_args!("Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion: value has {n} digits; use sys.set_int_max_str_digits() to increase the limit"),
        ),
    }
}

/// `int(x)` / `int(x, base)` for a str or bytes-like `x`; None when `x` is neither.
fn int_from_text(vm: &mut Vm, x: Value, base: u32) -> PyResult<Option<Value>> {
    if let Some(s) = vm.str_of(x).map(alloc::string::String::from) {
        return parse_int(vm, &s, base).map(Some);
    }
    if let Some(b) = crate::obj::bytes::buffer_of(vm, x) {
        let parsed = match core::str::from_utf8(&b) {
            Ok(s) => parse_int_str(s, base),
            Err(_) => Err(ParseIntErr::Invalid),
        };
        return match parsed {
            Ok(v) => new_intval(vm, v).map(Some),
            Err(e) => {
                let mut r = alloc::string::String::new();
                crate::obj::bytes::repr_into(vm, x, &mut r);
                Err(parse_error(vm, e, &r, base))
            }
        };
    }
    Ok(None)
}

fn int_new(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let mut base = args.get(2).copied();
    for &(k, v) in kw {
        if k == q!("base") && base.is_none() {
            base = Some(v);
        } else {
            let n = alloc::string::String::from(vm.qstr_str(k));
            return Err(vm.raise_fmt(TypeId::TypeError, format_args!("'{n}' is an invalid keyword argument for int()")));
        }
    }
    if args.len() > 3 {
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("int() takes at most 2 arguments ({} given)", args.len() - 1)));
    }
    let Some(&x) = args.get(1) else {
        if base.is_some() {
            return Err(vm.raise(TypeId::TypeError, "int() missing string argument"));
        }
        return Ok(Value::small(0));
    };
    if let Some(b) = base {
        let bv = index_or_err(vm, b)?;
        let b = match bv {
            IntVal::Small(b) if b == 0 || (2..=36).contains(&b) => b as u32,
            _ => return Err(vm.raise(TypeId::ValueError, "int() base must be >= 2 and <= 36, or 0")),
        };
        if let Some(r) = int_from_text(vm, x, b)? {
            return Ok(r);
        }
        return Err(vm.raise(TypeId::TypeError, "int() can't convert non-string with explicit base"));
    }
    to_int(vm, x)
}

/// `int(x)` with one argument.
pub fn to_int(vm: &mut Vm, x: Value) -> PyResult<Value> {
    if x.is_small() {
        return Ok(x);
    }
    if x == Value::TRUE || x == Value::FALSE {
        return Ok(Value::small((x == Value::TRUE) as i32));
    }
    let kind = x.as_obj().map(|o| vm.heap.kind(o));
    match kind {
        Some(Kind::Int) => return Ok(x),
        Some(Kind::Float) => {
            let f = vm.float_of(x).unwrap_or(0.0);
            return crate::obj::float::float_to_int(vm, f);
        }
        Some(Kind::Instance) => {
            for name in [q!("__int__"), q!("__index__"), q!("__trunc__")] {
                if let Some(r) = crate::runtime::call_dunder(vm, x, name, &[])? {
                    if let Some(iv) = vm.int_of(r) {
                        return new_intval(vm, iv);
                    }
                    let (n, t) = (alloc::string::String::from(vm.qstr_str(name)), crate::runtime::type_name(vm, r));
                    return Err(vm.raise_fmt(TypeId::TypeError, format_args!("{n} returned non-int (type {t})")));
                }
            }
            let n = crate::runtime::native_of(vm, x);
            if n != x {
                return to_int(vm, n);
            }
        }
        _ => {}
    }
    if let Some(r) = int_from_text(vm, x, 10)? {
        return Ok(r);
    }
    let t = crate::runtime::type_name(vm, x);
    Err(vm.raise_fmt(TypeId::TypeError, format_args!("int() argument must be a string, a bytes-like object or a real number, not '{t}'")))
}

/// Exact conversion of an integral float to BigInt.
pub fn float_to_big(f: f64) -> BigInt {
    let (m, e) = libm::frexp(f);
    let mant = (m * (1u64 << 53) as f64) as i64;
    let b = BigInt::from(mant);
    let shift = e - 53;
    if shift >= 0 { b << shift as usize } else { b >> (-shift) as usize }
}

fn self_int(vm: &Vm, v: Value) -> IntVal {
    vm.int_of(v).unwrap_or(IntVal::Small(0))
}

fn int_bit_length(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let n = match self_int(vm, args[0]) {
        IntVal::Small(i) => 64 - i.unsigned_abs().leading_zeros() as u64,
        IntVal::Big(b) => b.bits(),
    };
    new_int(vm, n as i64)
}

fn int_bit_count(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let n = match self_int(vm, args[0]) {
        IntVal::Small(i) => i.unsigned_abs().count_ones() as u64,
        IntVal::Big(b) => b.magnitude().iter_u32_digits().map(|d| d.count_ones() as u64).sum(),
    };
    new_int(vm, n as i64)
}

fn byteorder_arg(vm: &mut Vm, v: Option<Value>) -> PyResult<bool> {
    let Some(v) = v else { return Ok(false) };
    match vm.str_of(v) {
        Some("big") => Ok(false),
        Some("little") => Ok(true),
        Some(_) => Err(vm.raise(TypeId::ValueError, "byteorder must be either 'little' or 'big'")),
        None => {
            let t = crate::runtime::type_name(vm, v);
            Err(vm.raise_fmt(TypeId::TypeError, format_args!("to_bytes() argument 'byteorder' must be str, not {t}")))
        }
    }
}

/// Positional-or-keyword argument `i` (after self) named `name`.
fn arg_or_kw(args: &[Value], kw: Kw<'_>, i: usize, name: crate::qstr::Qstr) -> Option<Value> {
    args.get(i).copied().or_else(|| kw.iter().find(|(k, _)| *k == name).map(|(_, v)| *v))
}

fn check_kw(vm: &mut Vm, kw: Kw<'_>, allowed: &[crate::qstr::Qstr], fname: &str) -> PyResult<()> {
    for &(k, _) in kw {
        if !allowed.contains(&k) {
            let n = alloc::string::String::from(vm.qstr_str(k));
            return Err(vm.raise_fmt(TypeId::TypeError, format_args!("{fname}() got an unexpected keyword argument '{n}'")));
        }
    }
    Ok(())
}

fn int_to_bytes(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    check_kw(vm, kw, &[q!("length"), q!("byteorder"), q!("signed")], "to_bytes")?;
    let x = self_int(vm, args[0]).to_big();
    let length = match arg_or_kw(args, kw, 1, q!("length")) {
        Some(l) => index_or_err(vm, l)?,
        None => IntVal::Small(1),
    };
    let length = match length {
        IntVal::Small(l) if l >= 0 => l as u64,
        IntVal::Small(_) => return Err(vm.raise(TypeId::ValueError, "length argument must be non-negative")),
        IntVal::Big(b) if b.is_negative() => return Err(vm.raise(TypeId::ValueError, "length argument must be non-negative")),
        IntVal::Big(_) => return Err(vm.raise(TypeId::OverflowError, "Python int too large to convert to C ssize_t")),
    };
    let little = byteorder_arg(vm, arg_or_kw(args, kw, 2, q!("byteorder")))?;
    let signed = match kw.iter().find(|(k, _)| *k == q!("signed")) {
        Some(&(_, v)) => crate::runtime::truthy(vm, v)?,
        None => false,
    };
    if !signed && x.is_negative() {
        return Err(vm.raise(TypeId::OverflowError, "can't convert negative int to unsigned"));
    }
    let mut bytes = if signed { x.to_signed_bytes_le() } else { x.magnitude().to_bytes_le() };
    if x.is_zero() {
        bytes.clear();
    }
    if bytes.len() as u64 > length {
        return Err(vm.raise(TypeId::OverflowError, "int too big to convert"));
    }
    if length > vm.heap.total_bytes() as u64 {
        return Err(vm.raise_memory_error());
    }
    let fill = if signed && x.is_negative() { 0xff } else { 0 };
    bytes.resize(length as usize, fill);
    if !little {
        bytes.reverse();
    }
    crate::obj::str::new_bytes(vm, &bytes)
}

fn int_from_bytes(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    check_kw(vm, kw, &[q!("bytes"), q!("byteorder"), q!("signed")], "from_bytes")?;
    let cls = args[0];
    let Some(src) = arg_or_kw(args, kw, 1, q!("bytes")) else {
        return Err(vm.raise(TypeId::TypeError, "from_bytes() missing required argument 'bytes' (pos 1)"));
    };
    let little = byteorder_arg(vm, arg_or_kw(args, kw, 2, q!("byteorder")))?;
    let signed = match kw.iter().find(|(k, _)| *k == q!("signed")) {
        Some(&(_, v)) => crate::runtime::truthy(vm, v)?,
        None => false,
    };
    let mut bytes = match crate::obj::bytes::buffer_of(vm, src) {
        Some(b) => b,
        None => {
            if vm.str_of(src).is_some() {
                return Err(vm.raise(TypeId::TypeError, "cannot convert 'str' object to bytes"));
            }
            let items = crate::runtime::collect_iter(vm, src)?;
            let mut out = Vec::with_capacity(items.len());
            for it in items {
                match index_of(vm, it)? {
                    Some(IntVal::Small(b)) if (0..256).contains(&b) => out.push(b as u8),
                    Some(_) => return Err(vm.raise(TypeId::ValueError, "bytes must be in range(0, 256)")),
                    None => {
                        let t = crate::runtime::type_name(vm, it);
                        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("'{t}' object cannot be interpreted as an integer")));
                    }
                }
            }
            out
        }
    };
    if !little {
        bytes.reverse();
    }
    let r = if signed { BigInt::from_signed_bytes_le(&bytes) } else { BigInt::from_bytes_le(Sign::Plus, &bytes) };
    let v = new_big(vm, &r)?;
    if cls != TypeId::Int.value() {
        return crate::call::call(vm, cls, &[v], &[]);
    }
    Ok(v)
}

fn int_plain(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let v = self_int(vm, args[0]);
    new_intval(vm, v)
}

fn int_as_integer_ratio(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let v = int_plain(vm, args, _kw)?;
    crate::obj::tuple::new_tuple(vm, &[v, Value::small(1)])
}

fn int_float(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let v = self_int(vm, args[0]);
    let f = crate::obj::float::int_to_f64(vm, &v)?;
    crate::obj::float::new_float(vm, f)
}

fn int_abs(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    match self_int(vm, args[0]) {
        IntVal::Small(i) if i != i64::MIN => new_int(vm, i.abs()),
        v => new_big(vm, &v.to_big().abs()),
    }
}

fn int_round(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    round_int(vm, args[0], args.get(1).copied())
}

fn int_getnewargs(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let v = int_plain(vm, args, _kw)?;
    crate::obj::tuple::new_tuple(vm, &[v])
}

/// `int`.
pub static INT_TYPE: crate::types::TypeDef = crate::types::TypeDef {
    name: "int",
    base: Some(TypeId::Object),
    locals: &[
        fun!(q!("bit_length"), int_bit_length, 1, 1),
        fun!(q!("bit_count"), int_bit_count, 1, 1),
        fun!(q!("to_bytes"), int_to_bytes, 1, 3, kw),
        (q!("from_bytes"), crate::types::Attr::ClassFun(crate::types::Fun { f: int_from_bytes, min: 1, max: 3, kw: true })),
        fun!(q!("as_integer_ratio"), int_as_integer_ratio, 1, 1),
        fun!(q!("conjugate"), int_plain, 1, 1),
        fun!(q!("__int__"), int_plain, 1, 1),
        fun!(q!("__index__"), int_plain, 1, 1),
        fun!(q!("__trunc__"), int_plain, 1, 1),
        fun!(q!("__floor__"), int_plain, 1, 1),
        fun!(q!("__ceil__"), int_plain, 1, 1),
        fun!(q!("__pos__"), int_plain, 1, 1),
        fun!(q!("__float__"), int_float, 1, 1),
        fun!(q!("__abs__"), int_abs, 1, 1),
        fun!(q!("__round__"), int_round, 1, 2),
        fun!(q!("__getnewargs__"), int_getnewargs, 1, 1),
    ],
    new: Some(int_new),
    subclassable: true,
};

fn radix(vm: &mut Vm, v: Value, base: u32, prefix: &str) -> PyResult<Value> {
    let iv = index_or_err(vm, v)?;
    let s = match iv {
        IntVal::Small(i) => {
            let (neg, m) = (i < 0, i.unsigned_abs());
            let body = match base {
                2 => alloc::format!("{m:b}"),
                8 => alloc::format!("{m:o}"),
                _ => alloc::format!("{m:x}"),
            };
            alloc::format!("{}{prefix}{body}", if neg { "-" } else { "" })
        }
        IntVal::Big(b) => {
            let neg = b.is_negative();
            alloc::format!("{}{prefix}{}", if neg { "-" } else { "" }, b.magnitude().to_str_radix(base))
        }
    };
    vm.new_str(&s)
}

/// `bin(x)`.
pub fn builtin_bin(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    radix(vm, args[0], 2, "0b")
}
/// `oct(x)`.
pub fn builtin_oct(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    radix(vm, args[0], 8, "0o")
}
/// `hex(x)`.
pub fn builtin_hex(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    radix(vm, args[0], 16, "0x")
}

/// `divmod(a, b)`.
pub fn builtin_divmod(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let (a, b) = (args[0], args[1]);
    // Floats: one computation, and CPython's "float divmod()" error.
    let plain = |vm: &Vm, v: Value| !v.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Instance);
    if plain(vm, a) && plain(vm, b) && (vm.float_of(a).is_some() || vm.float_of(b).is_some()) {
        let x = crate::obj::ops::to_float(vm, a);
        let y = crate::obj::ops::to_float(vm, b);
        if let (Some(x), Some(y)) = (x, y) {
            if y == 0.0 {
                return Err(vm.raise(TypeId::ZeroDivisionError, "float divmod()"));
            }
            let (q, r) = crate::obj::float::float_divmod(x, y);
            let q = crate::obj::float::new_float(vm, q)?;
            let r = crate::obj::float::new_float(vm, r)?;
            return crate::obj::tuple::new_tuple(vm, &[q, r]);
        }
    }
    if plain(vm, a)
        && plain(vm, b)
        && let (Some(x), Some(y)) = (vm.int_of(a), vm.int_of(b))
    {
        if let (IntVal::Small(x), IntVal::Small(y)) = (&x, &y)
            && *y != 0
            && !(*x == i64::MIN && *y == -1)
        {
            let (q, r) = Integer::div_mod_floor(x, y);
            let q = new_int(vm, q)?;
            let r = new_int(vm, r)?;
            return crate::obj::tuple::new_tuple(vm, &[q, r]);
        }
        let (x, y) = (x.to_big(), y.to_big());
        if y.is_zero() {
            return Err(vm.raise(TypeId::ZeroDivisionError, "integer division or modulo by zero"));
        }
        let (q, r) = x.div_mod_floor(&y);
        let q = new_big(vm, &q)?;
        let r = new_big(vm, &r)?;
        return crate::obj::tuple::new_tuple(vm, &[q, r]);
    }
    if a.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Instance)
        && let Some(r) = crate::runtime::call_dunder(vm, a, q!("__divmod__"), &[b])?
        && r != Value::NOT_IMPLEMENTED
    {
        return Ok(r);
    }
    if b.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Instance)
        && let Some(r) = crate::runtime::call_dunder(vm, b, q!("__rdivmod__"), &[a])?
        && r != Value::NOT_IMPLEMENTED
    {
        return Ok(r);
    }
    let q = crate::runtime::binary_op(vm, upy_bytecode::BinOp::FloorDiv, false, a, b);
    let q = match q {
        Ok(q) => q,
        Err(e) => {
            if vm.exc_matches(vm.exc, TypeId::TypeError) {
                let (ta, tb) = (crate::runtime::type_name(vm, a), crate::runtime::type_name(vm, b));
                return Err(vm.raise_fmt(TypeId::TypeError, format_args!("unsupported operand type(s) for divmod(): '{ta}' and '{tb}'")));
            }
            return Err(e);
        }
    };
    vm.root(q);
    let r = crate::runtime::binary_op(vm, upy_bytecode::BinOp::Mod, false, a, b)?;
    vm.root(r);
    crate::obj::tuple::new_tuple(vm, &[q, r])
}

/// `pow(base, exp[, mod])`.
pub fn builtin_pow(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let mut a = args.to_vec();
    for &(k, v) in kw {
        let slot = if k == q!("base") {
            0
        } else if k == q!("exp") {
            1
        } else if k == q!("mod") {
            2
        } else {
            let n = alloc::string::String::from(vm.qstr_str(k));
            return Err(vm.raise_fmt(TypeId::TypeError, format_args!("pow() got an unexpected keyword argument '{n}'")));
        };
        while a.len() <= slot {
            a.push(Value::NULL);
        }
        a[slot] = v;
    }
    if a.len() < 2 || a[0].is_null() || a[1].is_null() {
        return Err(vm.raise(TypeId::TypeError, "pow() missing required argument 'exp' (pos 2)"));
    }
    if let Some(&m) = a.get(2).filter(|v| !v.is_none() && !v.is_null()) {
        let (Some(x), Some(e), Some(mv)) = (vm.int_of(a[0]), vm.int_of(a[1]), vm.int_of(m)) else {
            return Err(vm.raise(TypeId::TypeError, "pow() 3rd argument not allowed unless all arguments are integers"));
        };
        let (x, e, mv) = (x.to_big(), e.to_big(), mv.to_big());
        if mv.is_zero() {
            return Err(vm.raise(TypeId::ValueError, "pow() 3rd argument cannot be 0"));
        }
        let m_abs = mv.abs();
        let base = if e.is_negative() {
            // Modular inverse (Python 3.8+).
            let g = Integer::extended_gcd(&x.mod_floor(&m_abs), &m_abs);
            if g.gcd != BigInt::from(1) {
                return Err(vm.raise(TypeId::ValueError, "base is not invertible for the given modulus"));
            }
            g.x.mod_floor(&m_abs)
        } else {
            x.mod_floor(&m_abs)
        };
        let r = base.modpow(&e.abs(), &m_abs);
        let r = if mv.is_negative() && !r.is_zero() { r + mv } else { r };
        return new_big(vm, &r);
    }
    crate::runtime::binary_op(vm, upy_bytecode::BinOp::Pow, false, a[0], a[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str, base: u32) -> Option<i64> {
        match parse_int_str(s, base) {
            Ok(IntVal::Small(i)) => Some(i),
            _ => None,
        }
    }

    #[test]
    fn parse_int_rules() {
        // Expected values checked with CPython's int().
        assert_eq!(p("  -17 ", 10), Some(-17));
        assert_eq!(p("1_000", 10), Some(1000));
        assert_eq!(p("0x_1f", 0), Some(31));
        assert_eq!(p("0x1f", 16), Some(31));
        assert_eq!(p("0b1", 16), Some(177));
        assert_eq!(p("00", 0), Some(0));
        assert_eq!(p("0_0", 0), Some(0));
        assert_eq!(p("Zz", 36), Some(1295));
        assert_eq!(p("0o17", 0), Some(15));
        assert_eq!(p("\u{661}\u{662}", 10), Some(12));
        assert_eq!(p("\u{3000}\u{ff17}\u{2003}", 10), Some(7));
        for (bad, base) in [("", 10), ("012", 0), ("0x", 16), ("1__0", 10), ("_1", 10), ("1_", 10), ("--1", 10), ("2", 2), ("1.5", 10), ("0x1f", 10)] {
            assert!(matches!(parse_int_str(bad, base), Err(ParseIntErr::Invalid)), "{bad:?} base {base}");
        }
        assert!(matches!(parse_int_str(&"9".repeat(4301), 10), Err(ParseIntErr::TooLong(4301))));
        match parse_int_str("-9223372036854775809", 10) {
            Ok(IntVal::Big(b)) => assert_eq!(alloc::format!("{b}"), "-9223372036854775809"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn ratio_rounds_correctly() {
        let b = |v: u128| BigUint::from(v);
        assert_eq!(ratio_to_f64(&b(1), &b(3)), 1.0 / 3.0);
        assert_eq!(ratio_to_f64(&b(10u128.pow(30)), &b(7)), 1.4285714285714286e29);
        // 2**53 + 1 is a tie: rounds to even.
        assert_eq!(ratio_to_f64(&b((1 << 53) + 1), &b(1)), 9007199254740992.0);
        assert_eq!(ratio_to_f64(&b((1 << 53) + 3), &b(1)), 9007199254740996.0);
        // Subnormal result: 1 / 2**1074.
        assert_eq!(ratio_to_f64(&b(1), &(BigUint::from(1u32) << 1074usize)), 5e-324);
        assert_eq!(ratio_to_f64(&b(1), &(BigUint::from(1u32) << 1076usize)), 0.0);
        assert_eq!(ratio_to_f64(&(BigUint::from(1u32) << 1024usize), &b(1)), f64::INFINITY);
    }
}

/// The data attributes of numbers: `real`, `imag`, `numerator`, `denominator` of ints
/// (bools and int subclasses give plain ints) and `real`, `imag` of floats; None for
/// any other name or value.
pub fn number_attr(vm: &mut Vm, v: Value, name: crate::qstr::Qstr) -> PyResult<Option<Value>> {
    let real = name == q!("real");
    let ratio = name == q!("numerator") || name == q!("denominator");
    if !(real || ratio || name == q!("imag")) {
        return Ok(None);
    }
    if v.is_small() {
        return Ok(Some(if real || name == q!("numerator") { v } else if ratio { Value::small(1) } else { Value::small(0) }));
    }
    if let Some(f) = vm.float_of(v) {
        if ratio {
            return Ok(None);
        }
        if !real {
            return crate::obj::float::new_float(vm, 0.0).map(Some);
        }
        if v.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Float) {
            return Ok(Some(v));
        }
        return crate::obj::float::new_float(vm, f).map(Some);
    }
    if let Some(iv) = vm.int_of(v) {
        if real || name == q!("numerator") {
            return new_intval(vm, iv).map(Some);
        }
        return Ok(Some(Value::small(if ratio { 1 } else { 0 })));
    }
    Ok(None)
}

/// First code point of each run of ten Unicode decimal digits (category Nd, Unicode 14
/// as CPython 3.11); `int()` and `float()` accept any of them.
const DECIMAL_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66,
    0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90,
    0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0,
    0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0,
    0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0,
    0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/// The text of a numeric literal with Unicode decimal digits mapped to ASCII and
/// Unicode whitespace to spaces (what CPython does before parsing `int()`/`float()`
/// arguments); borrowed when already ASCII.
pub fn ascii_numeric(s: &str) -> alloc::borrow::Cow<'_, str> {
    if s.is_ascii() {
        return alloc::borrow::Cow::Borrowed(s);
    }
    let mapped = s
        .chars()
        .map(|c| {
            if c.is_ascii() {
                return c;
            }
            if c.is_whitespace() {
                return ' ';
            }
            let cp = c as u32;
            let i = DECIMAL_ZEROS.partition_point(|&z| z <= cp);
            if i > 0 && cp - DECIMAL_ZEROS[i - 1] < 10 {
                return char::from(b'0' + (cp - DECIMAL_ZEROS[i - 1]) as u8);
            }
            c
        })
        .collect();
    alloc::borrow::Cow::Owned(mapped)
}
