//! The syntax tree: flat arenas of expression and statement nodes addressed by `u32`
//! indices, with interned identifiers. Child lists are small vectors of indices; there is
//! no boxed tree, so dropping the AST is a handful of deallocations per node kind.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use upy_bytecode::{BinOp, CmpOp, UnOp};

/// Index of an expression in `Ast::exprs`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ExprId(pub u32);
/// Index of a statement in `Ast::stmts`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct StmtId(pub u32);
/// Interned identifier (index into `Ast::names`).
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name(pub u32);

/// A literal constant.
#[derive(Clone, Debug, PartialEq)]
pub enum Lit {
    /// `None`
    None,
    /// `True`
    True,
    /// `False`
    False,
    /// `...`
    Ellipsis,
    /// An int fitting i64.
    Int(i64),
    /// A larger int as decimal text (with optional `-`).
    BigInt(String),
    /// A float.
    Float(f64),
    /// An imaginary number.
    Complex(f64),
    /// A str.
    Str(String),
    /// A bytes literal.
    Bytes(Vec<u8>),
}

/// A part of an f-string.
#[derive(Clone, Debug, PartialEq)]
pub enum FPart {
    /// Literal text.
    Text(String),
    /// A replacement field: value, conversion (0 none, 1 `!s`, 2 `!r`, 3 `!a`) and an
    /// optional format spec, itself a `JoinedStr` expression.
    Field { value: ExprId, conv: u8, spec: Option<ExprId> },
}

/// `and` / `or`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum BoolOpKind {
    /// `and`
    And,
    /// `or`
    Or,
}

/// One `for ... in ... if ...` clause of a comprehension.
#[derive(Clone, Debug, PartialEq)]
pub struct Comprehension {
    /// Loop target.
    pub target: ExprId,
    /// Iterable.
    pub iter: ExprId,
    /// `if` conditions.
    pub ifs: Box<[ExprId]>,
    /// `async for`.
    pub is_async: bool,
}

/// Which comprehension.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum CompKind {
    /// `[x for ...]`
    List,
    /// `{x for ...}`
    Set,
    /// `{k: v for ...}`
    Dict,
    /// `(x for ...)`
    Gen,
}

/// A keyword argument in a call or class definition; `name` is None for `**value`.
#[derive(Clone, Debug, PartialEq)]
pub struct Keyword {
    /// Keyword name, or None for `**mapping`.
    pub name: Option<Name>,
    /// Value.
    pub value: ExprId,
    /// Line of the keyword.
    pub line: u32,
    /// Column of the keyword.
    pub col: u32,
}

/// One parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// Name.
    pub name: Name,
    /// Line.
    pub line: u32,
    /// Column.
    pub col: u32,
}

/// A parameter list (`def` or `lambda`).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Params {
    /// Positional-only parameters (before `/`).
    pub posonly: Vec<Param>,
    /// Other positional parameters.
    pub args: Vec<Param>,
    /// Defaults of the last positional parameters (posonly + args).
    pub defaults: Vec<ExprId>,
    /// `*args`.
    pub vararg: Option<Param>,
    /// Keyword-only parameters.
    pub kwonly: Vec<Param>,
    /// Their defaults (None where there is none), same length as `kwonly`.
    pub kw_defaults: Vec<Option<ExprId>>,
    /// `**kwargs`.
    pub kwarg: Option<Param>,
}

/// Expression kinds.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// An identifier.
    Name(Name),
    /// A literal.
    Lit(Lit),
    /// An f-string (possibly concatenated with plain strings).
    JoinedStr(Box<[FPart]>),
    /// `a and b and c`.
    BoolOp(BoolOpKind, Box<[ExprId]>),
    /// `a + b`.
    BinOp(ExprId, BinOp, ExprId),
    /// `-a`, `not a`.
    UnaryOp(UnOp, ExprId),
    /// `a < b <= c`.
    Compare(ExprId, Box<[(CmpOp, ExprId)]>),
    /// `body if test else orelse`.
    IfExp { test: ExprId, body: ExprId, orelse: ExprId },
    /// `lambda params: body`.
    Lambda { params: Box<Params>, body: ExprId },
    /// `target := value`.
    NamedExpr { target: ExprId, value: ExprId },
    /// `func(args, keywords)`; args may contain `Starred`.
    Call { func: ExprId, args: Box<[ExprId]>, keywords: Box<[Keyword]> },
    /// `value.attr`; `line` is the line of the attribute name.
    Attribute { value: ExprId, attr: Name, line: u32 },
    /// `value[index]`.
    Subscript { value: ExprId, index: ExprId },
    /// `lower:upper:step` inside a subscript.
    Slice { lower: Option<ExprId>, upper: Option<ExprId>, step: Option<ExprId> },
    /// `*value` (in calls, displays and assignment targets).
    Starred(ExprId),
    /// `(a, b)` or `a, b`.
    Tuple(Box<[ExprId]>),
    /// `[a, b]`.
    List(Box<[ExprId]>),
    /// `{a, b}`.
    Set(Box<[ExprId]>),
    /// `{k: v, **m}`: key None means `**value`.
    Dict(Box<[(Option<ExprId>, ExprId)]>),
    /// A comprehension; for `Dict`, `elt` is the key and `value` the value.
    Comp { kind: CompKind, elt: ExprId, value: Option<ExprId>, gens: Box<[Comprehension]> },
    /// `yield` / `yield value`.
    Yield(Option<ExprId>),
    /// `yield from value`.
    YieldFrom(ExprId),
    /// `await value`.
    Await(ExprId),
}

