//! The f64 functions behind float operators, `complex` and the `math` module.
//!
//! On a board they come from the `libm` crate. On the host (`std` feature) they call the
//! C library's libm, which is what CPython uses: results are then bit-identical to
//! CPython's, which the differential tests rely on (e.g. `10.0 ** -5` must be exactly
//! `1e-05`, and the `libm` crate's `pow` is not always correctly rounded).

#[cfg(feature = "std")]
mod sys {
    // The C library's libm, linked by std on every host platform.
    unsafe extern "C" {
        pub fn pow(x: f64, y: f64) -> f64;
        pub fn exp(x: f64) -> f64;
        pub fn exp2(x: f64) -> f64;
        pub fn expm1(x: f64) -> f64;
        pub fn log(x: f64) -> f64;
        pub fn log2(x: f64) -> f64;
        pub fn log10(x: f64) -> f64;
        pub fn log1p(x: f64) -> f64;
        pub fn sin(x: f64) -> f64;
        pub fn cos(x: f64) -> f64;
        pub fn tan(x: f64) -> f64;
        pub fn asin(x: f64) -> f64;
        pub fn acos(x: f64) -> f64;
        pub fn atan(x: f64) -> f64;
        pub fn atan2(y: f64, x: f64) -> f64;
        pub fn sinh(x: f64) -> f64;
        pub fn cosh(x: f64) -> f64;
        pub fn tanh(x: f64) -> f64;
        pub fn asinh(x: f64) -> f64;
        pub fn acosh(x: f64) -> f64;
        pub fn atanh(x: f64) -> f64;
        pub fn erf(x: f64) -> f64;
        pub fn erfc(x: f64) -> f64;
        pub fn hypot(x: f64, y: f64) -> f64;
        // compiler-builtins defines a weak `cbrt` that wins over glibc's at link time;
        // glibc's `_Float64` alias reaches the C library's version.
        #[cfg_attr(all(target_os = "linux", target_env = "gnu"), link_name = "cbrtf64")]
        pub fn cbrt(x: f64) -> f64;
    }
}

macro_rules! f1 {
    ($($name:ident),* $(,)?) => {$(
        #[doc = concat!("`", stringify!($name), "(x)` as C's libm computes it.")]
        #[inline]
        pub fn $name(x: f64) -> f64 {
            #[cfg(feature = "std")]
            {
                // SAFETY: a pure C math function taking and returning doubles.
                unsafe { sys::$name(x) }
            }
            #[cfg(not(feature = "std"))]
            {
                libm::$name(x)
            }
        }
    )*};
}

macro_rules! f2 {
    ($($name:ident),* $(,)?) => {$(
        #[doc = concat!("`", stringify!($name), "(x, y)` as C's libm computes it.")]
        #[inline]
        pub fn $name(x: f64, y: f64) -> f64 {
            #[cfg(feature = "std")]
            {
                // SAFETY: a pure C math function taking and returning doubles.
                unsafe { sys::$name(x, y) }
            }
            #[cfg(not(feature = "std"))]
            {
                libm::$name(x, y)
            }
        }
    )*};
}

f1!(exp, exp2, expm1, log, log2, log10, log1p, sin, cos, tan, asin, acos, atan, sinh, cosh, tanh);
f1!(asinh, acosh, atanh, erf, erfc, cbrt);
f2!(pow, atan2, hypot);

/// `fmod` (exact in every implementation).
#[inline]
pub fn fmod(x: f64, y: f64) -> f64 {
    libm::fmod(x, y)
}

/// `sqrt` (correctly rounded everywhere).
#[inline]
pub fn sqrt(x: f64) -> f64 {
    libm::sqrt(x)
}

/// `floor`.
#[inline]
pub fn floor(x: f64) -> f64 {
    libm::floor(x)
}

/// `ceil`.
#[inline]
pub fn ceil(x: f64) -> f64 {
    libm::ceil(x)
}

/// `trunc`.
#[inline]
pub fn trunc(x: f64) -> f64 {
    libm::trunc(x)
}

/// Round half to even.
#[inline]
pub fn rint(x: f64) -> f64 {
    libm::rint(x)
}

/// `x * 2**e`, exact when representable.
#[inline]
pub fn ldexp(x: f64, e: i32) -> f64 {
    libm::scalbn(x, e)
}

/// Mantissa in [0.5, 1) and exponent (0.0, inf and nan give exponent 0).
#[inline]
pub fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    libm::frexp(x)
}

/// `copysign`.
#[inline]
pub fn copysign(x: f64, y: f64) -> f64 {
    libm::copysign(x, y)
}

/// sin(pi * x), accurate for integral and half-integral x (for the gamma reflection).
fn sinpi(x: f64) -> f64 {
    let y = fmod(x.abs(), 2.0);
    let n = rint(2.0 * y) as i32;
    let pi = core::f64::consts::PI;
    let r = match n {
        0 => sin(pi * y),
        1 => cos(pi * (y - 0.5)),
        2 => sin(pi * (1.0 - y)),
        3 => -cos(pi * (y - 1.5)),
        _ => sin(pi * (y - 2.0)),
    };
    copysign(1.0, x) * r
}

