//! Code objects: what the compiler produces for a module, function, class body or
//! comprehension, and what the VM loads into its heap.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

/// Flags of a code object.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct CodeFlags(pub u16);

impl CodeFlags {
    /// Calling it returns a generator.
    pub const GENERATOR: u16 = 0x0001;
    /// `async def`: calling it returns a coroutine.
    pub const COROUTINE: u16 = 0x0002;
    /// Has a `*args` parameter (slot `argcount + kwonlyargcount`).
    pub const VARARGS: u16 = 0x0004;
    /// Has a `**kwargs` parameter (the slot after `*args`, if any).
    pub const VARKEYWORDS: u16 = 0x0008;
    /// Module-level code (names resolve through the frame's locals dict = globals).
    pub const MODULE: u16 = 0x0010;
    /// Class body (names resolve through the class namespace dict).
    pub const CLASS_BODY: u16 = 0x0020;
    /// A function body (fast locals).
    pub const FUNCTION: u16 = 0x0040;
    /// Source mode `Single` (REPL line): expression statements use `PrintExpr`.
    pub const INTERACTIVE: u16 = 0x0080;

    /// Test a flag.
    pub const fn has(self, f: u16) -> bool {
        self.0 & f != 0
    }
}

/// A compile-time constant.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    /// `None`
    None,
    /// `True`
    True,
    /// `False`
    False,
    /// `...`
    Ellipsis,
    /// An int that fits in i64.
    Int(i64),
    /// A larger int, as decimal digits with an optional leading `-`.
    BigInt(String),
    /// A float.
    Float(f64),
    /// An imaginary literal `<x>j` (real part 0).
    Complex(f64),
    /// A str.
    Str(String),
    /// A bytes literal.
    Bytes(Vec<u8>),
    /// A tuple of constants (constant-folded tuples, keyword-name tuples for calls).
    Tuple(Vec<Const>),
    /// A nested code object (functions, lambdas, class bodies, comprehensions).
    Code(Box<CodeObject>),
}

/// One exception-table entry: instructions starting at offsets in `start..end` are
/// covered by the handler at `handler`. On an exception the operand stack is truncated to
/// `depth` items (not counting the local slots) and the exception is pushed.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct ExcEntry {
    /// First covered instruction offset.
    pub start: u32,
    /// One past the last covered byte.
    pub end: u32,
    /// Handler offset.
    pub handler: u32,
    /// Operand-stack depth at the handler, before the exception is pushed.
    pub depth: u16,
}

/// A compiled unit of code.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CodeObject {
    /// Function name (`<module>`, `<lambda>`, `<listcomp>`, class name for class bodies).
    pub name: String,
    /// Qualified name (`Outer.method.<locals>.inner`).
    pub qualname: String,
    /// Source file name as given to the compiler.
    pub filename: String,
    /// Line of the `def`/`class`/first statement.
    pub first_line: u32,
    /// `CodeFlags` bits.
    pub flags: CodeFlags,
    /// Number of positional parameters (including positional-only ones).
    pub argcount: u16,
    /// How many of those are positional-only (before `/`).
    pub posonlyargcount: u16,
    /// Number of keyword-only parameters.
    pub kwonlyargcount: u16,
    /// Total local slots: parameters, other locals, cells and free variables.
    pub n_locals: u16,
    /// The last `n_free` slots are free variables, filled from the closure tuple.
    pub n_free: u16,
    /// Maximum operand-stack depth (not counting locals).
    pub max_stack: u16,
    /// Name of every local slot (length `n_locals`), parameters first.
    pub varnames: Vec<String>,
    /// Names used by the *Global, *Name, *Attr, LoadMethod and Import* instructions.
    pub names: Vec<String>,
    /// Constants used by `LoadConst`.
    pub consts: Vec<Const>,
    /// The instructions.
    pub code: Vec<u8>,
    /// Exception table, inner handlers first.
    pub exc_table: Vec<ExcEntry>,
    /// `(offset, line)` pairs, offsets strictly increasing: the line of an instruction is
    /// the line of the last entry whose offset is <= the instruction's offset.
    pub lines: Vec<(u32, u32)>,
}

impl CodeObject {
    /// Source line of the instruction at `offset`.
    pub fn line_for(&self, offset: u32) -> u32 {
        match self.lines.binary_search_by(|&(o, _)| o.cmp(&offset)) {
            Ok(i) => self.lines[i].1,
            Err(0) => self.first_line,
            Err(i) => self.lines[i - 1].1,
        }
    }
}
