//! Memory layout of every heap object. Each allocation starts with a [`Header`]; the
//! structs are `#[repr(C)]` and made only of 4-byte fields (and f64/i64 at 8-aligned
//! offsets), so they can be read straight out of the 16-byte-aligned arena.
//!
//! Variable-size parts (list items, dict tables, str bytes) are either inline after the
//! fixed part (immutable objects: str, bytes, tuple, big int) or a separate allocation
//! owned by the object (`ValArray`, `RawBuf`) that only the owner refers to.

use crate::value::Value;

/// First word of every allocation.
#[repr(C)]
#[derive(Copy, Clone, Debug)]
pub struct Header {
    /// `Kind` as u8.
    pub kind: u8,
    /// Kind-specific flags.
    pub flags: u8,
    /// Kind-specific small payload (sub-kind, type id, ...).
    pub aux: u16,
}

/// What an allocation holds.
#[repr(u8)]
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Never used (zeroed memory).
    Invalid = 0,
    /// Buffer of Values: `ArrayHdr` + `cap` Values (NULL slots allowed).
    ValArray,
    /// Untraced buffer: `ArrayHdr` + `cap` bytes.
    RawBuf,
    /// int too large for a small int.
    Int,
    /// float.
    Float,
    /// complex.
    Complex,
    /// str (not interned).
    Str,
    /// bytes.
    Bytes,
    /// bytearray.
    ByteArray,
    /// list.
    List,
    /// tuple.
    Tuple,
    /// dict.
    Dict,
    /// set (aux = 1 for frozenset).
    Set,
    /// range.
    Range,
    /// slice.
    Slice,
    /// Python function.
    Func,
    /// Code object.
    Code,
    /// Closure cell.
    Cell,
    /// Bound method.
    BoundMethod,
    /// User-defined class.
    Class,
    /// Instance of a user-defined class.
    Instance,
    /// Exception instance (built-in or user exception class).
    Exception,
    /// Module.
    Module,
    /// Generator or coroutine (aux: 0 generator, 1 coroutine).
    Generator,
    /// property.
    Property,
    /// classmethod.
    ClassMethod,
    /// staticmethod.
    StaticMethod,
    /// super object.
    Super,
    /// Generic iterator; aux = `IterKind`.
    Iter,
    /// range iterator.
    RangeIter,
    /// dict view; aux = 0 keys, 1 values, 2 items.
    DictView,
    /// memoryview.
    MemoryView,
    /// Object of a native type defined by a module (io.StringIO, files, ...): aux = TypeId.
    Native,
}

/// Header of `ValArray` and `RawBuf`.
#[repr(C)]
pub struct ArrayHdr {
    /// Header.
    pub h: Header,
    /// Capacity in elements (Values or bytes).
    pub cap: u32,
}
/// Byte offset of the first element of a `ValArray`/`RawBuf`.
pub const ARRAY_DATA: u32 = 8;

/// Big int. flags bit 0: stored as limbs (else `small` holds an i64); bit 1: negative.
#[repr(C)]
pub struct IntObj {
    /// Header.
    pub h: Header,
    /// Number of u32 limbs (little-endian) following at +8 when big.
    pub nlimbs: u32,
    /// The value when it fits i64.
    pub small: i64,
}
/// IntObj flag: limbs representation.
pub const INT_BIG: u8 = 1;
/// IntObj flag: negative (limbs representation).
pub const INT_NEG: u8 = 2;

/// float.
#[repr(C)]
pub struct FloatObj {
    /// Header.
    pub h: Header,
    /// Padding.
    pub _pad: u32,
    /// Value.
    pub v: f64,
}

/// complex.
#[repr(C)]
pub struct ComplexObj {
    /// Header.
    pub h: Header,
    /// Padding.
    pub _pad: u32,
    /// Real part.
    pub re: f64,
    /// Imaginary part.
    pub im: f64,
}

/// str / bytes: bytes follow at +16.
#[repr(C)]
pub struct StrObj {
    /// Header.
    pub h: Header,
    /// Cached hash (FNV-1a of the bytes).
    pub hash: u32,
    /// Length in bytes.
    pub len: u32,
    /// Length in code points (str) / unused (bytes).
    pub nchars: u32,
}
/// Offset of the data of a str/bytes object.
pub const STR_DATA: u32 = 16;

/// list / bytearray: `items` is a ValArray (list) or RawBuf (bytearray), 0 when empty.
#[repr(C)]
pub struct ListObj {
    /// Header.
    pub h: Header,
    /// Number of items.
    pub len: u32,
    /// Offset of the buffer.
    pub items: u32,
}

/// tuple: `len` Values follow at +8.
#[repr(C)]
pub struct TupleObj {
    /// Header.
    pub h: Header,
    /// Number of items.
    pub len: u32,
}
/// Offset of the items of a tuple.
pub const TUPLE_DATA: u32 = 8;

