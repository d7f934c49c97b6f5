//! Scope analysis, following CPython 3.11's `symtable.c`: every name in every scope is
//! classified as local, global (explicit or implicit), free or cell. Class scopes are not
//! visible from the functions nested in them; comprehensions are function scopes whose
//! outermost iterable is evaluated outside; an assignment expression in a comprehension
//! binds in the nearest enclosing function (or module).

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::ast::*;
use crate::error::{CResult, CompileError};

/// Assigned in the scope (assignment, import, def, for target, del, ...).
pub const DEF_LOCAL: u16 = 1;
/// A parameter.
pub const DEF_PARAM: u16 = 2;
/// Declared `global`.
pub const DEF_GLOBAL: u16 = 4;
/// Declared `nonlocal`.
pub const DEF_NONLOCAL: u16 = 8;
/// Read.
pub const USE: u16 = 16;
/// Free in a nested function and also bound in this class scope.
pub const DEF_FREE_CLASS: u16 = 32;
/// A comprehension iteration variable.
pub const DEF_COMP_ITER: u16 = 64;
/// Annotated (`x: int`).
pub const DEF_ANNOT: u16 = 128;
const DEF_BOUND: u16 = DEF_LOCAL | DEF_PARAM;

/// Final classification of a name in a scope.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum SymScope {
    /// Not yet analysed.
    Unknown,
    /// A local (fast local in functions, namespace entry in modules and classes).
    Local,
    /// Declared `global`.
    GlobalExplicit,
    /// Not bound anywhere enclosing: module global or builtin.
    GlobalImplicit,
    /// Bound in an enclosing function.
    Free,
    /// Local, and used by a nested function.
    Cell,
}

/// Kind of scope.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    /// Module (or eval/REPL input).
    Module,
    /// Class body.
    Class,
    /// `def`.
    Function,
    /// `lambda`.
    Lambda,
    /// A comprehension or generator expression.
    Comprehension(CompKind),
}

impl ScopeKind {
    /// Function-like scopes have fast locals.
    pub fn is_function(self) -> bool {
        matches!(self, ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension(_))
    }
}

/// One symbol.
#[derive(Clone, Debug)]
pub struct Symbol {
    /// The name.
    pub name: Name,
    /// `DEF_*` / `USE` bits.
    pub flags: u16,
    /// Result of the analysis.
    pub scope: SymScope,
}

/// Index of a scope in `SymTable::scopes`.
pub type ScopeId = usize;

/// One scope.
#[derive(Clone, Debug)]
pub struct Scope {
    /// Kind.
    pub kind: ScopeKind,
    /// Name (`<module>`, function or class name, `<lambda>`, `<listcomp>`...).
    pub name: String,
    /// Symbols in first-seen order.
    pub symbols: Vec<Symbol>,
    index: BTreeMap<Name, usize>,
    /// Nested scopes in source order.
    pub children: Vec<ScopeId>,
    /// Parent scope.
    pub parent: Option<ScopeId>,
    /// Parameter names in slot order: positional (posonly first), keyword-only, `*args`,
    /// `**kwargs`.
    pub params: Vec<Name>,
    /// Contains `yield`.
    pub is_generator: bool,
    /// `async def`.
    pub is_coroutine: bool,
    /// A nested function uses `__class__` (class scopes only).
    pub needs_class_closure: bool,
    /// Line of the definition.
    pub line: u32,
    returns_value: Option<(u32, u32)>,
    directives: BTreeMap<Name, (u32, u32)>,
    comp_iter_expr: u32,
    comp_iter_target: bool,
}

impl Scope {
    fn new(kind: ScopeKind, name: String, parent: Option<ScopeId>, line: u32) -> Self {
        Scope {
            kind,
            name,
            symbols: Vec::new(),
            index: BTreeMap::new(),
            children: Vec::new(),
            parent,
            params: Vec::new(),
            is_generator: false,
            is_coroutine: false,
            needs_class_closure: false,
            line,
            returns_value: None,
            directives: BTreeMap::new(),
            comp_iter_expr: 0,
            comp_iter_target: false,
        }
    }

    /// Flags of a name (0 if absent).
    pub fn flags(&self, n: Name) -> u16 {
        self.index.get(&n).map(|&i| self.symbols[i].flags).unwrap_or(0)
    }

    /// Analysed scope of a name (GlobalImplicit if absent).
    pub fn scope_of(&self, n: Name) -> SymScope {
        match self.index.get(&n) {
            Some(&i) => self.symbols[i].scope,
            None => SymScope::GlobalImplicit,
        }
    }

