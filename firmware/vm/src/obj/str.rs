//! `str` and `bytes`: immutable, UTF-8 / raw bytes stored inline after a `StrObj`.
//! Interned strs are immediates (`Value::qstr`) and behave identically.
//!
//! str is indexed by code point. A heap str caches its code-point count (`nchars`);
//! when it equals the byte length the text is ASCII and every index is a byte offset,
//! which is the fast path of every method here. Searching works on the UTF-8 bytes
//! (`obj::search`): matches of a valid UTF-8 needle always fall on character boundaries.

use alloc::string::String;
use alloc::vec::Vec;

use super::search;
use super::unicode as uc;
use super::{Kind, StrObj, STR_DATA};
use crate::qstr::{hash_bytes, hash_continue, Qstr};
use crate::runtime;
use crate::types::TypeId;
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};

type Kw<'a> = &'a [(Qstr, Value)];

/// A new str holding `s` (the empty string is the interned `""`).
pub fn new_str(vm: &mut Vm, s: &str) -> PyResult<Value> {
    let nchars = if s.is_ascii() { s.len() } else { s.chars().count() };
    new_str_n(vm, s, nchars)
}

/// A new str whose code-point count is already known.
fn new_str_n(vm: &mut Vm, s: &str, nchars: usize) -> PyResult<Value> {
    if s.is_empty() {
        return Ok(Value::qstr(q!("")));
    }
    let off = vm.alloc(Kind::Str, STR_DATA as usize + s.len())?;
    let o = vm.heap.get_mut::<StrObj>(off);
    o.hash = hash_bytes(s.as_bytes());
    o.len = s.len() as u32;
    o.nchars = nchars as u32;
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
        // Tags tested directly (not through `unpack`): this is on every str path.
        if let Some(q) = v.as_qstr() {
            return Some(self.qstrs.get(q));
        }
        let off = v.as_obj()?;
        match self.heap.kind(off) {
            Kind::Str => {
                let len = self.heap.get::<StrObj>(off).len as usize;
                let b = self.heap.bytes_at(off, STR_DATA, len);
                // SAFETY: str objects are only created from valid UTF-8 (`new_str`).
                Some(unsafe { core::str::from_utf8_unchecked(b) })
            }
            Kind::Instance => self.instance_str_of(off),
            _ => None,
        }
    }

    /// `str_of` of an instance of a str subclass (out of line: rare).
    #[inline(never)]
    fn instance_str_of(&self, off: u32) -> Option<&str> {
        let native = self.heap.get::<super::InstObj>(off).native;
        if native.is_obj() || native.as_qstr().is_some() { self.str_of(native) } else { None }
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
        if let Some(off) = v.as_obj() {
            if self.heap.kind(off) == Kind::Str {
                return self.heap.get::<StrObj>(off).nchars as usize;
            }
        }
        self.str_of(v).map_or(0, |s| if s.is_ascii() { s.len() } else { s.chars().count() })
    }

    /// Hash of a str value.
    #[inline]
    pub fn str_hash(&self, v: Value) -> u32 {
        if let Some(q) = v.as_qstr() {
            return self.qstrs.hash(q);
        }
        if let Some(off) = v.as_obj() {
            if self.heap.kind(off) == Kind::Str {
                return self.heap.get::<StrObj>(off).hash;
            }
        }
        self.str_of(v).map_or(0, |s| hash_bytes(s.as_bytes()))
    }

    /// A new str value.
    pub fn new_str(&mut self, s: &str) -> PyResult<Value> {
        new_str(self, s)
    }
}

/// The interned one-character strs of printable ASCII (`"` and `\\` are looked up).
static ASCII_CHARS: [Qstr; 95] = [
    q!(" "), q!("!"), q!(""), q!("#"), q!("$"), q!("%"), q!("&"), q!("'"), q!("("), q!(")"), q!("*"), q!("+"),
    q!(","), q!("-"), q!("."), q!("/"), q!("0"), q!("1"), q!("2"), q!("3"), q!("4"), q!("5"), q!("6"), q!("7"),
    q!("8"), q!("9"), q!(":"), q!(";"), q!("<"), q!("="), q!(">"), q!("?"), q!("@"), q!("A"), q!("B"), q!("C"),
    q!("D"), q!("E"), q!("F"), q!("G"), q!("H"), q!("I"), q!("J"), q!("K"), q!("L"), q!("M"), q!("N"), q!("O"),
    q!("P"), q!("Q"), q!("R"), q!("S"), q!("T"), q!("U"), q!("V"), q!("W"), q!("X"), q!("Y"), q!("Z"), q!("["),
    q!(""), q!("]"), q!("^"), q!("_"), q!("`"), q!("a"), q!("b"), q!("c"), q!("d"), q!("e"), q!("f"), q!("g"),
    q!("h"), q!("i"), q!("j"), q!("k"), q!("l"), q!("m"), q!("n"), q!("o"), q!("p"), q!("q"), q!("r"), q!("s"),
    q!("t"), q!("u"), q!("v"), q!("w"), q!("x"), q!("y"), q!("z"), q!("{"), q!("|"), q!("}"), q!("~"),
];

/// A one-character str (ASCII ones are interned without a lookup).
#[inline]
pub fn new_char(vm: &mut Vm, s: &str) -> PyResult<Value> {
    if let &[b] = s.as_bytes() {
        let q = b.checked_sub(0x20).and_then(|i| ASCII_CHARS.get(i as usize)).filter(|_| b != b'"' && b != b'\\');
        if let Some(&q) = q {
            return Ok(Value::qstr(q));
        }
        let q = vm.intern(s);
        return Ok(Value::qstr(q));
    }
    new_str(vm, s)
}

/// CPython's `repr(str)`: quotes chosen to avoid escaping, `\n`-style escapes for
/// control characters, non-printable code points as `\x..`/`\u....`/`\U........`.
pub fn repr_str(s: &str, out: &mut String) {
    use core::fmt::Write;
    let q = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    out.reserve(s.len() + 2);
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
            c if (' '..'\x7f').contains(&c) => out.push(c),
            c if uc::is_printable(c) => out.push(c),
            c => {
                let x = c as u32;
                let _ = if x < 0x100 {
                    write!(out, "\\x{x:02x}")
                } else if x < 0x10000 {
                    write!(out, "\\u{x:04x}")
                } else {
                    write!(out, "\\U{x:08x}")
                };
            }
        }
    }
    out.push(q);
}

// ---------------------------------------------------------------- helpers

/// The text of `v` ("" if not a str).
#[inline]
fn text(vm: &Vm, v: Value) -> &str {
    vm.str_of(v).unwrap_or("")
}

/// Is the str `v` all ASCII (so char indices are byte indices)?
#[inline]
fn is_ascii(vm: &Vm, v: Value) -> bool {
    if let Some(off) = v.as_obj() {
        if vm.heap.kind(off) == Kind::Str {
            let o = vm.heap.get::<StrObj>(off);
            return o.len == o.nchars;
        }
    }
    text(vm, v).is_ascii()
}

/// Is `v` exactly a str (not a subclass instance), so it can be returned as is?
#[inline]
fn is_exact(vm: &Vm, v: Value) -> bool {
    v.as_qstr().is_some() || v.as_obj().is_some_and(|off| vm.heap.kind(off) == Kind::Str)
}

/// Byte offset of code point `ci` (clamped to the end).
#[inline]
fn char_to_byte(s: &str, ascii: bool, ci: usize) -> usize {
    if ascii {
        ci.min(s.len())
    } else {
        s.char_indices().nth(ci).map_or(s.len(), |(b, _)| b)
    }
}

/// Code-point index of byte offset `b`.
#[inline]
fn byte_to_char(s: &str, ascii: bool, b: usize) -> usize {
    if ascii { b } else { s.get(..b).map_or(0, |t| t.chars().count()) }
}

/// Number of code points of `s`.
#[inline]
fn nchars(s: &str) -> usize {
    if s.is_ascii() { s.len() } else { s.chars().count() }
}

