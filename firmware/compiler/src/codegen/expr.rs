//! Expressions: loads, operators, calls, displays, comprehensions, lambdas, f-strings,
//! conditional jumps, and assignment/deletion targets.

use alloc::string::String;
use alloc::vec::Vec;

use upy_bytecode::{BinOp, CmpOp, Const, Op, UnOp};

use super::{Body, Compiler, NameOp};
use crate::ast::*;
use crate::error::{CResult, CompileError};
use crate::symtable::{ScopeId, ScopeKind};

/// Above this many items, displays and calls are built incrementally to keep the operand
/// stack small (CPython's STACK_USE_GUIDELINE).
const STACK_USE_GUIDELINE: usize = 30;

fn err(msg: &str, x: &Expr) -> CompileError {
    CompileError::syntax(msg, x.line, x.col)
}

fn lit_const(l: &Lit) -> Const {
    match l {
        Lit::None => Const::None,
        Lit::True => Const::True,
        Lit::False => Const::False,
        Lit::Ellipsis => Const::Ellipsis,
        Lit::Int(i) => Const::Int(*i),
        Lit::BigInt(s) => Const::BigInt(s.clone()),
        Lit::Float(f) => Const::Float(*f),
        Lit::Complex(f) => Const::Complex(*f),
        Lit::Str(s) => Const::Str(s.clone()),
        Lit::Bytes(b) => Const::Bytes(b.clone()),
    }
}

/// Negate a decimal big-int text, normalising to `Int` when it fits i64.
fn neg_bigint(s: &str) -> Const {
    let neg = match s.strip_prefix('-') {
        Some(rest) => String::from(rest),
        None => {
            let mut t = String::from("-");
            t.push_str(s);
            t
        }
    };
    match neg.parse::<i64>() {
        Ok(v) => Const::Int(v),
        Err(_) => Const::BigInt(neg),
    }
}

/// Truthiness of a constant, when it is known at compile time.
fn const_truth(c: &Const) -> Option<bool> {
    Some(match c {
        Const::None | Const::False => false,
        Const::True | Const::Ellipsis => true,
        Const::Int(i) => *i != 0,
        Const::BigInt(_) => true,
        Const::Float(f) | Const::Complex(f) => *f != 0.0,
        Const::Str(s) => !s.is_empty(),
        Const::Bytes(b) => !b.is_empty(),
        Const::Tuple(t) => !t.is_empty(),
        Const::Code(_) => return None,
    })
}

impl<'a> Compiler<'a> {
    /// The constant value of an expression, if it is a literal or a folded one
    /// (`-1`, `~0`, tuples of constants).
    pub(crate) fn const_of(&self, e: ExprId) -> Option<Const> {
        let x = self.ast.expr(e);
        match &x.kind {
            ExprKind::Lit(l) => Some(lit_const(l)),
            ExprKind::UnaryOp(op, inner) => {
                let ExprKind::Lit(l) = &self.ast.expr(*inner).kind else { return None };
                match (op, l) {
                    (UnOp::Neg, Lit::Int(i)) => Some(match i.checked_neg() {
                        Some(v) => Const::Int(v),
                        None => neg_bigint(&alloc::format!("{i}")),
                    }),
                    (UnOp::Neg, Lit::BigInt(s)) => Some(neg_bigint(s)),
                    (UnOp::Neg, Lit::Float(f)) => Some(Const::Float(-f)),
                    (UnOp::Pos, Lit::Int(i)) => Some(Const::Int(*i)),
                    (UnOp::Pos, Lit::Float(f)) => Some(Const::Float(*f)),
                    (UnOp::Invert, Lit::Int(i)) => Some(Const::Int(!i)),
                    _ => None,
                }
            }
            ExprKind::Name(n) => {
                let u = self.units.last()?;
                let sc = self.st.scopes[u.scope].scope_of(*n);
                if !self.const_name_visible(sc, u.kind) {
                    return None;
                }
                self.consts.iter().rev().find(|(k, _)| k == n).map(|(_, c)| c.clone())
            }
            ExprKind::Call { func, args, keywords } if keywords.is_empty() && args.len() == 1 && self.is_const_call(*func) => {
                match self.const_of(args[0])? {
                    c @ (Const::Int(_) | Const::BigInt(_) | Const::Str(_) | Const::Bytes(_) | Const::Float(_)) => Some(c),
                    _ => None,
                }
            }
            ExprKind::BinOp(a, op, b) => {
                let (Const::Int(x), Const::Int(y)) = (self.const_of(*a)?, self.const_of(*b)?) else { return None };
                let r = match op {
                    BinOp::Add => x.checked_add(y),
                    BinOp::Sub => x.checked_sub(y),
                    BinOp::Mul => x.checked_mul(y),
                    BinOp::FloorDiv if y != 0 => Some(x.div_euclid(y) - i64::from(x.rem_euclid(y) != 0 && y < 0)),
                    BinOp::Mod if y != 0 => {
                        let m = x % y;
                        Some(if m != 0 && (m < 0) != (y < 0) { m + y } else { m })
                    }
                    BinOp::And => Some(x & y),
                    BinOp::Or => Some(x | y),
                    BinOp::Xor => Some(x ^ y),
                    BinOp::LShift if (0..62).contains(&y) && x.unsigned_abs() < (1 << (62 - y)) => Some(x << y),
                    BinOp::RShift if (0..64).contains(&y) => Some(x >> y),
                    _ => None,
                };
                r.map(Const::Int)
            }
            ExprKind::Tuple(items) => {
                if items.len() > 256 {
                    return None;
                }
                let mut v = Vec::with_capacity(items.len());
                for &i in items {
                    // Only shallow tuples of scalars: nested tuples are folded too, but
                    // starred items never are.
                    v.push(self.const_of(i)?);
                }
                Some(Const::Tuple(v))
            }
            _ => None,
        }
    }

