//! `math`: MicroPython's math module plus CPython's common functions, with CPython's
//! error rules (ValueError "math domain error" for invalid arguments and singularities,
//! OverflowError "math range error" for results too large). The f64 functions come
//! from `obj::fmath` (the C library's libm on the host, so results match CPython).

use alloc::vec::Vec;
use num_bigint::{BigInt, BigUint};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::obj::fmath::{self, MathErr};
use crate::obj::int::IntVal;
use crate::obj::{self, Kind};
use crate::qstr::Qstr;
use crate::types::{Attr, ModuleDef, TypeId};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

type Kw<'a> = &'a [(Qstr, Value)];

fn arg(vm: &mut Vm, v: Value) -> PyResult<f64> {
    obj::float::to_f64(vm, v)
}

fn domain(vm: &mut Vm) -> crate::vm::Exc {
    vm.raise(TypeId::ValueError, "math domain error")
}

fn range(vm: &mut Vm) -> crate::vm::Exc {
    vm.raise(TypeId::OverflowError, "math range error")
}

fn float(vm: &mut Vm, f: f64) -> PyResult<Value> {
    obj::float::new_float(vm, f)
}

/// CPython's `math_1`: a NaN from a non-NaN is a domain error; an infinity from a
/// finite argument is an overflow (or a domain error for singularities).
fn math_1(vm: &mut Vm, v: Value, f: fn(f64) -> f64, can_overflow: bool) -> PyResult<Value> {
    let x = arg(vm, v)?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow { range(vm) } else { domain(vm) });
    }
    float(vm, r)
}

/// CPython's `math_2`.
fn math_2(vm: &mut Vm, a: &[Value], f: fn(f64, f64) -> f64) -> PyResult<Value> {
    let x = arg(vm, a[0])?;
    let y = arg(vm, a[1])?;
    let r = f(x, y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(range(vm));
    }
    float(vm, r)
}

fn math_result(vm: &mut Vm, r: Result<f64, MathErr>) -> PyResult<Value> {
    match r {
        Ok(f) => float(vm, f),
        Err(MathErr::Domain) => Err(domain(vm)),
        Err(MathErr::Range) => Err(range(vm)),
    }
}

macro_rules! wrap1 {
    ($($name:ident => $f:expr, $ovf:expr;)*) => {$(
        fn $name(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
            math_1(vm, a[0], $f, $ovf)
        }
    )*};
}

wrap1! {
    sqrt => fmath::sqrt, false;
    exp => fmath::exp, true;
    exp2 => fmath::exp2, true;
    expm1 => fmath::expm1, true;
    log1p => fmath::log1p, false;
    sin => fmath::sin, false;
    cos => fmath::cos, false;
    tan => fmath::tan, false;
    asin => fmath::asin, false;
    acos => fmath::acos, false;
    atan => fmath::atan, false;
    sinh => fmath::sinh, true;
    cosh => fmath::cosh, true;
    tanh => fmath::tanh, false;
    asinh => fmath::asinh, false;
    acosh => fmath::acosh, false;
    atanh => fmath::atanh, false;
    cbrt => fmath::cbrt, false;
    fabs => f64::abs, false;
}

fn erf(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let x = arg(vm, a[0])?;
    float(vm, fmath::erf(x))
}

fn erfc(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let x = arg(vm, a[0])?;
    float(vm, fmath::erfc(x))
}

fn gamma(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let x = arg(vm, a[0])?;
    math_result(vm, fmath::gamma(x))
}

fn lgamma(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let x = arg(vm, a[0])?;
    math_result(vm, fmath::lgamma(x))
}

fn atan2_impl(y: f64, x: f64) -> f64 {
    use core::f64::consts::PI;
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if y.is_infinite() {
        if x.is_infinite() {
            return fmath::copysign(if x > 0.0 { 0.25 * PI } else { 0.75 * PI }, y);
        }
        return fmath::copysign(0.5 * PI, y);
    }
    if x.is_infinite() || y == 0.0 {
        return if fmath::copysign(1.0, x) == 1.0 { fmath::copysign(0.0, y) } else { fmath::copysign(PI, y) };
    }
    fmath::atan2(y, x)
}