/// The str `src[a..b]` (byte offsets on character boundaries). `src` must be rooted
/// (an argument, or held by a rooted object): its bytes are copied after allocating.
pub fn new_substr(vm: &mut Vm, src: Value, a: usize, b: usize) -> PyResult<Value> {
    let ascii = is_ascii(vm, src);
    let s = text(vm, src);
    if a == 0 && b >= s.len() && is_exact(vm, src) {
        return Ok(src);
    }
    let Some(piece) = s.get(a..b) else { return Ok(Value::qstr(q!(""))) };
    let n = piece.len();
    if n <= 1 {
        let mut one = [0u8; 1];
        one[..n].copy_from_slice(piece.as_bytes());
        return new_char(vm, core::str::from_utf8(&one[..n]).unwrap_or(""));
    }
    let nc = if ascii { n } else { nchars(piece) };
    let hash = hash_bytes(piece.as_bytes());
    let from = piece.as_ptr();
    let off = vm.alloc(Kind::Str, STR_DATA as usize + n)?;
    let o = vm.heap.get_mut::<StrObj>(off);
    o.hash = hash;
    o.len = n as u32;
    o.nchars = nc as u32;
    // SAFETY: `from` points at `n` bytes of a str that is still alive and in place: `src`
    // is rooted (caller contract), the heap never moves objects and interned strings are
    // never freed or moved. The destination is the fresh allocation of `n` data bytes,
    // distinct from the source, and no reference into the arena is alive here.
    unsafe { core::ptr::copy_nonoverlapping(from, vm.heap.ptr(off + STR_DATA), n) };
    Ok(Value::obj(off))
}

/// Byte length, code-point count and hash of an exact str (interned or heap); None for
/// anything else (subclass instances included).
#[inline]
fn exact_parts(vm: &Vm, v: Value) -> Option<(usize, usize, u32)> {
    if let Some(q) = v.as_qstr() {
        let s = vm.qstrs.get(q);
        return Some((s.len(), nchars(s), vm.qstrs.hash(q)));
    }
    let off = v.as_obj()?;
    if vm.heap.kind(off) != Kind::Str {
        return None;
    }
    let o = vm.heap.get::<StrObj>(off);
    Some((o.len as usize, o.nchars as usize, o.hash))
}

/// `a + b` when both are exact strs (None otherwise: the caller takes the general path).
/// The result is built in place: no temporary String, the code-point count is the sum of
/// the parts' and the hash carries on from `a`'s.
pub fn concat(vm: &mut Vm, a: Value, b: Value) -> Option<PyResult<Value>> {
    let (la, ca, ha) = exact_parts(vm, a)?;
    let (lb, cb, _) = exact_parts(vm, b)?;
    if lb == 0 {
        return Some(Ok(a));
    }
    if la == 0 {
        return Some(Ok(b));
    }
    let n = la + lb;
    // The parts are copied after the allocation, which may collect.
    vm.root(a);
    vm.root(b);
    let off = match vm.alloc(Kind::Str, STR_DATA as usize + n) {
        Ok(off) => off,
        Err(e) => return Some(Err(e)),
    };
    let (pa, pb) = (text(vm, a).as_ptr(), text(vm, b).as_ptr());
    let dst = vm.heap.ptr(off + STR_DATA);
    // SAFETY: `pa`/`pb` point at the `la`/`lb` text bytes of `a` and `b`, alive and in
    // place (rooted above; the heap never moves objects and interned strings are never
    // freed or moved). `dst` is the fresh allocation's `n = la + lb` data bytes, distinct
    // from both sources; no reference into the arena is alive here.
    unsafe {
        core::ptr::copy_nonoverlapping(pa, dst, la);
        core::ptr::copy_nonoverlapping(pb, dst.add(la), lb);
    }
    let hash = hash_continue(ha, vm.heap.bytes_at(off, STR_DATA + la as u32, lb));
    let o = vm.heap.get_mut::<StrObj>(off);
    o.hash = hash;
    o.len = n as u32;
    o.nchars = (ca + cb) as u32;
    Some(Ok(Value::obj(off)))
}

/// A list of the pieces `src[a..b]` for each range.
fn substr_list(vm: &mut Vm, src: Value, ranges: &[(usize, usize)]) -> PyResult<Value> {
    let mut items = Vec::with_capacity(ranges.len());
    for &(a, b) in ranges {
        items.push(new_substr(vm, src, a, b)?);
    }
    super::list::new_list(vm, &items)
}

/// "{what}, not {type}" TypeError.
fn type_error_not(vm: &mut Vm, what: &str, v: Value) -> Exc {
    let t = runtime::type_name(vm, v);
    vm.raise_fmt(TypeId::TypeError, format_args!("{what}, not {t}"))
}

/// Require `v` to be a str.
fn need_str(vm: &mut Vm, v: Value, what: &str) -> PyResult<()> {
    if vm.str_of(v).is_some() { Ok(()) } else { Err(type_error_not(vm, what, v)) }
}

/// Positional argument `pos` or keyword `name`.
pub(crate) fn arg(args: &[Value], kw: Kw<'_>, pos: usize, name: Qstr) -> Option<Value> {
    args.get(pos).copied().or_else(|| kw.iter().find(|(k, _)| *k == name).map(|(_, v)| *v))
}

/// Reject keyword arguments not in `allowed`.
pub(crate) fn check_kw(vm: &mut Vm, kw: Kw<'_>, allowed: &[Qstr], fname: &str) -> PyResult<()> {
    for (k, _) in kw {
        if !allowed.contains(k) {
            let n = String::from(vm.qstr_str(*k));
            return Err(vm.raise_fmt(TypeId::TypeError, format_args!("'{n}' is an invalid keyword argument for {fname}()")));
        }
    }
    Ok(())
}

/// An optional slice index argument (None/absent -> None).
pub(crate) fn opt_index(vm: &mut Vm, v: Option<Value>) -> PyResult<Option<i64>> {
    let Some(v) = v else { return Ok(None) };
    if v.is_none() || v.is_null() {
        return Ok(None);
    }
    match vm.int_of(v) {
        Some(super::int::IntVal::Small(i)) => Ok(Some(i)),
        Some(super::int::IntVal::Big(b)) => Ok(Some(if b.sign() == num_bigint::Sign::Minus { i64::MIN / 4 } else { i64::MAX / 4 })),
        None => Err(vm.raise(TypeId::TypeError, "slice indices must be integers or None or have an __index__ method")),
    }
}

/// An argument CPython converts to a C int.
pub(crate) fn c_int_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    let i = int_arg(vm, v)?;
    if i > i32::MAX as i64 || i < i32::MIN as i64 {
        return Err(vm.raise(TypeId::OverflowError, "Python int too large to convert to C int"));
    }
    Ok(i)
}

/// An integer argument (TypeError otherwise); huge values saturate.
pub(crate) fn int_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    match vm.int_of(v) {
        Some(super::int::IntVal::Small(i)) => Ok(i),
        Some(super::int::IntVal::Big(b)) => {
            if b.sign() == num_bigint::Sign::Minus {
                Ok(i64::MIN / 4)
            } else {
                Err(vm.raise(TypeId::OverflowError, "Python int too large to convert to C ssize_t"))
            }
        }
        None => {
            let t = runtime::type_name(vm, v);
            Err(vm.raise_fmt(TypeId::TypeError, format_args!("'{t}' object cannot be interpreted as an integer")))
        }
    }
}

/// CPython's ADJUST_INDICES: (start, end) in 0..=len for end, start may exceed len.
pub(crate) fn adjust(start: Option<i64>, end: Option<i64>, len: usize) -> (i64, i64) {
    let len = len as i64;
    let mut e = end.unwrap_or(len);
    if e > len {
        e = len;
    } else if e < 0 {
        e = (e + len).max(0);
    }
    let mut s = start.unwrap_or(0);
    if s < 0 {
        s = (s + len).max(0);
    }
    (s, e)
}

/// A search window of `self[start:end]`: byte range, char index of its start and its
/// length in chars (negative when start > end).
struct Win {
    a: usize,
    b: usize,
    cs: usize,
    nch: i64,
}

