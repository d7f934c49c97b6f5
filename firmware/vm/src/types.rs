//! Built-in types and modules as static tables (they live in flash on a board).
//!
//! A built-in type is a `TypeDef` addressed by its `TypeId`; a built-in module a
//! `ModuleDef` addressed by its `ModuleId`. A native function in either table is a
//! `Value` immediate `(table id, slot)`, so referring to `len` or `list.append` allocates
//! nothing.

use crate::qstr::Qstr;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// A native function: positional arguments (for methods, `args[0]` is self) and keyword
/// arguments (only passed when the `Fun` accepts them).
pub type NativeFn = fn(&mut Vm, &[Value], &[(Qstr, Value)]) -> PyResult<Value>;

/// A native function with its arity (checked by the caller).
#[derive(Copy, Clone)]
pub struct Fun {
    /// The code.
    pub f: NativeFn,
    /// Minimum positional arguments (including self for methods).
    pub min: u8,
    /// Maximum positional arguments, `VAR` for any.
    pub max: u8,
    /// Accepts keyword arguments.
    pub kw: bool,
}

/// `Fun::max` for "any number".
pub const VAR: u8 = u8::MAX;

/// An entry of a type's or module's attribute table.
#[derive(Copy, Clone)]
pub enum Attr {
    /// A method (self is `args[0]`) or a module function.
    Fun(Fun),
    /// A classmethod (the class is `args[0]`).
    ClassFun(Fun),
    /// A staticmethod.
    StaticFun(Fun),
    /// An int constant.
    Int(i64),
    /// A float constant.
    Float(f64),
    /// A str constant.
    Str(&'static str),
    /// A built-in type.
    Type(TypeId),
    /// None.
    None,
}

/// A built-in type.
pub struct TypeDef {
    /// `__name__`.
    pub name: &'static str,
    /// Base type (`None` only for `object`).
    pub base: Option<TypeId>,
    /// Methods and class attributes.
    pub locals: &'static [(Qstr, Attr)],
    /// Constructor: called with the class (a user subclass or the type itself) as
    /// `args[0]`, then the call's arguments.
    pub new: Option<NativeFn>,
    /// Can user classes derive from it?
    pub subclassable: bool,
}

impl TypeDef {
    /// A type with only a name and a base.
    pub const fn plain(name: &'static str, base: TypeId) -> TypeDef {
        TypeDef { name, base: Some(base), locals: &[], new: None, subclassable: false }
    }
}

/// A built-in module.
pub struct ModuleDef {
    /// `__name__`.
    pub name: &'static str,
    /// Attributes.
    pub globals: &'static [(Qstr, Attr)],
    /// Called once when the module object is created, to add mutable attributes.
    pub init: Option<fn(&mut Vm, Value) -> PyResult<()>>,
}

/// Shorthand for a table entry: `fun!(q!("append"), list_append, 2, 2)`.
#[macro_export]
macro_rules! fun {
    ($name:expr, $f:path, $min:expr, $max:expr) => {
        ($name, $crate::types::Attr::Fun($crate::types::Fun { f: $f, min: $min, max: $max, kw: false }))
    };
    ($name:expr, $f:path, $min:expr, $max:expr, kw) => {
        ($name, $crate::types::Attr::Fun($crate::types::Fun { f: $f, min: $min, max: $max, kw: true }))
    };
}

/// Shorthand for a classmethod entry.
#[macro_export]
macro_rules! classfun {
    ($name:expr, $f:path, $min:expr, $max:expr) => {
        ($name, $crate::types::Attr::ClassFun($crate::types::Fun { f: $f, min: $min, max: $max, kw: false }))
    };
}

/// Shorthand for a staticmethod entry.
#[macro_export]
macro_rules! staticfun {
    ($name:expr, $f:path, $min:expr, $max:expr) => {
        ($name, $crate::types::Attr::StaticFun($crate::types::Fun { f: $f, min: $min, max: $max, kw: false }))
    };
}

macro_rules! type_ids {
    ($($name:ident),* $(,)?) => {
        /// Every built-in type.
        #[repr(u8)]
        #[derive(Copy, Clone, Debug, PartialEq, Eq)]
        pub enum TypeId { $($name,)* }
        impl TypeId {
            /// Number of built-in types.
            pub const COUNT: usize = [$(TypeId::$name,)*].len();
            /// All ids in order.
            pub const ALL: [TypeId; Self::COUNT] = [$(TypeId::$name,)*];
            /// From the u8 payload of a type immediate.
            pub fn from_u8(b: u8) -> Option<TypeId> {
                Self::ALL.get(b as usize).copied()
            }
        }
    };
}

type_ids! {
    Object, Type, NoneType, NotImplementedType, EllipsisType, Bool, Int, Float, Complex, Str,
    Bytes, ByteArray, MemoryView, List, Tuple, Dict, Set, FrozenSet, Range, Slice, Function,
    BuiltinFunction, BoundMethod, Cell, Code, Module, Generator, Coroutine, Property,
    ClassMethod, StaticMethod, Super, Iterator, RangeIterator, DictKeys, DictValues, DictItems,
    Enumerate, Zip, Map, Filter, Reversed,
    // exceptions
    BaseException, SystemExit, KeyboardInterrupt, GeneratorExit, Exception, StopIteration,
    StopAsyncIteration, ArithmeticError, OverflowError, ZeroDivisionError, AssertionError,
    AttributeError, EOFError, ImportError, ModuleNotFoundError, LookupError, IndexError,
    KeyError, MemoryError, NameError, UnboundLocalError, OSError, RuntimeError, RecursionError,
    NotImplementedError, SyntaxError, IndentationError, TypeError, ValueError, UnicodeError,
    UnicodeDecodeError, UnicodeEncodeError, ConnectionError, TimeoutError, FileNotFoundError,
    FileExistsError, PermissionError, IsADirectoryError, NotADirectoryError,
    // module types
    StringIO, BytesIO, FileIO, TextIOWrapper, IOBase, Poll, HashSha256, HashSha1, HashMd5,
    DeflateIO, VfsLfs, Pin, Timer,
    // io / vfs (upy-vfs)
    TextFile, ConsoleBuffer,
}

impl TypeId {
    /// As a Python value.
    pub const fn value(self) -> Value {
        Value::ty(self as u8)
    }
    /// Is this one of the exception types?
    pub fn is_exception(self) -> bool {
        (TypeId::BaseException as u8..=TypeId::NotADirectoryError as u8).contains(&(self as u8))
    }
}

macro_rules! module_ids {
    ($($name:ident),* $(,)?) => {
        /// Every built-in module.
        #[repr(u8)]
        #[derive(Copy, Clone, Debug, PartialEq, Eq)]
        pub enum ModuleId { $($name,)* }
        impl ModuleId {
            /// Number of built-in modules.
            pub const COUNT: usize = [$(ModuleId::$name,)*].len();
            /// All ids in order.
            pub const ALL: [ModuleId; Self::COUNT] = [$(ModuleId::$name,)*];
            /// From the u8 payload of a module immediate.
            pub fn from_u8(b: u8) -> Option<ModuleId> {
                Self::ALL.get(b as usize).copied()
            }
        }
    };
}

module_ids! { Builtins, Sys, Gc, Micropython, Math, Time, Os, Io, Vfs, Errno, Hashlib, Binascii, Struct, Select, Deflate }