fn atan2(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    math_2(vm, a, atan2_impl)
}

fn copysign(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    math_2(vm, a, fmath::copysign)
}

fn remainder_impl(x: f64, y: f64) -> f64 {
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return f64::NAN;
        }
        let (ax, ay) = (x.abs(), y.abs());
        let m = fmath::fmod(ax, ay);
        let c = ay - m;
        let r = if m < c {
            m
        } else if m > c {
            -c
        } else {
            // Halfway: pick the even multiple.
            m - 2.0 * fmath::fmod(0.5 * (ax - m), ay)
        };
        return fmath::copysign(1.0, x) * r;
    }
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    if x.is_infinite() {
        return f64::NAN;
    }
    x
}

fn remainder(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    math_2(vm, a, remainder_impl)
}

fn fmod(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let x = arg(vm, a[0])?;
    let y = arg(vm, a[1])?;
    if y.is_infinite() && x.is_finite() {
        return float(vm, x);
    }
    let r = fmath::fmod(x, y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain(vm));
    }
    float(vm, r)
}

fn pow(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let x = arg(vm, a[0])?;
    let y = arg(vm, a[1])?;
    let r = if !x.is_finite() || !y.is_finite() {
        if x.is_nan() {
            if y == 0.0 { 1.0 } else { x }
        } else if y.is_nan() {
            if x == 1.0 { 1.0 } else { y }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && fmath::fmod(y.abs(), 2.0) == 1.0;
            if y > 0.0 {
                if odd_y { x } else { x.abs() }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                fmath::copysign(0.0, x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if (y > 0.0 && x.abs() > 1.0) || (y < 0.0 && x.abs() < 1.0) {
            f64::INFINITY
        } else {
            0.0
        }
    } else {
        let r = fmath::pow(x, y);
        if r.is_nan() {
            return Err(domain(vm));
        }
        if r.is_infinite() {
            return Err(if x == 0.0 { domain(vm) } else { range(vm) });
        }
        r
    };
    float(vm, r)
}

/// log of an int of any size: huge ones as log(m) + log(2) * e with n = m * 2**e.
fn log_int(vm: &mut Vm, iv: &IntVal, f: fn(f64) -> f64) -> PyResult<f64> {
    let b = iv.to_big();
    if !b.is_positive() {
        return Err(domain(vm));
    }
    let x = obj::int::big_to_f64(&b);
    if x.is_finite() {
        return Ok(f(x));
    }
    let e = b.bits();
    let mut m = obj::int::ratio_to_f64(b.magnitude(), &(BigUint::one() << e as usize));
    let mut e = e as f64;
    if m >= 1.0 {
        m /= 2.0;
        e += 1.0;
    }
    Ok(f(m) + f(2.0) * e)
}

fn log_value(vm: &mut Vm, v: Value, f: fn(f64) -> f64) -> PyResult<f64> {
    if vm.is_int(v)
        && let Some(iv) = vm.int_of(v)
    {
        return log_int(vm, &iv, f);
    }
    let x = arg(vm, v)?;
    if x.is_nan() {
        return Ok(x);
    }
    if x <= 0.0 {
        return Err(domain(vm));
    }
    Ok(f(x))
}

fn log(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let num = log_value(vm, a[0], fmath::log)?;
    if let Some(&b) = a.get(1) {
        let den = log_value(vm, b, fmath::log)?;
        if den == 0.0 {
            return Err(vm.raise(TypeId::ZeroDivisionError, "float division by zero"));
        }
        return float(vm, num / den);
    }
    float(vm, num)
}

fn log2(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let r = log_value(vm, a[0], fmath::log2)?;
    float(vm, r)
}

fn log10(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let r = log_value(vm, a[0], fmath::log10)?;
    float(vm, r)
}

fn is_instance(vm: &Vm, v: Value) -> bool {
    v.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Instance)
}

/// floor/ceil/trunc: ints unchanged, floats rounded to an int, other objects through
/// their dunder.
fn to_integral(vm: &mut Vm, v: Value, dunder: Qstr, f: fn(f64) -> f64) -> PyResult<Value> {
    if !is_instance(vm, v) {
        if let Some(x) = vm.float_of(v) {
            return obj::float::float_to_int(vm, f(x));
        }
        if let Some(iv) = vm.int_of(v) {
            return obj::int::new_intval(vm, iv);
        }
    }
    if let Some(r) = crate::runtime::call_dunder(vm, v, dunder, &[])? {
        return Ok(r);
    }
    if dunder == q!("__trunc__") {
        let t = crate::runtime::type_name(vm, v);
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("type {t} doesn't define __trunc__ method")));
    }
    let x = arg(vm, v)?;
    obj::float::float_to_int(vm, f(x))
}