    fn add(&mut self, n: Name, flag: u16) -> u16 {
        match self.index.get(&n) {
            Some(&i) => {
                self.symbols[i].flags |= flag;
                self.symbols[i].flags
            }
            None => {
                self.index.insert(n, self.symbols.len());
                self.symbols.push(Symbol { name: n, flags: flag, scope: SymScope::Unknown });
                flag
            }
        }
    }
}

/// The scopes of one compilation and the AST nodes that own them.
#[derive(Debug, Default)]
pub struct SymTable {
    /// All scopes; 0 is the module.
    pub scopes: Vec<Scope>,
    /// Scope of each `def`/`class` statement.
    pub stmt_scope: BTreeMap<StmtId, ScopeId>,
    /// Scope of each lambda and comprehension expression.
    pub expr_scope: BTreeMap<ExprId, ScopeId>,
}

struct Builder<'a> {
    ast: &'a Ast,
    t: SymTable,
    scope_stack: Vec<ScopeId>,
    class_name: Name,
    super_name: Name,
    stack: crate::stack::StackGuard,
}

/// Build and analyse the symbol table of a module body.
pub fn build(ast: &mut Ast, body: &[StmtId]) -> CResult<SymTable> {
    build_guarded(ast, body, crate::stack::StackGuard::here(crate::stack::DEFAULT_STACK_BUDGET))
}

/// `build` with an explicit stack guard.
pub fn build_guarded(ast: &mut Ast, body: &[StmtId], stack: crate::stack::StackGuard) -> CResult<SymTable> {
    build_part(ast, body, &mut module_scope(), stack, true).map_err(|(_, e)| e)
}

/// The module scope before any statement.
pub(crate) fn module_scope() -> Scope {
    Scope::new(ScopeKind::Module, String::from("<module>"), None, 1)
}

/// Which pass of the symbol table an error comes from (errors of the first pass over the
/// whole module come before errors of the second).
#[derive(Copy, Clone, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(crate) enum Stage {
    /// Recording definitions and uses.
    Visit,
    /// Resolving scopes.
    Analyze,
    /// Code generation, after the symbol table.
    Codegen,
}

/// The symbol table of `body`, a part of a module whose earlier parts left the module
/// scope `module` (their module-level definitions and uses; no children), which is updated
/// with this part's. Analysed only if `analyze`.
pub(crate) fn build_part(
    ast: &mut Ast,
    body: &[StmtId],
    module: &mut Scope,
    stack: crate::stack::StackGuard,
    analyze: bool,
) -> Result<SymTable, (Stage, CompileError)> {
    let class_name = ast.intern("__class__");
    let super_name = ast.intern("super");
    ast.intern(".0");
    let old_flags: Vec<u16> = module.symbols.iter().map(|s| s.flags).collect();
    let mut b = Builder { ast, t: SymTable::default(), scope_stack: Vec::new(), class_name, super_name, stack };
    // The module scope moves into the table for the first pass and back to the caller after
    // it (after a definition error it is not needed any more: only parsing continues).
    b.t.scopes.push(core::mem::replace(module, module_scope()));
    b.scope_stack.push(0);
    for &s in body {
        b.visit_stmt(s).map_err(|e| (Stage::Visit, e))?;
    }
    let mut t = b.t;
    // The table keeps a module scope with the symbols this part added or changed, so each
    // part's analysis costs what the part holds, not what the module held before it. The
    // scope of a module-level name does not change its code (at module level every name is
    // loaded and stored by name, absent ones included); it decides only errors, which come
    // from flags, and flags that did not change were analysed with an earlier part.
    let full = &mut t.scopes[0];
    let mut part = module_scope();
    part.children = core::mem::take(&mut full.children);
    part.is_generator = full.is_generator;
    part.is_coroutine = full.is_coroutine;
    part.directives = full.directives.clone();
    for (i, s) in full.symbols.iter().enumerate() {
        if old_flags.get(i) != Some(&s.flags) {
            part.add(s.name, s.flags);
        }
    }
    *module = core::mem::replace(&mut t.scopes[0], part);
    if analyze {
        let mut global = BTreeSet::new();
        analyze_block(&mut t, 0, None, &mut global, class_name, &b.ast.names).map_err(|e| (Stage::Analyze, e))?;
    }
    Ok(t)
}

fn serr(msg: impl Into<String>, line: u32, col: u32) -> CompileError {
    CompileError::syntax(msg, line, col)
}

impl<'a> Builder<'a> {
    fn cur(&mut self) -> &mut Scope {
        let i = self.scope_stack.last().copied().unwrap_or(0);
        &mut self.t.scopes[i]
    }

    fn cur_id(&self) -> ScopeId {
        self.scope_stack.last().copied().unwrap_or(0)
    }