/// dict and set: an insertion-ordered hash table (compact dict).
#[derive(Copy, Clone)]
/// `entries` is a ValArray of `2 * cap` (key, value) pairs; a deleted entry has key NULL.
/// `hashes` is a RawBuf of `cap` u32; `index` a RawBuf of u32 slots (0 = empty,
/// u32::MAX = deleted, else entry + 1), absent (0) while `cap <= 8` (linear scan).
#[repr(C)]
pub struct DictObj {
    /// Header (sets: aux 1 = frozenset).
    pub h: Header,
    /// Live entries.
    pub len: u32,
    /// Entries used, live or deleted.
    pub used: u32,
    /// Entry capacity.
    pub cap: u32,
    /// Entries buffer.
    pub entries: u32,
    /// Hashes buffer.
    pub hashes: u32,
    /// Index buffer (0 when absent).
    pub index: u32,
    /// Slots in the index (power of two).
    pub index_cap: u32,
}

/// range.
#[repr(C)]
pub struct RangeObj {
    /// Header.
    pub h: Header,
    /// Padding.
    pub _pad: u32,
    /// Start.
    pub start: i64,
    /// Stop.
    pub stop: i64,
    /// Step (never 0).
    pub step: i64,
}

/// range iterator.
#[repr(C)]
pub struct RangeIterObj {
    /// Header.
    pub h: Header,
    /// Padding.
    pub _pad: u32,
    /// Next value.
    pub cur: i64,
    /// Stop.
    pub stop: i64,
    /// Step.
    pub step: i64,
}

/// slice.
#[repr(C)]
pub struct SliceObj {
    /// Header.
    pub h: Header,
    /// Start.
    pub start: Value,
    /// Stop.
    pub stop: Value,
    /// Step.
    pub step: Value,
}

/// Python function.
#[repr(C)]
pub struct FuncObj {
    /// Header.
    pub h: Header,
    /// Code object.
    pub code: Value,
    /// Globals dict.
    pub globals: Value,
    /// Tuple of positional defaults, or NULL.
    pub defaults: Value,
    /// Dict of keyword-only defaults, or NULL.
    pub kwdefaults: Value,
    /// Tuple of cells, or NULL.
    pub closure: Value,
    /// Attribute dict, or NULL.
    pub dict: Value,
    /// `__name__` (str).
    pub name: Value,
}

/// Code object (loaded from `upy_bytecode::CodeObject`).
#[repr(C)]
pub struct CodeObj {
    /// Header (aux = CodeFlags).
    pub h: Header,
    /// Positional parameters.
    pub argcount: u16,
    /// Positional-only parameters.
    pub posonly: u16,
    /// Keyword-only parameters.
    pub kwonly: u16,
    /// Local slots.
    pub n_locals: u16,
    /// Free variable slots (the last ones).
    pub n_free: u16,
    /// Max operand stack.
    pub max_stack: u16,
    /// First line.
    pub first_line: u32,
    /// Name (str).
    pub name: Value,
    /// Qualified name (str).
    pub qualname: Value,
    /// File name (str).
    pub filename: Value,
    /// RawBuf with the instructions.
    pub bytecode: u32,
    /// Instruction bytes.
    pub code_len: u32,
    /// Tuple of constants.
    pub consts: Value,
    /// Tuple of names (interned str).
    pub names: Value,
    /// Tuple of local names (interned str).
    pub varnames: Value,
    /// RawBuf of exception entries (4 u32 each: start, end, handler, depth).
    pub exc: u32,
    /// Number of exception entries.
    pub n_exc: u32,
    /// RawBuf of (offset, line) u32 pairs.
    pub lines: u32,
    /// Number of line entries.
    pub n_lines: u32,
    /// Heap offset of the items of `names` (set with it by `load_code`; for `CodeView`).
    pub names_at: u32,
    /// Number of items in `names`.
    pub n_names: u32,
    /// Heap offset of the items of `consts`.
    pub consts_at: u32,
    /// Number of items in `consts`.
    pub n_consts: u32,
}

/// Closure cell.
#[repr(C)]
pub struct CellObj {
    /// Header.
    pub h: Header,
    /// Contents (NULL when empty).
    pub v: Value,
}

/// Bound method.
#[repr(C)]
pub struct BoundObj {
    /// Header.
    pub h: Header,
    /// Function.
    pub func: Value,
    /// Bound self.
    pub self_: Value,
}

/// User-defined class.
#[repr(C)]
pub struct ClassObj {
    /// Header (aux = TypeId of the nearest built-in base; flags = `CLASS_*`).
    pub h: Header,
    /// `__name__` (str).
    pub name: Value,
    /// `__bases__` (tuple).
    pub bases: Value,
    /// `__mro__` (tuple, starting with the class itself).
    pub mro: Value,
    /// Namespace dict.
    pub dict: Value,
    /// `__qualname__`.
    pub qualname: Value,
    /// `Vm::class_epoch` when `h.flags` was computed (stale flags are recomputed).
    pub flags_epoch: u32,
    /// Most attributes an instance's dict got through `StoreAttr` (capped): new instances'
    /// dicts start with room for that many, instead of growing 4 -> 8 -> ...
    pub inst_attrs: u32,
}

