//! Code generation: one emit pass per scope into labelled instructions (`Unit`), then
//! `assemble.rs` turns them into a `CodeObject`.
//!
//! Exception handling uses no setup/pop instructions: every emitted instruction is tagged
//! with the innermost active handler (a compile-time stack), and the assembler turns runs of
//! equally tagged instructions into exception-table entries. `break`, `continue` and
//! `return` inline the cleanup of every block they leave (finally bodies, `__exit__` calls,
//! popping iterators), like CPython 3.11.

mod assemble;
mod expr;
mod stmt;

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use upy_bytecode::{CodeFlags, CodeObject, Const, Op};

use crate::ast::*;
use crate::error::{CResult, CompileError};
use crate::symtable::{ScopeId, ScopeKind, Stage, SymScope, SymTable, DEF_FREE_CLASS};
use crate::Mode;

/// Most instructions one code object may have before compilation stops with an error
/// (guards against exponential growth from nested `finally` inlining).
const MAX_INSTRS: usize = 1 << 20;

/// An emitted instruction. For jumps, `arg` is a label id until assembly.
#[derive(Copy, Clone, Debug)]
pub(crate) struct Instr {
    pub op: Op,
    pub arg: u32,
    pub line: u32,
    /// 0 = no handler, else index + 1 into `Unit::handlers`.
    pub handler: u32,
}

/// A frame block: what `break`/`continue`/`return` must clean up when leaving it.
#[derive(Clone, Debug)]
pub(crate) enum FKind<'a> {
    While,
    For,
    TryExcept,
    FinallyTry(&'a [StmtId]),
    FinallyEnd,
    With { is_async: bool },
    HandlerCleanup(Option<Name>),
    PopValue,
}

#[derive(Clone, Debug)]
pub(crate) struct FBlock<'a> {
    pub kind: FKind<'a>,
    /// `continue` target (loops).
    pub cont: u32,
    /// `break` target (loops).
    pub brk: u32,
    /// Handler-stack height to go back to when leaving this block.
    pub hlen: usize,
    /// Operand-stack items this block keeps while its body runs.
    pub stack: u32,
}

/// One code object being generated.
pub(crate) struct Unit<'a> {
    pub scope: ScopeId,
    pub kind: ScopeKind,
    pub name: String,
    pub qualname: String,
    pub first_line: u32,
    pub flags: u16,
    pub argcount: u32,
    pub posonly: u32,
    pub kwonly: u32,
    pub instrs: Vec<Instr>,
    pub labels: Vec<u32>,
    pub consts: Vec<Const>,
    const_index: BTreeMap<Vec<u8>, u32>,
    pub names: Vec<String>,
    name_map: BTreeMap<String, u32>,
    pub varnames: Vec<String>,
    pub slots: BTreeMap<Name, u32>,
    pub cells: Vec<u32>,
    pub frees: Vec<Name>,
    pub n_free: u32,
    /// (label, depth) of each exception handler.
    pub handlers: Vec<(u32, u32)>,
    pub hstack: Vec<u32>,
    pub fblocks: Vec<FBlock<'a>>,
    pub line: u32,
    pub interactive: bool,
}

pub(crate) const UNBOUND: u32 = u32::MAX;

/// The compiler state for one source.
pub(crate) struct Compiler<'a> {
    pub ast: &'a Ast,
    pub st: &'a SymTable,
    pub filename: &'a str,
    pub mode: Mode,
    pub units: Vec<Unit<'a>>,
    pub stack: crate::stack::StackGuard,
    /// Module-level `NAME = const(value)` declarations (MicroPython's `micropython.const`):
    /// loads of NAME anywhere in the module become the value; `_NAME` is not stored.
    pub consts: Vec<(Name, Const)>,
}

