//! `io` and `open()`: StringIO, BytesIO, IOBase, and the file objects of the board's
//! filesystem (FileIO for binary mode, TextIOWrapper for text mode, UTF-8).
//!
//! Stream objects are `Native` objects (`Obj4`, aux = TypeId):
//! - files: `i` = `upy_vfs::FileId`, `j` = flags, `a` = the filesystem (None: the port's
//!   littlefs; a small int: the id of a littlefs on a Python block device);
//! - StringIO/BytesIO: `a` = bytearray with the data, `i` = position, `j` = flags.

use alloc::string::String;
use alloc::vec::Vec;

use crate::modules::os::{self, Mounted};
use crate::obj::{self, Kind, Obj4};
use crate::qstr::Qstr;
use crate::runtime;
use crate::types::{Attr, ModuleDef, TypeDef, TypeId};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

type Kw<'a> = &'a [(Qstr, Value)];

const CLOSED: u32 = 1;
const READABLE: u32 = 2;
const WRITABLE: u32 = 4;
const APPEND: u32 = 8;

#[derive(Copy, Clone)]
enum Backend {
    File(upy_vfs::FileId, Mounted),
    Mem(Value),
}

struct Stream {
    off: u32,
    text: bool,
    be: Backend,
    flags: u32,
}

fn stream(vm: &mut Vm, v: Value) -> PyResult<Stream> {
    if let Some(off) = v.as_obj()
        && vm.heap.kind(off) == Kind::Native
    {
        let o = vm.heap.get::<Obj4>(off);
        let t = o.h.aux;
        let (a, i, j) = (o.a, o.i, o.j);
        let s = if t == TypeId::FileIO as u16 || t == TypeId::TextFile as u16 {
            Some(Stream { off, text: t == TypeId::TextFile as u16, be: Backend::File(upy_vfs::FileId(i), file_fs(a)), flags: j })
        } else if t == TypeId::StringIO as u16 || t == TypeId::BytesIO as u16 {
            Some(Stream { off, text: t == TypeId::StringIO as u16, be: Backend::Mem(a), flags: j | READABLE | WRITABLE })
        } else {
            None
        };
        if let Some(s) = s {
            if s.flags & CLOSED != 0 {
                return Err(vm.raise(TypeId::ValueError, "I/O operation on closed file"));
            }
            return Ok(s);
        }
    }
    Err(vm.raise(TypeId::TypeError, "not a stream"))
}

/// Which filesystem a file object's `a` field names.
fn file_fs(a: Value) -> Mounted {
    match a.as_small() {
        Some(id) if id > 0 => Mounted::PyLfs(id as u32),
        _ => Mounted::Lfs,
    }
}

fn mem_pos(vm: &Vm, s: &Stream) -> usize {
    vm.heap.get::<Obj4>(s.off).i as usize
}

fn set_mem_pos(vm: &mut Vm, s: &Stream, p: usize) {
    vm.heap.get_mut::<Obj4>(s.off).i = p as u32;
}

/// Read up to `n` bytes (None: to the end).
fn raw_read(vm: &mut Vm, s: &Stream, n: Option<usize>) -> PyResult<Vec<u8>> {
    if s.flags & READABLE == 0 {
        return Err(os::os_error(vm, upy_vfs::errno::EBADF));
    }
    match s.be {
        Backend::Mem(ba) => {
            let data = obj::bytes::buffer_ref(vm, ba).unwrap_or(&[]);
            let p = mem_pos(vm, s).min(data.len());
            let end = n.map_or(data.len(), |n| p.saturating_add(n).min(data.len()));
            let out = data[p..end].to_vec();
            set_mem_pos(vm, s, end);
            Ok(out)
        }
        Backend::File(id, m) => {
            let mut out = Vec::new();
            let mut buf = [0u8; 512];
            loop {
                let want = n.map_or(buf.len(), |n| (n - out.len()).min(buf.len()));
                if want == 0 {
                    break;
                }
                let got = os::with_fs(vm, m, |l, d| l.read(d, id, &mut buf[..want]))?;
                if got == 0 {
                    break;
                }
                out.extend_from_slice(&buf[..got]);
            }
            Ok(out)
        }
    }
}

