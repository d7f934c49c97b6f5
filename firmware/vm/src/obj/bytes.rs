//! `bytes`, `bytearray` and `memoryview` (unsigned bytes, format 'B').

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;
use upy_bytecode::BinOp;

use super::{ArrayHdr, Kind, ListObj, Obj4};
use crate::runtime;
use crate::types::TypeId;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// A new bytearray holding `b`.
pub fn new_bytearray(vm: &mut Vm, b: &[u8]) -> PyResult<Value> {
    let off = vm.alloc(Kind::ByteArray, 12)?;
    if !b.is_empty() {
        let buf = vm.alloc_raw(b.len())?;
        vm.heap.raw_mut(buf).copy_from_slice(b);
        let l = vm.heap.get_mut::<ListObj>(off);
        l.items = buf;
        l.len = b.len() as u32;
    }
    Ok(Value::obj(off))
}

/// A memoryview over `obj` (bytes, bytearray or memoryview) covering `start..start+len`.
pub fn new_memoryview(vm: &mut Vm, obj: Value, start: u32, len: u32, readonly: bool) -> PyResult<Value> {
    let off = vm.alloc(Kind::MemoryView, core::mem::size_of::<Obj4>())?;
    let o = vm.heap.get_mut::<Obj4>(off);
    o.a = obj;
    o.i = start;
    o.j = len;
    o.h.flags = readonly as u8;
    Ok(Value::obj(off))
}

/// The bytes of a bytes-like object (bytes, bytearray, memoryview), copied.
pub fn buffer_of(vm: &Vm, v: Value) -> Option<Vec<u8>> {
    buffer_ref(vm, v).map(|b| b.to_vec())
}

/// The bytes of a bytes-like object, borrowed.
pub fn buffer_ref(vm: &Vm, v: Value) -> Option<&[u8]> {
    let off = v.as_obj()?;
    match vm.heap.kind(off) {
        Kind::Bytes => vm.bytes_of(v),
        Kind::ByteArray => {
            let l = vm.heap.get::<ListObj>(off);
            Some(&vm.heap.raw(l.items)[..l.len as usize])
        }
        Kind::MemoryView => {
            let o = vm.heap.get::<Obj4>(off);
            let (src, start, len) = (o.a, o.i as usize, o.j as usize);
            let b = buffer_ref(vm, src)?;
            b.get(start..start + len)
        }
        Kind::Instance => {
            // A plain instance's native_of is itself: recursing would never end.
            let n = runtime::native_of(vm, v);
            if n == v { None } else { buffer_ref(vm, n) }
        }
        _ => None,
    }
}

/// Mutable bytes of a bytearray (or a writable memoryview onto one).
pub fn buffer_mut(vm: &mut Vm, v: Value) -> Option<&mut [u8]> {
    let off = v.as_obj()?;
    match vm.heap.kind(off) {
        Kind::ByteArray => {
            let l = vm.heap.get::<ListObj>(off);
            let (items, len) = (l.items, l.len as usize);
            Some(&mut vm.heap.raw_mut(items)[..len])
        }
        Kind::MemoryView => {
            let o = vm.heap.get::<Obj4>(off);
            if o.h.flags & 1 != 0 {
                return None;
            }
            let (src, start, len) = (o.a, o.i as usize, o.j as usize);
            let b = buffer_mut(vm, src)?;
            b.get_mut(start..start + len)
        }
        _ => None,
    }
}

/// Resize a bytearray to `n` bytes (new bytes zero).
pub fn bytearray_resize(vm: &mut Vm, ba: Value, n: usize) -> PyResult<()> {
    let Some(off) = ba.as_obj() else { return Ok(()) };
    let l = vm.heap.get::<ListObj>(off);
    let (items, len) = (l.items, l.len as usize);
    let cap = if items == 0 { 0 } else { vm.heap.get::<ArrayHdr>(items).cap as usize };
    if n > cap {
        let new_cap = (cap + cap / 2 + 8).max(n);
        let buf = vm.alloc_raw(new_cap)?;
        let old: Vec<u8> = vm.heap.raw(items)[..len].to_vec();
        vm.heap.raw_mut(buf)[..len].copy_from_slice(&old);
        if items != 0 {
            vm.heap.free(items);
        }
        vm.heap.get_mut::<ListObj>(off).items = buf;
    } else if n < len {
        vm.heap.raw_mut(items)[n..len].fill(0);
    }
    vm.heap.get_mut::<ListObj>(off).len = n as u32;
    Ok(())
}