fn floor(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    to_integral(vm, a[0], q!("__floor__"), fmath::floor)
}

fn ceil(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    to_integral(vm, a[0], q!("__ceil__"), fmath::ceil)
}

fn trunc(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    to_integral(vm, a[0], q!("__trunc__"), fmath::trunc)
}

fn pair(vm: &mut Vm, a: Value, b: Value) -> PyResult<Value> {
    obj::tuple::new_tuple(vm, &[a, b])
}

fn modf(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let x = arg(vm, a[0])?;
    let (frac, int) = if x.is_infinite() {
        (fmath::copysign(0.0, x), x)
    } else if x.is_nan() {
        (x, x)
    } else {
        libm::modf(x)
    };
    let f = float(vm, frac)?;
    let i = float(vm, int)?;
    pair(vm, f, i)
}

fn frexp(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let x = arg(vm, a[0])?;
    let (m, e) = fmath::frexp(x);
    let m = float(vm, m)?;
    pair(vm, m, Value::small(e))
}

fn ldexp(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let x = arg(vm, a[0])?;
    let Some(iv) = vm.int_of(a[1]) else {
        return Err(vm.raise(TypeId::TypeError, "Expected an int as second argument to ldexp."));
    };
    let e = match iv {
        IntVal::Small(e) => e,
        IntVal::Big(b) => {
            if b.is_negative() { i64::MIN } else { i64::MAX }
        }
    };
    let r = if x == 0.0 || !x.is_finite() {
        x
    } else if e > i32::MAX as i64 {
        return Err(range(vm));
    } else if e < i32::MIN as i64 {
        fmath::copysign(0.0, x)
    } else {
        let r = fmath::ldexp(x, e as i32);
        if r.is_infinite() {
            return Err(range(vm));
        }
        r
    };
    float(vm, r)
}

fn isfinite(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let x = arg(vm, a[0])?;
    Ok(Value::bool(x.is_finite()))
}

fn isinf(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let x = arg(vm, a[0])?;
    Ok(Value::bool(x.is_infinite()))
}

fn isnan(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let x = arg(vm, a[0])?;
    Ok(Value::bool(x.is_nan()))
}

fn isclose(vm: &mut Vm, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let x = arg(vm, a[0])?;
    let y = arg(vm, a[1])?;
    let (mut rel_tol, mut abs_tol) = (1e-9, 0.0);
    for &(k, v) in kw {
        if k == q!("rel_tol") {
            rel_tol = arg(vm, v)?;
        } else if k == q!("abs_tol") {
            abs_tol = arg(vm, v)?;
        } else {
            let n = alloc::string::String::from(vm.qstr_str(k));
            return Err(vm.raise_fmt(TypeId::TypeError, format_args!("isclose() got an unexpected keyword argument '{n}'")));
        }
    }
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(vm.raise(TypeId::ValueError, "tolerances must be non-negative"));
    }
    if x == y {
        return Ok(Value::TRUE);
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Value::FALSE);
    }
    let diff = (y - x).abs();
    Ok(Value::bool(diff <= (rel_tol * y).abs() || diff <= (rel_tol * x).abs() || diff <= abs_tol))
}

fn degrees(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let x = arg(vm, a[0])?;
    float(vm, x * (180.0 / core::f64::consts::PI))
}

fn radians(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let x = arg(vm, a[0])?;
    float(vm, x * (core::f64::consts::PI / 180.0))
}

