//! `binascii`: hexlify, unhexlify, a2b_base64, b2a_base64, crc32.

use alloc::vec::Vec;

use crate::obj;
use crate::qstr::Qstr;
use crate::types::{ModuleDef, TypeId};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

type Kw<'a> = &'a [(Qstr, Value)];

fn buf(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    match obj::bytes::buffer_of(vm, v) {
        Some(b) => Ok(b),
        None => match vm.str_of(v) {
            Some(s) if s.is_ascii() => Ok(s.as_bytes().to_vec()),
            _ => Err(vm.raise(TypeId::TypeError, "object with buffer protocol required")),
        },
    }
}

fn hexlify(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let b = buf(vm, args[0])?;
    let sep = match args.get(1) {
        Some(&s) if !s.is_none() => Some(buf(vm, s)?),
        _ => None,
    };
    let mut out = Vec::with_capacity(b.len() * 3);
    for (i, x) in b.iter().enumerate() {
        if i > 0 {
            if let Some(s) = &sep {
                out.extend_from_slice(s);
            }
        }
        out.push(b"0123456789abcdef"[(x >> 4) as usize]);
        out.push(b"0123456789abcdef"[(x & 15) as usize]);
    }
    obj::str::new_bytes(vm, &out)
}

fn hexval(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

fn unhexlify(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let b = buf(vm, args[0])?;
    if b.len() % 2 != 0 {
        return Err(vm.raise(TypeId::ValueError, "odd-length string"));
    }
    let mut out = Vec::with_capacity(b.len() / 2);
    for p in b.chunks(2) {
        match (hexval(p[0]), hexval(p[1])) {
            (Some(h), Some(l)) => out.push(h << 4 | l),
            _ => return Err(vm.raise(TypeId::ValueError, "non-hex digit found")),
        }
    }
    obj::str::new_bytes(vm, &out)
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Base64-encode.
pub fn b64encode(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len().div_ceil(3) * 4 + 1);
    for c in b.chunks(3) {
        let n = (c[0] as u32) << 16 | (*c.get(1).unwrap_or(&0) as u32) << 8 | *c.get(2).unwrap_or(&0) as u32;
        out.push(B64[(n >> 18) as usize & 63]);
        out.push(B64[(n >> 12) as usize & 63]);
        out.push(if c.len() > 1 { B64[(n >> 6) as usize & 63] } else { b'=' });
        out.push(if c.len() > 2 { B64[n as usize & 63] } else { b'=' });
    }
    out
}

/// Base64-decode (invalid characters are skipped, as MicroPython and CPython's default).
pub fn b64decode(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len() / 4 * 3);
    let mut acc = 0u32;
    let mut n = 0;
    let mut pad = 0;
    for &c in b {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => {
                if n >= 2 {
                    pad += 1;
                    if n + pad == 4 {
                        break;
                    }
                }
                continue;
            }
            _ => continue,
        };
        if pad > 0 {
            return None;
        }
        acc = acc << 6 | v as u32;
        n += 1;
        if n == 4 {
            out.extend_from_slice(&[(acc >> 16) as u8, (acc >> 8) as u8, acc as u8]);
            acc = 0;
            n = 0;
        }
    }
    match (n, pad) {
        (0, _) => Some(out),
        (2, 2) => {
            out.push((acc >> 4) as u8);
            Some(out)
        }
        (3, 1) => {
            out.extend_from_slice(&[(acc >> 10) as u8, (acc >> 2) as u8]);
            Some(out)
        }
        _ => None,
    }
}

fn a2b_base64(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let b = buf(vm, args[0])?;
    match b64decode(&b) {
        Some(d) => obj::str::new_bytes(vm, &d),
        None => Err(vm.raise(TypeId::ValueError, "incorrect padding")),
    }
}

fn b2a_base64(vm: &mut Vm, args: &[Value], kw: Kw) -> PyResult<Value> {
    let b = buf(vm, args[0])?;
    let mut newline = true;
    for &(k, v) in kw {
        if k == q!("newline") {
            newline = crate::runtime::truthy(vm, v)?;
        } else {
            return Err(vm.raise(TypeId::TypeError, "unexpected keyword argument"));
        }
    }
    let mut out = b64encode(&b);
    if newline {
        out.push(b'\n');
    }
    obj::str::new_bytes(vm, &out)
}

/// CRC-32 (IEEE, as zlib).
pub fn crc32_update(mut crc: u32, data: &[u8]) -> u32 {
    crc = !crc;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn crc32(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let b = buf(vm, args[0])?;
    let init = match args.get(1) {
        Some(&v) => match vm.int_of(v) {
            Some(crate::obj::int::IntVal::Small(i)) => i as u32,
            Some(crate::obj::int::IntVal::Big(x)) => {
                let (_, d) = x.to_u32_digits();
                d.first().copied().unwrap_or(0)
            }
            None => return Err(vm.raise(TypeId::TypeError, "can't convert to int")),
        },
        None => 0,
    };
    obj::int::new_int(vm, crc32_update(init, &b) as i64)
}

/// `binascii`.
pub static MODULE: ModuleDef = ModuleDef {
    name: "binascii",
    globals: &[
        fun!(q!("hexlify"), hexlify, 1, 2),
        fun!(q!("unhexlify"), unhexlify, 1, 1),
        fun!(q!("a2b_base64"), a2b_base64, 1, 1),
        fun!(q!("b2a_base64"), b2a_base64, 1, 1, kw),
        fun!(q!("crc32"), crc32, 1, 2),
    ],
    init: None,
};