/// `repr` of bytes/bytearray: `b'...'` with CPython's escaping and quote choice.
pub fn repr_into(vm: &Vm, v: Value, out: &mut String) {
    let is_ba = v.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::ByteArray);
    let b = buffer_ref(vm, v).unwrap_or(&[]);
    if is_ba {
        out.push_str("bytearray(");
    }
    let q = if b.contains(&b'\'') && !b.contains(&b'"') { '"' } else { '\'' };
    out.push('b');
    out.push(q);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == q as u8 => {
                out.push('\\');
                out.push(q);
            }
            0x20..=0x7e => out.push(c as char),
            _ => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(q);
    if is_ba {
        out.push(')');
    }
}

/// `x in bytes`.
pub fn contains(vm: &mut Vm, container: Value, item: Value) -> PyResult<bool> {
    let hay = buffer_of(vm, container).unwrap_or_default();
    if let Some(i) = vm.int_i64(item) {
        if !(0..=255).contains(&i) {
            return Err(vm.raise(TypeId::ValueError, "byte must be in range(0, 256)"));
        }
        return Ok(hay.contains(&(i as u8)));
    }
    let Some(needle) = buffer_of(vm, item) else {
        return Err(vm.raise(TypeId::TypeError, "a bytes-like object is required"));
    };
    Ok(needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle.as_slice()))
}

/// `b[i]`, `b[slice]`.
pub fn subscr(vm: &mut Vm, o: Value, key: Value) -> PyResult<Value> {
    let data = buffer_of(vm, o).unwrap_or_default();
    let kind = vm.heap.kind(o.as_obj().unwrap_or(0));
    if super::slice::is_slice(vm, key) {
        let (start, _, step, n) = super::slice::indices(vm, key, data.len())?;
        if kind == Kind::MemoryView && step == 1 {
            let mo = vm.heap.get::<Obj4>(o.as_obj().unwrap_or(0));
            let (src, base, ro) = (mo.a, mo.i, mo.h.flags & 1 != 0);
            return new_memoryview(vm, src, base + start as u32, n as u32, ro);
        }
        let out: Vec<u8> = (0..n).map(|i| data[(start + i as i64 * step) as usize]).collect();
        return if kind == Kind::ByteArray { new_bytearray(vm, &out) } else { super::str::new_bytes(vm, &out) };
    }
    let i = runtime::seq_index(vm, key, data.len(), if kind == Kind::Bytes { "bytes" } else { "bytearray" })?;
    Ok(Value::small(data[i] as i32))
}

/// `ba[i] = x`, `ba[slice] = iterable`.
pub fn store_subscr(vm: &mut Vm, o: Value, key: Value, v: Value) -> PyResult<()> {
    let len = buffer_ref(vm, o).map_or(0, |b| b.len());
    if super::slice::is_slice(vm, key) {
        let src: Vec<u8> = match buffer_of(vm, v) {
            Some(b) => b,
            None => {
                let items = runtime::collect_iter(vm, v)?;
                let mut out = Vec::with_capacity(items.len());
                for x in items {
                    out.push(byte_value(vm, x)?);
                }
                out
            }
        };
        let (start, _, step, n) = super::slice::indices(vm, key, len)?;
        if step == 1 && vm.heap.kind(o.as_obj().unwrap_or(0)) == Kind::ByteArray {
            let mut data = buffer_of(vm, o).unwrap_or_default();
            let stop = start as usize + n;
            data.splice(start as usize..stop, src);
            bytearray_resize(vm, o, data.len())?;
            if let Some(b) = buffer_mut(vm, o) {
                b.copy_from_slice(&data);
            }
            return Ok(());
        }
        if src.len() != n {
            return Err(vm.raise(TypeId::ValueError, "memoryview assignment: lvalue and rvalue have different structures"));
        }
        let Some(b) = buffer_mut(vm, o) else { return Err(vm.raise(TypeId::TypeError, "object is read-only")) };
        for (i, x) in src.into_iter().enumerate() {
            b[(start + i as i64 * step) as usize] = x;
        }
        return Ok(());
    }
    let i = runtime::seq_index(vm, key, len, "bytearray")?;
    let x = byte_value(vm, v)?;
    match buffer_mut(vm, o) {
        Some(b) => {
            b[i] = x;
            Ok(())
        }
        None => Err(vm.raise(TypeId::TypeError, "object does not support item assignment")),
    }
}

/// `del ba[i]`, `del ba[slice]`.
pub fn del_subscr(vm: &mut Vm, o: Value, key: Value) -> PyResult<()> {
    let mut data = buffer_of(vm, o).unwrap_or_default();
    if super::slice::is_slice(vm, key) {
        let (start, _, step, n) = super::slice::indices(vm, key, data.len())?;
        let mut idx: Vec<usize> = (0..n).map(|i| (start + i as i64 * step) as usize).collect();
        idx.sort_unstable();
        for i in idx.into_iter().rev() {
            data.remove(i);
        }
    } else {
        let i = runtime::seq_index(vm, key, data.len(), "bytearray")?;
        data.remove(i);
    }
    bytearray_resize(vm, o, data.len())?;
    if let Some(b) = buffer_mut(vm, o) {
        b.copy_from_slice(&data);
    }
    Ok(())
}