    fn add_def(&mut self, n: Name, flag: u16, line: u32, col: u32) -> CResult<()> {
        let sc = self.cur();
        if flag & DEF_PARAM != 0 && sc.flags(n) & DEF_PARAM != 0 {
            return Err(serr(format!("duplicate argument '{}' in function definition", self.ast.name(n)), line, col));
        }
        let mut flag = flag;
        if sc.comp_iter_target && flag & DEF_LOCAL != 0 {
            flag |= DEF_COMP_ITER;
            // A name bound by an assignment expression in this comprehension cannot also
            // be an iteration variable.
        }
        sc.add(n, flag);
        Ok(())
    }

    fn enter(&mut self, kind: ScopeKind, name: String, line: u32) -> ScopeId {
        let parent = self.cur_id();
        let id = self.t.scopes.len();
        self.t.scopes.push(Scope::new(kind, name, Some(parent), line));
        self.t.scopes[parent].children.push(id);
        self.scope_stack.push(id);
        id
    }

    fn exit(&mut self) -> CResult<()> {
        let id = self.cur_id();
        let sc = &self.t.scopes[id];
        if sc.is_coroutine && sc.is_generator
            && let Some((l, c)) = sc.returns_value {
                return Err(serr("'return' with value in async generator", l, c));
            }
        self.scope_stack.pop();
        Ok(())
    }

    fn visit_body(&mut self, body: &[StmtId]) -> CResult<()> {
        for &s in body {
            self.visit_stmt(s)?;
        }
        Ok(())
    }

    fn visit_params(&mut self, p: &Params) -> CResult<()> {
        for prm in p.posonly.iter().chain(p.args.iter()).chain(p.kwonly.iter()) {
            self.add_def(prm.name, DEF_PARAM, prm.line, prm.col)?;
            self.cur().params.push(prm.name);
        }
        if let Some(prm) = &p.vararg {
            self.add_def(prm.name, DEF_PARAM, prm.line, prm.col)?;
            self.cur().params.push(prm.name);
        }
        if let Some(prm) = &p.kwarg {
            self.add_def(prm.name, DEF_PARAM, prm.line, prm.col)?;
            self.cur().params.push(prm.name);
        }
        Ok(())
    }

    fn visit_defaults(&mut self, p: &Params) -> CResult<()> {
        for &d in &p.defaults {
            self.visit_expr(d)?;
        }
        for d in p.kw_defaults.iter().flatten() {
            self.visit_expr(*d)?;
        }
        Ok(())
    }

