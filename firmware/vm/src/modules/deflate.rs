//! `deflate.DeflateIO(stream, format=AUTO, wbits=0, close=False)`: RAW/ZLIB/GZIP
//! decompression on read and compression on write (miniz_oxide, no_std).
//!
//! Reading inflates the whole underlying stream on the first read, streaming it through
//! the decompressor chunk by chunk into a buffer in the Python heap (a stream that inflates
//! to more than the heap holds raises MemoryError); writing collects the data in the
//! Python heap and deflates it to the stream when the DeflateIO is closed (miniz_oxide's
//! compressor state, about 250 KiB of Rust heap, exists only during that close: boards
//! with little RAM should treat compression as host-side work, as mpremote's romfs does). Fields: `a` = the
//! stream, `b` = bytearray buffer (decompressed data or data to compress), `i` = read
//! position, `j` = format | flags.

use alloc::vec::Vec;

use crate::modules::binascii::crc32_update;
use crate::obj::{self, Kind, Obj4};
use crate::qstr::Qstr;
use crate::runtime;
use crate::types::{Attr, ModuleDef, TypeDef, TypeId};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

type Kw<'a> = &'a [(Qstr, Value)];

const AUTO: u32 = 0;
const RAW: u32 = 1;
const ZLIB: u32 = 2;
const GZIP: u32 = 3;
const F_READ: u32 = 0x10;
const F_WRITE: u32 = 0x20;
const F_CLOSED: u32 = 0x40;
const F_CLOSE_STREAM: u32 = 0x80;

fn new(vm: &mut Vm, args: &[Value], kw: Kw) -> PyResult<Value> {
    let Some(&stream) = args.get(1) else { return Err(vm.raise(TypeId::TypeError, "DeflateIO() needs a stream")) };
    let mut format = args.get(2).and_then(|&v| vm.int_i64(v)).unwrap_or(0);
    let mut close = args.get(4).map(|&v| v == Value::TRUE).unwrap_or(false);
    for &(k, v) in kw {
        if k == q!("format") {
            format = vm.int_i64(v).unwrap_or(0);
        } else if k == q!("close") {
            close = runtime::truthy(vm, v)?;
        }
    }
    if !(0..=3).contains(&format) {
        return Err(vm.raise(TypeId::ValueError, "bad format"));
    }
    let buf = obj::bytes::new_bytearray(vm, &[])?;
    let off = vm.alloc(Kind::Native, core::mem::size_of::<Obj4>())?;
    let o = vm.heap.get_mut::<Obj4>(off);
    o.h.aux = TypeId::DeflateIO as u16;
    o.a = stream;
    o.b = buf;
    o.j = format as u32 | if close { F_CLOSE_STREAM } else { 0 };
    Ok(Value::obj(off))
}

fn me(vm: &mut Vm, v: Value) -> PyResult<u32> {
    match v.as_obj() {
        Some(o) if vm.heap.kind(o) == Kind::Native && vm.heap.get::<Obj4>(o).h.aux == TypeId::DeflateIO as u16 => {
            if vm.heap.get::<Obj4>(o).j & F_CLOSED != 0 {
                return Err(vm.raise(TypeId::ValueError, "I/O operation on closed file"));
            }
            Ok(o)
        }
        _ => Err(vm.raise(TypeId::TypeError, "not a DeflateIO")),
    }
}

/// Length of a gzip header at the start of `d` (None: not gzip, or longer than `d`).
fn gzip_header_len(d: &[u8]) -> Option<usize> {
    if d.len() < 10 || d[0] != 0x1f || d[1] != 0x8b || d[2] != 8 {
        return None;
    }
    let flg = d[3];
    let mut p = 10;
    if flg & 4 != 0 {
        let xlen = *d.get(p)? as usize | (*d.get(p + 1)? as usize) << 8;
        p += 2 + xlen;
    }
    for bit in [8u8, 16] {
        if flg & bit != 0 {
            p += d.get(p..)?.iter().position(|&b| b == 0)? + 1;
        }
    }
    if flg & 2 != 0 {
        p += 2;
    }
    (p <= d.len()).then_some(p)
}

/// The next chunk of the underlying stream (empty at its end).
fn read_chunk(vm: &mut Vm, stream: Value) -> PyResult<Vec<u8>> {
    let chunk = runtime::call_method(vm, stream, q!("read"), &[Value::small(CHUNK as i32)])?;
    if chunk.is_none() {
        return Ok(Vec::new());
    }
    match obj::bytes::buffer_of(vm, chunk).or_else(|| vm.str_of(chunk).map(|s| s.as_bytes().to_vec())) {
        Some(b) => Ok(b),
        None => Err(vm.raise(TypeId::TypeError, "DeflateIO: the stream's read() must return bytes")),
    }
}

/// Input is read from the stream in chunks of this size.
const CHUNK: usize = 1024;

