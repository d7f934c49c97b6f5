//! Statements: assignments, control flow, exception handling, `with`, imports,
//! definitions, and the unwinding done by `break`/`continue`/`return`.

use alloc::string::String;
use alloc::vec::Vec;

use upy_bytecode::{Const, Op};

use super::{Body, Compiler, FBlock, FKind, NameOp};
use crate::ast::*;
use crate::error::{CResult, CompileError};
use crate::symtable::ScopeKind;

fn serr(msg: &str, s: &Stmt) -> CompileError {
    CompileError::syntax(msg, s.line, s.col)
}

/// Most instructions a `while` test may have to be repeated at the end of the loop body.
const MAX_WHILE_TEST_COPY: usize = 12;

impl<'a> Compiler<'a> {
    pub(crate) fn visit_stmts(&mut self, body: &'a [StmtId]) -> CResult<()> {
        for &s in body {
            self.visit_stmt(s)?;
        }
        Ok(())
    }

    fn push_fblock(&mut self, kind: FKind<'a>, cont: u32, brk: u32, hlen: usize, stack: u32) {
        self.u().fblocks.push(FBlock { kind, cont, brk, hlen, stack });
    }

    fn pop_fblock(&mut self) {
        self.u().fblocks.pop();
    }

    fn visit_stmt(&mut self, sid: StmtId) -> CResult<()> {
        let s = self.ast.stmt(sid);
        self.check_size(s.line, s.col)?;
        self.stack.check(s.line, s.col)?;
        self.set_line(s.line);
        match &s.kind {
            StmtKind::Expr(e) => {
                if self.ur().interactive {
                    self.visit_expr(*e)?;
                    self.set_line(s.line);
                    self.emit0(Op::PrintExpr);
                } else if !self.is_const(*e) {
                    self.visit_expr(*e)?;
                    self.emit0(Op::Pop);
                }
            }
            StmtKind::Assign { targets, value } => self.visit_assign(targets, *value)?,
            StmtKind::AugAssign { target, op, value } => {
                let tx = self.ast.expr(*target);
                match &tx.kind {
                    ExprKind::Name(n) => {
                        self.name_op(*n, NameOp::Load)?;
                        self.visit_expr(*value)?;
                        self.set_line(s.line);
                        self.emit(Op::BinaryOp, Self::inplace(*op));
                        self.name_op(*n, NameOp::Store)?;
                    }
                    ExprKind::Attribute { value: obj, attr, line } => {
                        self.visit_expr(*obj)?;
                        self.emit(Op::Copy, 1);
                        self.set_line(*line);
                        let i = self.add_name(self.name_text(*attr));
                        self.emit(Op::LoadAttr, i);
                        self.visit_expr(*value)?;
                        self.set_line(s.line);
                        self.emit(Op::BinaryOp, Self::inplace(*op));
                        self.emit(Op::Swap, 2);
                        self.set_line(*line);
                        self.emit(Op::StoreAttr, i);
                    }
                    ExprKind::Subscript { value: obj, index } => {
                        self.visit_expr(*obj)?;
                        self.visit_expr(*index)?;
                        // One dispatch each for `Copy 2; Copy 2; BinarySubscr` and
                        // `Swap 3; Swap 2; StoreSubscr` (op.rs).
                        self.emit0(Op::BinarySubscrKeep);
                        self.visit_expr(*value)?;
                        self.set_line(s.line);
                        self.emit(Op::BinaryOp, Self::inplace(*op));
                        self.emit0(Op::StoreSubscrAug);
                    }
                    _ => return Err(serr("illegal expression for augmented assignment", s)),
                }
            }
            StmtKind::AnnAssign { target, value, .. } => match value {
                Some(v) => {
                    self.visit_expr(*v)?;
                    self.store_target(*target)?;
                }
                None => {
                    // Annotations are not evaluated, but the target's object is (CPython).
                    match &self.ast.expr(*target).kind {
                        ExprKind::Attribute { value: obj, .. } => {
                            self.visit_expr(*obj)?;
                            self.emit0(Op::Pop);
                        }
                        ExprKind::Subscript { value: obj, index } => {
                            self.visit_expr(*obj)?;
                            self.emit0(Op::Pop);
                            self.visit_expr(*index)?;
                            self.emit0(Op::Pop);
                        }
                        _ => {}
                    }
                }
            },
            StmtKind::Pass | StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::Break => self.visit_break_continue(s, true)?,
            StmtKind::Continue => self.visit_break_continue(s, false)?,
            StmtKind::Return(v) => self.visit_return(s, *v)?,
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.visit_expr(*e)?;
                    n = 1;
                    if let Some(c) = cause {
                        self.visit_expr(*c)?;
                        n = 2;
                    }
                }
                self.set_line(s.line);
                self.emit(Op::Raise, n);
            }
            StmtKind::Delete(targets) => {
                for &t in targets {
                    self.delete_target(t)?;
                }
            }
            StmtKind::Assert { test, msg } => {
                let end = self.new_label();
                self.jump_if(*test, end, true)?;
                self.set_line(s.line);
                self.emit0(Op::LoadAssertionError);
                if let Some(m) = msg {
                    self.visit_expr(*m)?;
                    self.set_line(s.line);
                    self.emit(Op::Call, 1);
                }
                self.emit(Op::Raise, 1);
                self.bind(end);
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    self.set_line(a.line);
                    self.load_const(Const::Int(0));
                    self.emit0(Op::LoadNone);
                    let i = self.add_name(&a.name);
                    self.emit(Op::ImportName, i);
                    match a.asname {
                        Some(asname) => {
                            let parts: Vec<&str> = a.name.split('.').collect();
                            if parts.len() > 1 {
                                for (k, p) in parts.iter().enumerate().skip(1) {
                                    let j = self.add_name(p);
                                    self.emit(Op::ImportFrom, j);
                                    if k + 1 < parts.len() {
                                        self.emit(Op::Swap, 2);
                                        self.emit0(Op::Pop);
                                    }
                                }
                                self.name_op(asname, NameOp::Store)?;
                                self.emit0(Op::Pop);
                            } else {
                                self.name_op(asname, NameOp::Store)?;
                            }
                        }
                        None => {
                            let first = a.name.split('.').next().unwrap_or("");
                            let Some(n) = self.ast.lookup(first) else {
                                return Err(serr("invalid import", s));
                            };
                            self.name_op(n, NameOp::Store)?;
                        }
                    }
                }
            }
            StmtKind::ImportFrom { module, names, level } => {
                self.load_const(Const::Int(*level as i64));
                let fromlist: Vec<Const> = names.iter().map(|a| Const::Str(a.name.clone())).collect();
                self.load_const(Const::Tuple(fromlist));
                let modname = module.clone().unwrap_or_default();
                let i = self.add_name(&modname);
                self.emit(Op::ImportName, i);
                if names.len() == 1 && names[0].name == "*" {
                    self.emit0(Op::ImportStar);
                } else {
                    for a in names {
                        self.set_line(a.line);
                        let j = self.add_name(&a.name);
                        self.emit(Op::ImportFrom, j);
                        let store = match a.asname {
                            Some(n) => n,
                            None => match self.ast.lookup(&a.name) {
                                Some(n) => n,
                                None => return Err(serr("invalid import", s)),
                            },
                        };
                        self.name_op(store, NameOp::Store)?;
                    }
                    self.emit0(Op::Pop);
                }
            }
            StmtKind::If { .. } => self.visit_if(sid)?,
            StmtKind::While { test, body, orelse } => {
                // A short test is repeated at the end of the body, so that an iteration
                // ends in one conditional jump back instead of `Jump` to the test (one
                // dispatch less per iteration; CPython 3.10 lays loops out the same way).
                // Long tests (many instructions, or nested code objects) are not copied.
                let start = self.new_label();
                let body_l = self.new_label();
                let other = self.new_label();
                let after = self.new_label();
                self.bind(start);
                let n0 = self.ur().instrs.len();
                self.jump_if(*test, other, false)?;
                let copy = self.ur().instrs.len() - n0 <= MAX_WHILE_TEST_COPY
                    && !self.ur().instrs[n0..].iter().any(|i| i.op == Op::MakeFunction);
                self.bind(body_l);
                let hlen = self.ur().hstack.len();
                self.push_fblock(FKind::While, start, after, hlen, 0);
                self.visit_stmts(body)?;
                self.pop_fblock();
                self.set_line(s.line);
                if copy {
                    self.jump_if(*test, body_l, true)?;
                } else {
                    self.emit_jump(Op::Jump, start);
                }
                self.bind(other);
                self.visit_stmts(orelse)?;
                self.bind(after);
            }
            StmtKind::For { target, iter, body, orelse, is_async } => {
                self.visit_for(s, *target, *iter, body, orelse, *is_async)?;
            }
            StmtKind::With { items, body, is_async } => self.visit_with(s, items, body, *is_async)?,
            StmtKind::Try(t) => {
                let TryStmt { body, handlers, orelse, finalbody } = &**t;
                if finalbody.is_empty() {
                    self.visit_try_except(s, body, handlers, orelse)?;
                } else {
                    self.visit_try_finally(s, body, handlers, orelse, finalbody)?;
                }
            }
            StmtKind::FunctionDef(f) => {
                for &d in &f.decorators {
                    self.visit_expr(d)?;
                }
                let first_line = f.decorators.first().map(|&d| self.ast.expr(d).line).unwrap_or(s.line);
                let Some(&sid2) = self.st.stmt_scope.get(&sid) else {
                    return Err(serr("internal compiler error: missing scope", s));
                };
                let name = String::from(self.name_text(f.name));
                self.make_function(sid2, Some(&f.params), Body::Function(&f.body), &name, Some(f.name), first_line)?;
                self.apply_decorators(&f.decorators, s.line);
                self.set_line(s.line);
                self.name_op(f.name, NameOp::Store)?;
            }
            StmtKind::ClassDef(c) => {
                for &d in &c.decorators {
                    self.visit_expr(d)?;
                }
                let first_line = c.decorators.first().map(|&d| self.ast.expr(d).line).unwrap_or(s.line);
                let Some(&sid2) = self.st.stmt_scope.get(&sid) else {
                    return Err(serr("internal compiler error: missing scope", s));
                };
                self.set_line(s.line);
                self.emit0(Op::LoadBuildClass);
                let name = String::from(self.name_text(c.name));
                self.make_function(sid2, None, Body::Class(&c.body), &name, Some(c.name), first_line)?;
                self.load_const(Const::Str(name));
                self.call_helper(2, &c.bases, &c.keywords, s.line)?;
                self.apply_decorators(&c.decorators, s.line);
                self.set_line(s.line);
                self.name_op(c.name, NameOp::Store)?;
            }
        }
        Ok(())
    }

    fn apply_decorators(&mut self, decorators: &[ExprId], line: u32) {
        for &d in decorators.iter().rev() {
            self.set_line(self.ast.expr(d).line);
            self.emit(Op::Call, 1);
        }
        self.set_line(line);
    }

    fn visit_assign(&mut self, targets: &'a [ExprId], value: ExprId) -> CResult<()> {
        // `NAME = const(value)` at module level (micropython.const).
        if targets.len() == 1 && self.ur().kind == crate::symtable::ScopeKind::Module {
            if let (ExprKind::Name(n), ExprKind::Call { func, args, keywords }) =
                (&self.ast.expr(targets[0]).kind, &self.ast.expr(value).kind)
            {
                if keywords.is_empty() && args.len() == 1 && self.is_const_call(*func) {
                    if let Some(c @ (Const::Int(_) | Const::BigInt(_))) = self.const_of(args[0]) {
                        self.consts.push((*n, c.clone()));
                        if self.ast.name(*n).starts_with('_') {
                            return Ok(());
                        }
                        self.load_const(c);
                        return self.store_target(targets[0]);
                    }
                }
            }
        }
        // `a, b = b, a` without building a tuple.
        if targets.len() == 1 {
            let t = self.ast.expr(targets[0]);
            let v = self.ast.expr(value);
            if let (ExprKind::Tuple(ts) | ExprKind::List(ts), ExprKind::Tuple(vs)) = (&t.kind, &v.kind) {
                let starred = |c: &Self, items: &[ExprId]| {
                    items.iter().any(|&i| matches!(c.ast.expr(i).kind, ExprKind::Starred(_)))
                };
                if ts.len() == vs.len() && (2..=3).contains(&ts.len()) && !starred(self, ts) && !starred(self, vs) {
                    for &x in vs {
                        self.visit_expr(x)?;
                    }
                    self.emit(Op::Swap, ts.len() as u32);
                    for &x in ts {
                        self.store_target(x)?;
                    }
                    return Ok(());
                }
            }
        }
        self.visit_expr(value)?;
        let n = targets.len();
        for (i, &t) in targets.iter().enumerate() {
            if i + 1 < n {
                self.emit(Op::Copy, 1);
            }
            self.store_target(t)?;
        }
        Ok(())
    }

    fn visit_if(&mut self, sid: StmtId) -> CResult<()> {
        let end = self.new_label();
        let mut cur = sid;
        loop {
            let s = self.ast.stmt(cur);
            let StmtKind::If { test, body, orelse } = &s.kind else { break };
            self.check_size(s.line, s.col)?;
            self.set_line(s.line);
            let has_else = !orelse.is_empty();
            let next = if has_else { self.new_label() } else { end };
            self.jump_if(*test, next, false)?;
            self.visit_stmts(body)?;
            if !has_else {
                break;
            }
            self.emit_jump(Op::Jump, end);
            self.bind(next);
            if orelse.len() == 1 && matches!(self.ast.stmt(orelse[0]).kind, StmtKind::If { .. }) {
                cur = orelse[0];
                continue;
            }
            self.visit_stmts(orelse)?;
            break;
        }
        self.bind(end);
        Ok(())
    }

    fn visit_for(
        &mut self,
        s: &'a Stmt,
        target: ExprId,
        iter: ExprId,
        body: &'a [StmtId],
        orelse: &'a [StmtId],
        is_async: bool,
    ) -> CResult<()> {
        let start = self.new_label();
        let end = self.new_label();
        let after = self.new_label();
        if is_async {
            self.visit_expr(iter)?;
        } else {
            self.visit_iterable(iter)?;
        }
        self.set_line(s.line);
        let d = self.stmt_depth();
        if is_async {
            self.emit0(Op::GetAiter);
            self.bind(start);
            let except = self.new_label();
            self.push_handler(except, d + 1);
            self.emit0(Op::GetAnext);
            self.emit_await();
            self.pop_handler();
            let hlen = self.ur().hstack.len();
            self.push_fblock(FKind::For, start, after, hlen, 1);
            self.store_target(target)?;
            self.visit_stmts(body)?;
            self.pop_fblock();
            self.set_line(s.line);
            self.emit_jump(Op::Jump, start);
            self.bind(except);
            self.emit0(Op::EndAsyncFor);
            self.bind(end);
        } else {
            self.emit0(Op::GetIter);
            self.bind(start);
            self.emit_jump(Op::ForIter, end);
            let hlen = self.ur().hstack.len();
            self.push_fblock(FKind::For, start, after, hlen, 1);
            self.store_target(target)?;
            self.visit_stmts(body)?;
            self.pop_fblock();
            self.set_line(s.line);
            self.emit_jump(Op::Jump, start);
            self.bind(end);
        }
        self.visit_stmts(orelse)?;
        self.bind(after);
        Ok(())
    }

    fn visit_with(&mut self, s: &'a Stmt, items: &'a [WithItem], body: &'a [StmtId], is_async: bool) -> CResult<()> {
        // Items nest: prologues in order, the body, then epilogues in reverse (iteratively,
        // so that many items do not recurse).
        let mut finals: Vec<(u32, u32)> = Vec::with_capacity(items.len());
        for it in items {
            self.visit_expr(it.ctx)?;
            self.set_line(s.line);
            let d = self.stmt_depth();
            if is_async {
                self.emit0(Op::AsyncWithEnter);
                self.emit_await();
            } else {
                self.emit0(Op::WithEnter);
            }
            let fin = self.new_label();
            let hlen = self.ur().hstack.len();
            self.push_handler(fin, d + 1);
            self.push_fblock(FKind::With { is_async }, 0, 0, hlen, 1);
            match it.target {
                Some(t) => self.store_target(t)?,
                None => self.emit0(Op::Pop),
            }
            finals.push((fin, d));
        }
        self.visit_stmts(body)?;
        while let Some((fin, d)) = finals.pop() {
            self.pop_fblock();
            self.pop_handler();
            self.set_line(s.line);
            self.call_exit_with_nones(is_async);
            self.emit0(Op::Pop);
            let exit = self.new_label();
            self.emit_jump(Op::Jump, exit);
            // Exceptional exit: [exit, exc]
            self.bind(fin);
            let cleanup = self.new_label();
            let suppress = self.new_label();
            self.push_handler(cleanup, d + 2);
            self.emit0(Op::PushExcInfo);
            self.emit0(Op::WithExcept);
            if is_async {
                self.emit_await();
            }
            self.emit_jump(Op::PopJumpIfTrue, suppress);
            self.pop_handler();
            self.emit0(Op::ExcCleanup);
            self.bind(cleanup);
            self.emit0(Op::ExcCleanup);
            self.bind(suppress);
            self.emit0(Op::Pop);
            self.emit0(Op::PopExcept);
            self.emit0(Op::Pop);
            self.bind(exit);
        }
        Ok(())
    }

    fn call_exit_with_nones(&mut self, is_async: bool) {
        self.emit0(Op::LoadNone);
        self.emit0(Op::LoadNone);
        self.emit0(Op::LoadNone);
        self.emit(Op::Call, 3);
        if is_async {
            self.emit_await();
        }
    }

    fn visit_try_except(
        &mut self,
        s: &'a Stmt,
        body: &'a [StmtId],
        handlers: &'a [Handler],
        orelse: &'a [StmtId],
    ) -> CResult<()> {
        let d = self.stmt_depth();
        let except = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        let hlen0 = self.ur().hstack.len();
        self.push_handler(except, d);
        self.push_fblock(FKind::TryExcept, 0, 0, hlen0, 0);
        self.visit_stmts(body)?;
        self.pop_fblock();
        self.pop_handler();
        self.visit_stmts(orelse)?;
        self.emit_jump(Op::Jump, end);
        // Handlers: [exc]
        self.bind(except);
        self.set_line(s.line);
        self.push_handler(cleanup, d + 1);
        self.emit0(Op::PushExcInfo);
        for h in handlers {
            self.set_line(h.line);
            let next = self.new_label();
            if let Some(t) = h.typ {
                self.visit_expr(t)?;
                self.set_line(h.line);
                self.emit0(Op::CheckExcMatch);
                self.emit_jump(Op::PopJumpIfFalse, next);
            }
            match h.name {
                Some(name) => {
                    self.name_op(name, NameOp::Store)?;
                    let cleanup_end = self.new_label();
                    self.push_handler(cleanup_end, d + 1);
                    self.push_fblock(FKind::HandlerCleanup(Some(name)), 0, 0, hlen0, 1);
                    self.visit_stmts(&h.body)?;
                    self.pop_fblock();
                    self.pop_handler(); // cleanup_end
                    self.pop_handler(); // cleanup
                    self.emit0(Op::PopExcept);
                    self.emit0(Op::LoadNone);
                    self.name_op(name, NameOp::Store)?;
                    self.name_op(name, NameOp::Delete)?;
                    self.emit_jump(Op::Jump, end);
                    // An exception inside the handler body: [prev, exc2]
                    self.bind(cleanup_end);
                    self.emit0(Op::LoadNone);
                    self.name_op(name, NameOp::Store)?;
                    self.name_op(name, NameOp::Delete)?;
                    self.emit0(Op::ExcCleanup);
                    self.restore_handler(cleanup, d + 1);
                }
                None => {
                    self.emit0(Op::Pop);
                    self.push_fblock(FKind::HandlerCleanup(None), 0, 0, hlen0, 1);
                    self.visit_stmts(&h.body)?;
                    self.pop_fblock();
                    self.pop_handler(); // cleanup
                    self.emit0(Op::PopExcept);
                    self.emit_jump(Op::Jump, end);
                    self.restore_handler(cleanup, d + 1);
                }
            }
            self.bind(next);
        }
        // No handler matched: [prev, exc]
        self.pop_handler();
        self.emit0(Op::ExcCleanup);
        // An exception while matching or in an unnamed handler: [prev, exc2]
        self.bind(cleanup);
        self.emit0(Op::ExcCleanup);
        self.bind(end);
        Ok(())
    }

    /// Re-activate the handler whose label is `label` (it was popped to emit code outside it).
    fn restore_handler(&mut self, label: u32, depth: u32) {
        let u = self.u();
        if let Some(h) = u.handlers.iter().position(|&(l, dd)| l == label && dd == depth) {
            u.hstack.push(h as u32);
        }
    }

    fn visit_try_finally(
        &mut self,
        s: &'a Stmt,
        body: &'a [StmtId],
        handlers: &'a [Handler],
        orelse: &'a [StmtId],
        finalbody: &'a [StmtId],
    ) -> CResult<()> {
        let d = self.stmt_depth();
        let fin = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        let hlen0 = self.ur().hstack.len();
        self.push_handler(fin, d);
        self.push_fblock(FKind::FinallyTry(finalbody), 0, 0, hlen0, 0);
        if handlers.is_empty() {
            self.visit_stmts(body)?;
        } else {
            self.visit_try_except(s, body, handlers, orelse)?;
        }
        self.pop_fblock();
        self.pop_handler();
        self.visit_stmts(finalbody)?;
        self.emit_jump(Op::Jump, exit);
        // Exceptional path: [exc]
        self.bind(fin);
        self.set_line(s.line);
        let hlen1 = self.ur().hstack.len();
        self.push_handler(cleanup, d + 1);
        self.emit0(Op::PushExcInfo);
        self.push_fblock(FKind::FinallyEnd, 0, 0, hlen1, 2);
        self.visit_stmts(finalbody)?;
        self.pop_fblock();
        self.pop_handler();
        self.emit0(Op::ExcCleanup);
        self.bind(cleanup);
        self.emit0(Op::ExcCleanup);
        self.bind(exit);
        Ok(())
    }

    // ----- leaving blocks -----

    /// Emit the cleanup for leaving block `fb` (already popped from the block stack).
    fn unwind_block(&mut self, fb: &FBlock<'a>, preserve_tos: bool) -> CResult<()> {
        self.u().hstack.truncate(fb.hlen);
        match &fb.kind {
            FKind::While | FKind::TryExcept => {}
            FKind::For => {
                if preserve_tos {
                    self.emit(Op::Swap, 2);
                }
                self.emit0(Op::Pop);
            }
            FKind::FinallyTry(body) => {
                if preserve_tos {
                    let hlen = self.ur().hstack.len();
                    self.push_fblock(FKind::PopValue, 0, 0, hlen, 1);
                }
                self.visit_stmts(body)?;
                if preserve_tos {
                    self.pop_fblock();
                }
            }
            FKind::FinallyEnd => {
                if preserve_tos {
                    self.emit(Op::Swap, 2);
                }
                self.emit0(Op::Pop);
                if preserve_tos {
                    self.emit(Op::Swap, 2);
                }
                self.emit0(Op::PopExcept);
            }
            FKind::With { is_async } => {
                if preserve_tos {
                    self.emit(Op::Swap, 2);
                }
                self.call_exit_with_nones(*is_async);
                self.emit0(Op::Pop);
            }
            FKind::HandlerCleanup(name) => {
                if preserve_tos {
                    self.emit(Op::Swap, 2);
                }
                self.emit0(Op::PopExcept);
                if let Some(n) = name {
                    self.emit0(Op::LoadNone);
                    self.name_op(*n, NameOp::Store)?;
                    self.name_op(*n, NameOp::Delete)?;
                }
            }
            FKind::PopValue => {
                if preserve_tos {
                    self.emit(Op::Swap, 2);
                }
                self.emit0(Op::Pop);
            }
        }
        Ok(())
    }

    fn visit_return(&mut self, s: &'a Stmt, value: Option<ExprId>) -> CResult<()> {
        if !self.unit_kind().is_function() {
            return Err(serr("'return' outside function", s));
        }
        let preserve = value.is_some_and(|v| !self.is_const(v));
        if preserve
            && let Some(v) = value {
                self.visit_expr(v)?;
            }
        let saved_f = self.ur().fblocks.clone();
        let saved_h = self.ur().hstack.clone();
        while let Some(fb) = self.u().fblocks.pop() {
            self.set_line(s.line);
            self.unwind_block(&fb, preserve)?;
        }
        self.set_line(s.line);
        match value {
            None => self.emit0(Op::LoadNone),
            Some(v) if !preserve => {
                if let Some(c) = self.const_of(v) {
                    self.load_const(c);
                }
            }
            _ => {}
        }
        self.emit0(Op::ReturnValue);
        self.u().fblocks = saved_f;
        self.u().hstack = saved_h;
        Ok(())
    }

    fn visit_break_continue(&mut self, s: &'a Stmt, is_break: bool) -> CResult<()> {
        let saved_f = self.ur().fblocks.clone();
        let saved_h = self.ur().hstack.clone();
        let mut found = None;
        while let Some(fb) = self.u().fblocks.pop() {
            if matches!(fb.kind, FKind::While | FKind::For) {
                found = Some(fb);
                break;
            }
            self.set_line(s.line);
            self.unwind_block(&fb, false)?;
        }
        let r = match found {
            None => Err(serr(if is_break { "'break' outside loop" } else { "'continue' not properly in loop" }, s)),
            Some(lp) => {
                self.set_line(s.line);
                if is_break {
                    self.unwind_block(&lp, false)?;
                    self.emit_jump(Op::Jump, lp.brk);
                } else {
                    self.u().hstack.truncate(lp.hlen);
                    self.emit_jump(Op::Jump, lp.cont);
                }
                Ok(())
            }
        };
        self.u().fblocks = saved_f;
        self.u().hstack = saved_h;
        r
    }

    #[allow(dead_code)]
    fn in_class(&self) -> bool {
        self.unit_kind() == ScopeKind::Class
    }
}
