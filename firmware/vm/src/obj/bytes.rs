//! `bytes`, `bytearray` and `memoryview` (unsigned bytes, format 'B').
//!
//! bytes and bytearray share every read-only method; a method of a bytearray returns
//! bytearrays. Searching and splitting use `obj::search`, like `str`.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;
use upy_bytecode::BinOp;

use super::search;
use super::str::{adjust, arg, check_kw, int_arg, opt_index};
use super::{ArrayHdr, Kind, ListObj, Obj4};
use crate::qstr::Qstr;
use crate::runtime;
use crate::types::TypeId;
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};

type Kw<'a> = &'a [(Qstr, Value)];

/// memoryview flag: read-only.
const MV_READONLY: u8 = 1;
/// memoryview flag: released.
const MV_RELEASED: u8 = 2;

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
    o.h.flags = if readonly { MV_READONLY } else { 0 };
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
            vm.heap.raw(l.items).get(..l.len as usize)
        }
        Kind::MemoryView => {
            let o = vm.heap.get::<Obj4>(off);
            if o.h.flags & MV_RELEASED != 0 {
                return None;
            }
            let (src, start, len) = (o.a, o.i as usize, o.j as usize);
            let b = buffer_ref(vm, src)?;
            b.get(start..start + len)
        }
        Kind::Instance => {
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
            vm.heap.raw_mut(items).get_mut(..len)
        }
        Kind::MemoryView => {
            let o = vm.heap.get::<Obj4>(off);
            if o.h.flags & (MV_READONLY | MV_RELEASED) != 0 {
                return None;
            }
            let (src, start, len) = (o.a, o.i as usize, o.j as usize);
            let b = buffer_mut(vm, src)?;
            b.get_mut(start..start + len)
        }
        Kind::Instance => {
            let n = runtime::native_of(vm, v);
            if n == v { None } else { buffer_mut(vm, n) }
        }
        _ => None,
    }
}

/// The built-in kind behind `v` (seeing through subclass instances).
fn kind_of(vm: &Vm, v: Value) -> Option<Kind> {
    let n = runtime::native_of(vm, v);
    n.as_obj().map(|o| vm.heap.kind(o))
}

/// Is `v` a bytearray (or subclass instance)?
fn is_bytearray(vm: &Vm, v: Value) -> bool {
    kind_of(vm, v) == Some(Kind::ByteArray)
}

/// A new object of the same family as `like` (bytearray for bytearrays, else bytes).
fn new_like(vm: &mut Vm, like: Value, b: &[u8]) -> PyResult<Value> {
    if is_bytearray(vm, like) { new_bytearray(vm, b) } else { super::str::new_bytes(vm, b) }
}

/// Resize a bytearray to `n` bytes (new bytes zero).
pub fn bytearray_resize(vm: &mut Vm, ba: Value, n: usize) -> PyResult<()> {
    let ba = runtime::native_of(vm, ba);
    let Some(off) = ba.as_obj() else { return Ok(()) };
    if vm.heap.kind(off) != Kind::ByteArray {
        return Ok(());
    }
    let l = vm.heap.get::<ListObj>(off);
    let (items, len) = (l.items, l.len as usize);
    let cap = if items == 0 { 0 } else { vm.heap.get::<ArrayHdr>(items).cap as usize };
    if n > cap {
        if n > vm.heap.total_bytes() {
            return Err(vm.raise_memory_error_bytes(n));
        }
        let new_cap = (cap + cap / 2 + 8).max(n);
        let buf = vm.alloc_raw(new_cap)?;
        if items != 0 {
            let old: Vec<u8> = vm.heap.raw(items).get(..len).unwrap_or(&[]).to_vec();
            if let Some(dst) = vm.heap.raw_mut(buf).get_mut(..len) {
                dst.copy_from_slice(&old);
            }
            vm.heap.free(items);
        }
        vm.heap.get_mut::<ListObj>(off).items = buf;
    } else if let Some(t) = vm.heap.raw_mut(items).get_mut(n..len) {
        t.fill(0);
    }
    vm.heap.get_mut::<ListObj>(off).len = n as u32;
    Ok(())
}

/// Replace the contents of a bytearray with `data`.
fn bytearray_set(vm: &mut Vm, ba: Value, data: &[u8]) -> PyResult<()> {
    bytearray_resize(vm, ba, data.len())?;
    if let Some(b) = buffer_mut(vm, ba).filter(|b| b.len() == data.len()) {
        b.copy_from_slice(data);
    }
    Ok(())
}

/// Escape `b` as the inside of a bytes literal quoted with `q` (bytearray's repr also
/// escapes `'` inside double quotes, as CPython).
fn escape_into(b: &[u8], q: u8, always_squote: bool, out: &mut String) {
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == q || (always_squote && c == b'\'') => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            _ => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
}

/// `repr` of bytes/bytearray: `b'...'` with CPython's escaping and quote choice.
pub fn repr_into(vm: &Vm, v: Value, out: &mut String) {
    let is_ba = is_bytearray(vm, v);
    let b = buffer_ref(vm, v).unwrap_or(&[]);
    if is_ba {
        out.push_str("bytearray(");
    }
    let q = if b.contains(&b'\'') && !b.contains(&b'"') { b'"' } else { b'\'' };
    out.push('b');
    out.push(q as char);
    escape_into(b, q, is_ba, out);
    out.push(q as char);
    if is_ba {
        out.push(')');
    }
}

/// "a bytes-like object is required, not 'T'".
fn need_buffer(vm: &mut Vm, v: Value) -> Exc {
    let t = runtime::type_name(vm, v);
    vm.raise_fmt(TypeId::TypeError, format_args!("a bytes-like object is required, not '{t}'"))
}

/// A bytes-like argument, copied.
fn buf_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    match buffer_ref(vm, v) {
        Some(b) => Ok(b.to_vec()),
        None => Err(need_buffer(vm, v)),
    }
}

/// `x in bytes`.
pub fn contains(vm: &mut Vm, container: Value, item: Value) -> PyResult<bool> {
    if let Some(i) = vm.int_i64(item) {
        if !(0..=255).contains(&i) {
            return Err(vm.raise(TypeId::ValueError, "byte must be in range(0, 256)"));
        }
        let hay = buffer_ref(vm, container).unwrap_or(&[]);
        return Ok(hay.contains(&(i as u8)));
    }
    if vm.int_of(item).is_some() {
        return Err(vm.raise(TypeId::ValueError, "byte must be in range(0, 256)"));
    }
    let (Some(hay), Some(needle)) = (buffer_ref(vm, container), buffer_ref(vm, item)) else {
        return Err(need_buffer(vm, item));
    };
    Ok(search::find(hay, needle).is_some())
}