fn norm_of(v: &[f64]) -> f64 {
    let mut max = 0.0f64;
    let mut nan = false;
    for &x in v {
        nan |= x.is_nan();
        if x > max {
            max = x;
        }
    }
    fmath::vector_norm(v, max, nan)
}

fn hypot(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let mut v = Vec::with_capacity(a.len());
    for &x in a {
        v.push(arg(vm, x)?.abs());
    }
    float(vm, norm_of(&v))
}

fn dist(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let p = crate::runtime::collect_iter(vm, a[0])?;
    let q = crate::runtime::collect_iter(vm, a[1])?;
    if p.len() != q.len() {
        return Err(vm.raise(TypeId::ValueError, "both points must have the same number of dimensions"));
    }
    let mut v = Vec::with_capacity(p.len());
    for (x, y) in p.into_iter().zip(q) {
        let x = arg(vm, x)?;
        let y = arg(vm, y)?;
        v.push((x - y).abs());
    }
    float(vm, norm_of(&v))
}

fn int_arg(vm: &mut Vm, v: Value) -> PyResult<BigInt> {
    Ok(obj::int::index_or_err(vm, v)?.to_big())
}

fn gcd(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let mut g = BigInt::zero();
    for &x in a {
        let x = int_arg(vm, x)?;
        g = g.gcd(&x);
    }
    obj::int::new_big(vm, &g)
}

fn lcm(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let mut l = BigInt::one();
    for &x in a {
        let x = int_arg(vm, x)?;
        if l.is_zero() || x.is_zero() {
            l = BigInt::zero();
            continue;
        }
        l = l.lcm(&x);
    }
    obj::int::new_big(vm, &l)
}

/// Product of lo..hi (exclusive) by binary splitting (balanced multiplications).
fn range_product(lo: u64, hi: u64) -> BigUint {
    if hi <= lo {
        return BigUint::one();
    }
    if hi - lo <= 16 {
        let mut acc = BigUint::one();
        let mut small: u64 = 1;
        for i in lo..hi {
            match small.checked_mul(i) {
                Some(s) => small = s,
                None => {
                    acc *= small;
                    small = i;
                }
            }
        }
        return acc * small;
    }
    let mid = lo + (hi - lo) / 2;
    range_product(lo, mid) * range_product(mid, hi)
}

/// Bits of n! (upper bound), to refuse results that cannot fit the heap.
fn factorial_bits(n: u64) -> u64 {
    if n < 2 {
        return 1;
    }
    let lg = 64 - n.leading_zeros() as u64;
    n.saturating_mul(lg)
}

fn nonneg_u64(vm: &mut Vm, v: Value, what: &str) -> PyResult<u64> {
    let x = int_arg(vm, v)?;
    if x.is_negative() {
        return Err(vm.raise_fmt(TypeId::ValueError, format_args!("{what} must be a non-negative integer")));
    }
    match x.to_u64() {
        Some(n) => Ok(n),
        None => Err(vm.raise_fmt(TypeId::OverflowError, format_args!("{what} must not exceed {}", i64::MAX))),
    }
}

fn factorial(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let x = int_arg(vm, a[0])?;
    if x.is_negative() {
        return Err(vm.raise(TypeId::ValueError, "factorial() not defined for negative values"));
    }
    let Some(n) = x.to_u64().filter(|&n| n <= i64::MAX as u64) else {
        return Err(vm.raise_fmt(TypeId::OverflowError, format_args!("factorial() argument should not exceed {}", i64::MAX)));
    };
    if factorial_bits(n) / 8 > 2 * vm.heap.total_bytes() as u64 {
        return Err(vm.raise_memory_error());
    }
    let r = BigInt::from(range_product(2, n + 1));
    obj::int::new_big(vm, &r)
}

fn comb(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let n = nonneg_u64(vm, a[0], "n")?;
    let k = nonneg_u64(vm, a[1], "k")?;
    if k > n {
        return Ok(Value::small(0));
    }
    let k = k.min(n - k);
    let lg = 64 - n.leading_zeros() as u64;
    if k.saturating_mul(lg) / 8 > 2 * vm.heap.total_bytes() as u64 {
        return Err(vm.raise_memory_error());
    }
    // C(n, k) = (n-k+1 .. n) / k!
    let num = range_product(n - k + 1, n + 1);
    let den = range_product(2, k + 1);
    obj::int::new_big(vm, &BigInt::from(num / den))
}

