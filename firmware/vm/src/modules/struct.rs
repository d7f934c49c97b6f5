//! `struct`: pack, unpack, calcsize, pack_into, unpack_from with MicroPython's format
//! characters (`@=<>!` byte order; `b B h H i I l L q Q f d s P x ?` and counts).

use alloc::vec::Vec;

use crate::obj::{self, int::IntVal};
use crate::qstr::Qstr;
use crate::types::{ModuleDef, TypeId};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

type Kw<'a> = &'a [(Qstr, Value)];

const MAX_BYTES: usize = 1 << 20;

struct Fmt {
    native: bool,
    big: bool,
    items: Vec<(u8, usize)>,
}

fn parse(vm: &mut Vm, v: Value) -> PyResult<Fmt> {
    let s: Vec<u8> = match vm.str_of(v) {
        Some(s) => s.as_bytes().to_vec(),
        None => match obj::bytes::buffer_of(vm, v) {
            Some(b) => b,
            None => return Err(vm.raise(TypeId::TypeError, "format must be str")),
        },
    };
    let mut f = Fmt { native: true, big: false, items: Vec::new() };
    let mut i = 0;
    let mut bound = 0usize;
    if let Some(&c) = s.first() {
        match c {
            b'@' => i = 1,
            b'=' | b'<' => {
                f.native = false;
                i = 1
            }
            b'>' | b'!' => {
                f.native = false;
                f.big = true;
                i = 1
            }
            _ => {}
        }
    }
    while i < s.len() {
        let mut n: Option<usize> = None;
        while i < s.len() && s[i].is_ascii_digit() {
            n = Some(n.unwrap_or(0).saturating_mul(10).saturating_add((s[i] - b'0') as usize));
            i += 1;
        }
        let Some(&c) = s.get(i) else {
            return Err(vm.raise(TypeId::ValueError, "bad format string"));
        };
        i += 1;
        if c == b' ' {
            continue;
        }
        if size_of(c, f.native).is_none() {
            return Err(vm.raise(TypeId::ValueError, "bad format string"));
        }
        let n = n.unwrap_or(1);
        // Bound the packed size (and the number of values) so no input can make the
        // interpreter ask the system for an unbounded buffer.
        bound = bound.saturating_add(n.saturating_mul(8).saturating_add(8));
        if bound > MAX_BYTES {
            return Err(vm.raise(TypeId::ValueError, "struct format too large"));
        }
        f.items.push((c, n));
    }
    Ok(f)
}

fn size_of(c: u8, native: bool) -> Option<usize> {
    Some(match c {
        b'b' | b'B' | b'x' | b's' | b'?' => 1,
        b'h' | b'H' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' => if native { 8 } else { 4 },
        b'q' | b'Q' | b'd' => 8,
        b'P' => 4,
        _ => return None,
    })
}

/// Walk the layout: calls `f(code, offset, size)` per value (a whole `Ns` is one value).
fn layout(f: &Fmt, mut cb: impl FnMut(u8, usize, usize)) -> usize {
    let mut off = 0usize;
    for &(c, n) in &f.items {
        let sz = size_of(c, f.native).unwrap_or(1);
        if f.native && sz > 1 && c != b's' {
            off = off.div_ceil(sz) * sz;
        }
        match c {
            b's' => {
                cb(c, off, n);
                off += n;
            }
            b'x' => off += n,
            _ => {
                for _ in 0..n {
                    cb(c, off, sz);
                    off += sz;
                }
            }
        }
    }
    off
}

fn calcsize(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let f = parse(vm, args[0])?;
    let n = layout(&f, |_, _, _| {});
    obj::int::new_int(vm, n as i64)
}

fn unpack_at(vm: &mut Vm, f: &Fmt, data: &[u8], base: usize) -> PyResult<Value> {
    let mut fields: Vec<(u8, usize, usize)> = Vec::new();
    let total = layout(f, |c, o, s| fields.push((c, o, s)));
    if data.len() < base + total {
        return Err(vm.raise(TypeId::ValueError, "buffer too small"));
    }
    let mut vals = Vec::with_capacity(fields.len());
    for (c, o, s) in fields {
        let b = &data[base + o..base + o + s];
        let v = match c {
            b's' => obj::str::new_bytes(vm, b)?,
            b'f' | b'd' => {
                let mut raw = [0u8; 8];
                raw[..s].copy_from_slice(b);
                if f.big {
                    raw[..s].reverse();
                }
                let x = if s == 4 { f32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]]) as f64 } else { f64::from_le_bytes(raw) };
                obj::float::new_float(vm, x)?
            }
            b'?' => Value::bool(b[0] != 0),
            _ => {
                let mut u: u64 = 0;
                for k in 0..s {
                    let byte = if f.big { b[k] } else { b[s - 1 - k] };
                    u = u << 8 | byte as u64;
                }
                let signed = c.is_ascii_lowercase();
                if signed {
                    let sh = 64 - 8 * s as u32;
                    obj::int::new_int(vm, ((u << sh) as i64) >> sh)?
                } else if u > i64::MAX as u64 {
                    obj::int::new_big(vm, &num_bigint::BigInt::from(u))?
                } else {
                    obj::int::new_int(vm, u as i64)?
                }
            }
        };
        vals.push(v);
    }
    obj::tuple::new_tuple(vm, &vals)
}

