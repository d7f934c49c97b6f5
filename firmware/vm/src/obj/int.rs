//! `int`: small ints are immediates; larger values are `IntObj`s holding an i64 or, beyond
//! that, little-endian u32 limbs. Arithmetic takes an i64 fast path and falls back to
//! `num-bigint` (a transient host-side value) only for really big numbers.

use alloc::vec::Vec;
use num_bigint::{BigInt, Sign};
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
                    return Err(vm.raise(TypeId::ZeroDivisionError, "integer division by zero"));
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
                if y < 63 && (x.unsigned_abs() >> (63 - y)) == 0 { Some(x << y) } else { None }
            }
            RShift => {
                if y < 0 {
                    return Err(vm.raise(TypeId::ValueError, "negative shift count"));
                }
                Some(if y >= 64 { if x < 0 { -1 } else { 0 } } else { x >> y })
            }
            Pow => {
                if y < 0 {
                    return crate::obj::float::new_float(vm, libm::pow(x as f64, y as f64))
                        .and_then(|f| if x == 0 { Err(vm.raise(TypeId::ZeroDivisionError, "0.0 cannot be raised to a negative power")) } else { Ok(f) });
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
                let r = if x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) {
                    x as f64 / y as f64
                } else {
                    big_truediv(&BigInt::from(x), &BigInt::from(y))
                };
                return crate::obj::float::new_float(vm, r);
            }
            MatMul => return Err(vm.raise(TypeId::TypeError, "unsupported operand type(s) for @")),
        };
        if let Some(r) = r {
            return new_int(vm, r);
        }
    }
    let (x, y) = (a.to_big(), b.to_big());
    let r = match op {
        Add => x + y,
        Sub => x - y,
        Mul => x * y,
        FloorDiv => {
            if y.is_zero() {
                return Err(vm.raise(TypeId::ZeroDivisionError, "integer division by zero"));
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
            let Some(s) = y.to_u32() else {
                if y.is_negative() {
                    return Err(vm.raise(TypeId::ValueError, "negative shift count"));
                }
                return Err(vm.raise(TypeId::OverflowError, "shift count too large"));
            };
            if s > 1 << 20 {
                return Err(vm.raise(TypeId::OverflowError, "shift count too large"));
            }
            x << s as usize
        }
        RShift => {
            if y.is_negative() {
                return Err(vm.raise(TypeId::ValueError, "negative shift count"));
            }
            match y.to_u32() {
                Some(s) => x >> s as usize,
                None => BigInt::from(if x.is_negative() { -1 } else { 0 }),
            }
        }
        Pow => {
            if y.is_negative() {
                let f = big_to_f64(&x);
                let e = big_to_f64(&y);
                return crate::obj::float::new_float(vm, libm::pow(f, e));
            }
            let Some(e) = y.to_u32() else {
                return Err(vm.raise(TypeId::OverflowError, "exponent too large"));
            };
            if x.bits() as u64 * e as u64 > 1 << 22 {
                return Err(vm.raise(TypeId::MemoryError, "result too large"));
            }
            num_traits::pow(x, e as usize)
        }
        TrueDiv => {
            if y.is_zero() {
                return Err(vm.raise(TypeId::ZeroDivisionError, "division by zero"));
            }
            return crate::obj::float::new_float(vm, big_truediv(&x, &y));
        }
        MatMul => return Err(vm.raise(TypeId::TypeError, "unsupported operand type(s) for @")),
    };
    new_big(vm, &r)
}

/// Correctly rounded big / big (as CPython: exact for results that fit a double).
pub fn big_truediv(x: &BigInt, y: &BigInt) -> f64 {
    let (xf, yf) = (big_to_f64(x), big_to_f64(y));
    if x.bits() <= 53 && y.bits() <= 53 {
        return xf / yf;
    }
    // Scale so the quotient has 64+ significant bits, then round once.
    let neg = x.is_negative() != y.is_negative();
    let (ax, ay) = (x.abs(), y.abs());
    let shift = 64i64 - (ax.bits() as i64 - ay.bits() as i64);
    let (num, den) = if shift > 0 { (ax << shift as usize, ay) } else { (ax, ay << (-shift) as usize) };
    let (q, r) = num.div_rem(&den);
    let mut qf = big_to_f64(&q);
    if !r.is_zero() && q.bits() <= 53 {
        qf += 0.5;
    }
    let res = qf * libm::pow(2.0, -shift as f64);
    if neg { -res } else { res }
}