/// An expression node.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// 1-based line where it starts.
    pub line: u32,
    /// 1-based column where it starts.
    pub col: u32,
}

/// One name in an import statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Alias {
    /// Dotted module name (`import a.b`) or imported name (`from m import x`), or `*`.
    pub name: String,
    /// `as` name.
    pub asname: Option<Name>,
    /// Line.
    pub line: u32,
    /// Column.
    pub col: u32,
}

/// One `except` clause.
#[derive(Clone, Debug, PartialEq)]
pub struct Handler {
    /// Exception type expression (None for bare `except:`).
    pub typ: Option<ExprId>,
    /// `as` name.
    pub name: Option<Name>,
    /// Body.
    pub body: Box<[StmtId]>,
    /// Line of `except`.
    pub line: u32,
    /// Column of `except`.
    pub col: u32,
}

/// One `with` item.
#[derive(Clone, Debug, PartialEq)]
pub struct WithItem {
    /// Context manager expression.
    pub ctx: ExprId,
    /// `as` target.
    pub target: Option<ExprId>,
}

/// A `try` statement (boxed in `StmtKind`: it is rare and the largest statement).
#[derive(Clone, Debug, PartialEq)]
pub struct TryStmt {
    /// Body.
    pub body: Box<[StmtId]>,
    /// `except` clauses.
    pub handlers: Box<[Handler]>,
    /// `else` body.
    pub orelse: Box<[StmtId]>,
    /// `finally` body.
    pub finalbody: Box<[StmtId]>,
}

/// A function definition.
#[derive(Clone, Debug, PartialEq)]
pub struct FuncDef {
    /// Name.
    pub name: Name,
    /// Parameters.
    pub params: Params,
    /// Body.
    pub body: Box<[StmtId]>,
    /// Decorators, outermost first.
    pub decorators: Box<[ExprId]>,
    /// `async def`.
    pub is_async: bool,
}

/// A class definition.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassDef {
    /// Name.
    pub name: Name,
    /// Base-class expressions (may contain `Starred`).
    pub bases: Box<[ExprId]>,
    /// Keywords (`metaclass=...`, `**kw`).
    pub keywords: Box<[Keyword]>,
    /// Body.
    pub body: Box<[StmtId]>,
    /// Decorators, outermost first.
    pub decorators: Box<[ExprId]>,
}

/// Statement kinds.
#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// An expression statement.
    Expr(ExprId),
    /// `t1 = t2 = value`.
    Assign { targets: Box<[ExprId]>, value: ExprId },
    /// `target op= value`.
    AugAssign { target: ExprId, op: BinOp, value: ExprId },
    /// `target: annotation [= value]` (the annotation is not kept).
    AnnAssign { target: ExprId, value: Option<ExprId>, simple: bool },
    /// `pass`
    Pass,
    /// `break`
    Break,
    /// `continue`
    Continue,
    /// `return [value]`
    Return(Option<ExprId>),
    /// `raise [exc [from cause]]`
    Raise { exc: Option<ExprId>, cause: Option<ExprId> },
    /// `global a, b`
    Global(Box<[Name]>),
    /// `nonlocal a, b`
    Nonlocal(Box<[Name]>),
    /// `del a, b`
    Delete(Box<[ExprId]>),
    /// `assert test, msg`
    Assert { test: ExprId, msg: Option<ExprId> },
    /// `import a.b as c, d`
    Import(Box<[Alias]>),
    /// `from ..module import a as b`
    ImportFrom { module: Option<String>, names: Box<[Alias]>, level: u32 },
    /// `if test: body else: orelse` (elif chains nest in orelse).
    If { test: ExprId, body: Box<[StmtId]>, orelse: Box<[StmtId]> },
    /// `while test: body else: orelse`
    While { test: ExprId, body: Box<[StmtId]>, orelse: Box<[StmtId]> },
    /// `[async] for target in iter: body else: orelse`
    For { target: ExprId, iter: ExprId, body: Box<[StmtId]>, orelse: Box<[StmtId]>, is_async: bool },
    /// `[async] with items: body`
    With { items: Box<[WithItem]>, body: Box<[StmtId]>, is_async: bool },
    /// `try`
    Try(Box<TryStmt>),
    /// `def`
    FunctionDef(Box<FuncDef>),
    /// `class`
    ClassDef(Box<ClassDef>),
}