/// `b[i]`, `b[slice]`.
pub fn subscr(vm: &mut Vm, o: Value, key: Value) -> PyResult<Value> {
    let kind = kind_of(vm, o);
    if kind == Some(Kind::MemoryView) && released(vm, o) {
        return Err(released_error(vm));
    }
    let len = buffer_ref(vm, o).map_or(0, |b| b.len());
    if super::slice::is_slice(vm, key) {
        let (start, _, step, n) = super::slice::indices(vm, key, len)?;
        if kind == Some(Kind::MemoryView) && (step == 1 || n == 0) {
            let mo = vm.heap.get::<Obj4>(runtime::native_of(vm, o).as_obj().unwrap_or(0));
            let (src, base, ro) = (mo.a, mo.i, mo.h.flags & MV_READONLY != 0);
            let start = if n == 0 { 0 } else { start as u32 };
            return new_memoryview(vm, src, base + start, n as u32, ro);
        }
        let data = buffer_ref(vm, o).unwrap_or(&[]);
        let out: Vec<u8> = if step == 1 {
            data.get(start as usize..start as usize + n).unwrap_or(&[]).to_vec()
        } else {
            (0..n).filter_map(|i| usize::try_from(start + i as i64 * step).ok().and_then(|j| data.get(j).copied())).collect()
        };
        return if kind == Some(Kind::ByteArray) { new_bytearray(vm, &out) } else { super::str::new_bytes(vm, &out) };
    }
    let what = match kind {
        Some(Kind::Bytes) => "index",
        Some(Kind::MemoryView) => "index",
        _ => "bytearray index",
    };
    let i = runtime::seq_index(vm, key, len, what)?;
    let b = buffer_ref(vm, o).and_then(|d| d.get(i).copied()).unwrap_or(0);
    Ok(Value::small(b as i32))
}

fn released(vm: &Vm, v: Value) -> bool {
    let n = runtime::native_of(vm, v);
    n.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::MemoryView && vm.heap.get::<Obj4>(o).h.flags & MV_RELEASED != 0)
}

fn released_error(vm: &mut Vm) -> Exc {
    vm.raise(TypeId::ValueError, "operation forbidden on released memoryview object")
}

/// The bytes of an iterable of ints or a bytes-like object (for slice assignment and
/// `extend`).
fn bytes_from_iterable(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if let Some(b) = buffer_ref(vm, v) {
        return Ok(b.to_vec());
    }
    if vm.str_of(v).is_some() {
        return Err(vm.raise(TypeId::TypeError, "an integer is required"));
    }
    let items = runtime::collect_iter(vm, v)?;
    let mut out = Vec::with_capacity(items.len());
    for x in items {
        out.push(byte_value(vm, x)?);
    }
    Ok(out)
}

/// `ba[i] = x`, `ba[slice] = iterable`.
pub fn store_subscr(vm: &mut Vm, o: Value, key: Value, v: Value) -> PyResult<()> {
    let kind = kind_of(vm, o);
    if kind == Some(Kind::MemoryView) && released(vm, o) {
        return Err(released_error(vm));
    }
    let len = buffer_ref(vm, o).map_or(0, |b| b.len());
    if super::slice::is_slice(vm, key) {
        let src = bytes_from_iterable(vm, v)?;
        let (start, _, step, n) = super::slice::indices(vm, key, len)?;
        if step == 1 && kind == Some(Kind::ByteArray) {
            let mut data = buffer_of(vm, o).unwrap_or_default();
            let a = (start.max(0) as usize).min(data.len());
            let b = (a + n).min(data.len());
            data.splice(a..b, src);
            return bytearray_set(vm, o, &data);
        }
        if src.len() != n {
            if kind == Some(Kind::MemoryView) {
                return Err(vm.raise(TypeId::ValueError, "memoryview assignment: lvalue and rvalue have different structures"));
            }
            return Err(vm.raise_fmt(
                TypeId::ValueError,
                format_args!("attempt to assign bytes of size {} to extended slice of size {n}", src.len()),
            ));
        }
        let Some(b) = buffer_mut(vm, o) else { return Err(vm.raise(TypeId::TypeError, "cannot modify read-only memory")) };
        for (i, x) in src.into_iter().enumerate() {
            if let Some(slot) = usize::try_from(start + i as i64 * step).ok().and_then(|j| b.get_mut(j)) {
                *slot = x;
            }
        }
        return Ok(());
    }
    let i = runtime::seq_index(vm, key, len, if kind == Some(Kind::MemoryView) { "index" } else { "bytearray index" })?;
    let x = byte_value(vm, v)?;
    match buffer_mut(vm, o) {
        Some(b) => {
            if let Some(slot) = b.get_mut(i) {
                *slot = x;
            }
            Ok(())
        }
        None if kind == Some(Kind::MemoryView) => Err(vm.raise(TypeId::TypeError, "cannot modify read-only memory")),
        None => Err(vm.raise(TypeId::TypeError, "object does not support item assignment")),
    }
}

/// `del ba[i]`, `del ba[slice]`.
pub fn del_subscr(vm: &mut Vm, o: Value, key: Value) -> PyResult<()> {
    let mut data = buffer_of(vm, o).unwrap_or_default();
    if super::slice::is_slice(vm, key) {
        let (start, _, step, n) = super::slice::indices(vm, key, data.len())?;
        if step == 1 {
            let a = (start.max(0) as usize).min(data.len());
            data.drain(a..(a + n).min(data.len()));
        } else {
            let mut drop = alloc::vec![false; data.len()];
            for i in 0..n {
                if let Some(d) = usize::try_from(start + i as i64 * step).ok().and_then(|j| drop.get_mut(j)) {
                    *d = true;
                }
            }
            let mut k = 0;
            data.retain(|_| {
                k += 1;
                !drop[k - 1]
            });
        }
    } else {
        let i = runtime::seq_index(vm, key, data.len(), "bytearray index")?;
        data.remove(i);
    }
    bytearray_set(vm, o, &data)
}

/// An int in 0..=255.
pub fn byte_value(vm: &mut Vm, v: Value) -> PyResult<u8> {
    match vm.int_i64(v) {
        Some(i) if (0..=255).contains(&i) => Ok(i as u8),
        Some(_) => Err(vm.raise(TypeId::ValueError, "byte must be in range(0, 256)")),
        None if vm.int_of(v).is_some() => Err(vm.raise(TypeId::ValueError, "byte must be in range(0, 256)")),
        None => {
            let t = runtime::type_name(vm, v);
            Err(vm.raise_fmt(TypeId::TypeError, format_args!("'{t}' object cannot be interpreted as an integer")))
        }
    }
}