fn raw_seek(vm: &mut Vm, s: &Stream, off: i64, whence: u8) -> PyResult<u64> {
    match s.be {
        Backend::Mem(ba) => {
            let len = obj::bytes::buffer_ref(vm, ba).map_or(0, |b| b.len()) as i64;
            let base = match whence {
                0 => 0,
                1 => mem_pos(vm, s) as i64,
                2 => len,
                _ => return Err(os::os_error(vm, upy_vfs::errno::EINVAL)),
            };
            let p = base.saturating_add(off).max(0);
            set_mem_pos(vm, s, p.min(u32::MAX as i64) as usize);
            Ok(p as u64)
        }
        Backend::File(id, m) => os::with_fs(vm, m, |l, d| l.seek(d, id, off, whence)),
    }
}

/// Read a line (including `\n`).
fn raw_readline(vm: &mut Vm, s: &Stream, limit: Option<usize>) -> PyResult<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let want = limit.map_or(64, |l| (l - out.len()).min(64));
        if want == 0 {
            return Ok(out);
        }
        let chunk = raw_read(vm, s, Some(want))?;
        if chunk.is_empty() {
            return Ok(out);
        }
        if let Some(i) = chunk.iter().position(|&b| b == b'\n') {
            out.extend_from_slice(&chunk[..=i]);
            let back = (chunk.len() - i - 1) as i64;
            if back > 0 {
                raw_seek(vm, s, -back, 1)?;
            }
            return Ok(out);
        }
        out.extend_from_slice(&chunk);
    }
}

/// Complete a trailing partial UTF-8 sequence by reading up to 3 more bytes.
fn complete_utf8(vm: &mut Vm, s: &Stream, b: &mut Vec<u8>) -> PyResult<()> {
    for _ in 0..3 {
        match core::str::from_utf8(b) {
            Err(e) if e.error_len().is_none() => {
                let more = raw_read(vm, s, Some(1))?;
                if more.is_empty() {
                    return Ok(());
                }
                b.extend_from_slice(&more);
            }
            _ => return Ok(()),
        }
    }
    Ok(())
}

fn result(vm: &mut Vm, s: &Stream, b: Vec<u8>) -> PyResult<Value> {
    if s.text {
        let t = String::from_utf8_lossy(&b).into_owned();
        obj::str::new_string(vm, t)
    } else {
        obj::str::new_bytes(vm, &b)
    }
}

fn opt_size(vm: &mut Vm, args: &[Value], i: usize) -> PyResult<Option<usize>> {
    match args.get(i) {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(&v) => match vm.int_i64(v) {
            Some(n) if n < 0 => Ok(None),
            Some(n) => Ok(Some(n as usize)),
            None => Err(vm.raise(TypeId::TypeError, "size must be an int")),
        },
    }
}

fn m_read(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let s = stream(vm, args[0])?;
    let n = opt_size(vm, args, 1)?;
    let mut b = raw_read(vm, &s, n)?;
    if s.text
        && let Some(n) = n
    {
        // n counts characters in text mode.
        complete_utf8(vm, &s, &mut b)?;
        loop {
            let chars = String::from_utf8_lossy(&b).chars().count();
            if chars >= n {
                break;
            }
            let more = raw_read(vm, &s, Some(n - chars))?;
            if more.is_empty() {
                break;
            }
            b.extend_from_slice(&more);
            complete_utf8(vm, &s, &mut b)?;
        }
    }
    result(vm, &s, b)
}

fn m_readinto(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let s = stream(vm, args[0])?;
    let cap = match obj::bytes::buffer_mut(vm, args[1]) {
        Some(b) => b.len(),
        None => return Err(vm.raise(TypeId::TypeError, "object with buffer protocol required")),
    };
    let cap = opt_size(vm, args, 2)?.map_or(cap, |n| n.min(cap));
    let b = raw_read(vm, &s, Some(cap))?;
    // A Python block device ran during the read and may have resized the buffer.
    let n = match obj::bytes::buffer_mut(vm, args[1]) {
        Some(dst) => {
            let n = b.len().min(dst.len());
            dst[..n].copy_from_slice(&b[..n]);
            n
        }
        None => 0,
    };
    obj::int::new_int(vm, n as i64)
}