/// BigInt to the nearest f64 (inf when too large).
pub fn big_to_f64(b: &BigInt) -> f64 {
    b.to_f64().unwrap_or(if b.is_negative() { f64::NEG_INFINITY } else { f64::INFINITY })
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
            let r = (b.abs() % BigInt::from(M)).to_i64().unwrap_or(0);
            if b.is_negative() { -r } else { r }
        }
    };
    if h == -1 { -2 } else { h }
}

fn int_new(vm: &mut Vm, args: &[Value], kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let base = args.get(2).copied().or_else(|| kw.iter().find(|(k, _)| *k == q!("base")).map(|(_, v)| *v));
    let Some(&x) = args.get(1) else { return Ok(Value::small(0)) };
    if let Some(b) = base {
        let Some(s) = vm.str_of(x).map(alloc::string::String::from).or_else(|| crate::obj::bytes::buffer_of(vm, x).map(|b| b.iter().map(|&c| c as char).collect())) else {
            return Err(vm.raise(TypeId::TypeError, "int() can't convert non-string with explicit base"));
        };
        let b = vm.int_i64(b).unwrap_or(10);
        return parse_int(vm, &s, b as u32);
    }
    if vm.is_int(x) && !x.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Instance) {
        return if x == Value::TRUE { Ok(Value::small(1)) } else if x == Value::FALSE { Ok(Value::small(0)) } else { Ok(x) };
    }
    if let Some(f) = vm.float_of(x) {
        if f.is_nan() {
            return Err(vm.raise(TypeId::ValueError, "cannot convert float NaN to integer"));
        }
        if f.is_infinite() {
            return Err(vm.raise(TypeId::OverflowError, "cannot convert float infinity to integer"));
        }
        let t = libm::trunc(f);
        if t.abs() < 9.0e18 {
            return new_int(vm, t as i64);
        }
        let b = num_bigint::BigInt::from(t as i128);
        let b = if t.abs() < 1.7e38 { b } else { float_to_big(t) };
        return new_big(vm, &b);
    }
    if let Some(s) = vm.str_of(x).map(alloc::string::String::from) {
        return parse_int(vm, &s, 10);
    }
    if let Some(b) = crate::obj::bytes::buffer_of(vm, x) {
        let s: alloc::string::String = b.iter().map(|&c| c as char).collect();
        return parse_int(vm, &s, 10);
    }
    if let Some(r) = crate::runtime::call_dunder(vm, x, q!("__int__"), &[])? {
        return Ok(r);
    }
    if let Some(r) = crate::runtime::call_dunder(vm, x, q!("__index__"), &[])? {
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

/// `int(s, base)` parsing with Python's rules (underscores, prefixes, whitespace).
pub fn parse_int(vm: &mut Vm, s: &str, base: u32) -> PyResult<Value> {
    let orig = s;
    let t = s.trim();
    let (neg, mut t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let mut base = base;
    let lower = t.to_ascii_lowercase();
    if base == 0 || base == 16 || base == 8 || base == 2 {
        let pre = [("0x", 16), ("0o", 8), ("0b", 2)];
        for (p, b) in pre {
            if lower.starts_with(p) && (base == 0 || base == b) {
                base = b;
                t = &t[2..];
                t = t.strip_prefix('_').unwrap_or(t);
                break;
            }
        }
        if base == 0 {
            if lower.len() > 1 && lower.starts_with('0') && lower.bytes().any(|c| c != b'0' && c != b'_') {
                return Err(invalid_literal(vm, orig, 10));
            }
            base = 10;
        }
    }
    if !(2..=36).contains(&base) {
        return Err(vm.raise(TypeId::ValueError, "int() base must be >= 2 and <= 36, or 0"));
    }
    if t.is_empty() || t.starts_with('_') || t.ends_with('_') || t.contains("__") {
        return Err(invalid_literal(vm, orig, base));
    }
    let digits: alloc::string::String = t.chars().filter(|&c| c != '_').collect();
    match BigInt::parse_bytes(digits.as_bytes(), base) {
        Some(b) if !digits.starts_with('+') && !digits.starts_with('-') => new_big(vm, &if neg { -b } else { b }),
        _ => Err(invalid_literal(vm, orig, base)),
    }
}

fn invalid_literal(vm: &mut Vm, s: &str, base: u32) -> crate::vm::Exc {
    let mut r = alloc::string::String::new();
    crate::obj::str::repr_str(s, &mut r);
    vm.raise_fmt(TypeId::ValueError, format_args!("invalid literal for int() with base {base}: {r}"))
}

/// `int`.
pub static INT_TYPE: crate::types::TypeDef = crate::types::TypeDef {
    name: "int",
    base: Some(TypeId::Object),
    locals: &[],
    new: Some(int_new),
    subclassable: true,
};

fn radix(vm: &mut Vm, v: Value, base: u32, prefix: &str) -> PyResult<Value> {
    let Some(iv) = vm.int_of(v) else {
        let t = crate::runtime::type_name(vm, v);
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("'{t}' object cannot be interpreted as an integer")));
    };
    let b = iv.to_big();
    let s = if b.is_negative() {
        alloc::format!("-{prefix}{}", (-b).to_str_radix(base))
    } else {
        alloc::format!("{prefix}{}", b.to_str_radix(base))
    };
    vm.new_str(&s)
}