/// `+`, `*` and `%` on bytes-like objects.
pub fn binop(vm: &mut Vm, op: BinOp, inplace: bool, a: Value, b: Value) -> PyResult<Value> {
    let is_ba = is_bytearray(vm, a);
    let out = match op {
        BinOp::Add => {
            let (Some(x), Some(y)) = (buffer_ref(vm, a), buffer_ref(vm, b)) else { return Ok(Value::NOT_IMPLEMENTED) };
            let mut r = Vec::with_capacity(x.len() + y.len());
            r.extend_from_slice(x);
            r.extend_from_slice(y);
            r
        }
        BinOp::Mul => {
            if !vm.is_int(b) {
                return Ok(Value::NOT_IMPLEMENTED);
            }
            let n = vm.int_i64(b).unwrap_or(i64::MAX).max(0) as u64;
            let x = buffer_ref(vm, a).unwrap_or(&[]);
            if (x.len() as u64).saturating_mul(n) > vm.heap.total_bytes() as u64 {
                return Err(vm.raise_memory_error());
            }
            x.repeat(n as usize)
        }
        BinOp::Mod => return super::format::percent_format_bytes(vm, a, b),
        _ => return Ok(Value::NOT_IMPLEMENTED),
    };
    if is_ba && inplace {
        bytearray_set(vm, a, &out)?;
        return Ok(a);
    }
    if is_ba { new_bytearray(vm, &out) } else { super::str::new_bytes(vm, &out) }
}

// ---------------------------------------------------------------- constructors

fn bytes_from_arg(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Vec<u8>> {
    check_kw(vm, kw, &[q!("source"), q!("encoding"), q!("errors")], "bytes")?;
    let Some(x) = arg(args, kw, 1, q!("source")) else { return Ok(Vec::new()) };
    let enc = arg(args, kw, 2, q!("encoding"));
    let errors = arg(args, kw, 3, q!("errors"));
    if vm.str_of(x).is_some() {
        if enc.is_none() {
            return Err(vm.raise(TypeId::TypeError, "string argument without an encoding"));
        }
        let c = super::str::codec(vm, enc)?;
        let e = super::str::errors_arg(vm, errors)?;
        let s = String::from(vm.str_of(x).unwrap_or(""));
        return super::str::encode_str(vm, &s, c, &e);
    }
    if enc.is_some() {
        return Err(vm.raise(TypeId::TypeError, "encoding without a string argument"));
    }
    if errors.is_some() {
        return Err(vm.raise(TypeId::TypeError, "errors without a string argument"));
    }
    if let Some(b) = buffer_ref(vm, x) {
        return Ok(b.to_vec());
    }
    if vm.is_int(runtime::native_of(vm, x)) {
        let Some(n) = vm.int_i64(x) else { return Err(vm.raise_memory_error()) };
        if n < 0 {
            return Err(vm.raise(TypeId::ValueError, "negative count"));
        }
        if n as u64 > vm.heap.total_bytes() as u64 {
            return Err(vm.raise_memory_error_bytes(usize::try_from(n).unwrap_or(usize::MAX)));
        }
        return Ok(alloc::vec![0u8; n as usize]);
    }
    if runtime::has_dunder(vm, x, q!("__bytes__"))? {
        let r = runtime::call_dunder(vm, x, q!("__bytes__"), &[])?.unwrap_or(Value::NONE);
        return match buffer_ref(vm, r) {
            Some(b) if kind_of(vm, r) == Some(Kind::Bytes) => Ok(b.to_vec()),
            _ => {
                let t = runtime::type_name(vm, r);
                Err(vm.raise_fmt(TypeId::TypeError, format_args!("__bytes__ returned non-bytes (type {t})")))
            }
        };
    }
    if vm.float_of(x).is_some() {
        let t = runtime::type_name(vm, x);
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("cannot convert '{t}' object to bytes")));
    }
    let items = match runtime::collect_iter(vm, x) {
        Ok(i) => i,
        Err(e) => {
            if vm.exc_matches(vm.exc, TypeId::TypeError) {
                vm.exc = Value::NULL;
                let t = runtime::type_name(vm, x);
                return Err(vm.raise_fmt(TypeId::TypeError, format_args!("cannot convert '{t}' object to bytes")));
            }
            return Err(e);
        }
    };
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        match byte_value(vm, it) {
            Ok(b) => out.push(b),
            Err(e) => {
                if vm.exc_matches(vm.exc, TypeId::ValueError) {
                    vm.exc = Value::NULL;
                    return Err(vm.raise(TypeId::ValueError, "bytes must be in range(0, 256)"));
                }
                return Err(e);
            }
        }
    }
    Ok(out)
}

fn bytes_new(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let b = bytes_from_arg(vm, args, kw)?;
    super::str::new_bytes(vm, &b)
}

fn bytearray_new(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let b = bytes_from_arg(vm, args, kw)?;
    new_bytearray(vm, &b)
}

fn memoryview_new(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    check_kw(vm, kw, &[q!("object")], "memoryview")?;
    let Some(x) = arg(args, kw, 1, q!("object")) else {
        return Err(vm.raise(TypeId::TypeError, "memoryview() missing required argument 'object' (pos 1)"));
    };
    let x = runtime::native_of(vm, x);
    let kind = kind_of(vm, x);
    if kind == Some(Kind::MemoryView) {
        if released(vm, x) {
            return Err(released_error(vm));
        }
        let mo = vm.heap.get::<Obj4>(x.as_obj().unwrap_or(0));
        let (src, i, j, f) = (mo.a, mo.i, mo.j, mo.h.flags);
        return new_memoryview(vm, src, i, j, f & MV_READONLY != 0);
    }
    let Some(len) = buffer_ref(vm, x).map(|b| b.len()) else {
        let t = runtime::type_name(vm, x);
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("memoryview: a bytes-like object is required, not '{t}'")));
    };
    let ro = kind == Some(Kind::Bytes);
    new_memoryview(vm, x, 0, len as u32, ro)
}

// ---------------------------------------------------------------- shared methods

/// A search window `self[start:end]` in bytes: (a, b), with b < a when empty-invalid.
fn bwindow(vm: &mut Vm, args: &[Value], len: usize) -> PyResult<(i64, i64)> {
    let st = opt_index(vm, args.get(2).copied())?;
    let en = opt_index(vm, args.get(3).copied())?;
    Ok(adjust(st, en, len))
}

/// The needle of find/count/index: bytes-like or an int byte.
fn needle(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if let Some(b) = buffer_ref(vm, v) {
        return Ok(b.to_vec());
    }
    if vm.is_int(runtime::native_of(vm, v)) {
        return Ok(alloc::vec![byte_value(vm, v)?]);
    }
    let t = runtime::type_name(vm, v);
    Err(vm.raise_fmt(TypeId::TypeError, format_args!("argument should be integer or bytes-like object, not '{t}'")))
}