/// Inflate the whole underlying stream into the Python-heap buffer `buf`, streaming: the
/// Rust heap holds one input chunk and miniz_oxide's decompressor state (~43 KiB, freed at
/// the end); the output grows in the Python heap, so a stream that inflates to more than
/// the heap can hold is a MemoryError (and a deflate bomb is no worse than that).
fn inflate_into(vm: &mut Vm, stream: Value, format: u32, buf: Value) -> PyResult<()> {
    use miniz_oxide::inflate::stream::{inflate, InflateState};
    use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};
    let mut input = read_chunk(vm, stream)?;
    let f = if format == AUTO {
        if input.len() >= 2 && input[0] == 0x1f && input[1] == 0x8b {
            GZIP
        } else if input.len() >= 2 && input[0] & 0x0f == 8 && ((input[0] as u16) << 8 | input[1] as u16).is_multiple_of(31) {
            ZLIB
        } else {
            RAW
        }
    } else {
        format
    };
    let mut pos = 0;
    if f == GZIP {
        match gzip_header_len(&input) {
            Some(n) => pos = n,
            None => return Err(crate::modules::os::os_error(vm, 5)),
        }
    }
    let mut st = InflateState::new_boxed(if f == ZLIB { DataFormat::Zlib } else { DataFormat::Raw });
    let mut out = [0u8; 512];
    loop {
        let r = inflate(&mut st, &input[pos..], &mut out, MZFlush::None);
        pos += r.bytes_consumed;
        if r.bytes_written > 0 {
            let len = obj::bytes::buffer_ref(vm, buf).map_or(0, |b| b.len());
            obj::bytes::bytearray_resize(vm, buf, len + r.bytes_written)?;
            if let Some(dst) = obj::bytes::buffer_mut(vm, buf) {
                dst[len..].copy_from_slice(&out[..r.bytes_written]);
            }
        }
        match r.status {
            Ok(MZStatus::StreamEnd) => return Ok(()),
            Ok(_) | Err(MZError::Buf) if r.bytes_consumed > 0 || r.bytes_written > 0 => {}
            Ok(_) | Err(MZError::Buf) => {
                // No progress: it needs more input.
                if pos < input.len() {
                    return Err(crate::modules::os::os_error(vm, 5));
                }
                input = read_chunk(vm, stream)?;
                pos = 0;
                if input.is_empty() {
                    // Truncated stream.
                    return Err(crate::modules::os::os_error(vm, 5));
                }
            }
            Err(_) => return Err(crate::modules::os::os_error(vm, 5)),
        }
        if pos == input.len() && r.bytes_written < out.len() {
            input = read_chunk(vm, stream)?;
            pos = 0;
            if input.is_empty() {
                // Give the decompressor one more call to report the end (or the truncation).
                let r = inflate(&mut st, &[], &mut out, MZFlush::None);
                if r.bytes_written > 0 {
                    let len = obj::bytes::buffer_ref(vm, buf).map_or(0, |b| b.len());
                    obj::bytes::bytearray_resize(vm, buf, len + r.bytes_written)?;
                    if let Some(dst) = obj::bytes::buffer_mut(vm, buf) {
                        dst[len..].copy_from_slice(&out[..r.bytes_written]);
                    }
                    continue;
                }
                return match r.status {
                    Ok(MZStatus::StreamEnd) => Ok(()),
                    _ => Err(crate::modules::os::os_error(vm, 5)),
                };
            }
        }
    }
}

fn fill(vm: &mut Vm, o: u32) -> PyResult<()> {
    let (stream, buf, j) = {
        let x = vm.heap.get::<Obj4>(o);
        (x.a, x.b, x.j)
    };
    if j & F_READ != 0 {
        return Ok(());
    }
    if j & F_WRITE != 0 {
        return Err(crate::modules::os::os_error(vm, 22));
    }
    // Mark it read first: a failed inflate leaves an empty (or partial) stream, not a retry
    // that would read the underlying stream from the middle.
    let x = vm.heap.get_mut::<Obj4>(o);
    x.j |= F_READ;
    x.i = 0;
    inflate_into(vm, stream, j & 3, buf)
}

fn take(vm: &mut Vm, o: u32, n: Option<usize>) -> Vec<u8> {
    let (buf, pos) = {
        let x = vm.heap.get::<Obj4>(o);
        (x.b, x.i as usize)
    };
    let data = obj::bytes::buffer_ref(vm, buf).unwrap_or(&[]);
    let p = pos.min(data.len());
    let end = n.map_or(data.len(), |n| p.saturating_add(n).min(data.len()));
    let out = data[p..end].to_vec();
    vm.heap.get_mut::<Obj4>(o).i = end as u32;
    out
}

fn d_read(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let o = me(vm, args[0])?;
    fill(vm, o)?;
    let n = args.get(1).and_then(|&v| vm.int_i64(v)).filter(|&n| n >= 0).map(|n| n as usize);
    let b = take(vm, o, n);
    obj::str::new_bytes(vm, &b)
}

