//! Heap objects: their layouts (`layout.rs`), typed access, GC tracing, and one file per
//! Python type with its constructor and methods (`list.rs` is what `list` does).

pub mod layout;

pub mod dict;
pub mod exc;
pub mod float;
pub mod fmath;
pub mod func;
pub mod int;
pub mod iter;
pub mod list;
pub mod str;
pub mod tuple;
pub mod bytes;
pub mod class;
pub mod complex;
pub mod format;
pub mod generator;
pub mod object;
pub mod ops;
pub mod range;
pub mod set;
pub mod slice;
pub mod search;
pub mod unicode;

pub use layout::*;

use crate::heap::Heap;

/// Marker for structs that are the fixed part of a heap object.
pub trait HeapObj {}
impl HeapObj for ArrayHdr {}
impl HeapObj for IntObj {}
impl HeapObj for FloatObj {}
impl HeapObj for ComplexObj {}
impl HeapObj for StrObj {}
impl HeapObj for ListObj {}
impl HeapObj for TupleObj {}
impl HeapObj for DictObj {}
impl HeapObj for RangeObj {}
impl HeapObj for RangeIterObj {}
impl HeapObj for SliceObj {}
impl HeapObj for FuncObj {}
impl HeapObj for CodeObj {}
impl HeapObj for CellObj {}
impl HeapObj for BoundObj {}
impl HeapObj for ClassObj {}
impl HeapObj for InstObj {}
impl HeapObj for ExcObj {}
impl HeapObj for ModuleObj {}
impl HeapObj for GenObj {}
impl HeapObj for Obj4 {}
impl HeapObj for Header {}

impl Heap {
    /// The object at `off` viewed as `T`.
    ///
    /// Callers pass offsets of live allocations whose kind matches `T` (checked by the
    /// caller through `kind_of`); every `T` is `repr(C)`, made of plain integer fields,
    /// and no larger than the allocation.
    #[inline(always)]
    pub fn get<T: HeapObj>(&self, off: u32) -> &T {
        // SAFETY: see above: `off` is a live, 16-aligned allocation holding a `T`; the
        // reference borrows `self`, so it cannot outlive a collection or allocation.
        unsafe { &*(self.ptr(off) as *const T) }
    }

    /// Mutable view of the object at `off` (same contract as `get`).
    #[inline(always)]
    pub fn get_mut<T: HeapObj>(&mut self, off: u32) -> &mut T {
        // SAFETY: as `get`; `&mut self` guarantees no other reference into the arena.
        unsafe { &mut *(self.ptr(off) as *mut T) }
    }

    /// Kind of the allocation at `off`.
    #[inline(always)]
    pub fn kind(&self, off: u32) -> Kind {
        let k = self.get::<Header>(off).kind;
        if k <= Kind::Native as u8 {
            // SAFETY: Kind is repr(u8) with contiguous discriminants 0..=Native.
            unsafe { core::mem::transmute::<u8, Kind>(k) }
        } else {
            Kind::Invalid
        }
    }

    /// The Values of a ValArray (all `cap` of them).
    #[inline(always)]
    pub fn vals(&self, arr: u32) -> &[crate::value::Value] {
        if arr == 0 {
            return &[];
        }
        let cap = self.get::<ArrayHdr>(arr).cap as usize;
        // SAFETY: a ValArray allocation holds `cap` Values after its 8-byte header.
        unsafe {
            core::slice::from_raw_parts(self.ptr(arr + ARRAY_DATA) as *const crate::value::Value, cap)
        }
    }

    /// Mutable Values of a ValArray.
    #[inline(always)]
    pub fn vals_mut(&mut self, arr: u32) -> &mut [crate::value::Value] {
        if arr == 0 {
            return &mut [];
        }
        let cap = self.get::<ArrayHdr>(arr).cap as usize;
        // SAFETY: as `vals`, with exclusive access through `&mut self`.
        unsafe {
            core::slice::from_raw_parts_mut(self.ptr(arr + ARRAY_DATA) as *mut crate::value::Value, cap)
        }
    }

    /// The bytes of a RawBuf (all `cap` of them).
    #[inline(always)]
    pub fn raw(&self, arr: u32) -> &[u8] {
        if arr == 0 {
            return &[];
        }
        let cap = self.get::<ArrayHdr>(arr).cap as usize;
        // SAFETY: a RawBuf allocation holds `cap` bytes after its 8-byte header.
        unsafe { core::slice::from_raw_parts(self.ptr(arr + ARRAY_DATA), cap) }
    }

    /// Mutable bytes of a RawBuf.
    #[inline(always)]
    pub fn raw_mut(&mut self, arr: u32) -> &mut [u8] {
        if arr == 0 {
            return &mut [];
        }
        let cap = self.get::<ArrayHdr>(arr).cap as usize;
        // SAFETY: as `raw`, with exclusive access.
        unsafe { core::slice::from_raw_parts_mut(self.ptr(arr + ARRAY_DATA), cap) }
    }

