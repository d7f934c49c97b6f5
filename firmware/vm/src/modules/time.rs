//! `time`: wall clock, sleeps, and MicroPython's wrapping tick counters.
//!
//! Ticks wrap at 2^30 (they fit a small int), as on MicroPython ports; use `ticks_diff`
//! and `ticks_add` to do arithmetic on them. The epoch of `time()`/`localtime()` is the
//! Unix epoch (1970), as on MicroPython's unix port.

use crate::obj;
use crate::qstr::Qstr;
use crate::types::{ModuleDef, TypeId};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

const TICKS_PERIOD: i64 = 1 << 30;
const TICKS_MAX: i64 = TICKS_PERIOD - 1;

type Kw<'a> = &'a [(Qstr, Value)];

fn num(vm: &mut Vm, v: Value) -> PyResult<f64> {
    match obj::ops::to_float(vm, v) {
        Some(f) => Ok(f),
        None => Err(vm.raise(TypeId::TypeError, "can't convert to float")),
    }
}

fn int_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    match vm.int_i64(v) {
        Some(i) => Ok(i),
        None => Err(vm.raise(TypeId::TypeError, "can't convert to int")),
    }
}

fn sleep_for(vm: &mut Vm, us: f64) -> PyResult<Value> {
    if us < 0.0 {
        return Err(vm.raise(TypeId::ValueError, "sleep length must be non-negative"));
    }
    vm.port.delay_us(us as u64);
    if vm.interrupt.load(core::sync::atomic::Ordering::Relaxed) {
        vm.interrupt.store(false, core::sync::atomic::Ordering::Relaxed);
        return Err(vm.raise_empty(TypeId::KeyboardInterrupt));
    }
    Ok(Value::NONE)
}

fn time(vm: &mut Vm, _a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let ns = vm.port.time_ns();
    obj::float::new_float(vm, ns as f64 / 1e9)
}
fn time_ns(vm: &mut Vm, _a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let ns = vm.port.time_ns();
    obj::int::new_big(vm, &num_bigint::BigInt::from(ns))
}
fn sleep(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let s = num(vm, a[0])?;
    sleep_for(vm, s * 1e6)
}
fn sleep_ms(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let ms = int_arg(vm, a[0])?;
    sleep_for(vm, ms as f64 * 1e3)
}
fn sleep_us(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let us = int_arg(vm, a[0])?;
    sleep_for(vm, us as f64)
}
fn ticks_ms(vm: &mut Vm, _a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    Ok(Value::small((vm.port.ticks_ms() as i64 & TICKS_MAX) as i32))
}
fn ticks_us(vm: &mut Vm, _a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    Ok(Value::small((vm.port.ticks_us() as i64 & TICKS_MAX) as i32))
}
fn ticks_cpu(vm: &mut Vm, _a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    Ok(Value::small((vm.port.ticks_cpu() as i64 & TICKS_MAX) as i32))
}
fn ticks_diff(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let (end, start) = (int_arg(vm, a[0])?, int_arg(vm, a[1])?);
    let d = ((end - start + TICKS_PERIOD / 2) & TICKS_MAX) - TICKS_PERIOD / 2;
    Ok(Value::small(d as i32))
}
fn ticks_add(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let (t, d) = (int_arg(vm, a[0])?, int_arg(vm, a[1])?);
    if d.abs() > TICKS_PERIOD / 2 {
        return Err(vm.raise(TypeId::OverflowError, "ticks interval overflow"));
    }
    Ok(Value::small(((t + d) & TICKS_MAX) as i32))
}

/// Days since 1970-01-01 to (year, month, day) — Howard Hinnant's civil-from-days.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn broken_down(vm: &mut Vm, secs: i64) -> PyResult<Value> {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let weekday = (days + 3).rem_euclid(7); // 1970-01-01 was a Thursday; Monday = 0
    let yday = days - days_from_civil(y, 1, 1) + 1;
    let items = [y, m, d, rem / 3600, rem % 3600 / 60, rem % 60, weekday, yday];
    let vals: alloc::vec::Vec<Value> = items.iter().map(|&x| Value::small(x as i32)).collect();
    obj::tuple::new_tuple(vm, &vals)
}

fn gmtime(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let secs = match a.first().filter(|v| !v.is_none()) {
        Some(&v) => num(vm, v)? as i64,
        None => (vm.port.time_ns() / 1_000_000_000) as i64,
    };
    broken_down(vm, secs)
}

fn mktime(vm: &mut Vm, a: &[Value], _k: Kw<'_>) -> PyResult<Value> {
    let items = crate::runtime::collect_iter(vm, a[0])?;
    if items.len() < 6 {
        return Err(vm.raise(TypeId::TypeError, "mktime needs a tuple of at least 6 items"));
    }
    let mut f = [0i64; 6];
    for (i, slot) in f.iter_mut().enumerate() {
        *slot = int_arg(vm, items[i])?;
    }
    // Normalise months outside 1..12 like MicroPython's timeutils.
    let (mut y, mut mo) = (f[0], f[1] - 1);
    y += mo.div_euclid(12);
    mo = mo.rem_euclid(12);
    let days = days_from_civil(y, mo + 1, 1) + f[2] - 1;
    let _ = is_leap(y);
    let secs = days * 86_400 + f[3] * 3600 + f[4] * 60 + f[5];
    obj::int::new_int(vm, secs)
}

/// `time`.
pub static MODULE: ModuleDef = ModuleDef {
    name: "time",
    globals: &[
        fun!(q!("time"), time, 0, 0),
        fun!(q!("time_ns"), time_ns, 0, 0),
        fun!(q!("sleep"), sleep, 1, 1),
        fun!(q!("sleep_ms"), sleep_ms, 1, 1),
        fun!(q!("sleep_us"), sleep_us, 1, 1),
        fun!(q!("ticks_ms"), ticks_ms, 0, 0),
        fun!(q!("ticks_us"), ticks_us, 0, 0),
        fun!(q!("ticks_cpu"), ticks_cpu, 0, 0),
        fun!(q!("ticks_diff"), ticks_diff, 2, 2),
        fun!(q!("ticks_add"), ticks_add, 2, 2),
        fun!(q!("localtime"), gmtime, 0, 1),
        fun!(q!("gmtime"), gmtime, 0, 1),
        fun!(q!("mktime"), mktime, 1, 1),
    ],
    init: None,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip_known_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(10957), (2000, 1, 1));
        assert_eq!(civil_from_days(19782), (2024, 2, 29));
        for d in [-1000i64, 0, 59, 365, 10957, 19782, 50000] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
    }
}