/// `bin(x)`.
pub fn builtin_bin(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    radix(vm, args[0], 2, "0b")
}
/// `oct(x)`.
pub fn builtin_oct(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    radix(vm, args[0], 8, "0o")
}
/// `hex(x)`.
pub fn builtin_hex(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    radix(vm, args[0], 16, "0x")
}

/// `divmod(a, b)`.
pub fn builtin_divmod(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let q = crate::runtime::binary_op(vm, upy_bytecode::BinOp::FloorDiv, false, args[0], args[1])?;
    vm.root(q);
    let r = crate::runtime::binary_op(vm, upy_bytecode::BinOp::Mod, false, args[0], args[1])?;
    vm.root(r);
    crate::obj::tuple::new_tuple(vm, &[q, r])
}

/// `pow(a, b[, m])`.
pub fn builtin_pow(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    if let Some(&m) = args.get(2).filter(|v| !v.is_none()) {
        let (Some(a), Some(b), Some(mv)) = (vm.int_of(args[0]), vm.int_of(args[1]), vm.int_of(m)) else {
            return Err(vm.raise(TypeId::TypeError, "pow() 3rd argument not allowed unless all arguments are integers"));
        };
        let (a, b, mv) = (a.to_big(), b.to_big(), mv.to_big());
        if mv.is_zero() {
            return Err(vm.raise(TypeId::ValueError, "pow() 3rd argument cannot be 0"));
        }
        let base = if b.is_negative() {
            // Modular inverse (Python 3.8+).
            let g = num_integer::Integer::extended_gcd(&a.mod_floor(&mv), &mv);
            if !(g.gcd == BigInt::from(1) || g.gcd == BigInt::from(-1)) {
                return Err(vm.raise(TypeId::ValueError, "base is not invertible for the given modulus"));
            }
            g.x.mod_floor(&mv)
        } else {
            a
        };
        let e = b.abs();
        let r = base.modpow(&e, &mv.abs());
        let r = if mv.is_negative() && !r.is_zero() { r + mv } else { r };
        return new_big(vm, &r);
    }
    crate::runtime::binary_op(vm, upy_bytecode::BinOp::Pow, false, args[0], args[1])
}