fn perm(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let n = nonneg_u64(vm, a[0], "n")?;
    let k = match a.get(1).filter(|v| !v.is_none()) {
        Some(&k) => nonneg_u64(vm, k, "k")?,
        None => n,
    };
    if k > n {
        return Ok(Value::small(0));
    }
    let lg = 64 - n.leading_zeros() as u64;
    if k.saturating_mul(lg) / 8 > 2 * vm.heap.total_bytes() as u64 {
        return Err(vm.raise_memory_error());
    }
    obj::int::new_big(vm, &BigInt::from(range_product(n - k + 1, n + 1)))
}

fn isqrt(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let n = int_arg(vm, a[0])?;
    if n.is_negative() {
        return Err(vm.raise(TypeId::ValueError, "isqrt() argument must be nonnegative"));
    }
    obj::int::new_big(vm, &n.sqrt())
}

fn prod(vm: &mut Vm, a: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let mut acc = Value::small(1);
    for &(k, v) in kw {
        if k == q!("start") {
            acc = v;
        } else {
            let n = alloc::string::String::from(vm.qstr_str(k));
            return Err(vm.raise_fmt(TypeId::TypeError, format_args!("prod() got an unexpected keyword argument '{n}'")));
        }
    }
    let it = crate::runtime::iter(vm, a[0])?;
    vm.root(it);
    while let Some(x) = crate::runtime::next(vm, it)? {
        acc = crate::runtime::binary_op(vm, upy_bytecode::BinOp::Mul, false, acc, x)?;
        vm.root(acc);
    }
    Ok(acc)
}