fn window(vm: &mut Vm, sv: Value, start: Option<Value>, end: Option<Value>) -> PyResult<Win> {
    let st = opt_index(vm, start)?;
    let en = opt_index(vm, end)?;
    let ascii = is_ascii(vm, sv);
    let n = vm.str_char_len(sv);
    let (cs, ce) = adjust(st, en, n);
    let s = text(vm, sv);
    if ce <= cs {
        let a = char_to_byte(s, ascii, cs.min(n as i64) as usize);
        return Ok(Win { a, b: a, cs: cs as usize, nch: ce - cs });
    }
    let (a, b) = if ascii {
        (cs as usize, ce as usize)
    } else {
        let a = char_to_byte(s, false, cs as usize);
        let b = a + char_to_byte(s.get(a..).unwrap_or(""), false, (ce - cs) as usize);
        (a, b)
    };
    Ok(Win { a, b, cs: cs as usize, nch: ce - cs })
}

/// Shared body of find/rfind/index/rindex: the char index of the match or None.
fn find_impl(vm: &mut Vm, args: &[Value], rev: bool) -> PyResult<Option<usize>> {
    need_str(vm, args[1], "must be str")?;
    let w = window(vm, args[0], args.get(2).copied(), args.get(3).copied())?;
    let ascii = is_ascii(vm, args[0]);
    let s = text(vm, args[0]);
    let sub = text(vm, args[1]);
    let m = if ascii || sub.is_ascii() { sub.len() } else { nchars(sub) } as i64;
    if w.nch < m {
        return Ok(None);
    }
    let hay = s.as_bytes().get(w.a..w.b).unwrap_or(&[]);
    let p = if rev { search::rfind(hay, sub.as_bytes()) } else { search::find(hay, sub.as_bytes()) };
    Ok(p.map(|p| w.cs + byte_to_char(&s[w.a..], ascii, p)))
}

fn index_result(vm: &mut Vm, r: Option<usize>, what: &str) -> PyResult<Value> {
    match r {
        Some(i) => vm.new_int(i as i64),
        None => Err(vm.raise(TypeId::ValueError, what)),
    }
}

fn str_find(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let r = find_impl(vm, args, false)?;
    vm.new_int(r.map_or(-1, |i| i as i64))
}

fn str_rfind(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let r = find_impl(vm, args, true)?;
    vm.new_int(r.map_or(-1, |i| i as i64))
}

fn str_index(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let r = find_impl(vm, args, false)?;
    index_result(vm, r, "substring not found")
}

fn str_rindex(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let r = find_impl(vm, args, true)?;
    index_result(vm, r, "substring not found")
}

fn str_count(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    need_str(vm, args[1], "must be str")?;
    let w = window(vm, args[0], args.get(2).copied(), args.get(3).copied())?;
    let s = text(vm, args[0]);
    let sub = text(vm, args[1]);
    if sub.is_empty() {
        return vm.new_int(if w.nch < 0 { 0 } else { w.nch + 1 });
    }
    let hay = s.as_bytes().get(w.a..w.b).unwrap_or(&[]);
    let c = search::count(hay, sub.as_bytes(), usize::MAX);
    vm.new_int(c as i64)
}

/// startswith / endswith.
fn tail_match(vm: &mut Vm, args: &[Value], end: bool) -> PyResult<Value> {
    let what = if end { "endswith" } else { "startswith" };
    let prefixes: Vec<Value> = if let Some(t) = vm.tuple_items(args[1]) {
        t.to_vec()
    } else if vm.str_of(args[1]).is_some() {
        alloc::vec![args[1]]
    } else {
        return Err(type_error_not(vm, &alloc::format!("{what} first arg must be str or a tuple of str"), args[1]));
    };
    let w = window(vm, args[0], args.get(2).copied(), args.get(3).copied())?;
    for p in prefixes {
        if vm.str_of(p).is_none() {
            return Err(type_error_not(vm, &alloc::format!("tuple for {what} must only contain str"), p));
        }
        let s = text(vm, args[0]);
        let sub = text(vm, p);
        if w.nch < nchars(sub) as i64 {
            continue;
        }
        let hay = s.as_bytes().get(w.a..w.b).unwrap_or(&[]);
        let ok = if end { hay.ends_with(sub.as_bytes()) } else { hay.starts_with(sub.as_bytes()) };
        if ok {
            return Ok(Value::TRUE);
        }
    }
    Ok(Value::FALSE)
}

fn str_startswith(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    tail_match(vm, args, false)
}

fn str_endswith(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    tail_match(vm, args, true)
}

/// Byte length of the str whitespace character at `i` (0 if none).
#[inline]
fn ws_at(h: &[u8], i: usize) -> usize {
    let Some(&b) = h.get(i) else { return 0 };
    if b < 0x80 {
        return uc::is_space_ascii(b) as usize;
    }
    if !matches!(b, 0xc2 | 0xe1 | 0xe2 | 0xe3) {
        return 0;
    }
    let end = (i + 3).min(h.len());
    let tail = h.get(i..end).unwrap_or(&[]);
    let s = match core::str::from_utf8(tail) {
        Ok(s) => s,
        Err(e) => core::str::from_utf8(&tail[..e.valid_up_to()]).unwrap_or(""),
    };
    match s.chars().next() {
        Some(c) if uc::is_space(c) => c.len_utf8(),
        _ => 0,
    }
}

fn split_impl(vm: &mut Vm, args: &[Value], kw: Kw<'_>, rev: bool) -> PyResult<Value> {
    let fname = if rev { "rsplit" } else { "split" };
    check_kw(vm, kw, &[q!("sep"), q!("maxsplit")], fname)?;
    let sep = arg(args, kw, 1, q!("sep")).filter(|v| !v.is_none());
    let max = match arg(args, kw, 2, q!("maxsplit")) {
        Some(m) => int_arg(vm, m)?,
        None => -1,
    };
    let sv = args[0];
    let ranges = match sep {
        None => {
            let h = text(vm, sv).as_bytes();
            if rev { search::rsplit_ws(h, max, ws_at) } else { search::split_ws(h, max, ws_at) }
        }
        Some(sep) => {
            need_str(vm, sep, "must be str or None")?;
            let h = text(vm, sv).as_bytes();
            let sp = text(vm, sep).as_bytes();
            if sp.is_empty() {
                return Err(vm.raise(TypeId::ValueError, "empty separator"));
            }
            if rev { search::rsplit(h, sp, max) } else { search::split(h, sp, max) }
        }
    };
    substr_list(vm, sv, &ranges)
}

fn str_split(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    split_impl(vm, args, kw, false)
}

fn str_rsplit(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    split_impl(vm, args, kw, true)
}

/// Byte length of the line break at `i` (`\r\n` is one), else 0.
fn linebreak_at(h: &[u8], i: usize) -> usize {
    match h.get(i) {
        Some(b'\r') => {
            if h.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            }
        }
        Some(b'\n' | 0x0b | 0x0c | 0x1c | 0x1d | 0x1e) => 1,
        Some(0xc2) if h.get(i + 1) == Some(&0x85) => 2,
        Some(0xe2) if h.get(i + 1) == Some(&0x80) && matches!(h.get(i + 2), Some(0xa8 | 0xa9)) => 3,
        _ => 0,
    }
}

fn str_splitlines(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    check_kw(vm, kw, &[q!("keepends")], "splitlines")?;
    let keep = match arg(args, kw, 1, q!("keepends")) {
        Some(k) => runtime::truthy(vm, k)?,
        None => false,
    };
    let h = text(vm, args[0]).as_bytes();
    let lines = search::split_lines(h, linebreak_at);
    let ranges: Vec<(usize, usize)> = lines.iter().map(|&(a, b, c)| (a, if keep { c } else { b })).collect();
    substr_list(vm, args[0], &ranges)
}