fn m_readline(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let s = stream(vm, args[0])?;
    let n = opt_size(vm, args, 1)?;
    let b = raw_readline(vm, &s, n)?;
    result(vm, &s, b)
}

fn m_readlines(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let s = stream(vm, args[0])?;
    let out = obj::list::new_list(vm, &[])?;
    loop {
        let b = raw_readline(vm, &s, None)?;
        if b.is_empty() {
            return Ok(out);
        }
        let v = result(vm, &s, b)?;
        vm.list_push(out, v)?;
    }
}

fn m_next(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let s = stream(vm, args[0])?;
    let b = raw_readline(vm, &s, None)?;
    if b.is_empty() {
        return Err(vm.raise_empty(TypeId::StopIteration));
    }
    result(vm, &s, b)
}

fn m_write(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let s = stream(vm, args[0])?;
    let (data, count) = if s.text {
        match vm.str_of(args[1]) {
            Some(t) => (t.as_bytes().to_vec(), t.chars().count()),
            None => {
                let t = runtime::type_name(vm, args[1]);
                return Err(vm.raise_fmt(TypeId::TypeError, format_args!("write() argument must be str, not {t}")));
            }
        }
    } else {
        match obj::bytes::buffer_of(vm, args[1]) {
            Some(b) => {
                let n = b.len();
                (b, n)
            }
            None => return Err(vm.raise(TypeId::TypeError, "a bytes-like object is required")),
        }
    };
    if s.flags & WRITABLE == 0 {
        return Err(os::os_error(vm, upy_vfs::errno::EBADF));
    }
    match s.be {
        Backend::Mem(ba) => {
            let p = mem_pos(vm, &s);
            let len = obj::bytes::buffer_ref(vm, ba).map_or(0, |b| b.len());
            let end = p.saturating_add(data.len());
            if end > len {
                obj::bytes::bytearray_resize(vm, ba, end)?;
            }
            if let Some(dst) = obj::bytes::buffer_mut(vm, ba) {
                dst[p..end].copy_from_slice(&data);
            }
            set_mem_pos(vm, &s, end);
        }
        Backend::File(id, m) => {
            os::with_fs(vm, m, |l, d| l.write(d, id, &data))?;
        }
    }
    obj::int::new_int(vm, count as i64)
}

fn m_seek(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let s = stream(vm, args[0])?;
    let off = vm.int_i64(args[1]).unwrap_or(0);
    let whence = args.get(2).and_then(|&w| vm.int_i64(w)).unwrap_or(0);
    if !(0..=2).contains(&whence) {
        return Err(os::os_error(vm, upy_vfs::errno::EINVAL));
    }
    let p = raw_seek(vm, &s, off, whence as u8)?;
    obj::int::new_int(vm, p as i64)
}

fn m_tell(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let s = stream(vm, args[0])?;
    let p = match s.be {
        Backend::Mem(_) => mem_pos(vm, &s) as u64,
        Backend::File(id, m) => os::with_fs(vm, m, |l, d| l.tell(d, id))?,
    };
    obj::int::new_int(vm, p as i64)
}

fn m_flush(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let s = stream(vm, args[0])?;
    if let Backend::File(id, m) = s.be
        && s.flags & WRITABLE != 0
    {
        os::with_fs(vm, m, |l, d| l.sync(d, id))?;
    }
    Ok(Value::NONE)
}

fn m_close(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let Ok(s) = stream(vm, args[0]) else {
        // Closing twice is fine.
        vm.exc = Value::NULL;
        return Ok(Value::NONE);
    };
    vm.heap.get_mut::<Obj4>(s.off).j |= CLOSED;
    if let Backend::File(id, m) = s.be {
        if let Mounted::PyLfs(fs) = m {
            // Its filesystem was unmounted (which closed and committed the file).
            if !vm.fs.pylfs.iter().any(|e| e.id == fs) {
                return Ok(Value::NONE);
            }
        }
        os::with_fs(vm, m, |l, d| l.close(d, id))?;
    }
    Ok(Value::NONE)
}