    /// Is `func` the name `const` or `micropython.const`?
    pub(crate) fn is_const_call(&self, func: ExprId) -> bool {
        match &self.ast.expr(func).kind {
            ExprKind::Name(n) => self.ast.name(*n) == "const",
            ExprKind::Attribute { value, attr, .. } => {
                self.ast.name(*attr) == "const"
                    && matches!(&self.ast.expr(*value).kind, ExprKind::Name(m) if self.ast.name(*m) == "micropython")
            }
            _ => false,
        }
    }

    /// A module-level const is seen by loads that resolve to the module namespace.
    pub(crate) fn const_name_visible(&self, sc: crate::symtable::SymScope, kind: crate::symtable::ScopeKind) -> bool {
        use crate::symtable::{ScopeKind, SymScope};
        !self.consts.is_empty()
            && match sc {
                SymScope::GlobalImplicit | SymScope::GlobalExplicit => true,
                SymScope::Local => kind == ScopeKind::Module,
                _ => false,
            }
    }

    pub(crate) fn visit_expr(&mut self, e: ExprId) -> CResult<()> {
        let x = self.ast.expr(e);
        self.stack.check(x.line, x.col)?;
        let saved = self.ur().line;
        self.set_line(x.line);
        let r = self.visit_expr_inner(e, x);
        self.set_line(saved);
        r
    }