    /// `n` bytes inline at `off + at` (str/bytes data, big-int limbs).
    #[inline(always)]
    pub fn bytes_at(&self, off: u32, at: u32, n: usize) -> &[u8] {
        // SAFETY: callers pass the inline data region of an object they own, whose
        // allocation was sized for it.
        unsafe { core::slice::from_raw_parts(self.ptr(off + at), n) }
    }

    /// Mutable inline bytes.
    #[inline(always)]
    pub fn bytes_at_mut(&mut self, off: u32, at: u32, n: usize) -> &mut [u8] {
        // SAFETY: as `bytes_at`, with exclusive access.
        unsafe { core::slice::from_raw_parts_mut(self.ptr(off + at), n) }
    }

    /// `n` Values inline at `off + at` (tuple items).
    #[inline(always)]
    pub fn vals_at(&self, off: u32, at: u32, n: usize) -> &[crate::value::Value] {
        // SAFETY: tuples are allocated with room for `len` Values at TUPLE_DATA.
        unsafe { core::slice::from_raw_parts(self.ptr(off + at) as *const crate::value::Value, n) }
    }

    /// Mutable inline Values.
    #[inline(always)]
    pub fn vals_at_mut(&mut self, off: u32, at: u32, n: usize) -> &mut [crate::value::Value] {
        // SAFETY: as `vals_at`.
        unsafe { core::slice::from_raw_parts_mut(self.ptr(off + at) as *mut crate::value::Value, n) }
    }
}

/// The GC's view of an allocation: calls `f` with the offset of every allocation it
/// refers to (objects and owned buffers).
pub fn trace(h: &Heap, off: u32, f: &mut dyn FnMut(u32)) {
    use crate::value::Value;
    let mut v = |x: Value| {
        if let Some(o) = x.as_obj() {
            f(o)
        }
    };
    match h.kind(off) {
        Kind::ValArray => {
            for &x in h.vals(off) {
                v(x);
            }
        }
        Kind::RawBuf | Kind::Int | Kind::Float | Kind::Complex | Kind::Str | Kind::Bytes
        | Kind::Range | Kind::RangeIter | Kind::Invalid => {}
        Kind::ByteArray => {
            let l = h.get::<ListObj>(off);
            if l.items != 0 {
                f(l.items)
            }
        }
        Kind::List => {
            let l = h.get::<ListObj>(off);
            if l.items != 0 {
                f(l.items)
            }
        }
        Kind::Tuple => {
            let n = h.get::<TupleObj>(off).len as usize;
            for &x in h.vals_at(off, TUPLE_DATA, n) {
                v(x);
            }
        }
        Kind::Dict | Kind::Set => {
            let d = h.get::<DictObj>(off);
            for o in [d.entries, d.hashes, d.index] {
                if o != 0 {
                    f(o)
                }
            }
        }
        Kind::Slice => {
            let s = h.get::<SliceObj>(off);
            v(s.start);
            v(s.stop);
            v(s.step);
        }
        Kind::Func => {
            let s = h.get::<FuncObj>(off);
            for x in [s.code, s.globals, s.defaults, s.kwdefaults, s.closure, s.dict, s.name] {
                v(x)
            }
        }
        Kind::Code => {
            let c = h.get::<CodeObj>(off);
            for x in [c.name, c.qualname, c.filename, c.consts, c.names, c.varnames] {
                v(x)
            }
            for o in [c.bytecode, c.exc, c.lines] {
                if o != 0 {
                    f(o)
                }
            }
        }
        Kind::Cell => v(h.get::<CellObj>(off).v),
        Kind::BoundMethod => {
            let b = h.get::<BoundObj>(off);
            v(b.func);
            v(b.self_);
        }
        Kind::Class => {
            let c = h.get::<ClassObj>(off);
            for x in [c.name, c.bases, c.mro, c.dict, c.qualname] {
                v(x)
            }
        }
        Kind::Instance => {
            let i = h.get::<InstObj>(off);
            v(i.class);
            v(i.dict);
            v(i.native);
        }
        Kind::Exception => {
            let e = h.get::<ExcObj>(off);
            for x in [e.class, e.args, e.dict, e.traceback, e.cause, e.context] {
                v(x)
            }
        }
        Kind::Module => {
            let m = h.get::<ModuleObj>(off);
            v(m.name);
            v(m.dict);
        }
        Kind::Generator => {
            let g = h.get::<GenObj>(off);
            v(g.func);
            v(g.code);
            v(g.globals);
            v(g.handled);
            if g.frame != 0 {
                f(g.frame)
            }
        }
        Kind::Property | Kind::ClassMethod | Kind::StaticMethod | Kind::Super | Kind::Iter
        | Kind::DictView | Kind::MemoryView | Kind::Native => {
            let o = h.get::<Obj4>(off);
            v(o.a);
            v(o.b);
            v(o.c);
        }
    }
}