fn find_impl(vm: &mut Vm, args: &[Value], rev: bool) -> PyResult<Option<usize>> {
    let n = needle(vm, args[1])?;
    let len = buffer_ref(vm, args[0]).map_or(0, |b| b.len());
    let (a, b) = bwindow(vm, args, len)?;
    if b - a < n.len() as i64 {
        return Ok(None);
    }
    let (a, b) = (a as usize, b as usize);
    let hay = buffer_ref(vm, args[0]).and_then(|d| d.get(a..b)).unwrap_or(&[]);
    let p = if rev { search::rfind(hay, &n) } else { search::find(hay, &n) };
    Ok(p.map(|p| a + p))
}

fn b_find(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let r = find_impl(vm, args, false)?;
    vm.new_int(r.map_or(-1, |i| i as i64))
}

fn b_rfind(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let r = find_impl(vm, args, true)?;
    vm.new_int(r.map_or(-1, |i| i as i64))
}

fn b_index(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    match find_impl(vm, args, false)? {
        Some(i) => vm.new_int(i as i64),
        None => Err(vm.raise(TypeId::ValueError, "subsection not found")),
    }
}

fn b_rindex(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    match find_impl(vm, args, true)? {
        Some(i) => vm.new_int(i as i64),
        None => Err(vm.raise(TypeId::ValueError, "subsection not found")),
    }
}

fn b_count(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let n = needle(vm, args[1])?;
    let len = buffer_ref(vm, args[0]).map_or(0, |b| b.len());
    let (a, b) = bwindow(vm, args, len)?;
    if b - a < n.len() as i64 {
        return vm.new_int(0);
    }
    if n.is_empty() {
        return vm.new_int(b - a + 1);
    }
    let hay = buffer_ref(vm, args[0]).and_then(|d| d.get(a as usize..b as usize)).unwrap_or(&[]);
    let c = search::count(hay, &n, usize::MAX);
    vm.new_int(c as i64)
}

fn tail_match(vm: &mut Vm, args: &[Value], end: bool) -> PyResult<Value> {
    let what = if end { "endswith" } else { "startswith" };
    let cands: Vec<Vec<u8>> = if let Some(t) = vm.tuple_items(args[1]).map(|t| t.to_vec()) {
        let mut out = Vec::with_capacity(t.len());
        for x in t {
            match buffer_ref(vm, x) {
                Some(b) => out.push(b.to_vec()),
                None => {
                    let tn = runtime::type_name(vm, x);
                    return Err(vm.raise_fmt(TypeId::TypeError, format_args!("a bytes-like object is required, not '{tn}'")));
                }
            }
        }
        out
    } else if let Some(b) = buffer_ref(vm, args[1]) {
        alloc::vec![b.to_vec()]
    } else {
        let tn = runtime::type_name(vm, args[1]);
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("{what} first arg must be bytes or a tuple of bytes, not {tn}")));
    };
    let len = buffer_ref(vm, args[0]).map_or(0, |b| b.len());
    let (a, b) = bwindow(vm, args, len)?;
    for c in cands {
        if b - a < c.len() as i64 {
            continue;
        }
        let hay = buffer_ref(vm, args[0]).and_then(|d| d.get(a as usize..b as usize)).unwrap_or(&[]);
        if if end { hay.ends_with(&c) } else { hay.starts_with(&c) } {
            return Ok(Value::TRUE);
        }
    }
    Ok(Value::FALSE)
}

fn b_startswith(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    tail_match(vm, args, false)
}

fn b_endswith(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    tail_match(vm, args, true)
}

/// ASCII whitespace as bytes methods see it.
#[inline]
fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn ws_at(h: &[u8], i: usize) -> usize {
    h.get(i).is_some_and(|&b| is_ws(b)) as usize
}

/// A list of `like`-typed pieces of `data`.
fn pieces(vm: &mut Vm, like: Value, data: &[u8], ranges: &[(usize, usize)]) -> PyResult<Value> {
    let mut items = Vec::with_capacity(ranges.len());
    for &(a, b) in ranges {
        items.push(new_like(vm, like, data.get(a..b).unwrap_or(&[]))?);
    }
    super::list::new_list(vm, &items)
}

fn split_impl(vm: &mut Vm, args: &[Value], kw: Kw<'_>, rev: bool) -> PyResult<Value> {
    check_kw(vm, kw, &[q!("sep"), q!("maxsplit")], if rev { "rsplit" } else { "split" })?;
    let sep = arg(args, kw, 1, q!("sep")).filter(|v| !v.is_none());
    let max = match arg(args, kw, 2, q!("maxsplit")) {
        Some(m) => int_arg(vm, m)?,
        None => -1,
    };
    let sep = match sep {
        Some(s) => {
            let s = buf_arg(vm, s)?;
            if s.is_empty() {
                return Err(vm.raise(TypeId::ValueError, "empty separator"));
            }
            Some(s)
        }
        None => None,
    };
    let data = buffer_of(vm, args[0]).unwrap_or_default();
    let ranges = match (&sep, rev) {
        (None, false) => search::split_ws(&data, max, ws_at),
        (None, true) => search::rsplit_ws(&data, max, ws_at),
        (Some(s), false) => search::split(&data, s, max),
        (Some(s), true) => search::rsplit(&data, s, max),
    };
    pieces(vm, args[0], &data, &ranges)
}

fn b_split(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    split_impl(vm, args, kw, false)
}

fn b_rsplit(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    split_impl(vm, args, kw, true)
}

fn b_splitlines(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    check_kw(vm, kw, &[q!("keepends")], "splitlines")?;
    let keep = match arg(args, kw, 1, q!("keepends")) {
        Some(k) => runtime::truthy(vm, k)?,
        None => false,
    };
    let data = buffer_of(vm, args[0]).unwrap_or_default();
    let lines = search::split_lines(&data, |h, i| match h.get(i) {
        Some(b'\r') if h.get(i + 1) == Some(&b'\n') => 2,
        Some(b'\r' | b'\n') => 1,
        _ => 0,
    });
    let ranges: Vec<(usize, usize)> = lines.iter().map(|&(a, b, c)| (a, if keep { c } else { b })).collect();
    pieces(vm, args[0], &data, &ranges)
}

fn b_join(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let items = runtime::collect_iter(vm, args[1])?;
    let mut out = Vec::new();
    for (i, &it) in items.iter().enumerate() {
        if i > 0 {
            let sep = buffer_ref(vm, args[0]).unwrap_or(&[]);
            out.extend_from_slice(sep);
        }
        match buffer_ref(vm, it) {
            Some(b) => out.extend_from_slice(b),
            None => {
                let t = runtime::type_name(vm, it);
                return Err(vm.raise_fmt(TypeId::TypeError, format_args!("sequence item {i}: expected a bytes-like object, {t} found")));
            }
        }
        if out.len() > vm.heap.total_bytes() {
            return Err(vm.raise_memory_error());
        }
    }
    new_like(vm, args[0], &out)
}