fn d_readinto(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let o = me(vm, args[0])?;
    fill(vm, o)?;
    let Some(cap) = obj::bytes::buffer_mut(vm, args[1]).map(|b| b.len()) else {
        return Err(vm.raise(TypeId::TypeError, "object with buffer protocol required"));
    };
    let b = take(vm, o, Some(cap));
    if let Some(dst) = obj::bytes::buffer_mut(vm, args[1]) {
        dst[..b.len()].copy_from_slice(&b);
    }
    Ok(Value::small(b.len() as i32))
}

fn d_readline(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let o = me(vm, args[0])?;
    fill(vm, o)?;
    let (buf, pos) = {
        let x = vm.heap.get::<Obj4>(o);
        (x.b, x.i as usize)
    };
    let data = obj::bytes::buffer_ref(vm, buf).unwrap_or(&[]);
    let rest = data.get(pos..).unwrap_or(&[]);
    let n = rest.iter().position(|&b| b == b'\n').map_or(rest.len(), |i| i + 1);
    let b = take(vm, o, Some(n));
    obj::str::new_bytes(vm, &b)
}

fn d_write(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let o = me(vm, args[0])?;
    if vm.heap.get::<Obj4>(o).j & F_READ != 0 {
        return Err(crate::modules::os::os_error(vm, 22));
    }
    let Some(data) = obj::bytes::buffer_of(vm, args[1]) else {
        return Err(vm.raise(TypeId::TypeError, "object with buffer protocol required"));
    };
    vm.heap.get_mut::<Obj4>(o).j |= F_WRITE;
    let buf = vm.heap.get::<Obj4>(o).b;
    let len = obj::bytes::buffer_ref(vm, buf).map_or(0, |b| b.len());
    obj::bytes::bytearray_resize(vm, buf, len + data.len())?;
    if let Some(dst) = obj::bytes::buffer_mut(vm, buf) {
        dst[len..].copy_from_slice(&data);
    }
    Ok(Value::small(data.len() as i32))
}

fn d_close(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let Some(o) = args[0].as_obj().filter(|&o| vm.heap.kind(o) == Kind::Native && vm.heap.get::<Obj4>(o).h.aux == TypeId::DeflateIO as u16) else {
        return Err(vm.raise(TypeId::TypeError, "not a DeflateIO"));
    };
    let (stream, buf, j) = {
        let x = vm.heap.get::<Obj4>(o);
        (x.a, x.b, x.j)
    };
    if j & F_CLOSED != 0 {
        return Ok(Value::NONE);
    }
    vm.heap.get_mut::<Obj4>(o).j |= F_CLOSED;
    if j & F_WRITE != 0 {
        use miniz_oxide::deflate::{compress_to_vec, compress_to_vec_zlib};
        let data = obj::bytes::buffer_of(vm, buf).unwrap_or_default();
        let out = match j & 3 {
            ZLIB => compress_to_vec_zlib(&data, 6),
            GZIP => {
                let mut v = alloc::vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
                v.extend_from_slice(&compress_to_vec(&data, 6));
                v.extend_from_slice(&crc32_update(0, &data).to_le_bytes());
                v.extend_from_slice(&(data.len() as u32).to_le_bytes());
                v
            }
            _ => compress_to_vec(&data, 6),
        };
        let b = obj::str::new_bytes(vm, &out)?;
        runtime::call_method(vm, stream, q!("write"), &[b])?;
    }
    if j & F_CLOSE_STREAM != 0 {
        runtime::call_method(vm, stream, q!("close"), &[])?;
    }
    Ok(Value::NONE)
}

fn d_enter(_vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    Ok(args[0])
}

fn d_exit(vm: &mut Vm, args: &[Value], kw: Kw) -> PyResult<Value> {
    d_close(vm, &args[..1], kw)
}

/// `deflate.DeflateIO`.
pub static DEFLATEIO_TYPE: TypeDef = TypeDef {
    name: "DeflateIO",
    base: Some(TypeId::Object),
    locals: &[
        fun!(q!("read"), d_read, 1, 2),
        fun!(q!("readinto"), d_readinto, 2, 2),
        fun!(q!("readline"), d_readline, 1, 1),
        fun!(q!("write"), d_write, 2, 2),
        fun!(q!("close"), d_close, 1, 1),
        fun!(q!("__enter__"), d_enter, 1, 1),
        fun!(q!("__exit__"), d_exit, 1, 4),
    ],
    new: Some(new),
    subclassable: false,
};

/// `deflate`.
pub static MODULE: ModuleDef = ModuleDef {
    name: "deflate",
    globals: &[
        (q!("DeflateIO"), Attr::Type(TypeId::DeflateIO)),
        (q!("AUTO"), Attr::Int(AUTO as i64)),
        (q!("RAW"), Attr::Int(RAW as i64)),
        (q!("ZLIB"), Attr::Int(ZLIB as i64)),
        (q!("GZIP"), Attr::Int(GZIP as i64)),
    ],
    init: None,
};