// Lanczos approximation (N = 13, g = 6.024680040776729583740234375) written as a
// rational function; the same parameters CPython uses, so results agree.
#[allow(clippy::excessive_precision)] // the published digits
const LANCZOS_G: f64 = 6.024_680_040_776_729_583_740_234_375;
#[allow(clippy::excessive_precision)] // the published digits
const LANCZOS_G_MINUS_HALF: f64 = 5.524_680_040_776_729_583_740_234_375;
#[allow(clippy::excessive_precision)] // the published digits
const LANCZOS_NUM: [f64; 13] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];
// x * (x+1) * ... * (x+11) expanded.
const LANCZOS_DEN: [f64; 13] = [
    0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0, 13339535.0, 2637558.0,
    357423.0, 32670.0, 1925.0, 66.0, 1.0,
];

fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    if x < 5.0 {
        for i in (0..13).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        // As a rational function of 1/x, which cannot overflow.
        for i in 0..13 {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

/// Outcome of a math function that can fail.
#[derive(Debug, PartialEq)]
pub enum MathErr {
    /// ValueError("math domain error").
    Domain,
    /// OverflowError("math range error").
    Range,
}

/// Gamma function.
pub fn gamma(x: f64) -> Result<f64, MathErr> {
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            return Ok(x);
        }
        return Err(MathErr::Domain);
    }
    if x == 0.0 {
        return Err(MathErr::Domain);
    }
    if x == floor(x) {
        if x < 0.0 {
            return Err(MathErr::Domain);
        }
        if x <= 23.0 {
            // Exact factorials.
            let mut f = 1.0;
            let mut i = 2.0;
            while i < x {
                f *= i;
                i += 1.0;
            }
            return Ok(f);
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        let r = 1.0 / x;
        return if r.is_infinite() { Err(MathErr::Range) } else { Ok(r) };
    }
    if absx > 200.0 {
        if x < 0.0 {
            return Ok(0.0 / sinpi(x));
        }
        return Err(MathErr::Range);
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    // The rounding error of y, used for a first-order correction.
    let z = if absx > LANCZOS_G_MINUS_HALF {
        let q = y - absx;
        q - LANCZOS_G_MINUS_HALF
    } else {
        let q = y - LANCZOS_G_MINUS_HALF;
        q - absx
    };
    let z = z * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -core::f64::consts::PI / sinpi(absx) / absx * exp(y) / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= pow(y, absx - 0.5);
        } else {
            let s = pow(y, absx / 2.0 - 0.25);
            r /= s;
            r /= s;
        }
    } else {
        r = lanczos_sum(absx) / exp(y);
        r += z * r;
        if absx < 140.0 {
            r *= pow(y, absx - 0.5);
        } else {
            let s = pow(y, absx / 2.0 - 0.25);
            r *= s;
            r *= s;
        }
    }
    if r.is_infinite() { Err(MathErr::Range) } else { Ok(r) }
}

/// Natural log of |gamma(x)|.
pub fn lgamma(x: f64) -> Result<f64, MathErr> {
    if !x.is_finite() {
        return Ok(if x.is_nan() { x } else { f64::INFINITY });
    }
    if x == floor(x) && x <= 2.0 {
        if x <= 0.0 {
            return Err(MathErr::Domain);
        }
        return Ok(0.0);
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return Ok(-log(absx));
    }
    let mut r = log(lanczos_sum(absx)) - LANCZOS_G;
    r += (absx - 0.5) * (log(absx + LANCZOS_G - 0.5) - 1.0);
    if x < 0.0 {
        // Reflection formula.
        #[allow(clippy::excessive_precision)] // the published digits
        const LOGPI: f64 = 1.144_729_885_849_400_174_143_427_351_353_058_711_647;
        r = LOGPI - log(sinpi(absx).abs()) - log(absx) - r;
    }
    if r.is_infinite() { Err(MathErr::Range) } else { Ok(r) }
}