fn strip_impl(vm: &mut Vm, args: &[Value], left: bool, right: bool) -> PyResult<Value> {
    let set: Option<Vec<u8>> = match args.get(1).copied().filter(|v| !v.is_none()) {
        Some(c) => Some(buf_arg(vm, c)?),
        None => None,
    };
    let data = buffer_ref(vm, args[0]).unwrap_or(&[]);
    let keep = |b: u8| match &set {
        Some(s) => !s.contains(&b),
        None => !is_ws(b),
    };
    let mut a = 0;
    let mut b = data.len();
    if left {
        while a < b && !keep(data[a]) {
            a += 1;
        }
    }
    if right {
        while b > a && !keep(data[b - 1]) {
            b -= 1;
        }
    }
    let out = data[a..b].to_vec();
    new_like(vm, args[0], &out)
}

fn b_strip(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    strip_impl(vm, args, true, true)
}

fn b_lstrip(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    strip_impl(vm, args, true, false)
}

fn b_rstrip(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    strip_impl(vm, args, false, true)
}

fn b_replace(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let old = buf_arg(vm, args[1])?;
    let new = buf_arg(vm, args[2])?;
    let max = match args.get(3) {
        Some(&c) => int_arg(vm, c)?,
        None => -1,
    };
    let data = buffer_ref(vm, args[0]).unwrap_or(&[]);
    let hits = if old.is_empty() { data.len() + 1 } else { search::count(data, &old, usize::MAX) };
    let hits = if max < 0 { hits } else { hits.min(max as usize) };
    if (data.len() as u64) + (hits as u64) * (new.len() as u64) > vm.heap.total_bytes() as u64 {
        return Err(vm.raise_memory_error());
    }
    let out = search::replace(data, &old, &new, max, false);
    new_like(vm, args[0], &out)
}

/// Map every byte through `f`.
fn map_bytes(vm: &mut Vm, v: Value, f: impl Fn(&[u8]) -> Vec<u8>) -> PyResult<Value> {
    let out = f(buffer_ref(vm, v).unwrap_or(&[]));
    new_like(vm, v, &out)
}

fn b_upper(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    map_bytes(vm, args[0], |d| d.to_ascii_uppercase())
}

fn b_lower(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    map_bytes(vm, args[0], |d| d.to_ascii_lowercase())
}

fn b_swapcase(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    map_bytes(vm, args[0], |d| {
        d.iter().map(|&c| if c.is_ascii_uppercase() { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() }).collect()
    })
}

fn b_capitalize(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    map_bytes(vm, args[0], |d| {
        let mut o = d.to_ascii_lowercase();
        if let Some(f) = o.first_mut() {
            f.make_ascii_uppercase();
        }
        o
    })
}

fn b_title(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    map_bytes(vm, args[0], |d| {
        let mut prev = false;
        d.iter()
            .map(|&c| {
                let r = if prev { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() };
                prev = c.is_ascii_alphabetic();
                r
            })
            .collect()
    })
}

fn all_bytes(vm: &mut Vm, v: Value, f: fn(u8) -> bool) -> PyResult<Value> {
    let d = buffer_ref(vm, v).unwrap_or(&[]);
    Ok(Value::bool(!d.is_empty() && d.iter().all(|&c| f(c))))
}

fn b_isdigit(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    all_bytes(vm, args[0], |c| c.is_ascii_digit())
}

fn b_isalpha(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    all_bytes(vm, args[0], |c| c.is_ascii_alphabetic())
}

fn b_isalnum(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    all_bytes(vm, args[0], |c| c.is_ascii_alphanumeric())
}

fn b_isspace(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    all_bytes(vm, args[0], is_ws)
}

fn b_isascii(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    Ok(Value::bool(buffer_ref(vm, args[0]).unwrap_or(&[]).is_ascii()))
}

fn b_isupper(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let d = buffer_ref(vm, args[0]).unwrap_or(&[]);
    Ok(Value::bool(d.iter().any(|c| c.is_ascii_uppercase()) && !d.iter().any(|c| c.is_ascii_lowercase())))
}

fn b_islower(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let d = buffer_ref(vm, args[0]).unwrap_or(&[]);
    Ok(Value::bool(d.iter().any(|c| c.is_ascii_lowercase()) && !d.iter().any(|c| c.is_ascii_uppercase())))
}

fn b_istitle(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let d = buffer_ref(vm, args[0]).unwrap_or(&[]);
    let (mut cased, mut prev) = (false, false);
    for &c in d {
        if c.is_ascii_uppercase() {
            if prev {
                return Ok(Value::FALSE);
            }
            prev = true;
            cased = true;
        } else if c.is_ascii_lowercase() {
            if !prev {
                return Ok(Value::FALSE);
            }
            prev = true;
            cased = true;
        } else {
            prev = false;
        }
    }
    Ok(Value::bool(cased))
}

fn partition_impl(vm: &mut Vm, args: &[Value], rev: bool) -> PyResult<Value> {
    let sep = buf_arg(vm, args[1])?;
    if sep.is_empty() {
        return Err(vm.raise(TypeId::ValueError, "empty separator"));
    }
    let data = buffer_of(vm, args[0]).unwrap_or_default();
    let found = if rev { search::rfind(&data, &sep) } else { search::find(&data, &sep) };
    let ba = is_bytearray(vm, args[0]);
    let sep_v = if ba { new_bytearray(vm, &sep)? } else { args[1] };
    let items = match found {
        Some(p) => {
            let a = new_like(vm, args[0], &data[..p])?;
            let c = new_like(vm, args[0], &data[p + sep.len()..])?;
            [a, sep_v, c]
        }
        None => {
            let whole = new_like(vm, args[0], &data)?;
            let e1 = new_like(vm, args[0], &[])?;
            let e2 = new_like(vm, args[0], &[])?;
            if rev { [e1, e2, whole] } else { [whole, e1, e2] }
        }
    };
    super::tuple::new_tuple(vm, &items)
}

fn b_partition(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    partition_impl(vm, args, false)
}

fn b_rpartition(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    partition_impl(vm, args, true)
}

fn justify(vm: &mut Vm, args: &[Value], how: u8, name: &str) -> PyResult<Value> {
    let width = int_arg(vm, args[1])?;
    let fill = match args.get(2) {
        None => b' ',
        Some(&f) => match buffer_ref(vm, f) {
            Some([c]) if kind_of(vm, f) != Some(Kind::MemoryView) => *c,
            _ => {
                let t = runtime::type_name(vm, f);
                return Err(vm.raise_fmt(TypeId::TypeError, format_args!("{name}() argument 2 must be a byte string of length 1, not {t}")));
            }
        },
    };
    let d = buffer_of(vm, args[0]).unwrap_or_default();
    let n = d.len() as i64;
    if width <= n {
        return new_like(vm, args[0], &d);
    }
    if width as u64 > vm.heap.total_bytes() as u64 {
        return Err(vm.raise_memory_error());
    }
    let marg = (width - n) as usize;
    let (l, r) = match how {
        b'<' => (0, marg),
        b'>' => (marg, 0),
        _ => {
            let l = marg / 2 + (marg & (width as usize) & 1);
            (l, marg - l)
        }
    };
    let mut out = Vec::with_capacity(width as usize);
    out.extend(core::iter::repeat_n(fill, l));
    out.extend_from_slice(&d);
    out.extend(core::iter::repeat_n(fill, r));
    new_like(vm, args[0], &out)
}