    fn visit_stmt(&mut self, sid: StmtId) -> CResult<()> {
        let ast = self.ast;
        let s = ast.stmt(sid);
        let (line, col) = (s.line, s.col);
        self.stack.check(line, col)?;
        match &s.kind {
            StmtKind::Expr(e) => self.visit_expr(*e)?,
            StmtKind::Assign { targets, value } => {
                self.visit_expr(*value)?;
                for &t in targets {
                    self.visit_target(t)?;
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.visit_target(*target)?;
                self.visit_expr(*value)?;
            }
            StmtKind::AnnAssign { target, value, simple } => {
                if let ExprKind::Name(n) = ast.expr(*target).kind {
                    let cur = self.cur().flags(n);
                    if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && *simple {
                        let what = if cur & DEF_GLOBAL != 0 { "global" } else { "nonlocal" };
                        return Err(serr(format!("annotated name '{}' can't be {}", ast.name(n), what), line, col));
                    }
                    if *simple {
                        self.add_def(n, DEF_LOCAL | DEF_ANNOT, line, col)?;
                    } else if value.is_some() {
                        self.add_def(n, DEF_LOCAL, line, col)?;
                    }
                } else {
                    self.visit_target(*target)?;
                }
                if let Some(v) = value {
                    self.visit_expr(*v)?;
                }
            }
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
            StmtKind::Return(v) => {
                if let Some(v) = v {
                    self.visit_expr(*v)?;
                    let sc = self.cur();
                    if sc.returns_value.is_none() {
                        sc.returns_value = Some((line, col));
                    }
                }
                if !self.cur().kind.is_function() {
                    return Err(serr("'return' outside function", line, col));
                }
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.visit_expr(*e)?;
                }
                if let Some(c) = cause {
                    self.visit_expr(*c)?;
                }
            }
            StmtKind::Global(names) | StmtKind::Nonlocal(names) => {
                let is_global = matches!(s.kind, StmtKind::Global(_));
                for &n in names {
                    let cur = self.cur().flags(n);
                    if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                        let kw = if is_global { "global" } else { "nonlocal" };
                        let msg = if cur & DEF_PARAM != 0 {
                            format!("name '{}' is parameter and {}", ast.name(n), kw)
                        } else if cur & USE != 0 {
                            format!("name '{}' is used prior to {} declaration", ast.name(n), kw)
                        } else if cur & DEF_ANNOT != 0 {
                            format!("annotated name '{}' can't be {}", ast.name(n), kw)
                        } else {
                            format!("name '{}' is assigned to before {} declaration", ast.name(n), kw)
                        };
                        return Err(serr(msg, line, col));
                    }
                    let flag = if is_global { DEF_GLOBAL } else { DEF_NONLOCAL };
                    self.add_def(n, flag, line, col)?;
                    self.cur().directives.entry(n).or_insert((line, col));
                }
            }
            StmtKind::Delete(targets) => {
                for &t in targets {
                    self.visit_target(t)?;
                }
            }
            StmtKind::Assert { test, msg } => {
                self.visit_expr(*test)?;
                if let Some(m) = msg {
                    self.visit_expr(*m)?;
                }
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    let stored = match a.asname {
                        Some(n) => n,
                        None => {
                            let first = a.name.split('.').next().unwrap_or("");
                            match ast.lookup(first) {
                                Some(n) => n,
                                None => return Err(serr("invalid import", a.line, a.col)),
                            }
                        }
                    };
                    self.add_def(stored, DEF_LOCAL, a.line, a.col)?;
                }
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    if a.name == "*" {
                        if self.cur().kind != ScopeKind::Module {
                            return Err(serr("import * only allowed at module level", line, col));
                        }
                        continue;
                    }
                    let stored = match a.asname {
                        Some(n) => n,
                        None => match ast.lookup(&a.name) {
                            Some(n) => n,
                            None => return Err(serr("invalid import", a.line, a.col)),
                        },
                    };
                    self.add_def(stored, DEF_LOCAL, a.line, a.col)?;
                }
            }
            StmtKind::If { .. } => {
                // elif chains are iterated, not recursed.
                let mut cur = sid;
                while let StmtKind::If { test, body, orelse } = &ast.stmt(cur).kind {
                    self.visit_expr(*test)?;
                    self.visit_body(body)?;
                    if orelse.len() == 1 && matches!(ast.stmt(orelse[0]).kind, StmtKind::If { .. }) {
                        cur = orelse[0];
                        continue;
                    }
                    self.visit_body(orelse)?;
                    break;
                }
            }
            StmtKind::While { test, body, orelse } => {
                self.visit_expr(*test)?;
                self.visit_body(body)?;
                self.visit_body(orelse)?;
            }
            StmtKind::For { target, iter, body, orelse, is_async } => {
                if *is_async && !self.cur().is_coroutine {
                    return Err(serr("'async for' outside async function", line, col));
                }
                self.visit_target(*target)?;
                self.visit_expr(*iter)?;
                self.visit_body(body)?;
                self.visit_body(orelse)?;
            }
            StmtKind::With { items, body, is_async } => {
                if *is_async && !self.cur().is_coroutine {
                    return Err(serr("'async with' outside async function", line, col));
                }
                for it in items {
                    self.visit_expr(it.ctx)?;
                    if let Some(t) = it.target {
                        self.visit_target(t)?;
                    }
                }
                self.visit_body(body)?;
            }
            StmtKind::Try(t) => {
                let TryStmt { body, handlers, orelse, finalbody } = &**t;
                self.visit_body(body)?;
                for h in handlers {
                    if let Some(t) = h.typ {
                        self.visit_expr(t)?;
                    }
                    if let Some(n) = h.name {
                        self.add_def(n, DEF_LOCAL, h.line, h.col)?;
                    }
                    self.visit_body(&h.body)?;
                }
                self.visit_body(orelse)?;
                self.visit_body(finalbody)?;
            }
            StmtKind::FunctionDef(f) => {
                self.add_def(f.name, DEF_LOCAL, line, col)?;
                self.visit_defaults(&f.params)?;
                for &d in &f.decorators {
                    self.visit_expr(d)?;
                }
                let id = self.enter(ScopeKind::Function, String::from(ast.name(f.name)), line);
                self.t.scopes[id].is_coroutine = f.is_async;
                self.t.stmt_scope.insert(sid, id);
                self.visit_params(&f.params)?;
                self.visit_body(&f.body)?;
                self.exit()?;
            }
            StmtKind::ClassDef(c) => {
                self.add_def(c.name, DEF_LOCAL, line, col)?;
                for &b in &c.bases {
                    self.visit_expr(b)?;
                }
                for k in &c.keywords {
                    self.visit_expr(k.value)?;
                }
                for &d in &c.decorators {
                    self.visit_expr(d)?;
                }
                let id = self.enter(ScopeKind::Class, String::from(ast.name(c.name)), line);
                self.t.stmt_scope.insert(sid, id);
                self.visit_body(&c.body)?;
                self.exit()?;
            }
        }
        Ok(())
    }

    /// A store or delete target.
    fn visit_target(&mut self, e: ExprId) -> CResult<()> {
        let ast = self.ast;
        let x = ast.expr(e);
        match &x.kind {
            ExprKind::Name(n) => {
                let n = *n;
                if self.cur().comp_iter_target {
                    self.add_def(n, DEF_LOCAL | DEF_COMP_ITER, x.line, x.col)
                } else {
                    self.add_def(n, DEF_LOCAL, x.line, x.col)
                }
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for &i in items {
                    self.visit_target(i)?;
                }
                Ok(())
            }
            ExprKind::Starred(inner) => self.visit_target(*inner),
            ExprKind::Attribute { value, .. } => self.visit_expr(*value),
            ExprKind::Subscript { value, index } => {
                self.visit_expr(*value)?;
                self.visit_expr(*index)
            }
            _ => self.visit_expr(e),
        }
    }

    fn visit_expr(&mut self, e: ExprId) -> CResult<()> {
        let ast = self.ast;
        let x = ast.expr(e);
        let (line, col) = (x.line, x.col);
        self.stack.check(line, col)?;
        match &x.kind {
            ExprKind::Name(n) => {
                let n = *n;
                self.add_def(n, USE, line, col)?;
                if n == self.super_name && self.cur().kind.is_function() {
                    let c = self.class_name;
                    self.add_def(c, USE, line, col)?;
                }
            }
            ExprKind::Lit(_) => {}
            ExprKind::JoinedStr(parts) => {
                for p in parts {
                    if let FPart::Field { value, spec, .. } = p {
                        self.visit_expr(*value)?;
                        if let Some(s) = spec {
                            self.visit_expr(*s)?;
                        }
                    }
                }
            }
            ExprKind::BoolOp(_, v) | ExprKind::Tuple(v) | ExprKind::List(v) | ExprKind::Set(v) => {
                for &i in v {
                    self.visit_expr(i)?;
                }
            }
            ExprKind::BinOp(a, _, b) => {
                self.visit_expr(*a)?;
                self.visit_expr(*b)?;
            }
            ExprKind::UnaryOp(_, a) | ExprKind::Starred(a) => self.visit_expr(*a)?,
            ExprKind::Compare(a, rest) => {
                self.visit_expr(*a)?;
                for (_, r) in rest {
                    self.visit_expr(*r)?;
                }
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.visit_expr(*test)?;
                self.visit_expr(*body)?;
                self.visit_expr(*orelse)?;
            }
            ExprKind::Lambda { params, body } => {
                self.visit_defaults(params)?;
                let id = self.enter(ScopeKind::Lambda, String::from("<lambda>"), line);
                self.t.expr_scope.insert(e, id);
                self.visit_params(params)?;
                self.visit_expr(*body)?;
                self.exit()?;
            }
            ExprKind::NamedExpr { target, value } => {
                let ExprKind::Name(n) = ast.expr(*target).kind else {
                    return Err(serr("cannot use assignment expressions with this target", line, col));
                };
                if self.cur().comp_iter_expr > 0 {
                    return Err(serr(
                        "assignment expression cannot be used in a comprehension iterable expression",
                        line,
                        col,
                    ));
                }
                self.visit_expr(*value)?;
                if matches!(self.cur().kind, ScopeKind::Comprehension(_)) {
                    self.extend_namedexpr_scope(n, line, col)?;
                } else {
                    self.add_def(n, DEF_LOCAL, line, col)?;
                }
            }
            ExprKind::Call { func, args, keywords } => {
                self.visit_expr(*func)?;
                for &a in args {
                    self.visit_expr(a)?;
                }
                for k in keywords {
                    self.visit_expr(k.value)?;
                }
            }
            ExprKind::Attribute { value, .. } => self.visit_expr(*value)?,
            ExprKind::Subscript { value, index } => {
                self.visit_expr(*value)?;
                self.visit_expr(*index)?;
            }
            ExprKind::Slice { lower, upper, step } => {
                for v in [lower, upper, step].into_iter().flatten() {
                    self.visit_expr(*v)?;
                }
            }
            ExprKind::Dict(items) => {
                for (k, v) in items {
                    if let Some(k) = k {
                        self.visit_expr(*k)?;
                    }
                    self.visit_expr(*v)?;
                }
            }
            ExprKind::Comp { kind, elt, value, gens } => {
                let Some(first) = gens.first() else { return Ok(()) };
                self.cur().comp_iter_expr += 1;
                let r = self.visit_expr(first.iter);
                self.cur().comp_iter_expr -= 1;
                r?;
                let name = match kind {
                    CompKind::List => "<listcomp>",
                    CompKind::Set => "<setcomp>",
                    CompKind::Dict => "<dictcomp>",
                    CompKind::Gen => "<genexpr>",
                };
                let id = self.enter(ScopeKind::Comprehension(*kind), String::from(name), line);
                if gens.iter().any(|g| g.is_async) {
                    self.mark_async_comprehension(line, col)?;
                }
                self.t.expr_scope.insert(e, id);
                if *kind == CompKind::Gen {
                    self.t.scopes[id].is_generator = true;
                }
                let dot0 = self.dot0();
                self.add_def(dot0, DEF_PARAM, line, col)?;
                self.cur().params.push(dot0);
                self.cur().comp_iter_target = true;
                let r = self.visit_target(first.target);
                self.cur().comp_iter_target = false;
                r?;
                for &c in &first.ifs {
                    self.visit_expr(c)?;
                }
                for g in gens.iter().skip(1) {
                    self.cur().comp_iter_target = true;
                    let r = self.visit_target(g.target);
                    self.cur().comp_iter_target = false;
                    r?;
                    self.cur().comp_iter_expr += 1;
                    let r = self.visit_expr(g.iter);
                    self.cur().comp_iter_expr -= 1;
                    r?;
                    for &c in &g.ifs {
                        self.visit_expr(c)?;
                    }
                }
                if let Some(v) = value {
                    self.visit_expr(*v)?;
                }
                self.visit_expr(*elt)?;
                self.exit()?;
            }
            ExprKind::Yield(v) => {
                if let Some(v) = v {
                    self.visit_expr(*v)?;
                }
                self.mark_yield(line, col)?;
            }
            ExprKind::YieldFrom(v) => {
                self.visit_expr(*v)?;
                if self.cur().is_coroutine {
                    return Err(serr("'yield from' inside async function", line, col));
                }
                self.mark_yield(line, col)?;
            }
            ExprKind::Await(v) => {
                self.visit_expr(*v)?;
                let sc = self.cur();
                match sc.kind {
                    ScopeKind::Module | ScopeKind::Class => return Err(serr("'await' outside function", line, col)),
                    ScopeKind::Comprehension(_) => self.mark_async_comprehension(line, col)?,
                    _ if !sc.is_coroutine => return Err(serr("'await' outside async function", line, col)),
                    _ => {}
                }
            }
        }
        Ok(())
    }

    fn dot0(&mut self) -> Name {
        // `.0` can never clash with a user identifier.
        // Interned up front by `build`; it can never clash with a user identifier.
        self.ast.lookup(".0").unwrap_or(Name(u32::MAX))
    }

    /// `async for` or `await` in the current comprehension: it and the list/set/dict
    /// comprehensions around it (which must await it) become coroutines, up to the nearest
    /// function, which must be `async def` (an async generator expression stops the chain:
    /// creating one needs no await).
    fn mark_async_comprehension(&mut self, line: u32, col: u32) -> CResult<()> {
        let mut i = self.scope_stack.len();
        while i > 0 {
            i -= 1;
            let sid = self.scope_stack[i];
            match self.t.scopes[sid].kind {
                ScopeKind::Comprehension(k) => {
                    self.t.scopes[sid].is_coroutine = true;
                    if k == CompKind::Gen {
                        return Ok(());
                    }
                }
                ScopeKind::Function | ScopeKind::Lambda if self.t.scopes[sid].is_coroutine => return Ok(()),
                _ => break,
            }
        }
        Err(serr("asynchronous comprehension outside of an asynchronous function", line, col))
    }

    fn mark_yield(&mut self, line: u32, col: u32) -> CResult<()> {
        let sc = self.cur();
        match sc.kind {
            ScopeKind::Module | ScopeKind::Class => Err(serr("'yield' outside function", line, col)),
            ScopeKind::Comprehension(k) => {
                let what = match k {
                    CompKind::List => "list comprehension",
                    CompKind::Set => "set comprehension",
                    CompKind::Dict => "dict comprehension",
                    CompKind::Gen => "generator expression",
                };
                Err(serr(format!("'yield' inside {what}"), line, col))
            }
            _ => {
                sc.is_generator = true;
                if sc.is_coroutine
                    && let Some((l, c)) = sc.returns_value {
                        return Err(serr("'return' with value in async generator", l, c));
                    }
                Ok(())
            }
        }
    }

    fn extend_namedexpr_scope(&mut self, n: Name, line: u32, col: u32) -> CResult<()> {
        let cur = self.cur_id();
        let mut i = self.scope_stack.len();
        while i > 0 {
            i -= 1;
            let sid = self.scope_stack[i];
            let sc = &self.t.scopes[sid];
            match sc.kind {
                ScopeKind::Comprehension(_) => {
                    if sc.flags(n) & DEF_COMP_ITER != 0 {
                        return Err(serr(
                            format!(
                                "assignment expression cannot rebind comprehension iteration variable '{}'",
                                self.ast.name(n)
                            ),
                            line,
                            col,
                        ));
                    }
                }
                ScopeKind::Function | ScopeKind::Lambda => {
                    let target_flags = sc.flags(n);
                    let flag = if target_flags & DEF_GLOBAL != 0 { DEF_GLOBAL } else { DEF_NONLOCAL };
                    self.t.scopes[cur].add(n, flag);
                    self.t.scopes[cur].directives.entry(n).or_insert((line, col));
                    self.t.scopes[sid].add(n, DEF_LOCAL);
                    return Ok(());
                }
                ScopeKind::Module => {
                    self.t.scopes[cur].add(n, DEF_GLOBAL);
                    self.t.scopes[cur].directives.entry(n).or_insert((line, col));
                    self.t.scopes[sid].add(n, DEF_GLOBAL);
                    return Ok(());
                }
                ScopeKind::Class => {
                    return Err(serr(
                        "assignment expression within a comprehension cannot be used in a class body",
                        line,
                        col,
                    ))
                }
            }
        }
        Ok(())
    }
}