/// Exact sum of floats (Shewchuk's partials), correctly rounded at the end.
fn fsum(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let it = crate::runtime::iter(vm, a[0])?;
    vm.root(it);
    let mut p: Vec<f64> = Vec::new();
    let (mut special, mut inf_sum) = (0.0f64, 0.0f64);
    while let Some(item) = crate::runtime::next(vm, it)? {
        let mut x = arg(vm, item)?;
        let xsave = x;
        let mut i = 0;
        for j in 0..p.len() {
            let mut y = p[j];
            if x.abs() < y.abs() {
                core::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                p[i] = lo;
                i += 1;
            }
            x = hi;
        }
        p.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                // From an inf/nan summand, or an intermediate overflow.
                if xsave.is_finite() {
                    return Err(vm.raise(TypeId::OverflowError, "intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special += xsave;
                p.clear();
            } else {
                p.push(x);
            }
        }
    }
    if special != 0.0 {
        if inf_sum.is_nan() {
            return Err(vm.raise(TypeId::ValueError, "-inf + inf in fsum"));
        }
        return float(vm, special);
    }
    let mut hi = 0.0;
    let mut n = p.len();
    if n > 0 {
        n -= 1;
        hi = p[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        // Round half-even correctly across the remaining partials.
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    float(vm, hi)
}

fn nextafter(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let x = arg(vm, a[0])?;
    let y = arg(vm, a[1])?;
    float(vm, libm::nextafter(x, y))
}

fn ulp(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let x = arg(vm, a[0])?;
    if x.is_nan() {
        return float(vm, x);
    }
    let x = x.abs();
    if x.is_infinite() {
        return float(vm, x);
    }
    let x2 = libm::nextafter(x, f64::INFINITY);
    if x2.is_infinite() {
        let below = libm::nextafter(x, f64::NEG_INFINITY);
        return float(vm, x - below);
    }
    float(vm, x2 - x)
}

/// `math`.
pub static MODULE: ModuleDef = ModuleDef {
    name: "math",
    globals: &[
        (q!("pi"), Attr::Float(core::f64::consts::PI)),
        (q!("e"), Attr::Float(core::f64::consts::E)),
        (q!("tau"), Attr::Float(core::f64::consts::TAU)),
        (q!("inf"), Attr::Float(f64::INFINITY)),
        (q!("nan"), Attr::Float(f64::NAN)),
        fun!(q!("sqrt"), sqrt, 1, 1),
        fun!(q!("exp"), exp, 1, 1),
        fun!(q!("exp2"), exp2, 1, 1),
        fun!(q!("expm1"), expm1, 1, 1),
        fun!(q!("log"), log, 1, 2),
        fun!(q!("log2"), log2, 1, 1),
        fun!(q!("log10"), log10, 1, 1),
        fun!(q!("log1p"), log1p, 1, 1),
        fun!(q!("pow"), pow, 2, 2),
        fun!(q!("sin"), sin, 1, 1),
        fun!(q!("cos"), cos, 1, 1),
        fun!(q!("tan"), tan, 1, 1),
        fun!(q!("asin"), asin, 1, 1),
        fun!(q!("acos"), acos, 1, 1),
        fun!(q!("atan"), atan, 1, 1),
        fun!(q!("atan2"), atan2, 2, 2),
        fun!(q!("sinh"), sinh, 1, 1),
        fun!(q!("cosh"), cosh, 1, 1),
        fun!(q!("tanh"), tanh, 1, 1),
        fun!(q!("asinh"), asinh, 1, 1),
        fun!(q!("acosh"), acosh, 1, 1),
        fun!(q!("atanh"), atanh, 1, 1),
        fun!(q!("cbrt"), cbrt, 1, 1),
        fun!(q!("ceil"), ceil, 1, 1),
        fun!(q!("floor"), floor, 1, 1),
        fun!(q!("trunc"), trunc, 1, 1),
        fun!(q!("fabs"), fabs, 1, 1),
        fun!(q!("fmod"), fmod, 2, 2),
        fun!(q!("remainder"), remainder, 2, 2),
        fun!(q!("modf"), modf, 1, 1),
        fun!(q!("frexp"), frexp, 1, 1),
        fun!(q!("ldexp"), ldexp, 2, 2),
        fun!(q!("copysign"), copysign, 2, 2),
        fun!(q!("isfinite"), isfinite, 1, 1),
        fun!(q!("isinf"), isinf, 1, 1),
        fun!(q!("isnan"), isnan, 1, 1),
        fun!(q!("isclose"), isclose, 2, 2, kw),
        fun!(q!("degrees"), degrees, 1, 1),
        fun!(q!("radians"), radians, 1, 1),
        fun!(q!("hypot"), hypot, 0, crate::types::VAR),
        fun!(q!("dist"), dist, 2, 2),
        fun!(q!("gcd"), gcd, 0, crate::types::VAR),
        fun!(q!("lcm"), lcm, 0, crate::types::VAR),
        fun!(q!("factorial"), factorial, 1, 1),
        fun!(q!("comb"), comb, 2, 2),
        fun!(q!("perm"), perm, 1, 2),
        fun!(q!("isqrt"), isqrt, 1, 1),
        fun!(q!("prod"), prod, 1, 1, kw),
        fun!(q!("fsum"), fsum, 1, 1),
        fun!(q!("erf"), erf, 1, 1),
        fun!(q!("erfc"), erfc, 1, 1),
        fun!(q!("gamma"), gamma, 1, 1),
        fun!(q!("lgamma"), lgamma, 1, 1),
        fun!(q!("nextafter"), nextafter, 2, 2),
        fun!(q!("ulp"), ulp, 1, 1),
    ],
    init: None,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remainder_ties_to_even() {
        // CPython: math.remainder(5, 2) == 1.0, (7, 2) == -1.0, (-5, 2) == -1.0.
        assert_eq!(remainder_impl(5.0, 2.0), 1.0);
        assert_eq!(remainder_impl(7.0, 2.0), -1.0);
        assert_eq!(remainder_impl(-5.0, 2.0), -1.0);
        assert!(remainder_impl(1.0, 0.0).is_nan());
    }

    #[test]
    fn products() {
        assert_eq!(range_product(2, 21), BigUint::from(2432902008176640000u64));
        assert_eq!(range_product(5, 5), BigUint::one());
    }
}