fn str_join(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let items = runtime::collect_iter(vm, args[1])?;
    if items.len() == 1 && is_exact(vm, items[0]) {
        return Ok(items[0]);
    }
    let sep = text(vm, args[0]);
    let (sep_len, sep_chars) = (sep.len(), char_count(vm, args[0]));
    let mut total = sep_len.saturating_mul(items.len().saturating_sub(1));
    let mut chars = sep_chars.saturating_mul(items.len().saturating_sub(1));
    for (i, &it) in items.iter().enumerate() {
        match vm.str_of(it) {
            Some(s) => {
                total += s.len();
                chars += char_count(vm, it);
            }
            None => {
                let t = runtime::type_name(vm, it);
                return Err(vm.raise_fmt(TypeId::TypeError, format_args!("sequence item {i}: expected str instance, {t} found")));
            }
        }
    }
    if total > vm.heap.total_bytes() {
        return Err(vm.raise_memory_error_bytes(total));
    }
    if total == 0 {
        return Ok(Value::qstr(q!("")));
    }
    // Built straight into the new object. The separator is an argument and the items are
    // in a live container or rooted by `collect_iter`, so their texts stay in place.
    let off = vm.alloc(Kind::Str, STR_DATA as usize + total)?;
    let dst = vm.heap.ptr(off + STR_DATA);
    let mut at = 0usize;
    for (i, &it) in items.iter().enumerate() {
        let parts: [&str; 2] = [if i > 0 { text(vm, args[0]) } else { "" }, text(vm, it)];
        for p in parts {
            let n = p.len().min(total - at);
            // SAFETY: `p` is the text of a live str (see above), distinct from the fresh
            // allocation; `at + n <= total`, the allocation's data size, and no reference
            // into the arena is alive across the copy.
            unsafe { core::ptr::copy_nonoverlapping(p.as_ptr(), dst.add(at), n) };
            at += n;
        }
    }
    let hash = hash_bytes(vm.heap.bytes_at(off, STR_DATA, total));
    let o = vm.heap.get_mut::<StrObj>(off);
    o.hash = hash;
    o.len = total as u32;
    o.nchars = chars as u32;
    Ok(Value::obj(off))
}

/// Code points of a str value (cached for heap strs).
#[inline]
fn char_count(vm: &Vm, v: Value) -> usize {
    vm.str_char_len(v)
}

/// strip / lstrip / rstrip.
fn strip_impl(vm: &mut Vm, args: &[Value], left: bool, right: bool) -> PyResult<Value> {
    let sv = args[0];
    let chars = args.get(1).copied().filter(|v| !v.is_none());
    let (a, b) = match chars {
        None => search::strip_ws(text(vm, sv).as_bytes(), left, right, ws_at),
        Some(c) => {
            if vm.str_of(c).is_none() {
                let name = if left && right { "strip" } else if left { "lstrip" } else { "rstrip" };
                return Err(vm.raise_fmt(TypeId::TypeError, format_args!("{name} arg must be None or str")));
            }
            let s = text(vm, sv);
            let set = text(vm, c);
            let mut a = 0;
            let mut b = s.len();
            if set.is_ascii() && s.is_ascii() {
                let bs = s.as_bytes();
                let st = set.as_bytes();
                if left {
                    while a < b && st.contains(&bs[a]) {
                        a += 1;
                    }
                }
                if right {
                    while b > a && st.contains(&bs[b - 1]) {
                        b -= 1;
                    }
                }
            } else {
                if left {
                    a = s.char_indices().find(|(_, ch)| !set.contains(*ch)).map_or(s.len(), |(i, _)| i);
                }
                if right {
                    b = s[a..].char_indices().rev().find(|(_, ch)| !set.contains(*ch)).map_or(a, |(i, ch)| a + i + ch.len_utf8());
                }
            }
            (a, b)
        }
    };
    new_substr(vm, sv, a, b)
}

fn str_strip(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    strip_impl(vm, args, true, true)
}

fn str_lstrip(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    strip_impl(vm, args, true, false)
}

fn str_rstrip(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    strip_impl(vm, args, false, true)
}

fn str_replace(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    check_kw(vm, kw, &[q!("count")], "replace")?;
    if vm.str_of(args[1]).is_none() {
        return Err(type_error_not(vm, "replace() argument 1 must be str", args[1]));
    }
    let Some(newv) = args.get(2).copied() else {
        return Err(vm.raise(TypeId::TypeError, "replace() takes at least 2 arguments"));
    };
    if vm.str_of(newv).is_none() {
        return Err(type_error_not(vm, "replace() argument 2 must be str", newv));
    }
    let max = match arg(args, kw, 3, q!("count")) {
        Some(c) => int_arg(vm, c)?,
        None => -1,
    };
    let s = text(vm, args[0]);
    let old = text(vm, args[1]);
    let new = text(vm, newv);
    if max == 0 || (!old.is_empty() && search::find(s.as_bytes(), old.as_bytes()).is_none()) {
        if is_exact(vm, args[0]) {
            return Ok(args[0]);
        }
        let s = String::from(s);
        return new_str(vm, &s);
    }
    // Bound the result size before building it.
    let hits = if old.is_empty() { nchars(s) + 1 } else { search::count(s.as_bytes(), old.as_bytes(), usize::MAX) };
    let hits = if max < 0 { hits } else { hits.min(max as usize) };
    let size = (s.len() as u64) + (hits as u64) * (new.len() as u64);
    if size > vm.heap.total_bytes() as u64 {
        return Err(vm.raise_memory_error());
    }
    let out = search::replace(s.as_bytes(), old.as_bytes(), new.as_bytes(), max, true);
    let out = String::from_utf8(out).unwrap_or_default();
    new_str(vm, &out)
}

/// Map every char through `f` into a new str (case conversions).
fn map_str(vm: &mut Vm, sv: Value, ascii_f: fn(&str) -> String, f: fn(&str) -> String) -> PyResult<Value> {
    let s = text(vm, sv);
    let out = if is_ascii(vm, sv) { ascii_f(s) } else { f(s) };
    if out == text(vm, sv) && is_exact(vm, sv) {
        return Ok(sv);
    }
    new_str(vm, &out)
}

/// lower()/upper() of an ASCII str, written straight into the new object (the str
/// itself when nothing changes and it is exactly a str). `sv` is an argument (rooted).
fn ascii_case(vm: &mut Vm, sv: Value, upper: bool) -> PyResult<Value> {
    let s = text(vm, sv).as_bytes();
    let changes = if upper { s.iter().any(u8::is_ascii_lowercase) } else { s.iter().any(u8::is_ascii_uppercase) };
    let n = s.len();
    if !changes && is_exact(vm, sv) {
        return Ok(sv);
    }
    if n == 0 {
        return Ok(Value::qstr(q!("")));
    }
    let off = vm.alloc(Kind::Str, STR_DATA as usize + n)?;
    let src = text(vm, sv).as_ptr();
    let dst = vm.heap.ptr(off + STR_DATA);
    for i in 0..n {
        // SAFETY: `src` holds the `n` bytes of `sv`'s text (alive, in place: `sv` is
        // rooted and the heap never moves); `dst` is the fresh allocation's `n` data
        // bytes; no reference into the arena is alive here.
        unsafe {
            let b = *src.add(i);
            *dst.add(i) = if upper { b.to_ascii_uppercase() } else { b.to_ascii_lowercase() };
        }
    }
    let hash = hash_bytes(vm.heap.bytes_at(off, STR_DATA, n));
    let o = vm.heap.get_mut::<StrObj>(off);
    o.hash = hash;
    o.len = n as u32;
    o.nchars = n as u32;
    Ok(Value::obj(off))
}

fn str_upper(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    if is_ascii(vm, args[0]) {
        return ascii_case(vm, args[0], true);
    }
    map_str(vm, args[0], |s| s.to_ascii_uppercase(), |s| s.to_uppercase())
}

fn str_lower(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    if is_ascii(vm, args[0]) {
        return ascii_case(vm, args[0], false);
    }
    map_str(vm, args[0], |s| s.to_ascii_lowercase(), |s| s.to_lowercase())
}

fn casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            'ς' => out.push('σ'),
            'ſ' => out.push('s'),
            'ŉ' => out.push_str("ʼn"),
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Case-ignorable characters skipped by the final-sigma rule.
fn case_ignorable(c: char) -> bool {
    matches!(c, '\'' | '.' | ':' | '^' | '`' | '\u{ad}' | '\u{b7}' | '\u{2018}' | '\u{2019}') || uc::is_combining(c)
}

/// Lower case of the capital sigma at `i`: final `ς` after a cased letter and not
/// before one (Unicode's Final_Sigma condition, as CPython's lower()).
fn sigma_at(chars: &[char], i: usize) -> char {
    let before = chars[..i].iter().rev().find(|c| !case_ignorable(**c)).is_some_and(|c| uc::is_cased(*c));
    let after = chars.get(i + 1..).unwrap_or(&[]).iter().find(|c| !case_ignorable(**c)).is_some_and(|c| uc::is_cased(*c));
    if before && !after { 'ς' } else { 'σ' }
}