fn unpack(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let f = parse(vm, args[0])?;
    let Some(data) = obj::bytes::buffer_of(vm, args[1]) else {
        return Err(vm.raise(TypeId::TypeError, "object with buffer protocol required"));
    };
    let total = layout(&f, |_, _, _| {});
    if data.len() != total {
        return Err(vm.raise(TypeId::ValueError, "buffer size does not match format"));
    }
    unpack_at(vm, &f, &data, 0)
}

fn unpack_from(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let f = parse(vm, args[0])?;
    let Some(data) = obj::bytes::buffer_of(vm, args[1]) else {
        return Err(vm.raise(TypeId::TypeError, "object with buffer protocol required"));
    };
    let mut off = args.get(2).and_then(|&o| vm.int_i64(o)).unwrap_or(0);
    if off < 0 {
        off += data.len() as i64;
    }
    if off < 0 || off as usize > data.len() {
        return Err(vm.raise(TypeId::ValueError, "buffer too small"));
    }
    unpack_at(vm, &f, &data, off as usize)
}

fn pack_bytes(vm: &mut Vm, f: &Fmt, vals: &[Value]) -> PyResult<Vec<u8>> {
    let mut fields: Vec<(u8, usize, usize)> = Vec::new();
    let total = layout(f, |c, o, s| fields.push((c, o, s)));
    if fields.len() != vals.len() {
        return Err(vm.raise_fmt(TypeId::ValueError, format_args!("pack expected {} items for packing (got {})", fields.len(), vals.len())));
    }
    let mut out = alloc::vec![0u8; total];
    for ((c, o, s), &v) in fields.into_iter().zip(vals) {
        let dst = &mut out[o..o + s];
        match c {
            b's' => {
                let Some(b) = obj::bytes::buffer_of(vm, v) else {
                    return Err(vm.raise(TypeId::TypeError, "argument for 's' must be a bytes object"));
                };
                let n = b.len().min(s);
                dst[..n].copy_from_slice(&b[..n]);
            }
            b'f' | b'd' => {
                let Some(x) = obj::ops::to_float(vm, v) else {
                    return Err(vm.raise(TypeId::TypeError, "required argument is not a float"));
                };
                let mut raw: Vec<u8> = if s == 4 { (x as f32).to_le_bytes().to_vec() } else { x.to_le_bytes().to_vec() };
                if f.big {
                    raw.reverse();
                }
                dst.copy_from_slice(&raw);
            }
            b'?' => dst[0] = crate::runtime::truthy(vm, v)? as u8,
            _ => {
                let u: u64 = match vm.int_of(v) {
                    Some(IntVal::Small(i)) => i as u64,
                    Some(IntVal::Big(b)) => {
                        let (sign, d) = b.to_u64_digits();
                        let m = d.first().copied().unwrap_or(0);
                        if sign == num_bigint::Sign::Minus { m.wrapping_neg() } else { m }
                    }
                    None => return Err(vm.raise(TypeId::TypeError, "required argument is not an integer")),
                };
                for k in 0..s {
                    let byte = (u >> (8 * k)) as u8;
                    if f.big { dst[s - 1 - k] = byte } else { dst[k] = byte }
                }
            }
        }
    }
    Ok(out)
}

fn pack(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let f = parse(vm, args[0])?;
    let b = pack_bytes(vm, &f, &args[1..])?;
    obj::str::new_bytes(vm, &b)
}

fn pack_into(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let f = parse(vm, args[0])?;
    let mut off = vm.int_i64(args[2]).unwrap_or(0);
    let b = pack_bytes(vm, &f, &args[3..])?;
    let Some(dst) = obj::bytes::buffer_mut(vm, args[1]) else {
        return Err(vm.raise(TypeId::TypeError, "object with buffer protocol required"));
    };
    if off < 0 {
        off += dst.len() as i64;
    }
    if off < 0 || off as usize + b.len() > dst.len() {
        return Err(vm.raise(TypeId::ValueError, "buffer too small"));
    }
    dst[off as usize..off as usize + b.len()].copy_from_slice(&b);
    Ok(Value::NONE)
}

/// `struct`.
pub static MODULE: ModuleDef = ModuleDef {
    name: "struct",
    globals: &[
        fun!(q!("calcsize"), calcsize, 1, 1),
        fun!(q!("pack"), pack, 1, crate::types::VAR),
        fun!(q!("pack_into"), pack_into, 3, crate::types::VAR),
        fun!(q!("unpack"), unpack, 2, 2),
        fun!(q!("unpack_from"), unpack_from, 2, 3),
    ],
    init: None,
};