/// Euclidean norm of `v` (absolute values, `max` their maximum), accurate to within an
/// ulp: scaled by a power of two, squares split exactly (Veltkamp-Dekker), compensated
/// summation and one Newton correction of the square root.
pub fn vector_norm(v: &[f64], max: f64, found_nan: bool) -> f64 {
    const T27: f64 = 134217729.0; // 2**27 + 1
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || v.len() <= 1 {
        return max;
    }
    let (_, max_e) = frexp(max);
    let (mut csum, mut frac1, mut frac2, mut frac3) = (1.0f64, 0.0f64, 0.0f64, 0.0f64);
    if max_e >= -1023 {
        let scale = ldexp(1.0, -max_e);
        for &x0 in v {
            let x = x0 * scale;
            let t = x * T27;
            let hi = t - (t - x);
            let lo = x - hi;
            let sq = hi * hi;
            let old = csum;
            csum += sq;
            frac1 += (old - csum) + sq;
            let cross = 2.0 * hi * lo;
            let old = csum;
            csum += cross;
            frac2 += (old - csum) + cross;
            frac3 += lo * lo;
        }
        let h = sqrt(csum - 1.0 + (frac1 + frac2 + frac3));
        let t = h * T27;
        let hi = t - (t - h);
        let lo = h - hi;
        let x = -hi * hi;
        let old = csum;
        csum += x;
        frac1 += (old - csum) + x;
        let x = -2.0 * hi * lo;
        let old = csum;
        csum += x;
        frac2 += (old - csum) + x;
        let x = -lo * lo;
        let old = csum;
        csum += x;
        frac3 += (old - csum) + x;
        let x = csum - 1.0 + (frac1 + frac2 + frac3);
        return (h + x / (2.0 * h)) / scale;
    }
    // Tiny values: ldexp(1, -max_e) would overflow, divide by max instead.
    for &x0 in v {
        let x = x0 / max;
        let sq = x * x;
        let old = csum;
        csum += sq;
        frac1 += (old - csum) + sq;
    }
    max * sqrt(csum - 1.0 + frac1)
}

/// Python's `x ** y` on floats (CPython's float_pow), or None when the result is complex
/// (negative base, fractional exponent). Errors: ZeroDivision is reported as Domain.
pub fn py_pow(x: f64, y: f64) -> Result<Option<f64>, MathErr> {
    if y == 0.0 {
        return Ok(Some(1.0));
    }
    if x.is_nan() {
        return Ok(Some(x));
    }
    if y.is_nan() {
        return Ok(Some(if x == 1.0 { 1.0 } else { y }));
    }
    if y.is_infinite() {
        let ax = x.abs();
        return Ok(Some(if ax == 1.0 {
            1.0
        } else if (y > 0.0) == (ax > 1.0) {
            f64::INFINITY
        } else {
            0.0
        }));
    }
    let y_odd = fmod(y.abs(), 2.0) == 1.0;
    if x.is_infinite() {
        return Ok(Some(if y > 0.0 {
            if y_odd { x } else { x.abs() }
        } else if y_odd {
            copysign(0.0, x)
        } else {
            0.0
        }));
    }
    if x == 0.0 {
        if y < 0.0 {
            return Err(MathErr::Domain);
        }
        return Ok(Some(if y_odd { x } else { 0.0 }));
    }
    let mut base = x;
    let mut negate = false;
    if x < 0.0 {
        if y != floor(y) {
            return Ok(None);
        }
        base = -x;
        negate = y_odd;
    }
    if base == 1.0 {
        return Ok(Some(if negate { -1.0 } else { 1.0 }));
    }
    let r = pow(base, y);
    if r.is_infinite() {
        return Err(MathErr::Range);
    }
    Ok(Some(if negate { -r } else { r }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gamma_values() {
        // Values from CPython's math.gamma / math.lgamma (within a few ulps: the unit
        // tests run on the `libm` crate, not the C library).
        let close = |a: Result<f64, MathErr>, b: f64| {
            let a = a.unwrap_or(f64::NAN);
            assert!((a - b).abs() <= 4.0 * f64::EPSILON * b.abs(), "{a} vs {b}");
        };
        assert_eq!(gamma(5.0), Ok(24.0));
        close(gamma(0.5), 1.7724538509055159);
        close(gamma(7.3), 1271.4236336639085);
        close(gamma(-2.5), -0.9453087204829417);
        close(lgamma(10.0), 12.801827480081467);
        close(lgamma(-2.5), -0.05624371649767457);
        assert_eq!(gamma(-1.0), Err(MathErr::Domain));
        assert_eq!(gamma(0.0), Err(MathErr::Domain));
        assert_eq!(gamma(172.0), Err(MathErr::Range));
        assert_eq!(lgamma(1.0), Ok(0.0));
        assert_eq!(lgamma(0.0), Err(MathErr::Domain));
    }

    #[test]
    fn norm_is_exact_for_pythagorean_triples() {
        assert_eq!(vector_norm(&[3.0, 4.0], 4.0, false), 5.0);
        assert_eq!(vector_norm(&[5.0, 12.0], 12.0, false), 13.0);
    }

    #[test]
    fn pow_special_cases() {
        assert_eq!(py_pow(0.0, -1.0), Err(MathErr::Domain));
        assert_eq!(py_pow(-8.0, 1.0 / 3.0), Ok(None));
        assert_eq!(py_pow(-2.0, 3.0), Ok(Some(-8.0)));
        assert_eq!(py_pow(f64::NAN, 0.0), Ok(Some(1.0)));
        assert_eq!(py_pow(1e300, 2.0), Err(MathErr::Range));
    }
}
