//! `Value`: one Python value in 32 bits, the same layout on every target.
//!
//! | low bits | kind | payload |
//! |---|---|---|
//! | `...1`   | small int | 31-bit signed, `-2^30 ..= 2^30-1` |
//! | `..010`  | interned str (qstr) | 29-bit qstr id |
//! | `..110`  | immediate | bits 3-6 sub-kind, bits 7-31 payload (see [`Imm`]) |
//! | `...00`  | heap object | byte offset into the GC arena, 16-aligned, never 0 |
//! | `0`      | NULL | internal "no value" (unbound local, empty slot), never seen by Python |
//!
//! Offsets rather than pointers keep a `Value` 4 bytes on a 64-bit host, so the simulated
//! board reports the same heap figures as the real one.

use crate::qstr::Qstr;

/// A Python value (or NULL).
#[derive(Copy, Clone, PartialEq, Eq, Hash, Default)]
#[repr(transparent)]
pub struct Value(pub(crate) u32);

const _: () = assert!(core::mem::size_of::<Value>() == 4);

/// Smallest small int.
pub const SMALL_MIN: i64 = -(1 << 30);
/// Largest small int.
pub const SMALL_MAX: i64 = (1 << 30) - 1;

/// Immediate sub-kinds (bits 3-6 of a `..110` value).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Imm {
    /// None/False/True/Ellipsis/NotImplemented.
    Const(u32),
    /// A built-in type, by `TypeId`.
    Type(u8),
    /// A built-in module, by `ModuleId`.
    Module(u8),
    /// A native function defined in a built-in module's table: (module, slot).
    ModFun(u8, u16),
    /// A native method defined in a built-in type's table: (type, slot).
    TypeFun(u8, u16),
}

const IMM_CONST: u32 = 0;
const IMM_TYPE: u32 = 1;
const IMM_MODULE: u32 = 2;
const IMM_MODFUN: u32 = 3;
const IMM_TYPEFUN: u32 = 4;

/// What a value is, decoded.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Unpacked {
    /// NULL.
    Null,
    /// Small int.
    Int(i32),
    /// Interned str.
    Str(Qstr),
    /// Immediate.
    Imm(Imm),
    /// Heap object offset.
    Obj(u32),
}

impl Value {
    /// The internal "no value".
    pub const NULL: Value = Value(0);
    /// `None`.
    pub const NONE: Value = Value::imm(IMM_CONST, 0);
    /// `False`.
    pub const FALSE: Value = Value::imm(IMM_CONST, 1);
    /// `True`.
    pub const TRUE: Value = Value::imm(IMM_CONST, 2);
    /// `...`.
    pub const ELLIPSIS: Value = Value::imm(IMM_CONST, 3);
    /// `NotImplemented`.
    pub const NOT_IMPLEMENTED: Value = Value::imm(IMM_CONST, 4);

    const fn imm(kind: u32, payload: u32) -> Value {
        Value((payload << 7) | (kind << 3) | 0b110)
    }

    /// A small int; the caller guarantees the range.
    #[inline(always)]
    pub const fn small(i: i32) -> Value {
        Value(((i as u32) << 1) | 1)
    }

    /// A small int if `i` fits.
    #[inline(always)]
    pub fn try_small(i: i64) -> Option<Value> {
        if (SMALL_MIN..=SMALL_MAX).contains(&i) { Some(Value::small(i as i32)) } else { None }
    }

    /// An interned str.
    #[inline(always)]
    pub const fn qstr(q: Qstr) -> Value {
        Value((q.0 << 3) | 0b010)
    }

    /// A bool.
    #[inline(always)]
    pub const fn bool(b: bool) -> Value {
        if b { Value::TRUE } else { Value::FALSE }
    }

    /// A built-in type.
    pub const fn ty(id: u8) -> Value {
        Value::imm(IMM_TYPE, id as u32)
    }
    /// A built-in module.
    pub const fn module(id: u8) -> Value {
        Value::imm(IMM_MODULE, id as u32)
    }
    /// A native function from module `m`'s table.
    pub const fn mod_fun(m: u8, slot: u16) -> Value {
        Value::imm(IMM_MODFUN, ((slot as u32) << 8) | m as u32)
    }
    /// A native method from type `t`'s table.
    pub const fn type_fun(t: u8, slot: u16) -> Value {
        Value::imm(IMM_TYPEFUN, ((slot as u32) << 8) | t as u32)
    }

    /// A heap object at `off`.
    #[inline(always)]
    pub(crate) const fn obj(off: u32) -> Value {
        Value(off)
    }

    /// Raw bits (for hashing identity and `id()`).
    #[inline(always)]
    pub const fn bits(self) -> u32 {
        self.0
    }