/// DictObj flag: the dict is a class namespace or a module's globals (adding or removing
/// a key flushes the VM's lookup cache, `Vm::type_cache`).
pub const DICT_NAMESPACE: u8 = 1;
/// DictObj flag: the dict is the `__dict__` of an instance (or exception or function):
/// the names of its keys are noted in `Vm::inst_keys`.
pub const DICT_INSTANCE: u8 = 2;

/// ClassObj flag: a property is defined somewhere in the MRO.
pub const CLASS_HAS_DESCR: u8 = 1;
/// ClassObj flag: a Python-level `__setattr__` is defined somewhere in the MRO.
pub const CLASS_HAS_SETATTR: u8 = 2;

/// Instance of a user-defined class.
#[repr(C)]
pub struct InstObj {
    /// Header.
    pub h: Header,
    /// The class.
    pub class: Value,
    /// Attribute dict (NULL until the first attribute is set).
    pub dict: Value,
    /// Built-in base payload (a list for `class L(list)`), or NULL.
    pub native: Value,
}

/// Exception instance.
#[repr(C)]
pub struct ExcObj {
    /// Header (flags bit 0: `__suppress_context__`).
    pub h: Header,
    /// Its class (a built-in exception type or a user class).
    pub class: Value,
    /// `args` tuple.
    pub args: Value,
    /// Attribute dict or NULL.
    pub dict: Value,
    /// Traceback: list of (filename, line, name) triples flattened, or NULL.
    pub traceback: Value,
    /// `__cause__`, NULL when unset.
    pub cause: Value,
    /// `__context__`, NULL when unset.
    pub context: Value,
}

/// Module.
#[repr(C)]
pub struct ModuleObj {
    /// Header (aux = built-in ModuleId + 1, or 0 for Python modules).
    pub h: Header,
    /// `__name__`.
    pub name: Value,
    /// Globals dict.
    pub dict: Value,
}

/// Generator / coroutine.
#[repr(C)]
pub struct GenObj {
    /// Header (aux 0 generator, 1 coroutine; flags = `GEN_*` state).
    pub h: Header,
    /// Function (for the name).
    pub func: Value,
    /// Code.
    pub code: Value,
    /// Globals.
    pub globals: Value,
    /// ValArray: the saved frame window (locals then operand stack).
    pub frame: u32,
    /// Saved operand stack depth.
    pub sp: u32,
    /// Saved instruction pointer.
    pub ip: u32,
    /// Exception being handled when suspended (restored on resume), or NULL.
    pub handled: Value,
}
/// Generator state: not started.
pub const GEN_CREATED: u8 = 0;
/// Generator state: suspended at a yield.
pub const GEN_SUSPENDED: u8 = 1;
/// Generator state: running.
pub const GEN_RUNNING: u8 = 2;
/// Generator state: finished.
pub const GEN_DONE: u8 = 3;

/// property / classmethod / staticmethod / super / memoryview / dict views and generic
/// iterators all use this shape; the meaning of the fields depends on the kind.
#[repr(C)]
pub struct Obj4 {
    /// Header.
    pub h: Header,
    /// First field.
    pub a: Value,
    /// Second field.
    pub b: Value,
    /// Third field.
    pub c: Value,
    /// Counter / index.
    pub i: u32,
    /// Second counter.
    pub j: u32,
    /// Third counter.
    pub k: u32,
}

/// Sub-kinds of `Kind::Iter` (in `aux`). Fields of `Obj4`: a = source, b/c extra.
#[repr(u16)]
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum IterKind {
    /// list/tuple/str/bytes/bytearray by index i (a = sequence).
    Seq = 0,
    /// dict keys/values/items (a = dict, i = entry index, j = 0 keys 1 values 2 items).
    Dict = 1,
    /// enumerate (a = iterator, b = count).
    Enumerate = 2,
    /// zip (a = tuple of iterators).
    Zip = 3,
    /// map (a = function, b = tuple of iterators).
    Map = 4,
    /// filter (a = function or None, b = iterator).
    Filter = 5,
    /// reversed over a sequence (a = sequence, i = next index + 1).
    Reversed = 6,
    /// `iter(obj)` for objects with `__getitem__` (a = object, i = index).
    GetItem = 7,
    /// `iter(callable, sentinel)` (a = callable, b = sentinel).
    Callable = 8,
    /// set iterator (a = set, i = entry index).
    Set = 9,
}

/// Native object of a module-defined type: `Obj4` shape, aux = TypeId.
pub type NativeObj = Obj4;