    fn visit_expr_inner(&mut self, e: ExprId, x: &'a Expr) -> CResult<()> {
        match &x.kind {
            ExprKind::Name(n) => self.name_op(*n, NameOp::Load)?,
            ExprKind::Lit(l) => self.load_const(lit_const(l)),
            ExprKind::JoinedStr(parts) => self.visit_fstring(parts)?,
            ExprKind::BoolOp(kind, values) => {
                let end = self.new_label();
                let op = if *kind == BoolOpKind::And { Op::JumpIfFalseOrPop } else { Op::JumpIfTrueOrPop };
                let n = values.len();
                for (i, &v) in values.iter().enumerate() {
                    self.visit_expr(v)?;
                    if i + 1 < n {
                        self.emit_jump(op, end);
                    }
                }
                self.bind(end);
            }
            ExprKind::BinOp(a, op, b) => {
                if let Some(c) = self.const_of(e) {
                    self.load_const(c);
                    return Ok(());
                }
                self.visit_expr(*a)?;
                self.visit_expr(*b)?;
                self.emit(Op::BinaryOp, *op as u32);
            }
            ExprKind::UnaryOp(op, a) => {
                if let Some(c) = self.const_of(e) {
                    self.load_const(c);
                } else {
                    self.visit_expr(*a)?;
                    self.emit(Op::UnaryOp, *op as u32);
                }
            }
            ExprKind::Compare(left, rest) => self.visit_compare(*left, rest)?,
            ExprKind::IfExp { test, body, orelse } => {
                let end = self.new_label();
                let other = self.new_label();
                self.jump_if(*test, other, false)?;
                self.visit_expr(*body)?;
                self.emit_jump(Op::Jump, end);
                self.bind(other);
                self.visit_expr(*orelse)?;
                self.bind(end);
            }
            ExprKind::Lambda { params, body } => {
                let sid = self.scope_of_expr(e)?;
                self.make_function(sid, Some(params), Body::Lambda(*body), "<lambda>", None, x.line)?;
            }
            ExprKind::NamedExpr { target, value } => {
                self.visit_expr(*value)?;
                self.emit(Op::Copy, 1);
                self.store_target(*target)?;
            }
            ExprKind::Call { func, args, keywords } => self.visit_call(*func, args, keywords)?,
            ExprKind::Attribute { value, attr, line } => {
                self.visit_expr(*value)?;
                self.set_line(*line);
                let i = self.add_name(self.name_text(*attr));
                self.emit(Op::LoadAttr, i);
            }
            ExprKind::Subscript { value, index } => {
                self.visit_expr(*value)?;
                self.visit_expr(*index)?;
                self.set_line(x.line);
                self.emit0(Op::BinarySubscr);
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper] {
                    match part {
                        Some(p) => self.visit_expr(*p)?,
                        None => self.emit0(Op::LoadNone),
                    }
                }
                match step {
                    Some(s) => {
                        self.visit_expr(*s)?;
                        self.emit(Op::BuildSlice, 3);
                    }
                    None => self.emit(Op::BuildSlice, 2),
                }
            }
            ExprKind::Starred(_) => return Err(err("can't use starred expression here", x)),
            ExprKind::Tuple(items) => {
                if let Some(c) = self.const_of(e) {
                    self.load_const(c);
                } else {
                    self.starunpack(items, Op::BuildTuple)?;
                }
            }
            ExprKind::List(items) => self.starunpack(items, Op::BuildList)?,
            ExprKind::Set(items) => self.starunpack(items, Op::BuildSet)?,
            ExprKind::Dict(items) => self.visit_dict(items)?,
            ExprKind::Comp { gens, .. } => {
                let sid = self.scope_of_expr(e)?;
                let name = String::from(self.st.scopes[sid].name.as_str());
                self.make_function(sid, None, Body::Comp(e), &name, None, x.line)?;
                let Some(first) = gens.first() else { return Err(err("invalid comprehension", x)) };
                self.visit_expr(first.iter)?;
                self.emit0(if first.is_async { Op::GetAiter } else { Op::GetIter });
                self.set_line(x.line);
                self.emit(Op::Call, 1);
                let sc = &self.st.scopes[sid];
                if sc.is_coroutine && sc.kind != ScopeKind::Comprehension(CompKind::Gen) {
                    // An async list/set/dict comprehension returns a coroutine to await.
                    self.emit_await();
                }
            }
            ExprKind::Yield(v) => {
                match v {
                    Some(v) => self.visit_expr(*v)?,
                    None => self.emit0(Op::LoadNone),
                }
                self.emit0(Op::YieldValue);
            }
            ExprKind::YieldFrom(v) => {
                self.visit_expr(*v)?;
                self.emit0(Op::GetYieldFromIter);
                self.emit0(Op::LoadNone);
                self.emit0(Op::YieldFrom);
            }
            ExprKind::Await(v) => {
                self.visit_expr(*v)?;
                self.emit_await();
            }
        }
        Ok(())
    }

    pub(crate) fn emit_await(&mut self) {
        self.emit0(Op::GetAwaitable);
        self.emit0(Op::LoadNone);
        self.emit0(Op::YieldFrom);
    }

    fn scope_of_expr(&self, e: ExprId) -> CResult<ScopeId> {
        self.st
            .expr_scope
            .get(&e)
            .copied()
            .ok_or_else(|| CompileError::syntax("internal compiler error: missing scope", 0, 0))
    }

    fn visit_fstring(&mut self, parts: &'a [FPart]) -> CResult<()> {
        if parts.is_empty() {
            self.load_const(Const::Str(String::new()));
            return Ok(());
        }
        for p in parts {
            match p {
                FPart::Text(s) => self.load_const(Const::Str(s.clone())),
                FPart::Field { value, conv, spec } => {
                    self.visit_expr(*value)?;
                    let mut flags = *conv as u32 & 3;
                    if let Some(s) = spec {
                        self.visit_expr(*s)?;
                        flags |= 4;
                    }
                    self.emit(Op::FormatValue, flags);
                }
            }
        }
        if parts.len() > 1 {
            self.emit(Op::BuildString, parts.len() as u32);
        }
        Ok(())
    }

    /// Visit an expression that is only iterated or searched (`for` iterables, the right
    /// side of `in`): a list display of constants becomes a constant tuple, like CPython.
    pub(crate) fn visit_iterable(&mut self, e: ExprId) -> CResult<()> {
        if let ExprKind::List(items) = &self.ast.expr(e).kind {
            if !items.is_empty() && items.len() <= 0xffff {
                let consts: Option<Vec<Const>> = items.iter().map(|&i| self.const_of(i)).collect();
                if let Some(c) = consts {
                    self.load_const(Const::Tuple(c));
                    return Ok(());
                }
            }
        }
        self.visit_expr(e)
    }

    fn visit_compare(&mut self, left: ExprId, rest: &'a [(CmpOp, ExprId)]) -> CResult<()> {
        self.visit_expr(left)?;
        let n = rest.len();
        if n == 1 {
            if matches!(rest[0].0, CmpOp::In | CmpOp::NotIn) {
                self.visit_iterable(rest[0].1)?;
                self.emit(Op::CompareOp, rest[0].0 as u32);
                return Ok(());
            }
            self.visit_expr(rest[0].1)?;
            self.emit(Op::CompareOp, rest[0].0 as u32);
            return Ok(());
        }
        let cleanup = self.new_label();
        let end = self.new_label();
        for (i, &(op, r)) in rest.iter().enumerate() {
            self.visit_expr(r)?;
            if i + 1 < n {
                self.emit(Op::Swap, 2);
                self.emit(Op::Copy, 2);
                self.emit(Op::CompareOp, op as u32);
                self.emit_jump(Op::JumpIfFalseOrPop, cleanup);
            } else {
                self.emit(Op::CompareOp, op as u32);
            }
        }
        self.emit_jump(Op::Jump, end);
        self.bind(cleanup);
        self.emit(Op::Swap, 2);
        self.emit0(Op::Pop);
        self.bind(end);
        Ok(())
    }

    /// Jump to `label` if the truth of `e` equals `cond`; otherwise fall through.
    pub(crate) fn jump_if(&mut self, e: ExprId, label: u32, cond: bool) -> CResult<()> {
        let x = self.ast.expr(e);
        self.stack.check(x.line, x.col)?;
        if let Some(c) = self.const_of(e)
            && let Some(t) = const_truth(&c) {
                if t == cond {
                    self.emit_jump(Op::Jump, label);
                }
                return Ok(());
            }
        let saved = self.ur().line;
        self.set_line(x.line);
        let r = self.jump_if_inner(e, x, label, cond);
        self.set_line(saved);
        r
    }

    fn jump_if_inner(&mut self, e: ExprId, x: &'a Expr, label: u32, cond: bool) -> CResult<()> {
        match &x.kind {
            ExprKind::UnaryOp(UnOp::Not, a) => return self.jump_if(*a, label, !cond),
            ExprKind::BoolOp(kind, values) if !values.is_empty() => {
                let is_or = *kind == BoolOpKind::Or;
                let next2 = if is_or != cond { self.new_label() } else { label };
                let n = values.len();
                for &v in &values[..n - 1] {
                    self.jump_if(v, next2, is_or)?;
                }
                self.jump_if(values[n - 1], label, cond)?;
                if next2 != label {
                    self.bind(next2);
                }
                return Ok(());
            }
            ExprKind::IfExp { test, body, orelse } => {
                let end = self.new_label();
                let next2 = self.new_label();
                self.jump_if(*test, next2, false)?;
                self.jump_if(*body, label, cond)?;
                self.emit_jump(Op::Jump, end);
                self.bind(next2);
                self.jump_if(*orelse, label, cond)?;
                self.bind(end);
                return Ok(());
            }
            ExprKind::Compare(left, rest) if rest.len() > 1 => {
                let cleanup = self.new_label();
                self.visit_expr(*left)?;
                let n = rest.len();
                for &(op, r) in &rest[..n - 1] {
                    self.visit_expr(r)?;
                    self.emit(Op::Swap, 2);
                    self.emit(Op::Copy, 2);
                    self.emit(Op::CompareOp, op as u32);
                    self.emit_jump(Op::PopJumpIfFalse, cleanup);
                }
                let (op, r) = rest[n - 1];
                self.visit_expr(r)?;
                self.emit(Op::CompareOp, op as u32);
                self.emit_jump(if cond { Op::PopJumpIfTrue } else { Op::PopJumpIfFalse }, label);
                let end = self.new_label();
                self.emit_jump(Op::Jump, end);
                self.bind(cleanup);
                self.emit0(Op::Pop);
                if !cond {
                    self.emit_jump(Op::Jump, label);
                }
                self.bind(end);
                return Ok(());
            }
            _ => {}
        }
        self.visit_expr(e)?;
        self.emit_jump(if cond { Op::PopJumpIfTrue } else { Op::PopJumpIfFalse }, label);
        Ok(())
    }

    /// Tuple/list/set displays, with `*iterable` items.
    fn starunpack(&mut self, items: &'a [ExprId], build: Op) -> CResult<()> {
        let has_star = items.iter().any(|&i| matches!(self.ast.expr(i).kind, ExprKind::Starred(_)));
        let n = items.len();
        // A list of >= 3 constants: BuildList 0; LoadConst tuple; ListExtend 1.
        if build == Op::BuildList && !has_star && (3..=0xffff).contains(&n) {
            let consts: Option<Vec<Const>> = items.iter().map(|&i| self.const_of(i)).collect();
            if let Some(c) = consts {
                self.emit(Op::BuildList, 0);
                self.load_const(Const::Tuple(c));
                self.emit(Op::ListExtend, 1);
                return Ok(());
            }
        }
        if !has_star && n <= STACK_USE_GUIDELINE {
            for &i in items {
                self.visit_expr(i)?;
            }
            self.emit(build, n as u32);
            return Ok(());
        }
        // Incremental build: into a list (then tuple) or a set.
        let (start, add, extend) = if build == Op::BuildSet {
            (Op::BuildSet, Op::SetAdd, Op::SetUpdate)
        } else {
            (Op::BuildList, Op::ListAppend, Op::ListExtend)
        };
        // Leading plain items go into the initial build (bounded).
        let mut lead = 0;
        while lead < n && lead < STACK_USE_GUIDELINE && !matches!(self.ast.expr(items[lead]).kind, ExprKind::Starred(_)) {
            lead += 1;
        }
        for &i in &items[..lead] {
            self.visit_expr(i)?;
        }
        self.emit(start, lead as u32);
        for &i in &items[lead..] {
            if let ExprKind::Starred(inner) = self.ast.expr(i).kind {
                self.visit_expr(inner)?;
                self.emit(extend, 1);
            } else {
                self.visit_expr(i)?;
                self.emit(add, 1);
            }
        }
        if build == Op::BuildTuple {
            self.emit0(Op::ListToTuple);
        }
        Ok(())
    }

    fn visit_dict(&mut self, items: &'a [(Option<ExprId>, ExprId)]) -> CResult<()> {
        let mut have_dict = false;
        let mut pending = 0u32;
        for (k, v) in items {
            match k {
                None => {
                    if pending > 0 {
                        self.emit(Op::BuildMap, pending);
                        if have_dict {
                            self.emit(Op::DictUpdate, 1);
                        }
                        have_dict = true;
                        pending = 0;
                    }
                    if !have_dict {
                        self.emit(Op::BuildMap, 0);
                        have_dict = true;
                    }
                    self.visit_expr(*v)?;
                    self.emit(Op::DictUpdate, 1);
                }
                Some(k) => {
                    self.visit_expr(*k)?;
                    self.visit_expr(*v)?;
                    pending += 1;
                    if pending as usize * 2 > STACK_USE_GUIDELINE {
                        self.emit(Op::BuildMap, pending);
                        if have_dict {
                            self.emit(Op::DictUpdate, 1);
                        }
                        have_dict = true;
                        pending = 0;
                    }
                }
            }
        }
        if pending > 0 || !have_dict {
            self.emit(Op::BuildMap, pending);
            if have_dict {
                self.emit(Op::DictUpdate, 1);
            }
        }
        Ok(())
    }

    fn visit_call(&mut self, func: ExprId, args: &'a [ExprId], keywords: &'a [Keyword]) -> CResult<()> {
        let fx = self.ast.expr(func);
        let simple = !args.iter().any(|&a| matches!(self.ast.expr(a).kind, ExprKind::Starred(_)))
            && !keywords.iter().any(|k| k.name.is_none())
            && args.len() + keywords.len() <= 255;
        if let (ExprKind::Attribute { value, attr, line }, true) = (&fx.kind, simple) {
            self.visit_expr(*value)?;
            self.set_line(*line);
            let i = self.add_name(self.name_text(*attr));
            self.emit(Op::LoadMethod, i);
            for &a in args {
                self.visit_expr(a)?;
            }
            for k in keywords {
                self.visit_expr(k.value)?;
            }
            self.set_line(*line);
            let n = (args.len() + keywords.len()) as u32;
            if keywords.is_empty() {
                self.emit(Op::CallMethod, n);
            } else {
                self.load_kwnames(keywords);
                self.emit(Op::CallMethodKw, n);
            }
            return Ok(());
        }
        self.visit_expr(func)?;
        self.call_helper(0, args, keywords, fx.line)
    }

    fn load_kwnames(&mut self, keywords: &[Keyword]) {
        let names: Vec<Const> = keywords
            .iter()
            .map(|k| Const::Str(String::from(k.name.map(|n| self.name_text(n)).unwrap_or(""))))
            .collect();
        let i = self.add_const(Const::Tuple(names));
        self.emit(Op::LoadConst, i);
    }

    /// Call the callable on the stack (with `n_pushed` positional arguments already pushed
    /// above it) with `args` and `keywords`.
    pub(crate) fn call_helper(&mut self, n_pushed: u32, args: &'a [ExprId], keywords: &'a [Keyword], line: u32) -> CResult<()> {
        let has_star = args.iter().any(|&a| matches!(self.ast.expr(a).kind, ExprKind::Starred(_)))
            || keywords.iter().any(|k| k.name.is_none());
        let total = n_pushed as usize + args.len() + keywords.len();
        if !has_star && total <= 255 {
            for &a in args {
                self.visit_expr(a)?;
            }
            for k in keywords {
                self.visit_expr(k.value)?;
            }
            self.set_line(line);
            if keywords.is_empty() {
                self.emit(Op::Call, total as u32);
            } else {
                self.load_kwnames(keywords);
                self.emit(Op::CallKw, total as u32);
            }
            return Ok(());
        }
        // Positional arguments as a tuple.
        let mut lead = 0;
        while lead < args.len()
            && n_pushed as usize + lead < STACK_USE_GUIDELINE
            && !matches!(self.ast.expr(args[lead]).kind, ExprKind::Starred(_))
        {
            lead += 1;
        }
        for &a in &args[..lead] {
            self.visit_expr(a)?;
        }
        self.emit(Op::BuildList, n_pushed + lead as u32);
        for &a in &args[lead..] {
            if let ExprKind::Starred(inner) = self.ast.expr(a).kind {
                self.visit_expr(inner)?;
                self.emit(Op::ListExtend, 1);
            } else {
                self.visit_expr(a)?;
                self.emit(Op::ListAppend, 1);
            }
        }
        self.emit0(Op::ListToTuple);
        // Keyword arguments as a dict.
        if !keywords.is_empty() {
            let mut have_dict = false;
            let mut seen = 0u32;
            for k in keywords {
                match k.name {
                    None => {
                        if seen > 0 {
                            self.emit(Op::BuildMap, seen);
                            if have_dict {
                                self.emit(Op::DictMerge, 1);
                            }
                            have_dict = true;
                            seen = 0;
                        }
                        if !have_dict {
                            self.emit(Op::BuildMap, 0);
                            have_dict = true;
                        }
                        self.visit_expr(k.value)?;
                        self.emit(Op::DictMerge, 1);
                    }
                    Some(n) => {
                        self.load_const(Const::Str(String::from(self.name_text(n))));
                        self.visit_expr(k.value)?;
                        seen += 1;
                        if seen as usize * 2 > STACK_USE_GUIDELINE {
                            self.emit(Op::BuildMap, seen);
                            if have_dict {
                                self.emit(Op::DictMerge, 1);
                            }
                            have_dict = true;
                            seen = 0;
                        }
                    }
                }
            }
            if seen > 0 {
                self.emit(Op::BuildMap, seen);
                if have_dict {
                    self.emit(Op::DictMerge, 1);
                }
            }
            self.set_line(line);
            self.emit(Op::CallEx, 1);
        } else {
            self.set_line(line);
            self.emit(Op::CallEx, 0);
        }
        Ok(())
    }

    /// Push a new function object for scope `sid` (defaults, keyword defaults, closure,
    /// code, MakeFunction).
    pub(crate) fn make_function(
        &mut self,
        sid: ScopeId,
        params: Option<&'a Params>,
        body: Body<'a>,
        name: &str,
        def_name: Option<Name>,
        line: u32,
    ) -> CResult<()> {
        let mut flags = 0u32;
        if let Some(p) = params {
            if !p.defaults.is_empty() {
                let consts: Option<Vec<Const>> = p.defaults.iter().map(|&d| self.const_of(d)).collect();
                match consts {
                    Some(c) if c.len() <= 0xffff => self.load_const(Const::Tuple(c)),
                    _ => {
                        for &d in &p.defaults {
                            self.visit_expr(d)?;
                        }
                        self.emit(Op::BuildTuple, p.defaults.len() as u32);
                    }
                }
                flags |= 1;
            }
            let kw: Vec<(Name, ExprId)> =
                p.kwonly.iter().zip(p.kw_defaults.iter()).filter_map(|(prm, d)| d.map(|d| (prm.name, d))).collect();
            if !kw.is_empty() {
                for (n, d) in &kw {
                    self.load_const(Const::Str(String::from(self.name_text(*n))));
                    self.visit_expr(*d)?;
                }
                self.emit(Op::BuildMap, kw.len() as u32);
                flags |= 2;
            }
        }
        let kind = self.st.scopes[sid].kind;
        let qualname = self.qualname_for(name, kind, def_name);
        let (code, frees) = self.compile_scope(sid, body, String::from(name), qualname, line, params)?;
        self.set_line(line);
        if !frees.is_empty() {
            for n in &frees {
                let Some(&slot) = self.ur().slots.get(n) else {
                    return Err(CompileError::syntax("internal compiler error: missing closure cell", line, 1));
                };
                self.emit(Op::LoadClosure, slot);
            }
            self.emit(Op::BuildTuple, frees.len() as u32);
            flags |= 4;
        }
        let i = self.add_const(Const::Code(alloc::boxed::Box::new(code)));
        self.emit(Op::LoadConst, i);
        self.emit(Op::MakeFunction, flags);
        Ok(())
    }

    /// The body of a comprehension's own code object.
    pub(crate) fn comprehension_body(&mut self, e: ExprId) -> CResult<()> {
        let x = self.ast.expr(e);
        let ExprKind::Comp { kind, elt, value, gens } = &x.kind else {
            return Err(err("internal compiler error: not a comprehension", x));
        };
        let n = gens.len() as u32;
        match kind {
            CompKind::List => self.emit(Op::BuildList, 0),
            CompKind::Set => self.emit(Op::BuildSet, 0),
            CompKind::Dict => self.emit(Op::BuildMap, 0),
            CompKind::Gen => {}
        }
        // (loop start, exhausted, if-cleanup, async) per `for` clause; failed `if`s jump
        // forward to the cleanup, which jumps back to the start (only `Jump` goes backwards).
        let mut loops: Vec<(u32, u32, u32, bool)> = Vec::with_capacity(gens.len());
        let base = if *kind == CompKind::Gen { 0 } else { 1 };
        for (i, g) in gens.iter().enumerate() {
            if i == 0 {
                self.emit(Op::LoadFast, 0);
            } else {
                self.visit_expr(g.iter)?;
                self.emit0(if g.is_async { Op::GetAiter } else { Op::GetIter });
            }
            let start = self.new_label();
            let anchor = self.new_label();
            let cleanup = self.new_label();
            self.bind(start);
            self.set_line(x.line);
            if g.is_async {
                // [.., ait] -> [.., ait, item]; StopAsyncIteration goes to EndAsyncFor.
                self.push_handler(anchor, base + i as u32 + 1);
                self.emit0(Op::GetAnext);
                self.emit_await();
                self.pop_handler();
            } else {
                self.emit_jump(Op::ForIter, anchor);
            }
            self.store_target(g.target)?;
            for &c in &g.ifs {
                self.jump_if(c, cleanup, false)?;
            }
            loops.push((start, anchor, cleanup, g.is_async));
        }
        match kind {
            CompKind::List => {
                self.visit_expr(*elt)?;
                self.emit(Op::ListAppend, n + 1);
            }
            CompKind::Set => {
                self.visit_expr(*elt)?;
                self.emit(Op::SetAdd, n + 1);
            }
            CompKind::Dict => {
                self.visit_expr(*elt)?;
                match value {
                    Some(v) => self.visit_expr(*v)?,
                    None => self.emit0(Op::LoadNone),
                }
                self.emit(Op::MapAdd, n + 1);
            }
            CompKind::Gen => {
                self.visit_expr(*elt)?;
                self.emit0(Op::YieldValue);
                self.emit0(Op::Pop);
            }
        }
        while let Some((start, anchor, cleanup, is_async)) = loops.pop() {
            self.bind(cleanup);
            self.emit_jump(Op::Jump, start);
            self.bind(anchor);
            if is_async {
                self.emit0(Op::EndAsyncFor);
            }
        }
        if *kind == CompKind::Gen {
            self.emit0(Op::LoadNone);
        }
        self.emit0(Op::ReturnValue);
        Ok(())
    }

    // ----- targets -----

    /// Store the value on top of the stack into `e`.
    pub(crate) fn store_target(&mut self, e: ExprId) -> CResult<()> {
        let x = self.ast.expr(e);
        self.stack.check(x.line, x.col)?;
        let saved = self.ur().line;
        self.set_line(x.line);
        let r = self.store_target_inner(x);
        self.set_line(saved);
        r
    }

    fn store_target_inner(&mut self, x: &'a Expr) -> CResult<()> {
        match &x.kind {
            ExprKind::Name(n) => self.name_op(*n, NameOp::Store)?,
            ExprKind::Attribute { value, attr, line } => {
                self.visit_expr(*value)?;
                self.set_line(*line);
                let i = self.add_name(self.name_text(*attr));
                self.emit(Op::StoreAttr, i);
            }
            ExprKind::Subscript { value, index } => {
                self.visit_expr(*value)?;
                self.visit_expr(*index)?;
                self.emit0(Op::StoreSubscr);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let star = items.iter().position(|&i| matches!(self.ast.expr(i).kind, ExprKind::Starred(_)));
                match star {
                    Some(k) => {
                        let after = items.len() - k - 1;
                        if k > 0xff || after > 0xff {
                            return Err(err("too many expressions in star-unpacking assignment", x));
                        }
                        self.emit(Op::UnpackEx, (k | (after << 8)) as u32);
                    }
                    None => {
                        if items.len() > 0xffff {
                            return Err(err("too many expressions in unpacking assignment", x));
                        }
                        self.emit(Op::UnpackSequence, items.len() as u32);
                    }
                }
                for &i in items {
                    match self.ast.expr(i).kind {
                        ExprKind::Starred(inner) => self.store_target(inner)?,
                        _ => self.store_target(i)?,
                    }
                }
            }
            ExprKind::Starred(inner) => self.store_target(*inner)?,
            _ => return Err(err("cannot assign to expression", x)),
        }
        Ok(())
    }

    /// `del e`.
    pub(crate) fn delete_target(&mut self, e: ExprId) -> CResult<()> {
        let x = self.ast.expr(e);
        self.stack.check(x.line, x.col)?;
        self.set_line(x.line);
        match &x.kind {
            ExprKind::Name(n) => self.name_op(*n, NameOp::Delete)?,
            ExprKind::Attribute { value, attr, line } => {
                self.visit_expr(*value)?;
                self.set_line(*line);
                let i = self.add_name(self.name_text(*attr));
                self.emit(Op::DeleteAttr, i);
            }
            ExprKind::Subscript { value, index } => {
                self.visit_expr(*value)?;
                self.visit_expr(*index)?;
                self.emit0(Op::DeleteSubscr);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for &i in items {
                    self.delete_target(i)?;
                }
            }
            _ => return Err(err("cannot delete expression", x)),
        }
        Ok(())
    }

    /// Is this an expression whose value is a compile-time constant?
    pub(crate) fn is_const(&self, e: ExprId) -> bool {
        self.const_of(e).is_some()
    }

    /// The kind of the current unit.
    pub(crate) fn unit_kind(&self) -> ScopeKind {
        self.ur().kind
    }

    /// Augmented-assignment operand byte.
    pub(crate) fn inplace(op: BinOp) -> u32 {
        (BinOp::INPLACE | op as u8) as u32
    }
}