    /// Is this NULL?
    #[inline(always)]
    pub const fn is_null(self) -> bool {
        self.0 == 0
    }
    /// Is this a small int?
    #[inline(always)]
    pub const fn is_small(self) -> bool {
        self.0 & 1 == 1
    }
    /// The small int, if it is one.
    #[inline(always)]
    pub const fn as_small(self) -> Option<i32> {
        if self.0 & 1 == 1 { Some((self.0 as i32) >> 1) } else { None }
    }
    /// Small int payload without checking the tag.
    #[inline(always)]
    pub const fn small_unchecked(self) -> i32 {
        (self.0 as i32) >> 1
    }
    /// The qstr, if this is an interned str.
    #[inline(always)]
    pub const fn as_qstr(self) -> Option<Qstr> {
        if self.0 & 0b111 == 0b010 { Some(Qstr(self.0 >> 3)) } else { None }
    }
    /// Heap offset, if this is a heap object.
    #[inline(always)]
    pub const fn as_obj(self) -> Option<u32> {
        if self.0 & 0b11 == 0 && self.0 != 0 { Some(self.0) } else { None }
    }
    /// Is this a heap object?
    #[inline(always)]
    pub const fn is_obj(self) -> bool {
        self.0 & 0b11 == 0 && self.0 != 0
    }
    /// Is this None?
    #[inline(always)]
    pub const fn is_none(self) -> bool {
        self.0 == Value::NONE.0
    }

    /// Decode.
    #[inline]
    pub fn unpack(self) -> Unpacked {
        let b = self.0;
        if b == 0 {
            Unpacked::Null
        } else if b & 1 == 1 {
            Unpacked::Int((b as i32) >> 1)
        } else if b & 0b11 == 0 {
            Unpacked::Obj(b)
        } else if b & 0b111 == 0b010 {
            Unpacked::Str(Qstr(b >> 3))
        } else {
            let kind = (b >> 3) & 0xf;
            let p = b >> 7;
            Unpacked::Imm(match kind {
                IMM_CONST => Imm::Const(p),
                IMM_TYPE => Imm::Type(p as u8),
                IMM_MODULE => Imm::Module(p as u8),
                IMM_MODFUN => Imm::ModFun((p & 0xff) as u8, (p >> 8) as u16),
                _ => Imm::TypeFun((p & 0xff) as u8, (p >> 8) as u16),
            })
        }
    }

    /// A native function's table reference without a full `unpack`: `Some((is_type_fun,
    /// table index, slot))` for exactly the values `unpack` decodes as `Imm::TypeFun`
    /// (`is_type_fun`) or `Imm::ModFun`.
    #[inline(always)]
    pub fn native_ref(self) -> Option<(bool, usize, usize)> {
        let b = self.0;
        // An immediate: not NULL, not a small int, not an object, not an interned str.
        if b & 0b111 != 0b110 {
            return None;
        }
        let kind = (b >> 3) & 0xf;
        let p = b >> 7;
        let r = ((p & 0xff) as usize, (p >> 8) as usize);
        if kind >= IMM_TYPEFUN {
            Some((true, r.0, r.1))
        } else if kind == IMM_MODFUN {
            Some((false, r.0, r.1))
        } else {
            None
        }
    }

    /// The built-in type id, if this is a built-in type.
    #[inline]
    pub fn as_type_id(self) -> Option<u8> {
        match self.unpack() {
            Unpacked::Imm(Imm::Type(t)) => Some(t),
            _ => None,
        }
    }
}

impl core::fmt::Debug for Value {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.unpack() {
            Unpacked::Null => write!(f, "NULL"),
            Unpacked::Int(i) => write!(f, "Int({i})"),
            Unpacked::Str(q) => write!(f, "Qstr({})", q.0),
            Unpacked::Imm(i) => write!(f, "{i:?}"),
            Unpacked::Obj(o) => write!(f, "Obj({o:#x})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_ints_round_trip_at_the_edges() {
        for i in [0i64, 1, -1, SMALL_MAX, SMALL_MIN, 12345, -98765] {
            let v = Value::try_small(i).unwrap();
            assert_eq!(v.as_small(), Some(i as i32));
            assert_eq!(v.unpack(), Unpacked::Int(i as i32));
        }
        assert!(Value::try_small(SMALL_MAX + 1).is_none());
        assert!(Value::try_small(SMALL_MIN - 1).is_none());
    }

    #[test]
    fn tags_do_not_overlap() {
        assert_eq!(Value::NONE.unpack(), Unpacked::Imm(Imm::Const(0)));
        assert_eq!(Value::TRUE.unpack(), Unpacked::Imm(Imm::Const(2)));
        assert_eq!(Value::qstr(Qstr(77)).unpack(), Unpacked::Str(Qstr(77)));
        assert_eq!(Value::mod_fun(3, 300).unpack(), Unpacked::Imm(Imm::ModFun(3, 300)));
        assert_eq!(Value::type_fun(200, 7).unpack(), Unpacked::Imm(Imm::TypeFun(200, 7)));
        assert_eq!(Value::obj(0x40).unpack(), Unpacked::Obj(0x40));
        assert_eq!(Value::NULL.unpack(), Unpacked::Null);
        assert!(!Value::NONE.is_obj() && !Value::small(0).is_obj());
    }
}