/// What the body of a new code object is.
#[derive(Copy, Clone)]
pub(crate) enum Body<'a> {
    Function(&'a [StmtId]),
    Lambda(ExprId),
    Class(&'a [StmtId]),
    Comp(ExprId),
}

fn internal(msg: &str) -> CompileError {
    CompileError::syntax(format!("internal compiler error: {msg}"), 0, 0)
}

/// A byte key identifying a constant for de-duplication: equal keys mean the same type and
/// value (floats by bit pattern, so 0.0 and -0.0 stay distinct). Code objects have none.
fn const_key(c: &Const, out: &mut Vec<u8>) -> bool {
    match c {
        Const::None => out.push(0),
        Const::True => out.push(1),
        Const::False => out.push(2),
        Const::Ellipsis => out.push(3),
        Const::Int(i) => {
            out.push(4);
            out.extend_from_slice(&i.to_le_bytes());
        }
        Const::BigInt(s) | Const::Str(s) => {
            out.push(if matches!(c, Const::BigInt(_)) { 5 } else { 6 });
            out.extend_from_slice(&(s.len() as u64).to_le_bytes());
            out.extend_from_slice(s.as_bytes());
        }
        Const::Float(f) | Const::Complex(f) => {
            out.push(if matches!(c, Const::Float(_)) { 7 } else { 8 });
            out.extend_from_slice(&f.to_bits().to_le_bytes());
        }
        Const::Bytes(b) => {
            out.push(9);
            out.extend_from_slice(&(b.len() as u64).to_le_bytes());
            out.extend_from_slice(b);
        }
        Const::Tuple(items) => {
            out.push(10);
            out.extend_from_slice(&(items.len() as u64).to_le_bytes());
            for i in items {
                if !const_key(i, out) {
                    return false;
                }
            }
        }
        Const::Code(_) => return false,
    }
    true
}

impl<'a> Compiler<'a> {
    pub(crate) fn new(ast: &'a Ast, st: &'a SymTable, filename: &'a str, mode: Mode, stack: crate::stack::StackGuard) -> Self {
        Compiler { ast, st, filename, mode, units: Vec::new(), stack, consts: Vec::new() }
    }

    pub(crate) fn u(&mut self) -> &mut Unit<'a> {
        // There is always a unit while compiling; `compile_scope` pushes it first.
        let n = self.units.len();
        &mut self.units[n - 1]
    }

    pub(crate) fn ur(&self) -> &Unit<'a> {
        let n = self.units.len();
        &self.units[n - 1]
    }

    // ----- emitting -----

    pub(crate) fn emit(&mut self, op: Op, arg: u32) {
        let u = self.u();
        let handler = u.hstack.last().map(|&h| h + 1).unwrap_or(0);
        let line = u.line;
        u.instrs.push(Instr { op, arg, line, handler });
    }

    pub(crate) fn emit0(&mut self, op: Op) {
        self.emit(op, 0);
    }

    pub(crate) fn new_label(&mut self) -> u32 {
        let u = self.u();
        u.labels.push(UNBOUND);
        (u.labels.len() - 1) as u32
    }

    pub(crate) fn bind(&mut self, l: u32) {
        let u = self.u();
        let at = u.instrs.len() as u32;
        if let Some(slot) = u.labels.get_mut(l as usize) {
            *slot = at;
        }
    }

    pub(crate) fn emit_jump(&mut self, op: Op, l: u32) {
        self.emit(op, l);
    }

    pub(crate) fn check_size(&self, line: u32, col: u32) -> CResult<()> {
        if self.ur().instrs.len() > MAX_INSTRS {
            return Err(CompileError::syntax("code object too large", line, col));
        }
        Ok(())
    }

    pub(crate) fn add_const(&mut self, c: Const) -> u32 {
        let u = self.u();
        let mut key = Vec::new();
        let i = u.consts.len() as u32;
        if const_key(&c, &mut key) {
            if let Some(&j) = u.const_index.get(&key) {
                return j;
            }
            u.const_index.insert(key, i);
        }
        u.consts.push(c);
        i
    }

    pub(crate) fn add_name(&mut self, s: &str) -> u32 {
        let u = self.u();
        if let Some(&i) = u.name_map.get(s) {
            return i;
        }
        let i = u.names.len() as u32;
        u.names.push(String::from(s));
        u.name_map.insert(String::from(s), i);
        i
    }

    pub(crate) fn load_const(&mut self, c: Const) {
        match c {
            Const::None => self.emit0(Op::LoadNone),
            Const::True => self.emit0(Op::LoadTrue),
            Const::False => self.emit0(Op::LoadFalse),
            Const::Int(i) if i >= i16::MIN as i64 && i <= i16::MAX as i64 => {
                self.emit(Op::LoadSmallInt, (i as i16 as u16) as u32)
            }
            c => {
                let i = self.add_const(c);
                self.emit(Op::LoadConst, i);
            }
        }
    }

    pub(crate) fn push_handler(&mut self, label: u32, depth: u32) {
        let u = self.u();
        u.handlers.push((label, depth));
        let h = (u.handlers.len() - 1) as u32;
        u.hstack.push(h);
    }

    pub(crate) fn pop_handler(&mut self) {
        self.u().hstack.pop();
    }

    /// Operand-stack depth at the start of a statement in the current block structure.
    pub(crate) fn stmt_depth(&self) -> u32 {
        self.ur().fblocks.iter().map(|f| f.stack).sum()
    }

    pub(crate) fn set_line(&mut self, line: u32) {
        self.u().line = line;
    }

    // ----- names -----

    pub(crate) fn name_text(&self, n: Name) -> &'a str {
        self.ast.name(n)
    }

    /// Load, store or delete a name according to its scope.
    pub(crate) fn name_op(&mut self, n: Name, what: NameOp) -> CResult<()> {
        let u = self.ur();
        let scope = &self.st.scopes[u.scope];
        let kind = u.kind;
        let sc = scope.scope_of(n);
        let text = self.ast.name(n);
        if text == "__debug__" && what == NameOp::Load {
            self.emit0(Op::LoadTrue);
            return Ok(());
        }
        if what == NameOp::Load && self.const_name_visible(sc, kind) {
            if let Some(c) = self.consts.iter().rev().find(|(k, _)| *k == n).map(|(_, c)| c.clone()) {
                self.load_const(c);
                return Ok(());
            }
        }
        match sc {
            SymScope::Free | SymScope::Cell => {
                let Some(&slot) = u.slots.get(&n) else { return Err(internal("missing cell slot")) };
                let op = match what {
                    NameOp::Load if kind == ScopeKind::Class => Op::LoadClassDeref,
                    NameOp::Load => Op::LoadDeref,
                    NameOp::Store => Op::StoreDeref,
                    NameOp::Delete => Op::DeleteDeref,
                };
                self.emit(op, slot);
            }
            SymScope::Local if kind.is_function() => {
                let Some(&slot) = u.slots.get(&n) else { return Err(internal("missing local slot")) };
                let op = match what {
                    NameOp::Load => Op::LoadFast,
                    NameOp::Store => Op::StoreFast,
                    NameOp::Delete => Op::DeleteFast,
                };
                self.emit(op, slot);
            }
            // At module level locals are the globals: `global x` there is a no-op.
            SymScope::GlobalExplicit if kind != ScopeKind::Module => self.global_op(text, what),
            SymScope::GlobalImplicit | SymScope::Unknown if kind.is_function() => self.global_op(text, what),
            _ => {
                let i = self.add_name(text);
                let op = match what {
                    NameOp::Load => Op::LoadName,
                    NameOp::Store => Op::StoreName,
                    NameOp::Delete => Op::DeleteName,
                };
                self.emit(op, i);
            }
        }
        Ok(())
    }

    fn global_op(&mut self, text: &str, what: NameOp) {
        let i = self.add_name(text);
        let op = match what {
            NameOp::Load => Op::LoadGlobal,
            NameOp::Store => Op::StoreGlobal,
            NameOp::Delete => Op::DeleteGlobal,
        };
        self.emit(op, i);
    }

    // ----- scopes -----

    /// Qualified name of a new scope named `name` nested in the current unit.
    pub(crate) fn qualname_for(&self, name: &str, child: ScopeKind, def_name: Option<Name>) -> String {
        let Some(parent) = self.units.last() else { return String::from(name) };
        if parent.kind == ScopeKind::Module {
            return String::from(name);
        }
        if let Some(n) = def_name
            && matches!(child, ScopeKind::Function | ScopeKind::Class)
                && self.st.scopes[parent.scope].scope_of(n) == SymScope::GlobalExplicit
            {
                return String::from(name);
            }
        if matches!(parent.kind, ScopeKind::Function | ScopeKind::Lambda) {
            format!("{}.<locals>.{}", parent.qualname, name)
        } else {
            format!("{}.{}", parent.qualname, name)
        }
    }

    /// Create the unit for scope `sid`, laying out its local slots.
    fn push_unit(&mut self, sid: ScopeId, name: String, qualname: String, first_line: u32) -> CResult<()> {
        let sc = &self.st.scopes[sid];
        let kind = sc.kind;
        let mut slots: BTreeMap<Name, u32> = BTreeMap::new();
        let mut varnames: Vec<String> = Vec::new();
        let mut cells: Vec<u32> = Vec::new();
        let mut frees: Vec<Name> = Vec::new();
        let add_slot = |n: Name, text: &str, slots: &mut BTreeMap<Name, u32>, varnames: &mut Vec<String>| -> u32 {
            let i = varnames.len() as u32;
            slots.insert(n, i);
            varnames.push(String::from(text));
            i
        };
        let ast = self.ast;
        if kind.is_function() {
            for &p in &sc.params {
                let i = add_slot(p, ast.name(p), &mut slots, &mut varnames);
                if sc.scope_of(p) == SymScope::Cell {
                    cells.push(i);
                }
            }
            for s in &sc.symbols {
                if s.scope == SymScope::Local && !slots.contains_key(&s.name) {
                    add_slot(s.name, ast.name(s.name), &mut slots, &mut varnames);
                }
            }
            let mut cellnames: Vec<Name> = sc
                .symbols
                .iter()
                .filter(|s| s.scope == SymScope::Cell && !slots.contains_key(&s.name))
                .map(|s| s.name)
                .collect();
            cellnames.sort_by(|a, b| ast.name(*a).cmp(ast.name(*b)));
            for n in cellnames {
                let i = add_slot(n, ast.name(n), &mut slots, &mut varnames);
                cells.push(i);
            }
            let mut freenames: Vec<Name> = sc.symbols.iter().filter(|s| s.scope == SymScope::Free).map(|s| s.name).collect();
            freenames.sort_by(|a, b| ast.name(*a).cmp(ast.name(*b)));
            for n in freenames {
                add_slot(n, ast.name(n), &mut slots, &mut varnames);
                frees.push(n);
            }
        } else if kind == ScopeKind::Class {
            if sc.needs_class_closure
                && let Some(cn) = ast.lookup("__class__") {
                    let i = add_slot(cn, "__class__", &mut slots, &mut varnames);
                    cells.push(i);
                }
            let mut freenames: Vec<Name> = sc
                .symbols
                .iter()
                .filter(|s| s.scope == SymScope::Free || s.flags & DEF_FREE_CLASS != 0)
                .map(|s| s.name)
                .collect();
            freenames.sort_by(|a, b| ast.name(*a).cmp(ast.name(*b)));
            for n in freenames {
                if slots.contains_key(&n) {
                    continue;
                }
                add_slot(n, ast.name(n), &mut slots, &mut varnames);
                frees.push(n);
            }
        }
        if varnames.len() > u16::MAX as usize {
            return Err(CompileError::syntax("too many local variables", sc.line, 1));
        }
        let mut flags = 0u16;
        match kind {
            ScopeKind::Module => flags |= CodeFlags::MODULE,
            ScopeKind::Class => flags |= CodeFlags::CLASS_BODY,
            _ => flags |= CodeFlags::FUNCTION,
        }
        if sc.is_generator {
            flags |= CodeFlags::GENERATOR;
        }
        if sc.is_coroutine {
            flags |= CodeFlags::COROUTINE;
        }
        let interactive = kind == ScopeKind::Module && self.mode == Mode::Single;
        if interactive {
            flags |= CodeFlags::INTERACTIVE;
        }
        let n_free = frees.len() as u32;
        self.units.push(Unit {
            scope: sid,
            kind,
            name,
            qualname,
            first_line,
            flags,
            argcount: 0,
            posonly: 0,
            kwonly: 0,
            instrs: Vec::new(),
            labels: Vec::new(),
            consts: Vec::new(),
            const_index: BTreeMap::new(),
            names: Vec::new(),
            name_map: BTreeMap::new(),
            varnames,
            slots,
            cells,
            frees,
            n_free,
            handlers: Vec::new(),
            hstack: Vec::new(),
            fblocks: Vec::new(),
            line: first_line,
            interactive,
        });
        Ok(())
    }

    /// Compile a whole scope into a code object. Returns it with the names of its free
    /// variables (closure order).
    pub(crate) fn compile_scope(
        &mut self,
        sid: ScopeId,
        body: Body<'a>,
        name: String,
        qualname: String,
        first_line: u32,
        params: Option<&'a Params>,
    ) -> CResult<(CodeObject, Vec<Name>)> {
        if self.units.len() > 400 {
            return Err(CompileError::syntax("too many nested scopes", first_line, 1));
        }
        self.stack.check(first_line, 1)?;
        self.push_unit(sid, name, qualname, first_line)?;
        if let Some(p) = params {
            let u = self.u();
            u.posonly = p.posonly.len() as u32;
            u.argcount = (p.posonly.len() + p.args.len()) as u32;
            u.kwonly = p.kwonly.len() as u32;
            if p.vararg.is_some() {
                u.flags |= CodeFlags::VARARGS;
            }
            if p.kwarg.is_some() {
                u.flags |= CodeFlags::VARKEYWORDS;
            }
        }
        if matches!(self.ur().kind, ScopeKind::Comprehension(_)) {
            // The outermost iterable is passed as the single positional argument `.0`.
            self.u().argcount = 1;
        }
        let cells = self.ur().cells.clone();
        for c in cells {
            self.emit(Op::MakeCell, c);
        }
        match body {
            Body::Function(stmts) => {
                self.visit_stmts(stmts)?;
                self.emit0(Op::LoadNone);
                self.emit0(Op::ReturnValue);
            }
            Body::Lambda(e) => {
                self.visit_expr(e)?;
                self.emit0(Op::ReturnValue);
            }
            Body::Class(stmts) => {
                let n = self.add_name("__name__");
                self.emit(Op::LoadName, n);
                let n = self.add_name("__module__");
                self.emit(Op::StoreName, n);
                let q = self.ur().qualname.clone();
                let i = self.add_const(Const::Str(q));
                self.emit(Op::LoadConst, i);
                let n = self.add_name("__qualname__");
                self.emit(Op::StoreName, n);
                if let Some(doc) = self.docstring(stmts) {
                    let i = self.add_const(Const::Str(doc));
                    self.emit(Op::LoadConst, i);
                    let n = self.add_name("__doc__");
                    self.emit(Op::StoreName, n);
                }
                self.visit_stmts(stmts)?;
                let class_cell = self.ast.lookup("__class__").and_then(|n| {
                    if self.st.scopes[sid].needs_class_closure { self.ur().slots.get(&n).copied() } else { None }
                });
                match class_cell {
                    Some(slot) => self.emit(Op::LoadClosure, slot),
                    None => self.emit0(Op::LoadNone),
                }
                self.emit0(Op::ReturnValue);
            }
            Body::Comp(e) => {
                self.comprehension_body(e)?;
            }
        }
        let Some(u) = self.units.pop() else { return Err(internal("unit stack empty")) };
        let frees = u.frees.clone();
        let code = assemble::assemble(u, self.filename)?;
        Ok((code, frees))
    }

    fn docstring(&self, stmts: &[StmtId]) -> Option<String> {
        let first = *stmts.first()?;
        if let StmtKind::Expr(e) = &self.ast.stmt(first).kind
            && let ExprKind::Lit(Lit::Str(s)) = &self.ast.expr(*e).kind {
                return Some(s.clone());
            }
        None
    }
}