/// An int in 0..=255.
pub fn byte_value(vm: &mut Vm, v: Value) -> PyResult<u8> {
    match vm.int_i64(v) {
        Some(i) if (0..=255).contains(&i) => Ok(i as u8),
        Some(_) => Err(vm.raise(TypeId::ValueError, "byte must be in range(0, 256)")),
        None => Err(vm.raise(TypeId::TypeError, "an integer is required")),
    }
}

/// `+` and `*` on bytes-like objects.
pub fn binop(vm: &mut Vm, op: BinOp, inplace: bool, a: Value, b: Value) -> PyResult<Value> {
    let is_ba = vm.heap.kind(a.as_obj().unwrap_or(0)) == Kind::ByteArray;
    let x = buffer_of(vm, a).unwrap_or_default();
    let out = match op {
        BinOp::Add => {
            let Some(y) = buffer_of(vm, b) else { return Ok(Value::NOT_IMPLEMENTED) };
            let mut r = x;
            r.extend_from_slice(&y);
            r
        }
        BinOp::Mul => {
            let Some(n) = vm.int_i64(b) else { return Ok(Value::NOT_IMPLEMENTED) };
            x.repeat(n.max(0) as usize)
        }
        BinOp::Mod if !is_ba => return super::format::percent_format_bytes(vm, a, b),
        _ => return Ok(Value::NOT_IMPLEMENTED),
    };
    if is_ba && inplace {
        bytearray_resize(vm, a, out.len())?;
        if let Some(m) = buffer_mut(vm, a) {
            m.copy_from_slice(&out);
        }
        return Ok(a);
    }
    if is_ba { new_bytearray(vm, &out) } else { super::str::new_bytes(vm, &out) }
}

fn bytes_from_arg(vm: &mut Vm, args: &[Value], kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Vec<u8>> {
    let Some(&x) = args.get(1) else { return Ok(Vec::new()) };
    if let Some(s) = vm.str_of(x) {
        let has_enc = args.len() > 2 || !kw.is_empty();
        if !has_enc {
            return Err(vm.raise(TypeId::TypeError, "string argument without an encoding"));
        }
        return Ok(s.as_bytes().to_vec());
    }
    if let Some(b) = buffer_of(vm, x) {
        return Ok(b);
    }
    if let Some(n) = vm.int_i64(x) {
        if n < 0 {
            return Err(vm.raise(TypeId::ValueError, "negative count"));
        }
        if n as usize > vm.heap.total_bytes() {
            return Err(vm.raise_memory_error());
        }
        return Ok(alloc::vec![0u8; n as usize]);
    }
    let items = runtime::collect_iter(vm, x)?;
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        out.push(byte_value(vm, it)?);
    }
    Ok(out)
}

fn bytes_new(vm: &mut Vm, args: &[Value], kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let b = bytes_from_arg(vm, args, kw)?;
    super::str::new_bytes(vm, &b)
}

fn bytearray_new(vm: &mut Vm, args: &[Value], kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let b = bytes_from_arg(vm, args, kw)?;
    new_bytearray(vm, &b)
}

fn memoryview_new(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let Some(&x) = args.get(1) else { return Err(vm.raise(TypeId::TypeError, "memoryview() missing required argument")) };
    let Some(len) = buffer_ref(vm, x).map(|b| b.len()) else {
        return Err(vm.raise(TypeId::TypeError, "memoryview: a bytes-like object is required"));
    };
    let ro = vm.heap.kind(x.as_obj().unwrap_or(0)) == Kind::Bytes;
    new_memoryview(vm, x, 0, len as u32, ro)
}

/// `bytes`.
pub static BYTES_TYPE: crate::types::TypeDef = crate::types::TypeDef { name: "bytes", base: Some(TypeId::Object), locals: &[], new: Some(bytes_new), subclassable: true };
/// `bytearray`.
pub static BYTEARRAY_TYPE: crate::types::TypeDef = crate::types::TypeDef { name: "bytearray", base: Some(TypeId::Object), locals: &[], new: Some(bytearray_new), subclassable: true };
/// `memoryview`.
pub static MEMORYVIEW_TYPE: crate::types::TypeDef = crate::types::TypeDef { name: "memoryview", base: Some(TypeId::Object), locals: &[], new: Some(memoryview_new), subclassable: false };