fn m_enter(_vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    Ok(args[0])
}

fn m_exit(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    runtime::call_method(vm, args[0], q!("close"), &[])?;
    Ok(Value::NONE)
}

fn m_getvalue(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let s = stream(vm, args[0])?;
    let Backend::Mem(ba) = s.be else { return Err(vm.raise(TypeId::TypeError, "not a memory stream")) };
    let b = obj::bytes::buffer_of(vm, ba).unwrap_or_default();
    result(vm, &s, b)
}

fn m_closed(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    let c = args[0].as_obj().is_some_and(|o| vm.heap.get::<Obj4>(o).j & CLOSED != 0);
    Ok(Value::bool(c))
}

fn new_mem(vm: &mut Vm, args: &[Value], t: TypeId) -> PyResult<Value> {
    let init: Vec<u8> = match args.get(1) {
        None => Vec::new(),
        Some(v) if v.is_none() => Vec::new(),
        Some(&v) => {
            if t == TypeId::StringIO {
                match vm.str_of(v) {
                    Some(s) => s.as_bytes().to_vec(),
                    None => return Err(vm.raise(TypeId::TypeError, "initial_value must be str")),
                }
            } else if let Some(n) = vm.int_i64(v) {
                // MicroPython: BytesIO(n) preallocates; the stream starts empty.
                let _ = n;
                Vec::new()
            } else {
                match obj::bytes::buffer_of(vm, v) {
                    Some(b) => b,
                    None => return Err(vm.raise(TypeId::TypeError, "a bytes-like object is required")),
                }
            }
        }
    };
    let ba = obj::bytes::new_bytearray(vm, &init)?;
    let off = vm.alloc(Kind::Native, core::mem::size_of::<Obj4>())?;
    let o = vm.heap.get_mut::<Obj4>(off);
    o.h.aux = t as u16;
    o.a = ba;
    o.i = 0;
    o.j = READABLE | WRITABLE;
    Ok(Value::obj(off))
}

fn stringio_new(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    new_mem(vm, args, TypeId::StringIO)
}

fn bytesio_new(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    new_mem(vm, args, TypeId::BytesIO)
}

/// `open(path, mode='r', buffering=-1, encoding=None, ...)`.
pub fn builtin_open(vm: &mut Vm, args: &[Value], kw: Kw) -> PyResult<Value> {
    let path = os::str_arg(vm, args[0])?;
    let mut mode_v = args.get(1).copied();
    for &(k, v) in kw {
        if k == q!("mode") {
            mode_v = Some(v);
        }
    }
    let mode = match mode_v {
        Some(v) => os::str_arg(vm, v)?,
        None => String::from("r"),
    };
    let (m, rel) = os::resolve(vm, &path)?;
    open_in(vm, m, &rel, &mode)
}

/// Open `rel` inside the filesystem `m` with a Python mode string.
pub(crate) fn open_in(vm: &mut Vm, m: Mounted, rel: &str, mode: &str) -> PyResult<Value> {
    let Some(flags) = upy_vfs::OpenFlags::from_mode(mode) else {
        return Err(vm.raise_fmt(TypeId::ValueError, format_args!("invalid mode: '{mode}'")));
    };
    if mode.contains('b') && mode.contains('t') {
        return Err(vm.raise_fmt(TypeId::ValueError, format_args!("invalid mode: '{mode}'")));
    }
    match m {
        Mounted::Py(o) => {
            let r = vm.new_str(rel)?;
            let md = vm.new_str(mode)?;
            runtime::call_method(vm, o, q!("open"), &[r, md])
        }
        m => {
            // Allocate the object first so a MemoryError cannot leak an open file.
            let off = vm.alloc(Kind::Native, core::mem::size_of::<Obj4>())?;
            vm.heap.get_mut::<Obj4>(off).j = CLOSED;
            let id = os::with_fs(vm, m, |l, d| l.open(d, rel, flags))?;
            let o = vm.heap.get_mut::<Obj4>(off);
            o.a = match m {
                Mounted::PyLfs(fs) => Value::small(fs as i32),
                _ => Value::NONE,
            };
            o.h.aux = if mode.contains('b') { TypeId::FileIO } else { TypeId::TextFile } as u16;
            o.i = id.0;
            o.j = if flags.read { READABLE } else { 0 } | if flags.write { WRITABLE } else { 0 } | if flags.append { APPEND } else { 0 };
            Ok(Value::obj(off))
        }
    }
}