/// A statement node.
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    /// What it is.
    pub kind: StmtKind,
    /// 1-based line where it starts (the `def`/`class` keyword for definitions).
    pub line: u32,
    /// 1-based column.
    pub col: u32,
}

/// Elements per chunk of an `Arena`.
const CHUNK: usize = 64;

/// An append-only vector stored in chunks of `CHUNK` elements: growing it never copies or
/// doubles, so it holds at most one partly filled chunk beyond its contents (a `Vec` that
/// doubles wastes up to half its capacity, and needs old and new buffers while it grows).
#[derive(Debug)]
pub struct Arena<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
}

impl<T> Default for Arena<T> {
    fn default() -> Self {
        Arena { chunks: Vec::new(), len: 0 }
    }
}

impl<T> Arena<T> {
    /// Number of elements.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Append an element.
    pub fn push(&mut self, v: T) {
        match self.chunks.last_mut() {
            Some(c) if c.len() < CHUNK => c.push(v),
            _ => {
                let mut c = Vec::with_capacity(CHUNK);
                c.push(v);
                self.chunks.push(c);
            }
        }
        self.len += 1;
    }

    /// Element `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&T> {
        self.chunks.get(i / CHUNK).and_then(|c| c.get(i % CHUNK))
    }

    /// Drop every element (keeping no chunk).
    pub fn clear(&mut self) {
        self.chunks = Vec::new();
        self.len = 0;
    }

    /// All elements in order.
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.chunks.iter().flat_map(|c| c.iter())
    }
}

impl<T> core::ops::Index<usize> for Arena<T> {
    type Output = T;
    fn index(&self, i: usize) -> &T {
        &self.chunks[i / CHUNK][i % CHUNK]
    }
}

/// The whole tree of one compilation.
#[derive(Default, Debug)]
pub struct Ast {
    /// Expression arena.
    pub exprs: Arena<Expr>,
    /// Nesting depth of each expression (1 for leaves), parallel to `exprs`.
    pub depth: Arena<u16>,
    /// Statement arena.
    pub stmts: Arena<Stmt>,
    /// Interned identifiers.
    pub names: Vec<Box<str>>,
    /// Indices into `names`, sorted by text: one copy of each identifier, looked up by
    /// binary search.
    sorted: Vec<u32>,
}

impl Ast {
    /// An empty tree.
    pub fn new() -> Self {
        Ast::default()
    }

    /// Intern an identifier.
    pub fn intern(&mut self, s: &str) -> Name {
        match self.find(s) {
            Ok(k) => Name(self.sorted[k]),
            Err(k) => {
                let i = self.names.len() as u32;
                self.names.push(Box::from(s));
                self.sorted.insert(k, i);
                Name(i)
            }
        }
    }

    /// Position of `s` in `sorted` (Ok) or where it would go (Err).
    fn find(&self, s: &str) -> Result<usize, usize> {
        self.sorted.binary_search_by(|&i| self.names.get(i as usize).map_or("", |n| &**n).cmp(s))
    }

    /// Drop every expression and statement, keeping the interned identifiers (so `Name`s
    /// stay valid): the module is compiled in parts, and each part's nodes are dropped once
    /// its code is generated.
    pub fn clear_nodes(&mut self) {
        self.exprs.clear();
        self.depth.clear();
        self.stmts.clear();
    }

    /// Number of expression and statement nodes.
    pub fn node_count(&self) -> usize {
        self.exprs.len() + self.stmts.len()
    }

    /// Look up an identifier without interning it.
    pub fn lookup(&self, s: &str) -> Option<Name> {
        self.find(s).ok().map(|k| Name(self.sorted[k]))
    }

    /// Text of an identifier.
    pub fn name(&self, n: Name) -> &str {
        self.names.get(n.0 as usize).map_or("", |s| &**s)
    }

    /// Expression node.
    pub fn expr(&self, e: ExprId) -> &Expr {
        &self.exprs[e.0 as usize]
    }

    /// Statement node.
    pub fn stmt(&self, s: StmtId) -> &Stmt {
        &self.stmts[s.0 as usize]
    }

    /// Depth of an expression.
    pub fn depth_of(&self, e: ExprId) -> u16 {
        self.depth.get(e.0 as usize).copied().unwrap_or(1)
    }
}
