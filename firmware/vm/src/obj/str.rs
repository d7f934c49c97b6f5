//! `str` and `bytes`: immutable, UTF-8 / raw bytes stored inline after a `StrObj`.
//! Interned strs are immediates (`Value::qstr`) and behave identically.

use alloc::string::String;

use super::{Kind, StrObj, STR_DATA};
use crate::qstr::hash_bytes;
use crate::value::{Unpacked, Value};
use crate::vm::{PyResult, Vm};

/// A new str holding `s` (the empty string is the interned `""`).
pub fn new_str(vm: &mut Vm, s: &str) -> PyResult<Value> {
    if s.is_empty() {
        return Ok(Value::qstr(q!("")));
    }
    let off = vm.alloc(Kind::Str, STR_DATA as usize + s.len())?;
    let nchars = if s.is_ascii() { s.len() } else { s.chars().count() } as u32;
    let o = vm.heap.get_mut::<StrObj>(off);
    o.hash = hash_bytes(s.as_bytes());
    o.len = s.len() as u32;
    o.nchars = nchars;
    vm.heap.bytes_at_mut(off, STR_DATA, s.len()).copy_from_slice(s.as_bytes());
    Ok(Value::obj(off))
}

/// A new str from an owned String.
pub fn new_string(vm: &mut Vm, s: String) -> PyResult<Value> {
    new_str(vm, &s)
}

/// A str, interned (for names: attribute names, dict keys from identifiers).
pub fn new_interned(vm: &mut Vm, s: &str) -> Value {
    Value::qstr(vm.intern(s))
}

/// New bytes.
pub fn new_bytes(vm: &mut Vm, b: &[u8]) -> PyResult<Value> {
    let off = vm.alloc(Kind::Bytes, STR_DATA as usize + b.len())?;
    let o = vm.heap.get_mut::<StrObj>(off);
    o.hash = hash_bytes(b);
    o.len = b.len() as u32;
    o.nchars = b.len() as u32;
    vm.heap.bytes_at_mut(off, STR_DATA, b.len()).copy_from_slice(b);
    Ok(Value::obj(off))
}

impl Vm {
    /// The text of a str value (interned or heap), or None if `v` is not a str.
    #[inline]
    pub fn str_of(&self, v: Value) -> Option<&str> {
        match v.unpack() {
            Unpacked::Str(q) => Some(self.qstrs.get(q)),
            Unpacked::Obj(off) if self.heap.kind(off) == Kind::Str => {
                let len = self.heap.get::<StrObj>(off).len as usize;
                let b = self.heap.bytes_at(off, STR_DATA, len);
                // SAFETY: str objects are only created from valid UTF-8 (`new_str`).
                Some(unsafe { core::str::from_utf8_unchecked(b) })
            }
            Unpacked::Obj(off) if self.heap.kind(off) == Kind::Instance => {
                let native = self.heap.get::<super::InstObj>(off).native;
                if native.is_obj() { self.str_of(native) } else { None }
            }
            _ => None,
        }
    }

    /// Is `v` a str (or instance of a str subclass)?
    #[inline]
    pub fn is_str(&self, v: Value) -> bool {
        self.str_of(v).is_some()
    }

    /// The bytes of a bytes object, or None.
    pub fn bytes_of(&self, v: Value) -> Option<&[u8]> {
        let off = v.as_obj()?;
        match self.heap.kind(off) {
            Kind::Bytes => {
                let len = self.heap.get::<StrObj>(off).len as usize;
                Some(self.heap.bytes_at(off, STR_DATA, len))
            }
            _ => None,
        }
    }

    /// Number of code points of a str value.
    pub fn str_char_len(&self, v: Value) -> usize {
        match v.unpack() {
            Unpacked::Obj(off) if self.heap.kind(off) == Kind::Str => {
                self.heap.get::<StrObj>(off).nchars as usize
            }
            _ => self.str_of(v).map_or(0, |s| s.chars().count()),
        }
    }