fn iter_self(_vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    Ok(args[0])
}

/// Methods shared by every stream type.
static STREAM_LOCALS: &[(Qstr, Attr)] = &[
    fun!(q!("read"), m_read, 1, 2),
    fun!(q!("readinto"), m_readinto, 2, 3),
    fun!(q!("readline"), m_readline, 1, 2),
    fun!(q!("readlines"), m_readlines, 1, 2),
    fun!(q!("write"), m_write, 2, 2),
    fun!(q!("seek"), m_seek, 2, 3),
    fun!(q!("tell"), m_tell, 1, 1),
    fun!(q!("flush"), m_flush, 1, 1),
    fun!(q!("close"), m_close, 1, 1),
    fun!(q!("__enter__"), m_enter, 1, 1),
    fun!(q!("__exit__"), m_exit, 1, 4),
    fun!(q!("__iter__"), iter_self, 1, 1),
    fun!(q!("__next__"), m_next, 1, 1),
    fun!(q!("getvalue"), m_getvalue, 1, 1),
    fun!(q!("_closed"), m_closed, 1, 1),
];

/// `io.StringIO`.
pub static STRINGIO_TYPE: TypeDef = TypeDef { name: "StringIO", base: Some(TypeId::IOBase), locals: STREAM_LOCALS, new: Some(stringio_new), subclassable: false };
/// `io.BytesIO`.
pub static BYTESIO_TYPE: TypeDef = TypeDef { name: "BytesIO", base: Some(TypeId::IOBase), locals: STREAM_LOCALS, new: Some(bytesio_new), subclassable: false };
/// Binary files.
pub static FILEIO_TYPE: TypeDef = TypeDef { name: "FileIO", base: Some(TypeId::IOBase), locals: STREAM_LOCALS, new: None, subclassable: false };
/// Text files.
pub static TEXTFILE_TYPE: TypeDef = TypeDef { name: "TextIOWrapper", base: Some(TypeId::IOBase), locals: STREAM_LOCALS, new: None, subclassable: false };

fn iobase_exit(vm: &mut Vm, args: &[Value], _kw: Kw) -> PyResult<Value> {
    runtime::call_method(vm, args[0], q!("close"), &[])?;
    Ok(Value::NONE)
}

/// `io.IOBase`: the base Python streams (mpremote's RemoteFile) derive from.
pub static IOBASE_TYPE: TypeDef = TypeDef {
    name: "IOBase",
    base: Some(TypeId::Object),
    locals: &[fun!(q!("__enter__"), m_enter, 1, 1), fun!(q!("__exit__"), iobase_exit, 1, 4)],
    new: None,
    subclassable: true,
};

/// `io`.
pub static MODULE: ModuleDef = ModuleDef {
    name: "io",
    globals: &[
        (q!("StringIO"), Attr::Type(TypeId::StringIO)),
        (q!("BytesIO"), Attr::Type(TypeId::BytesIO)),
        (q!("IOBase"), Attr::Type(TypeId::IOBase)),
        (q!("FileIO"), Attr::Type(TypeId::FileIO)),
        (q!("TextIOWrapper"), Attr::Type(TypeId::TextFile)),
        fun!(q!("open"), builtin_open, 1, 3, kw),
        (q!("SEEK_SET"), Attr::Int(0)),
        (q!("SEEK_CUR"), Attr::Int(1)),
        (q!("SEEK_END"), Attr::Int(2)),
    ],
    init: None,
};