/// What to do with a name.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub(crate) enum NameOp {
    Load,
    Store,
    Delete,
}

/// Statements (top-level ones, whole) parsed before the module's code for them is
/// generated and their nodes dropped. Small enough that the tree of one part is a few KB,
/// large enough that the module scope (carried from part to part) is analysed rarely.
const PART_NODES: usize = 256;

/// Compile a module (`Exec` or `Single` source) part by part: parse a run of top-level
/// statements, build its symbol table, generate the module code for it, then drop its
/// syntax tree and symbol table. Peak memory is that of the largest top-level statement
/// (a class or function with everything in it) plus the code generated so far, not that
/// of the whole tree. Names stay interned across parts (`Ast::clear_nodes`), and the module
/// scope is carried from part to part, so every part sees the module-level definitions
/// before it.
///
/// The error reported is the one the whole-module passes would report: after an error,
/// the rest is still parsed, and still run through the earlier passes: a syntax error
/// anywhere comes first, then the first error of the symbol table's first pass, then of
/// its second pass, then of code generation.
pub(crate) fn compile_module(src: &str, filename: &str, mode: Mode, stack: crate::stack::StackGuard) -> CResult<CodeObject> {
    let mut p = crate::parser::Parser::new(src, stack);
    let mut module = crate::symtable::module_scope();
    let mut unit: Option<Unit<'static>> = None;
    let mut consts: Vec<(Name, Const)> = Vec::new();
    let mut held: Option<(Stage, CompileError)> = None;
    let mut body: Vec<StmtId> = Vec::new();
    loop {
        let more = p.parse_top_level(&mut body)?;
        if more && p.ast.node_count() < PART_NODES {
            continue;
        }
        // Passes that could still produce the error to report.
        let need = held.as_ref().map_or(Stage::Codegen, |h| h.0);
        if need > Stage::Visit {
            match crate::symtable::build_part(&mut p.ast, &body, &mut module, stack, need > Stage::Analyze) {
                Ok(st) if held.is_none() => {
                    let mut c = Compiler::new(&p.ast, &st, filename, mode, stack);
                    c.consts = core::mem::take(&mut consts);
                    let r = c.module_part(unit.take(), &body, !more);
                    consts = core::mem::take(&mut c.consts);
                    match r {
                        Ok(u) => unit = Some(u),
                        Err(e) => held = Some((Stage::Codegen, e)),
                    }
                }
                Ok(_) => {}
                Err((s, e)) => {
                    if s < need {
                        held = Some((s, e));
                    }
                }
            }
        }
        body.clear();
        p.ast.clear_nodes();
        if !more {
            break;
        }
    }
    if let Some((_, e)) = held {
        return Err(e);
    }
    let Some(u) = unit else { return Err(internal("no module unit")) };
    assemble::assemble(u, filename)
}