fn b_center(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    justify(vm, args, b'^', "center")
}

fn b_ljust(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    justify(vm, args, b'<', "ljust")
}

fn b_rjust(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    justify(vm, args, b'>', "rjust")
}

fn b_zfill(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let width = int_arg(vm, args[1])?;
    let d = buffer_of(vm, args[0]).unwrap_or_default();
    if width <= d.len() as i64 {
        return new_like(vm, args[0], &d);
    }
    if width as u64 > vm.heap.total_bytes() as u64 {
        return Err(vm.raise_memory_error());
    }
    let fill = width as usize - d.len();
    let mut out = Vec::with_capacity(width as usize);
    let rest = match d.first() {
        Some(&c @ (b'+' | b'-')) => {
            out.push(c);
            &d[1..]
        }
        _ => &d[..],
    };
    out.extend(core::iter::repeat_n(b'0', fill));
    out.extend_from_slice(rest);
    new_like(vm, args[0], &out)
}

fn b_expandtabs(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    check_kw(vm, kw, &[q!("tabsize")], "expandtabs")?;
    let ts = match arg(args, kw, 1, q!("tabsize")) {
        Some(t) => super::str::c_int_arg(vm, t)?,
        None => 8,
    };
    let d = buffer_of(vm, args[0]).unwrap_or_default();
    let mut out = Vec::with_capacity(d.len());
    let mut col: i64 = 0;
    for c in d {
        match c {
            b'\t' => {
                if ts > 0 {
                    let k = ts - col % ts;
                    if out.len() as u64 + k as u64 > vm.heap.total_bytes() as u64 {
                        return Err(vm.raise_memory_error());
                    }
                    out.extend(core::iter::repeat_n(b' ', k as usize));
                    col += k;
                }
            }
            b'\n' | b'\r' => {
                out.push(c);
                col = 0;
            }
            c => {
                out.push(c);
                col += 1;
            }
        }
    }
    new_like(vm, args[0], &out)
}

fn affix_impl(vm: &mut Vm, args: &[Value], suffix: bool) -> PyResult<Value> {
    let a = buf_arg(vm, args[1])?;
    let d = buffer_ref(vm, args[0]).unwrap_or(&[]);
    let out = if a.is_empty() {
        d
    } else if !suffix && d.starts_with(&a) {
        &d[a.len()..]
    } else if suffix && d.ends_with(&a) {
        &d[..d.len() - a.len()]
    } else {
        d
    };
    if out.len() == d.len() && kind_of(vm, args[0]) == Some(Kind::Bytes) && !vm.heap.kind(args[0].as_obj().unwrap_or(0)).eq(&Kind::Instance) {
        return Ok(args[0]);
    }
    let out = out.to_vec();
    new_like(vm, args[0], &out)
}

fn b_removeprefix(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    affix_impl(vm, args, false)
}

fn b_removesuffix(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    affix_impl(vm, args, true)
}

fn b_decode(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    check_kw(vm, kw, &[q!("encoding"), q!("errors")], "decode")?;
    let c = super::str::codec(vm, arg(args, kw, 1, q!("encoding")))?;
    let e = super::str::errors_arg(vm, arg(args, kw, 2, q!("errors")))?;
    let d = buffer_of(vm, args[0]).unwrap_or_default();
    let s = super::str::decode_bytes(vm, &d, c, &e)?;
    vm.new_str(&s)
}

/// `hex([sep[, bytes_per_sep]])`.
fn hex_string(vm: &mut Vm, data: &[u8], args: &[Value], kw: Kw<'_>) -> PyResult<String> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let sep = match arg(args, kw, 1, q!("sep")) {
        None => None,
        Some(s) => {
            let c = if let Some(t) = vm.str_of(s) {
                let mut it = t.chars();
                match (it.next(), it.next()) {
                    (Some(c), None) if c.is_ascii() => Some(c),
                    (Some(_), None) => return Err(vm.raise(TypeId::ValueError, "sep must be ASCII.")),
                    _ => None,
                }
            } else if let Some(b) = buffer_ref(vm, s) {
                match b {
                    [c] if c.is_ascii() => Some(*c as char),
                    [_] => return Err(vm.raise(TypeId::ValueError, "sep must be ASCII.")),
                    _ => None,
                }
            } else {
                return Err(vm.raise(TypeId::TypeError, "sep must be str or bytes."));
            };
            match c {
                Some(c) => Some(c),
                None => return Err(vm.raise(TypeId::ValueError, "sep must be length 1.")),
            }
        }
    };
    let per = match arg(args, kw, 2, q!("bytes_per_sep")) {
        Some(p) => super::str::c_int_arg(vm, p)?,
        None => 1,
    };
    let mut out = String::with_capacity(data.len() * 3);
    let n = data.len();
    let group = per.unsigned_abs() as usize;
    for (i, &b) in data.iter().enumerate() {
        // Groups are counted from the right for positive bytes_per_sep.
        let boundary = i > 0 && group > 0 && (if per > 0 { n - i } else { i }) % group == 0;
        if let Some(s) = sep.filter(|_| boundary) {
            out.push(s);
        }
        out.push(HEX[(b >> 4) as usize] as char);
        out.push(HEX[(b & 15) as usize] as char);
    }
    Ok(out)
}

fn b_hex(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    check_kw(vm, kw, &[q!("sep"), q!("bytes_per_sep")], "hex")?;
    if released(vm, args[0]) {
        return Err(released_error(vm));
    }
    let d = buffer_of(vm, args[0]).unwrap_or_default();
    let s = hex_string(vm, &d, args, kw)?;
    vm.new_str(&s)
}

/// `bytes.fromhex(s)` / `bytearray.fromhex(s)` (classmethod: `args[0]` is the class).
fn b_fromhex(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let Some(s) = vm.str_of(args[1]) else {
        let t = runtime::type_name(vm, args[1]);
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("fromhex() argument must be str, not {t}")));
    };
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 2);
    let mut i = 0;
    let hexval = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut bad: Option<usize> = None;
    while i < b.len() {
        if b[i].is_ascii_whitespace() || b[i] == 0x0b {
            i += 1;
            continue;
        }
        let Some(hi) = hexval(b[i]) else {
            bad = Some(i);
            break;
        };
        let Some(lo) = b.get(i + 1).and_then(|&c| hexval(c)) else {
            bad = Some(i + 1);
            break;
        };
        out.push(hi << 4 | lo);
        i += 2;
    }
    if let Some(p) = bad {
        // Position in characters.
        let pos = s.get(..p).map_or(p, |t| t.chars().count());
        return Err(vm.raise_fmt(TypeId::ValueError, format_args!("non-hexadecimal number found in fromhex() arg at position {pos}")));
    }
    let cls = args[0];
    let ba = cls == TypeId::ByteArray.value() || (runtime::is_type(vm, cls) && runtime::is_subclass(vm, cls, TypeId::ByteArray.value()));
    let r = if ba { new_bytearray(vm, &out)? } else { super::str::new_bytes(vm, &out)? };
    if cls != TypeId::Bytes.value() && cls != TypeId::ByteArray.value() {
        return crate::call::call(vm, cls, &[r], &[]);
    }
    Ok(r)
}