/// CPython's `analyze_block`. Returns the names free in this block (to pass upwards).
fn analyze_block(
    t: &mut SymTable,
    id: ScopeId,
    bound: Option<&mut BTreeSet<Name>>,
    global: &mut BTreeSet<Name>,
    class_name: Name,
    names: &[alloc::boxed::Box<str>],
) -> CResult<BTreeSet<Name>> {
    let name_text = |n: Name| names.get(n.0 as usize).cloned().unwrap_or_default();
    let kind = t.scopes[id].kind;
    let is_class = kind == ScopeKind::Class;
    let mut local: BTreeSet<Name> = BTreeSet::new();
    let mut free: BTreeSet<Name> = BTreeSet::new();
    let mut newglobal: BTreeSet<Name> = BTreeSet::new();
    let mut newbound: BTreeSet<Name> = BTreeSet::new();
    let mut bound = bound;
    if is_class {
        newglobal = global.clone();
        if let Some(b) = bound.as_deref() {
            newbound = b.clone();
        }
    }
    let nsym = t.scopes[id].symbols.len();
    let mut scopes: Vec<SymScope> = Vec::with_capacity(nsym);
    for i in 0..nsym {
        let Symbol { name, flags, .. } = t.scopes[id].symbols[i].clone();
        let s = if flags & DEF_GLOBAL != 0 {
            if flags & DEF_NONLOCAL != 0 {
                let (l, c) = t.scopes[id].directives.get(&name).copied().unwrap_or((t.scopes[id].line, 1));
                return Err(serr(format!("name '{}' is nonlocal and global", name_text(name)), l, c));
            }
            global.insert(name);
            if let Some(b) = bound.as_deref_mut() {
                b.remove(&name);
            }
            SymScope::GlobalExplicit
        } else if flags & DEF_NONLOCAL != 0 {
            let (l, c) = t.scopes[id].directives.get(&name).copied().unwrap_or((t.scopes[id].line, 1));
            match bound.as_deref() {
                None => return Err(serr("nonlocal declaration not allowed at module level", l, c)),
                Some(b) if !b.contains(&name) => {
                    return Err(serr(format!("no binding for nonlocal '{}' found", name_text(name)), l, c))
                }
                _ => {}
            }
            free.insert(name);
            SymScope::Free
        } else if flags & DEF_BOUND != 0 {
            local.insert(name);
            global.remove(&name);
            SymScope::Local
        } else if bound.as_deref().is_some_and(|b| b.contains(&name)) {
            free.insert(name);
            SymScope::Free
        } else {
            SymScope::GlobalImplicit
        };
        scopes.push(s);
    }
    if !is_class {
        if kind.is_function() {
            newbound.extend(local.iter().copied());
        }
        if let Some(b) = bound.as_deref() {
            newbound.extend(b.iter().copied());
        }
        newglobal.extend(global.iter().copied());
    } else {
        newbound.insert(class_name);
    }
    let children = t.scopes[id].children.clone();
    let mut allfree: BTreeSet<Name> = BTreeSet::new();
    for c in children {
        let mut cb = newbound.clone();
        let mut cg = newglobal.clone();
        let f = analyze_block(t, c, Some(&mut cb), &mut cg, class_name, names)?;
        allfree.extend(f);
    }
    let mut newfree = allfree;
    if kind.is_function() {
        for (i, s) in scopes.iter_mut().enumerate() {
            if *s == SymScope::Local {
                let n = t.scopes[id].symbols[i].name;
                if newfree.remove(&n) {
                    *s = SymScope::Cell;
                }
            }
        }
    } else if is_class && newfree.remove(&class_name) {
        t.scopes[id].needs_class_closure = true;
    }
    // update_symbols
    for (i, s) in scopes.iter().enumerate() {
        t.scopes[id].symbols[i].scope = *s;
    }
    for &n in &newfree {
        let sc = &mut t.scopes[id];
        if let Some(&i) = sc.index.get(&n) {
            if is_class && sc.symbols[i].flags & (DEF_BOUND | DEF_GLOBAL) != 0 {
                sc.symbols[i].flags |= DEF_FREE_CLASS;
            }
            continue;
        }
        if let Some(b) = bound.as_deref()
            && !b.contains(&n) {
                continue;
            }
        sc.index.insert(n, sc.symbols.len());
        sc.symbols.push(Symbol { name: n, flags: 0, scope: SymScope::Free });
    }
    free.extend(newfree);
    Ok(free)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::{parse, ParseMode};

    /// Build the table and return (scope name, name, classification) for every symbol.
    fn table(src: &str) -> Vec<(String, String, SymScope)> {
        let (mut ast, body) = parse(src, ParseMode::File).unwrap();
        let t = build(&mut ast, &body).unwrap();
        let mut out = Vec::new();
        for sc in &t.scopes {
            for s in &sc.symbols {
                out.push((sc.name.clone(), String::from(ast.name(s.name)), s.scope));
            }
        }
        out
    }

    fn scope(src: &str, in_scope: &str, name: &str) -> SymScope {
        table(src)
            .into_iter()
            .find(|(s, n, _)| s == in_scope && n == name)
            .map(|(_, _, k)| k)
            .unwrap_or(SymScope::Unknown)
    }

    #[test]
    fn locals_globals_cells_frees() {
        let src = "x = 1\ndef f(a):\n    b = a\n    def g():\n        return b + x\n    return g\n";
        assert_eq!(scope(src, "<module>", "x"), SymScope::Local);
        assert_eq!(scope(src, "f", "a"), SymScope::Local);
        assert_eq!(scope(src, "f", "b"), SymScope::Cell);
        assert_eq!(scope(src, "g", "b"), SymScope::Free);
        assert_eq!(scope(src, "g", "x"), SymScope::GlobalImplicit);
    }

    #[test]
    fn class_scope_invisible_to_methods() {
        let src = "def f():\n    y = 1\n    class C:\n        y = 2\n        def m(self):\n            return y\n    return C\n";
        assert_eq!(scope(src, "m", "y"), SymScope::Free);
        assert_eq!(scope(src, "C", "y"), SymScope::Local);
        assert_eq!(scope(src, "f", "y"), SymScope::Cell);
        let t = {
            let (mut ast, body) = parse(src, ParseMode::File).unwrap();
            build(&mut ast, &body).unwrap()
        };
        let c = t.scopes.iter().find(|s| s.name == "C").unwrap();
        let (mut ast, _) = parse(src, ParseMode::File).unwrap();
        let y = ast.intern("y");
        assert!(c.flags(y) & DEF_FREE_CLASS != 0);
    }

    #[test]
    fn super_makes_class_cell() {
        let src = "class A:\n    def f(self):\n        return super().f()\n";
        let (mut ast, body) = parse(src, ParseMode::File).unwrap();
        let t = build(&mut ast, &body).unwrap();
        assert!(t.scopes.iter().find(|s| s.name == "A").unwrap().needs_class_closure);
        assert_eq!(scope(src, "f", "__class__"), SymScope::Free);
    }

    #[test]
    fn global_nonlocal_and_del() {
        let src = "def f():\n    global g\n    g = 1\n    n = 0\n    def h():\n        nonlocal n\n        n = 2\n    d = 1\n    del d\n";
        assert_eq!(scope(src, "f", "g"), SymScope::GlobalExplicit);
        assert_eq!(scope(src, "h", "n"), SymScope::Free);
        assert_eq!(scope(src, "f", "n"), SymScope::Cell);
        assert_eq!(scope(src, "f", "d"), SymScope::Local);
    }

    #[test]
    fn comprehensions_and_walrus() {
        let src = "def f(xs):\n    return [(y := x) for x in xs], y\n";
        assert_eq!(scope(src, "<listcomp>", "x"), SymScope::Local);
        assert_eq!(scope(src, "<listcomp>", "y"), SymScope::Free);
        assert_eq!(scope(src, "f", "y"), SymScope::Cell);
        assert_eq!(scope(src, "f", "xs"), SymScope::Local);
        // The outermost iterable is evaluated in the enclosing scope.
        assert_eq!(scope(src, "<listcomp>", "xs"), SymScope::Unknown);
        let src = "[(z := i) for i in range(3)]\n";
        assert_eq!(scope(src, "<listcomp>", "z"), SymScope::GlobalExplicit);
    }
}