/// Push the lower case of `chars[i]` (final sigma aware).
fn push_lower(out: &mut String, chars: &[char], i: usize) {
    match chars[i] {
        'Σ' => out.push(sigma_at(chars, i)),
        c => out.extend(c.to_lowercase()),
    }
}

fn str_casefold(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    map_str(vm, args[0], |s| s.to_ascii_lowercase(), casefold)
}

fn swapcase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if uc::is_upper(c) {
            push_lower(&mut out, &chars, i);
        } else if uc::is_lower(c) {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn str_swapcase(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    map_str(
        vm,
        args[0],
        |s| s.chars().map(|c| if c.is_ascii_uppercase() { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() }).collect(),
        swapcase,
    )
}

fn capitalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if i == 0 {
            uc::push_title(&mut out, c);
        } else {
            push_lower(&mut out, &chars, i);
        }
    }
    out
}

fn str_capitalize(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    map_str(
        vm,
        args[0],
        |s| {
            let mut out = s.to_ascii_lowercase();
            if let Some(f) = out.get_mut(..1) {
                f.make_ascii_uppercase();
            }
            out
        },
        capitalize,
    )
}

fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if prev_cased {
            push_lower(&mut out, &chars, i);
        } else {
            uc::push_title(&mut out, c);
        }
        prev_cased = uc::is_cased(c);
    }
    out
}

fn str_title(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    map_str(
        vm,
        args[0],
        |s| {
            let mut out = String::with_capacity(s.len());
            let mut prev = false;
            for c in s.chars() {
                out.push(if prev { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() });
                prev = c.is_ascii_alphabetic();
            }
            out
        },
        title,
    )
}

/// Width and fill arguments of center/ljust/rjust.
fn pad_args(vm: &mut Vm, args: &[Value]) -> PyResult<(i64, char)> {
    let width = int_arg(vm, args[1])?;
    let fill = match args.get(2) {
        None => ' ',
        Some(&f) => {
            let Some(fs) = vm.str_of(f) else {
                return Err(type_error_not(vm, "The fill character must be a unicode character", f));
            };
            let mut it = fs.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => c,
                _ => return Err(vm.raise(TypeId::TypeError, "The fill character must be exactly one character long")),
            }
        }
    };
    Ok((width, fill))
}

/// `s` with `left` and `right` fill characters around it.
fn padded(vm: &mut Vm, sv: Value, left: usize, right: usize, fill: char) -> PyResult<Value> {
    let s = text(vm, sv);
    let total = (s.len() as u64).saturating_add((left as u64).saturating_add(right as u64).saturating_mul(fill.len_utf8() as u64));
    if total > vm.heap.total_bytes() as u64 {
        return Err(vm.raise_memory_error());
    }
    let n = vm.str_char_len(sv) + left + right;
    let s = text(vm, sv);
    let mut out = String::with_capacity(total as usize);
    out.extend(core::iter::repeat_n(fill, left));
    out.push_str(s);
    out.extend(core::iter::repeat_n(fill, right));
    new_str_n(vm, &out, n)
}