/// `bytes.maketrans(from, to)`.
fn b_maketrans(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let a = buf_arg(vm, args[0])?;
    let b = buf_arg(vm, args[1])?;
    if a.len() != b.len() {
        return Err(vm.raise(TypeId::ValueError, "maketrans arguments must have same length"));
    }
    let mut t: Vec<u8> = (0..=255u8).collect();
    for (x, y) in a.into_iter().zip(b) {
        t[x as usize] = y;
    }
    super::str::new_bytes(vm, &t)
}

fn b_translate(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    check_kw(vm, kw, &[q!("delete")], "translate")?;
    let table = arg(args, kw, 1, q!("table")).unwrap_or(Value::NONE);
    let table: Option<Vec<u8>> = if table.is_none() {
        None
    } else {
        let t = buf_arg(vm, table)?;
        if t.len() != 256 {
            return Err(vm.raise(TypeId::ValueError, "translation table must be 256 characters long"));
        }
        Some(t)
    };
    let delete = match arg(args, kw, 2, q!("delete")) {
        Some(d) => buf_arg(vm, d)?,
        None => Vec::new(),
    };
    let d = buffer_ref(vm, args[0]).unwrap_or(&[]);
    let out: Vec<u8> = d
        .iter()
        .filter(|c| !delete.contains(c))
        .map(|&c| table.as_ref().map_or(c, |t| t[c as usize]))
        .collect();
    new_like(vm, args[0], &out)
}

fn b_len(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    if released(vm, args[0]) {
        return Err(released_error(vm));
    }
    let n = buffer_ref(vm, args[0]).map_or(0, |b| b.len());
    vm.new_int(n as i64)
}

fn b_contains(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    contains(vm, args[0], args[1]).map(Value::bool)
}

fn b_getitem(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let n = runtime::native_of(vm, args[0]);
    subscr(vm, n, args[1])
}

fn b_add(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let n = runtime::native_of(vm, args[0]);
    binop(vm, BinOp::Add, false, n, args[1])
}

fn b_mul(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let n = runtime::native_of(vm, args[0]);
    binop(vm, BinOp::Mul, false, n, args[1])
}

fn b_mod(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let n = runtime::native_of(vm, args[0]);
    super::format::percent_format_bytes(vm, n, args[1])
}

fn b_iter(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let n = runtime::native_of(vm, args[0]);
    runtime::iter(vm, n)
}

// ---------------------------------------------------------------- bytearray mutation

fn ba_append(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let x = byte_value(vm, args[1])?;
    let n = buffer_ref(vm, args[0]).map_or(0, |b| b.len());
    bytearray_resize(vm, args[0], n + 1)?;
    if let Some(slot) = buffer_mut(vm, args[0]).and_then(|b| b.get_mut(n)) {
        *slot = x;
    }
    Ok(Value::NONE)
}

fn ba_extend(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    if vm.str_of(args[1]).is_some() {
        return Err(vm.raise(TypeId::TypeError, "expected iterable of integers; got: 'str'"));
    }
    if vm.is_int(args[1]) {
        let t = runtime::type_name(vm, args[1]);
        return Err(vm.raise_fmt(TypeId::TypeError, format_args!("can't extend bytearray with {t}")));
    }
    let src = bytes_from_iterable(vm, args[1])?;
    let n = buffer_ref(vm, args[0]).map_or(0, |b| b.len());
    bytearray_resize(vm, args[0], n + src.len())?;
    if let Some(dst) = buffer_mut(vm, args[0]).and_then(|b| b.get_mut(n..)).filter(|d| d.len() == src.len()) {
        dst.copy_from_slice(&src);
    }
    Ok(Value::NONE)
}

fn ba_pop(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let mut d = buffer_of(vm, args[0]).unwrap_or_default();
    if d.is_empty() {
        return Err(vm.raise(TypeId::IndexError, "pop from empty bytearray"));
    }
    let i = match args.get(1) {
        Some(&k) => {
            let k = int_arg(vm, k)?;
            let j = if k < 0 { k + d.len() as i64 } else { k };
            if j < 0 || j >= d.len() as i64 {
                return Err(vm.raise(TypeId::IndexError, "pop index out of range"));
            }
            j as usize
        }
        None => d.len() - 1,
    };
    let x = d.remove(i);
    bytearray_set(vm, args[0], &d)?;
    Ok(Value::small(x as i32))
}

fn ba_insert(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let k = int_arg(vm, args[1])?;
    let x = byte_value(vm, args[2])?;
    let mut d = buffer_of(vm, args[0]).unwrap_or_default();
    let n = d.len() as i64;
    let i = if k < 0 { (k + n).max(0) } else { k.min(n) } as usize;
    d.insert(i, x);
    bytearray_set(vm, args[0], &d)?;
    Ok(Value::NONE)
}

fn ba_remove(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let x = byte_value(vm, args[1])?;
    let mut d = buffer_of(vm, args[0]).unwrap_or_default();
    match d.iter().position(|&c| c == x) {
        Some(i) => {
            d.remove(i);
            bytearray_set(vm, args[0], &d)?;
            Ok(Value::NONE)
        }
        None => Err(vm.raise(TypeId::ValueError, "value not found in bytearray")),
    }
}

fn ba_reverse(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    if let Some(b) = buffer_mut(vm, args[0]) {
        b.reverse();
    }
    Ok(Value::NONE)
}

fn ba_clear(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    bytearray_resize(vm, args[0], 0)?;
    Ok(Value::NONE)
}

fn ba_copy(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let d = buffer_of(vm, args[0]).unwrap_or_default();
    new_bytearray(vm, &d)
}

fn ba_iadd(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let n = runtime::native_of(vm, args[0]);
    binop(vm, BinOp::Add, true, n, args[1])?;
    Ok(args[0])
}

fn ba_setitem(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let n = runtime::native_of(vm, args[0]);
    store_subscr(vm, n, args[1], args[2])?;
    Ok(Value::NONE)
}

fn ba_delitem(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let n = runtime::native_of(vm, args[0]);
    del_subscr(vm, n, args[1])?;
    Ok(Value::NONE)
}