/// Compile an `Eval` source: one expression, whose value the code returns.
pub(crate) fn compile_eval(src: &str, filename: &str, stack: crate::stack::StackGuard) -> CResult<CodeObject> {
    let (mut ast, body) = crate::parser::parse_guarded(src, crate::parser::ParseMode::Eval, stack)?;
    let st = crate::symtable::build_guarded(&mut ast, &body, stack)?;
    let mut c = Compiler::new(&ast, &st, filename, Mode::Eval, stack);
    let b = match body.first().map(|&s| &ast.stmt(s).kind) {
        Some(StmtKind::Expr(e)) => Body::Lambda(*e),
        _ => return Err(CompileError::syntax("invalid syntax", 1, 1)),
    };
    let (code, _) = c.compile_scope(0, b, String::from("<module>"), String::from("<module>"), 1, None)?;
    Ok(code)
}

impl<'a> Compiler<'a> {
    /// Generate the module code of one part (`body`) into `unit` (None for the first part:
    /// the module unit is created, with the docstring). After the `last` part, the code
    /// returns None. Returns the module unit, detached from this part's tree.
    fn module_part(&mut self, unit: Option<Unit<'static>>, body: &'a [StmtId], last: bool) -> CResult<Unit<'static>> {
        match unit {
            Some(u) => self.units.push(u.detach()),
            None => {
                self.push_unit(0, String::from("<module>"), String::from("<module>"), 1)?;
                if self.mode == Mode::Exec
                    && let Some(doc) = self.docstring(body) {
                        let i = self.add_const(Const::Str(doc));
                        self.emit(Op::LoadConst, i);
                        let n = self.add_name("__doc__");
                        self.emit(Op::StoreName, n);
                    }
            }
        }
        self.visit_stmts(body)?;
        if last {
            self.emit0(Op::LoadNone);
            self.emit0(Op::ReturnValue);
        }
        match self.units.pop() {
            Some(u) if self.units.is_empty() && u.fblocks.is_empty() => Ok(u.detach()),
            _ => Err(internal("module unit not alone at the end of a part")),
        }
    }
}

impl Unit<'_> {
    /// The same unit, tied to no syntax tree. Only for a unit with no open block (the
    /// module's, between top-level statements): open blocks may refer to the tree.
    fn detach<'b>(self) -> Unit<'b> {
        let Unit {
            scope,
            kind,
            name,
            qualname,
            first_line,
            flags,
            argcount,
            posonly,
            kwonly,
            instrs,
            labels,
            consts,
            const_index,
            names,
            name_map,
            varnames,
            slots,
            cells,
            frees,
            n_free,
            handlers,
            hstack,
            fblocks: _,
            line,
            interactive,
        } = self;
        Unit {
            scope,
            kind,
            name,
            qualname,
            first_line,
            flags,
            argcount,
            posonly,
            kwonly,
            instrs,
            labels,
            consts,
            const_index,
            names,
            name_map,
            varnames,
            slots,
            cells,
            frees,
            n_free,
            handlers,
            hstack,
            fblocks: Vec::new(),
            line,
            interactive,
        }
    }
}