fn justify(vm: &mut Vm, args: &[Value], how: u8) -> PyResult<Value> {
    let (width, fill) = pad_args(vm, args)?;
    let n = vm.str_char_len(args[0]) as i64;
    if width <= n {
        if is_exact(vm, args[0]) {
            return Ok(args[0]);
        }
        let s = String::from(text(vm, args[0]));
        return new_str(vm, &s);
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
    padded(vm, args[0], l, r, fill)
}

fn str_center(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    justify(vm, args, b'^')
}

fn str_ljust(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    justify(vm, args, b'<')
}

fn str_rjust(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    justify(vm, args, b'>')
}

fn str_zfill(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let width = int_arg(vm, args[1])?;
    let n = vm.str_char_len(args[0]) as i64;
    if width <= n {
        if is_exact(vm, args[0]) {
            return Ok(args[0]);
        }
        let s = String::from(text(vm, args[0]));
        return new_str(vm, &s);
    }
    let fill = (width - n) as usize;
    if fill > vm.heap.total_bytes() {
        return Err(vm.raise_memory_error());
    }
    let s = text(vm, args[0]);
    let mut out = String::with_capacity(s.len() + fill);
    let rest = match s.as_bytes().first() {
        Some(&c @ (b'+' | b'-')) => {
            out.push(c as char);
            &s[1..]
        }
        _ => s,
    };
    out.extend(core::iter::repeat_n('0', fill));
    out.push_str(rest);
    new_str_n(vm, &out, width as usize)
}

fn partition_impl(vm: &mut Vm, args: &[Value], rev: bool) -> PyResult<Value> {
    need_str(vm, args[1], "must be str")?;
    let s = text(vm, args[0]);
    let sep = text(vm, args[1]);
    if sep.is_empty() {
        return Err(vm.raise(TypeId::ValueError, "empty separator"));
    }
    let (n, m) = (s.len(), sep.len());
    let found = if rev { search::rfind(s.as_bytes(), sep.as_bytes()) } else { search::find(s.as_bytes(), sep.as_bytes()) };
    let empty = Value::qstr(q!(""));
    let items = match found {
        Some(p) => {
            let a = new_substr(vm, args[0], 0, p)?;
            let c = new_substr(vm, args[0], p + m, n)?;
            [a, args[1], c]
        }
        None if rev => [empty, empty, args[0]],
        None => [args[0], empty, empty],
    };
    super::tuple::new_tuple(vm, &items)
}

fn str_partition(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    partition_impl(vm, args, false)
}

fn str_rpartition(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    partition_impl(vm, args, true)
}

/// A predicate true for non-empty strings whose every char satisfies `f`.
fn all_chars(vm: &mut Vm, v: Value, f: fn(char) -> bool) -> PyResult<Value> {
    let s = text(vm, v);
    Ok(Value::bool(!s.is_empty() && s.chars().all(f)))
}

fn str_isdigit(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    all_chars(vm, args[0], uc::is_digit)
}

fn str_isdecimal(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    all_chars(vm, args[0], uc::is_decimal)
}

fn str_isnumeric(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    all_chars(vm, args[0], uc::is_numeric)
}

fn str_isalpha(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    all_chars(vm, args[0], uc::is_alpha)
}

fn str_isalnum(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    all_chars(vm, args[0], uc::is_alnum)
}

fn str_isspace(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    all_chars(vm, args[0], uc::is_space)
}

fn str_isascii(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    Ok(Value::bool(is_ascii(vm, args[0])))
}

fn str_isprintable(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    Ok(Value::bool(text(vm, args[0]).chars().all(uc::is_printable)))
}

fn str_isidentifier(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let s = text(vm, args[0]);
    let mut it = s.chars();
    let ok = match it.next() {
        Some(c) => uc::is_id_start(c) && it.all(uc::is_id_continue),
        None => false,
    };
    Ok(Value::bool(ok))
}

fn str_isupper(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let mut cased = false;
    for c in text(vm, args[0]).chars() {
        if uc::is_lower(c) || uc::is_title(c) {
            return Ok(Value::FALSE);
        }
        cased |= uc::is_upper(c);
    }
    Ok(Value::bool(cased))
}

fn str_islower(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let mut cased = false;
    for c in text(vm, args[0]).chars() {
        if uc::is_upper(c) || uc::is_title(c) {
            return Ok(Value::FALSE);
        }
        cased |= uc::is_lower(c);
    }
    Ok(Value::bool(cased))
}

fn str_istitle(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let mut cased = false;
    let mut prev = false;
    for c in text(vm, args[0]).chars() {
        if uc::is_upper(c) || uc::is_title(c) {
            if prev {
                return Ok(Value::FALSE);
            }
            prev = true;
            cased = true;
        } else if uc::is_lower(c) {
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

/// Normalised codec name, or None if unsupported.
pub(crate) fn codec(vm: &mut Vm, enc: Option<Value>) -> PyResult<u8> {
    let Some(e) = enc else { return Ok(b'8') };
    let Some(name) = vm.str_of(e) else {
        return Err(type_error_not(vm, "encode() argument 'encoding' must be str", e));
    };
    let norm: String = name.chars().filter(|c| *c != '-' && *c != '_' && *c != ' ').flat_map(|c| c.to_lowercase()).collect();
    match norm.as_str() {
        "utf8" | "u8" | "utf" | "cp65001" => Ok(b'8'),
        "ascii" | "usascii" | "646" => Ok(b'a'),
        "latin1" | "latin" | "iso88591" | "l1" | "cp819" | "iso8859" | "8859" => Ok(b'l'),
        _ => {
            let n = String::from(name);
            Err(vm.raise_fmt(TypeId::LookupError, format_args!("unknown encoding: {n}")))
        }
    }
}

/// The error handler name ("strict" default).
pub(crate) fn errors_arg(vm: &mut Vm, v: Option<Value>) -> PyResult<String> {
    match v {
        None => Ok(String::from("strict")),
        Some(e) => match vm.str_of(e) {
            Some(s) => Ok(String::from(s)),
            None => Err(type_error_not(vm, "argument 'errors' must be str", e)),
        },
    }
}

/// Encode `s` with codec `c`.
pub(crate) fn encode_str(vm: &mut Vm, s: &str, c: u8, errors: &str) -> PyResult<Vec<u8>> {
    if c == b'8' || s.is_ascii() {
        return Ok(s.as_bytes().to_vec());
    }
    let limit = if c == b'a' { 0x80 } else { 0x100 };
    let mut out = Vec::with_capacity(s.len());
    for (i, ch) in s.chars().enumerate() {
        let x = ch as u32;
        if x < limit {
            out.push(x as u8);
            continue;
        }
        match errors {
            "ignore" => {}
            "replace" => out.push(b'?'),
            "backslashreplace" => {
                let e = if x < 0x100 {
                    alloc::format!("\\x{x:02x}")
                } else if x < 0x10000 {
                    alloc::format!("\\u{x:04x}")
                } else {
                    alloc::format!("\\U{x:08x}")
                };
                out.extend_from_slice(e.as_bytes());
            }
            "xmlcharrefreplace" => out.extend_from_slice(alloc::format!("&#{x};").as_bytes()),
            _ => {
                let name = if c == b'a' { "ascii" } else { "latin-1" };
                let ch = super::format::ascii_escape(&String::from(char::from_u32(x).unwrap_or('?')));
                return Err(vm.raise_fmt(
                    TypeId::UnicodeEncodeError,
                    format_args!("'{name}' codec can't encode character '{ch}' in position {i}: ordinal not in range({limit})"),
                ));
            }
        }
    }
    Ok(out)
}

/// Decode `b` with codec `c` into a String.
pub(crate) fn decode_bytes(vm: &mut Vm, b: &[u8], c: u8, errors: &str) -> PyResult<String> {
    match c {
        b'l' => Ok(b.iter().map(|&x| x as char).collect()),
        b'a' => {
            let mut out = String::with_capacity(b.len());
            for (i, &x) in b.iter().enumerate() {
                if x < 0x80 {
                    out.push(x as char);
                } else {
                    match errors {
                        "ignore" => {}
                        "replace" => out.push('\u{fffd}'),
                        "backslashreplace" => out.push_str(&alloc::format!("\\x{x:02x}")),
                        _ => {
                            return Err(vm.raise_fmt(
                                TypeId::UnicodeDecodeError,
                                format_args!("'ascii' codec can't decode byte 0x{x:02x} in position {i}: ordinal not in range(128)"),
                            ));
                        }
                    }
                }
            }
            Ok(out)
        }
        _ => {
            let mut out = String::with_capacity(b.len());
            let mut rest = b;
            let mut base = 0;
            loop {
                match core::str::from_utf8(rest) {
                    Ok(s) => {
                        out.push_str(s);
                        return Ok(out);
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        out.push_str(core::str::from_utf8(&rest[..good]).unwrap_or(""));
                        let bad = e.error_len().unwrap_or(rest.len() - good).max(1);
                        match errors {
                            "ignore" => {}
                            "replace" => out.push('\u{fffd}'),
                            "backslashreplace" => {
                                for &x in &rest[good..good + bad] {
                                    out.push_str(&alloc::format!("\\x{x:02x}"));
                                }
                            }
                            _ => {
                                let pos = base + good;
                                let x = rest[good];
                                let reason = if e.error_len().is_none() { "unexpected end of data" } else { "invalid start byte" };
                                let reason = if e.error_len().is_some() && (0x80..0xc0).contains(&x) {
                                    "invalid start byte"
                                } else if e.error_len().is_some() && x >= 0xc0 && good + 1 < rest.len() {
                                    "invalid continuation byte"
                                } else {
                                    reason
                                };
                                return Err(vm.raise_fmt(
                                    TypeId::UnicodeDecodeError,
                                    format_args!("'utf-8' codec can't decode byte 0x{x:02x} in position {pos}: {reason}"),
                                ));
                            }
                        }
                        base += good + bad;
                        rest = &rest[good + bad..];
                    }
                }
            }
        }
    }
}

fn str_encode(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    check_kw(vm, kw, &[q!("encoding"), q!("errors")], "encode")?;
    let c = codec(vm, arg(args, kw, 1, q!("encoding")))?;
    let errors = errors_arg(vm, arg(args, kw, 2, q!("errors")))?;
    let s = String::from(text(vm, args[0]));
    let b = encode_str(vm, &s, c, &errors)?;
    new_bytes(vm, &b)
}

fn str_expandtabs(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    check_kw(vm, kw, &[q!("tabsize")], "expandtabs")?;
    let ts = match arg(args, kw, 1, q!("tabsize")) {
        Some(t) => c_int_arg(vm, t)?,
        None => 8,
    };
    let s = text(vm, args[0]);
    if !s.contains('\t') {
        if is_exact(vm, args[0]) {
            return Ok(args[0]);
        }
        let s = String::from(s);
        return new_str(vm, &s);
    }
    let mut out = String::with_capacity(s.len());
    let mut col: i64 = 0;
    for c in s.chars() {
        match c {
            '\t' => {
                if ts > 0 {
                    let k = ts - col % ts;
                    if out.len() as u64 + k as u64 > vm.heap.total_bytes() as u64 {
                        return Err(vm.raise_memory_error());
                    }
                    out.extend(core::iter::repeat_n(' ', k as usize));
                    col += k;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            c => {
                out.push(c);
                col += 1;
            }
        }
    }
    new_str(vm, &out)
}

fn affix_impl(vm: &mut Vm, args: &[Value], suffix: bool) -> PyResult<Value> {
    need_str(vm, args[1], if suffix { "removesuffix() argument must be str" } else { "removeprefix() argument must be str" })?;
    let s = text(vm, args[0]);
    let a = text(vm, args[1]);
    let (x, y) = if a.is_empty() {
        (0, s.len())
    } else if !suffix && s.starts_with(a) {
        (a.len(), s.len())
    } else if suffix && s.ends_with(a) {
        (0, s.len() - a.len())
    } else {
        (0, s.len())
    };
    if x == 0 && y == s.len() && !is_exact(vm, args[0]) {
        let s = String::from(s);
        return new_str(vm, &s);
    }
    new_substr(vm, args[0], x, y)
}

fn str_removeprefix(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    affix_impl(vm, args, false)
}

fn str_removesuffix(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    affix_impl(vm, args, true)
}

fn str_format(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    let s = super::format::str_format(vm, args[0], &args[1..], kw, Value::NULL)?;
    new_str(vm, &s)
}

fn str_format_map(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let s = super::format::str_format(vm, args[0], &[], &[], args[1])?;
    new_str(vm, &s)
}

/// `str.maketrans(x[, y[, z]])`.
fn str_maketrans(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let d = super::dict::new_dict(vm)?;
    match args.len() {
        1 => {
            if vm.dict_off(args[0]).is_none() {
                return Err(vm.raise(TypeId::TypeError, "if you give only one argument to maketrans it must be a dict"));
            }
            for (k, v) in vm.dict_items(args[0]) {
                let key = if let Some(s) = vm.str_of(k) {
                    let mut it = s.chars();
                    match (it.next(), it.next()) {
                        (Some(c), None) => Value::small(c as i32),
                        _ => return Err(vm.raise(TypeId::ValueError, "string keys in translate table must be of length 1")),
                    }
                } else if vm.is_int(k) {
                    k
                } else {
                    return Err(vm.raise(TypeId::TypeError, "keys in translate table must be strings or integers"));
                };
                vm.dict_set(d, key, v)?;
            }
        }
        _ => {
            for &a in &args[..2] {
                need_str(vm, a, "maketrans() argument must be str")?;
            }
            let x: Vec<char> = text(vm, args[0]).chars().collect();
            let y: Vec<char> = text(vm, args[1]).chars().collect();
            if x.len() != y.len() {
                return Err(vm.raise(TypeId::ValueError, "the first two maketrans arguments must have equal length"));
            }
            for (a, b) in x.into_iter().zip(y) {
                vm.dict_set(d, Value::small(a as i32), Value::small(b as i32))?;
            }
            if let Some(&z) = args.get(2) {
                need_str(vm, z, "maketrans() argument 3 must be str")?;
                let zs: Vec<char> = text(vm, z).chars().collect();
                for c in zs {
                    vm.dict_set(d, Value::small(c as i32), Value::NONE)?;
                }
            }
        }
    }
    Ok(d)
}

fn str_translate(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let table = args[1];
    let chars: Vec<char> = text(vm, args[0]).chars().collect();
    let is_dict = vm.dict_off(table).is_some() && !table.as_obj().is_some_and(|o| vm.heap.kind(o) == Kind::Instance);
    let mut out = String::with_capacity(chars.len());
    for c in chars {
        let key = Value::small(c as i32);
        let r = if is_dict {
            vm.dict_get(table, key)?
        } else {
            match runtime::getitem(vm, table, key) {
                Ok(v) => Some(v),
                Err(e) => {
                    if vm.exc_matches(vm.exc, TypeId::LookupError) {
                        vm.exc = Value::NULL;
                        None
                    } else {
                        return Err(e);
                    }
                }
            }
        };
        match r {
            None => out.push(c),
            Some(v) if v.is_none() => {}
            Some(v) => {
                if let Some(s) = vm.str_of(v) {
                    out.push_str(s);
                } else if let Some(i) = vm.int_i64(v) {
                    match u32::try_from(i).ok().and_then(char::from_u32) {
                        Some(ch) => out.push(ch),
                        None => return Err(vm.raise(TypeId::ValueError, "character mapping must be in range(0x110000)")),
                    }
                } else {
                    return Err(vm.raise(TypeId::TypeError, "character mapping must return integer, None or str"));
                }
            }
        }
    }
    new_str(vm, &out)
}

fn str_len(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let n = vm.str_char_len(args[0]);
    vm.new_int(n as i64)
}

fn str_contains(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let Some(sub) = vm.str_of(args[1]) else {
        return Err(type_error_not(vm, "'in <string>' requires string as left operand", args[1]));
    };
    let s = text(vm, args[0]);
    Ok(Value::bool(search::find(s.as_bytes(), sub.as_bytes()).is_some()))
}

fn str_getitem(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let n = runtime::native_of(vm, args[0]);
    subscr(vm, n, args[1])
}

fn str_binop(vm: &mut Vm, args: &[Value], op: upy_bytecode::BinOp) -> PyResult<Value> {
    let a = runtime::native_of(vm, args[0]);
    let b = runtime::native_of(vm, args[1]);
    super::ops::builtin_binop(vm, op, false, a, b)
}

fn str_add(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    if vm.str_of(args[1]).is_none() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    str_binop(vm, args, upy_bytecode::BinOp::Add)
}

fn str_mul(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    if vm.int_of(args[1]).is_none() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    str_binop(vm, args, upy_bytecode::BinOp::Mul)
}

fn str_mod(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let a = runtime::native_of(vm, args[0]);
    super::format::percent_format(vm, a, args[1])
}

fn str_cmp(vm: &mut Vm, args: &[Value], op: upy_bytecode::CmpOp) -> PyResult<Value> {
    if vm.str_of(args[1]).is_none() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let a = runtime::native_of(vm, args[0]);
    let b = runtime::native_of(vm, args[1]);
    runtime::compare(vm, op, a, b)
}

fn str_eq(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    str_cmp(vm, args, upy_bytecode::CmpOp::Eq)
}
fn str_ne(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    str_cmp(vm, args, upy_bytecode::CmpOp::Ne)
}
fn str_lt(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    str_cmp(vm, args, upy_bytecode::CmpOp::Lt)
}
fn str_le(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    str_cmp(vm, args, upy_bytecode::CmpOp::Le)
}
fn str_gt(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    str_cmp(vm, args, upy_bytecode::CmpOp::Gt)
}
fn str_ge(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    str_cmp(vm, args, upy_bytecode::CmpOp::Ge)
}

fn str_hash_m(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let h = vm.str_hash(args[0]);
    vm.new_int(h as i64)
}

fn str_str(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    if is_exact(vm, args[0]) {
        return Ok(args[0]);
    }
    let s = String::from(text(vm, args[0]));
    new_str(vm, &s)
}

fn str_repr_m(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let mut out = String::new();
    repr_str(text(vm, args[0]), &mut out);
    new_str(vm, &out)
}

fn str_iter(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    let n = runtime::native_of(vm, args[0]);
    runtime::iter(vm, n)
}

fn str_format_m(vm: &mut Vm, args: &[Value], _kw: Kw<'_>) -> PyResult<Value> {
    need_str(vm, args[1], "format() argument must be str")?;
    let spec = String::from(text(vm, args[1]));
    let n = runtime::native_of(vm, args[0]);
    let s = super::format::format_value(vm, n, &spec)?;
    new_str(vm, &s)
}

/// `s[i]` and `s[slice]` (code-point indexing).
pub fn subscr(vm: &mut Vm, o: Value, key: Value) -> PyResult<Value> {
    let ascii = is_ascii(vm, o);
    let n = vm.str_char_len(o);
    if ascii {
        // ASCII fast paths: a small-int index, or a slice of small ints / None with no
        // step (char indices are byte indices).
        if let Some(i) = key.as_small() {
            let j = if i < 0 { i as i64 + n as i64 } else { i as i64 };
            if j < 0 || j >= n as i64 {
                return Err(vm.raise(TypeId::IndexError, "string index out of range"));
            }
            let b = text(vm, o).as_bytes().get(j as usize).copied().unwrap_or(b' ');
            return new_char(vm, core::str::from_utf8(&[b]).unwrap_or(" "));
        }
        if let Some((a, b)) = simple_slice(vm, key, n) {
            return if a >= b { Ok(Value::qstr(q!(""))) } else { new_substr(vm, o, a, b) };
        }
    }
    if super::slice::is_slice(vm, key) {
        let (start, _, step, count) = super::slice::indices(vm, key, n)?;
        if count == 0 {
            return Ok(Value::qstr(q!("")));
        }
        let s = text(vm, o);
        if step == 1 {
            let a = char_to_byte(s, ascii, start as usize);
            let b = if ascii { a + count } else { a + char_to_byte(&s[a..], false, count) };
            return new_substr(vm, o, a, b);
        }
        let mut out = String::with_capacity(count);
        if ascii {
            let b = s.as_bytes();
            for i in 0..count {
                let j = start + i as i64 * step;
                if let Some(&c) = usize::try_from(j).ok().and_then(|j| b.get(j)) {
                    out.push(c as char);
                }
            }
            return new_str_n(vm, &out, count);
        }
        let chars: Vec<char> = s.chars().collect();
        for i in 0..count {
            let j = start + i as i64 * step;
            if let Some(&c) = usize::try_from(j).ok().and_then(|j| chars.get(j)) {
                out.push(c);
            }
        }
        return new_str_n(vm, &out, count);
    }
    let i = match key.as_small() {
        Some(i) => {
            let j = if i < 0 { i as i64 + n as i64 } else { i as i64 };
            if j < 0 || j >= n as i64 {
                return Err(vm.raise(TypeId::IndexError, "string index out of range"));
            }
            j as usize
        }
        _ => runtime::seq_index(vm, key, n, "string")?,
    };
    let s = text(vm, o);
    if ascii {
        let mut buf = [0u8; 1];
        buf[0] = s.as_bytes().get(i).copied().unwrap_or(b' ');
        return new_char(vm, core::str::from_utf8(&buf).unwrap_or(" "));
    }
    let ch = s.chars().nth(i).unwrap_or(' ');
    let mut buf = [0u8; 4];
    new_char(vm, ch.encode_utf8(&mut buf))
}

/// `key` is a slice whose start and stop are small ints or None and whose step is None:
/// its (start, stop) clamped to `0..=len` as `slice.indices` would (stop may be below
/// start: an empty result).
#[inline]
fn simple_slice(vm: &Vm, key: Value, len: usize) -> Option<(usize, usize)> {
    let off = key.as_obj()?;
    if vm.heap.kind(off) != Kind::Slice {
        return None;
    }
    let sl = vm.heap.get::<super::SliceObj>(off);
    if !(sl.step.is_none() || sl.step.is_null()) {
        return None;
    }
    let len = len as i64;
    let bound = |v: Value, default: i64| -> Option<i64> {
        if v.is_none() || v.is_null() {
            return Some(default);
        }
        let x = v.as_small()? as i64;
        Some(if x < 0 { (x + len).max(0) } else { x.min(len) })
    };
    let a = bound(sl.start, 0)?;
    let b = bound(sl.stop, len)?;
    Some((a as usize, b as usize))
}

fn str_new(vm: &mut Vm, args: &[Value], kw: Kw<'_>) -> PyResult<Value> {
    check_kw(vm, kw, &[q!("object"), q!("encoding"), q!("errors")], "str")?;
    let Some(x) = arg(args, kw, 1, q!("object")) else { return Ok(Value::qstr(q!(""))) };
    let encoding = arg(args, kw, 2, q!("encoding"));
    let errors = arg(args, kw, 3, q!("errors"));
    if encoding.is_some() || errors.is_some() {
        let c = codec(vm, encoding)?;
        let e = errors_arg(vm, errors)?;
        let Some(b) = super::bytes::buffer_of(vm, x) else {
            if vm.str_of(x).is_some() {
                return Err(vm.raise(TypeId::TypeError, "decoding str is not supported"));
            }
            return Err(type_error_not(vm, "decoding to str: need a bytes-like object", x));
        };
        let s = decode_bytes(vm, &b, c, &e)?;
        return new_str(vm, &s);
    }
    runtime::to_str(vm, x)
}

/// `str`.
pub static STR_TYPE: crate::types::TypeDef = crate::types::TypeDef {
    name: "str",
    base: Some(TypeId::Object),
    locals: &[
        fun!(q!("join"), str_join, 2, 2),
        fun!(q!("split"), str_split, 1, 3, kw),
        fun!(q!("rsplit"), str_rsplit, 1, 3, kw),
        fun!(q!("splitlines"), str_splitlines, 1, 2, kw),
        fun!(q!("strip"), str_strip, 1, 2),
        fun!(q!("lstrip"), str_lstrip, 1, 2),
        fun!(q!("rstrip"), str_rstrip, 1, 2),
        fun!(q!("replace"), str_replace, 3, 4, kw),
        fun!(q!("find"), str_find, 2, 4),
        fun!(q!("rfind"), str_rfind, 2, 4),
        fun!(q!("index"), str_index, 2, 4),
        fun!(q!("rindex"), str_rindex, 2, 4),
        fun!(q!("count"), str_count, 2, 4),
        fun!(q!("startswith"), str_startswith, 2, 4),
        fun!(q!("endswith"), str_endswith, 2, 4),
        fun!(q!("upper"), str_upper, 1, 1),
        fun!(q!("lower"), str_lower, 1, 1),
        fun!(q!("casefold"), str_casefold, 1, 1),
        fun!(q!("capitalize"), str_capitalize, 1, 1),
        fun!(q!("title"), str_title, 1, 1),
        fun!(q!("swapcase"), str_swapcase, 1, 1),
        fun!(q!("center"), str_center, 2, 3),
        fun!(q!("ljust"), str_ljust, 2, 3),
        fun!(q!("rjust"), str_rjust, 2, 3),
        fun!(q!("zfill"), str_zfill, 2, 2),
        fun!(q!("partition"), str_partition, 2, 2),
        fun!(q!("rpartition"), str_rpartition, 2, 2),
        fun!(q!("isdigit"), str_isdigit, 1, 1),
        fun!(q!("isdecimal"), str_isdecimal, 1, 1),
        fun!(q!("isnumeric"), str_isnumeric, 1, 1),
        fun!(q!("isalpha"), str_isalpha, 1, 1),
        fun!(q!("isalnum"), str_isalnum, 1, 1),
        fun!(q!("isspace"), str_isspace, 1, 1),
        fun!(q!("isupper"), str_isupper, 1, 1),
        fun!(q!("islower"), str_islower, 1, 1),
        fun!(q!("istitle"), str_istitle, 1, 1),
        fun!(q!("isascii"), str_isascii, 1, 1),
        fun!(q!("isprintable"), str_isprintable, 1, 1),
        fun!(q!("isidentifier"), str_isidentifier, 1, 1),
        fun!(q!("encode"), str_encode, 1, 3, kw),
        fun!(q!("format"), str_format, 1, crate::types::VAR, kw),
        fun!(q!("format_map"), str_format_map, 2, 2),
        fun!(q!("expandtabs"), str_expandtabs, 1, 2, kw),
        fun!(q!("removeprefix"), str_removeprefix, 2, 2),
        fun!(q!("removesuffix"), str_removesuffix, 2, 2),
        fun!(q!("translate"), str_translate, 2, 2),
        staticfun!(q!("maketrans"), str_maketrans, 1, 3),
        fun!(q!("__len__"), str_len, 1, 1),
        fun!(q!("__contains__"), str_contains, 2, 2),
        fun!(q!("__getitem__"), str_getitem, 2, 2),
        fun!(q!("__add__"), str_add, 2, 2),
        fun!(q!("__mul__"), str_mul, 2, 2),
        fun!(q!("__rmul__"), str_mul, 2, 2),
        fun!(q!("__mod__"), str_mod, 2, 2),
        fun!(q!("__eq__"), str_eq, 2, 2),
        fun!(q!("__ne__"), str_ne, 2, 2),
        fun!(q!("__lt__"), str_lt, 2, 2),
        fun!(q!("__le__"), str_le, 2, 2),
        fun!(q!("__gt__"), str_gt, 2, 2),
        fun!(q!("__ge__"), str_ge, 2, 2),
        fun!(q!("__hash__"), str_hash_m, 1, 1),
        fun!(q!("__str__"), str_str, 1, 1),
        fun!(q!("__repr__"), str_repr_m, 1, 1),
        fun!(q!("__iter__"), str_iter, 1, 1),
        fun!(q!("__format__"), str_format_m, 2, 2),
    ],
    new: Some(str_new),
    subclassable: true,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_escapes_like_cpython() {
        let mut s = String::new();
        repr_str("a\u{a0}\u{10ffff}\u{200d}é'", &mut s);
        assert_eq!(s, "\"a\\xa0\\U0010ffff\\u200dé'\"");
    }

    #[test]
    fn case_helpers() {
        assert_eq!(title("they're bill's"), "They'Re Bill'S");
        assert_eq!(capitalize("ßa"), "Ssa");
        assert_eq!(swapcase("aBß"), "AbSS");
        assert_eq!(casefold("Straße"), "strasse");
        assert_eq!(title("ΣΑΣ ΣΑΣ"), "Σας Σας");
        assert_eq!(swapcase("ΣΑΣ ΣΑΣ"), "σας σας");
        assert_eq!(capitalize("aΣ b"), "Aς b");
    }

    #[test]
    fn ascii_char_table() {
        for (i, q) in ASCII_CHARS.iter().enumerate() {
            let c = (0x20 + i as u8) as char;
            let want = if c == '"' || c == '\\' { String::new() } else { String::from(c) };
            assert_eq!(crate::qstr::QSTR_STRS[q.0 as usize], want);
        }
    }

    #[test]
    fn whitespace_and_lines() {
        assert_eq!(ws_at("\u{3000}x".as_bytes(), 0), 3);
        assert_eq!(ws_at("é".as_bytes(), 0), 0);
        assert_eq!(linebreak_at(b"\r\n", 0), 2);
        assert_eq!(adjust(Some(-1), None, 3), (2, 3));
        assert_eq!(adjust(Some(4), Some(-10), 3), (4, 0));
    }
}