// ---------------------------------------------------------------- memoryview

fn mv_tolist(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    if released(vm, args[0]) {
        return Err(released_error(vm));
    }
    let d = buffer_of(vm, args[0]).unwrap_or_default();
    let items: Vec<Value> = d.iter().map(|&b| Value::small(b as i32)).collect();
    super::list::new_list(vm, &items)
}

fn mv_tobytes(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    if released(vm, args[0]) {
        return Err(released_error(vm));
    }
    let d = buffer_of(vm, args[0]).unwrap_or_default();
    super::str::new_bytes(vm, &d)
}

fn mv_release(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    if let Some(off) = args[0].as_obj().filter(|&o| vm.heap.kind(o) == Kind::MemoryView) {
        let o = vm.heap.get_mut::<Obj4>(off);
        o.h.flags |= MV_RELEASED;
        o.j = 0;
    }
    Ok(Value::NONE)
}

fn mv_enter(_vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    Ok(args[0])
}

fn mv_exit(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    mv_release(vm, &args[..1], &[])?;
    Ok(Value::FALSE)
}

/// The methods bytes and bytearray share.
macro_rules! shared_bytes_methods {
    ($($extra:expr),* $(,)?) => {
        &[
            fun!(q!("decode"), b_decode, 1, 3, kw),
            fun!(q!("hex"), b_hex, 1, 3, kw),
            classfun!(q!("fromhex"), b_fromhex, 2, 2),
            staticfun!(q!("maketrans"), b_maketrans, 2, 2),
            fun!(q!("translate"), b_translate, 2, 3, kw),
            fun!(q!("count"), b_count, 2, 4),
            fun!(q!("find"), b_find, 2, 4),
            fun!(q!("rfind"), b_rfind, 2, 4),
            fun!(q!("index"), b_index, 2, 4),
            fun!(q!("rindex"), b_rindex, 2, 4),
            fun!(q!("startswith"), b_startswith, 2, 4),
            fun!(q!("endswith"), b_endswith, 2, 4),
            fun!(q!("split"), b_split, 1, 3, kw),
            fun!(q!("rsplit"), b_rsplit, 1, 3, kw),
            fun!(q!("splitlines"), b_splitlines, 1, 2, kw),
            fun!(q!("join"), b_join, 2, 2),
            fun!(q!("strip"), b_strip, 1, 2),
            fun!(q!("lstrip"), b_lstrip, 1, 2),
            fun!(q!("rstrip"), b_rstrip, 1, 2),
            fun!(q!("replace"), b_replace, 3, 4),
            fun!(q!("upper"), b_upper, 1, 1),
            fun!(q!("lower"), b_lower, 1, 1),
            fun!(q!("swapcase"), b_swapcase, 1, 1),
            fun!(q!("capitalize"), b_capitalize, 1, 1),
            fun!(q!("title"), b_title, 1, 1),
            fun!(q!("isdigit"), b_isdigit, 1, 1),
            fun!(q!("isalpha"), b_isalpha, 1, 1),
            fun!(q!("isalnum"), b_isalnum, 1, 1),
            fun!(q!("isspace"), b_isspace, 1, 1),
            fun!(q!("isupper"), b_isupper, 1, 1),
            fun!(q!("islower"), b_islower, 1, 1),
            fun!(q!("istitle"), b_istitle, 1, 1),
            fun!(q!("isascii"), b_isascii, 1, 1),
            fun!(q!("partition"), b_partition, 2, 2),
            fun!(q!("rpartition"), b_rpartition, 2, 2),
            fun!(q!("center"), b_center, 2, 3),
            fun!(q!("ljust"), b_ljust, 2, 3),
            fun!(q!("rjust"), b_rjust, 2, 3),
            fun!(q!("zfill"), b_zfill, 2, 2),
            fun!(q!("expandtabs"), b_expandtabs, 1, 2, kw),
            fun!(q!("removeprefix"), b_removeprefix, 2, 2),
            fun!(q!("removesuffix"), b_removesuffix, 2, 2),
            fun!(q!("__len__"), b_len, 1, 1),
            fun!(q!("__contains__"), b_contains, 2, 2),
            fun!(q!("__getitem__"), b_getitem, 2, 2),
            fun!(q!("__add__"), b_add, 2, 2),
            fun!(q!("__mul__"), b_mul, 2, 2),
            fun!(q!("__rmul__"), b_mul, 2, 2),
            fun!(q!("__mod__"), b_mod, 2, 2),
            fun!(q!("__iter__"), b_iter, 1, 1),
            $($extra,)*
        ]
    };
}

/// `bytes`.
pub static BYTES_TYPE: crate::types::TypeDef = crate::types::TypeDef {
    name: "bytes",
    base: Some(TypeId::Object),
    locals: shared_bytes_methods!(),
    new: Some(bytes_new),
    subclassable: true,
};

/// `bytearray`.
pub static BYTEARRAY_TYPE: crate::types::TypeDef = crate::types::TypeDef {
    name: "bytearray",
    base: Some(TypeId::Object),
    locals: shared_bytes_methods!(
        fun!(q!("append"), ba_append, 2, 2),
        fun!(q!("extend"), ba_extend, 2, 2),
        fun!(q!("pop"), ba_pop, 1, 2),
        fun!(q!("insert"), ba_insert, 3, 3),
        fun!(q!("remove"), ba_remove, 2, 2),
        fun!(q!("reverse"), ba_reverse, 1, 1),
        fun!(q!("clear"), ba_clear, 1, 1),
        fun!(q!("copy"), ba_copy, 1, 1),
        fun!(q!("__iadd__"), ba_iadd, 2, 2),
        fun!(q!("__setitem__"), ba_setitem, 3, 3),
        fun!(q!("__delitem__"), ba_delitem, 2, 2),
    ),
    new: Some(bytearray_new),
    subclassable: true,
};

/// `memoryview`.
pub static MEMORYVIEW_TYPE: crate::types::TypeDef = crate::types::TypeDef {
    name: "memoryview",
    base: Some(TypeId::Object),
    locals: &[
        fun!(q!("tolist"), mv_tolist, 1, 1),
        fun!(q!("tobytes"), mv_tobytes, 1, 1),
        fun!(q!("hex"), b_hex, 1, 3, kw),
        fun!(q!("release"), mv_release, 1, 1),
        fun!(q!("__enter__"), mv_enter, 1, 1),
        fun!(q!("__exit__"), mv_exit, 1, crate::types::VAR),
        fun!(q!("__len__"), b_len, 1, 1),
        fun!(q!("__getitem__"), b_getitem, 2, 2),
        fun!(q!("__setitem__"), ba_setitem, 3, 3),
    ],
    new: Some(memoryview_new),
    subclassable: false,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_set() {
        assert!(is_ws(b'\x0b') && is_ws(b'\x0c') && !is_ws(0x1c));
    }
}