    /// Hash of a str value.
    #[inline]
    pub fn str_hash(&self, v: Value) -> u32 {
        match v.unpack() {
            Unpacked::Str(q) => self.qstrs.hash(q),
            Unpacked::Obj(off) => self.heap.get::<StrObj>(off).hash,
            _ => 0,
        }
    }

    /// A new str value.
    pub fn new_str(&mut self, s: &str) -> PyResult<Value> {
        new_str(self, s)
    }
}

/// A one-character str.
pub fn new_char(vm: &mut Vm, s: &str) -> PyResult<Value> {
    if s.len() == 1 {
        let q = vm.intern(s);
        return Ok(Value::qstr(q));
    }
    new_str(vm, s)
}

/// CPython's `repr(str)`: quotes chosen to avoid escaping, `\n`-style escapes for
/// control characters, non-printable code points as `\x..`/`\u....`.
pub fn repr_str(s: &str, out: &mut String) {
    use core::fmt::Write;
    let q = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    out.push(q);
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (0x80..0xa0).contains(&(c as u32)) || c == '\u{ad}' => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (0xd800..0xe000).contains(&(c as u32)) || c == '\u{2028}' || c == '\u{2029}' || c == '\u{feff}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push(q);
}

/// `s[i]` and `s[slice]` (code-point indexing).
pub fn subscr(vm: &mut Vm, o: Value, key: Value) -> PyResult<Value> {
    let s = String::from(vm.str_of(o).unwrap_or(""));
    let ascii = s.is_ascii();
    let n = if ascii { s.len() } else { s.chars().count() };
    if super::slice::is_slice(vm, key) {
        let (start, _, step, count) = super::slice::indices(vm, key, n)?;
        if ascii && step == 1 {
            let a = start as usize;
            return new_str(vm, &s[a..a + count]);
        }
        let chars: alloc::vec::Vec<char> = s.chars().collect();
        let out: String = (0..count).map(|i| chars[(start + i as i64 * step) as usize]).collect();
        return new_str(vm, &out);
    }
    let i = crate::runtime::seq_index(vm, key, n, "string")?;
    if ascii {
        return new_char(vm, &s[i..i + 1]);
    }
    let ch = s.chars().nth(i).unwrap_or(' ');
    let mut buf = [0u8; 4];
    new_char(vm, ch.encode_utf8(&mut buf))
}

fn str_new(vm: &mut Vm, args: &[Value], kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let Some(&x) = args.get(1) else { return Ok(Value::qstr(q!(""))) };
    let encoding = args.get(2).copied().or_else(|| kw.iter().find(|(k, _)| *k == q!("encoding")).map(|(_, v)| *v));
    if let Some(_enc) = encoding {
        if let Some(b) = crate::obj::bytes::buffer_of(vm, x) {
            return match core::str::from_utf8(&b) {
                Ok(s) => new_str(vm, s),
                Err(_) => Err(vm.raise(crate::types::TypeId::UnicodeDecodeError, "invalid utf-8")),
            };
        }
    }
    crate::runtime::to_str(vm, x)
}

fn str_join(vm: &mut Vm, args: &[Value], _kw: &[(crate::qstr::Qstr, Value)]) -> PyResult<Value> {
    let items = crate::runtime::collect_iter(vm, args[1])?;
    let sep = String::from(vm.str_of(args[0]).unwrap_or(""));
    let mut out = String::new();
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        match vm.str_of(*it) {
            Some(s) => out.push_str(s),
            None => {
                let t = crate::runtime::type_name(vm, *it);
                return Err(vm.raise_fmt(crate::types::TypeId::TypeError, format_args!("sequence item {i}: expected str instance, {t} found")));
            }
        }
    }
    new_str(vm, &out)
}

/// `str`.
pub static STR_TYPE: crate::types::TypeDef = crate::types::TypeDef {
    name: "str",
    base: Some(crate::types::TypeId::Object),
    locals: &[fun!(q!("join"), str_join, 2, 2)],
    new: Some(str_new),
    subclassable: true,
};
