//! Recursive-descent parser (Pratt-style for binary operators) from tokens to the AST.
//!
//! Recursion is bounded: every nested expression or bracket level counts against
//! `MAX_DEPTH`, and the depth of every built expression node is checked too (left-associative
//! chains are built in loops but still produce deep trees).

use alloc::boxed::Box;
use alloc::collections::VecDeque;
use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use upy_bytecode::{BinOp, CmpOp, UnOp};

use crate::ast::*;
use crate::error::{CResult, CompileError, ErrorKind};
use crate::lexer::Lexer;
use crate::token::{Tok, Token};

/// Deepest expression nesting accepted (bracket levels, operator chains, nested lambdas).
/// Real stack use is bounded separately by `stack::StackGuard`.
pub const MAX_DEPTH: u32 = 200;

/// What is being parsed.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum ParseMode {
    /// A module (or REPL input): a sequence of statements.
    File,
    /// One expression.
    Eval,
}

/// The parser state.
pub struct Parser<'a> {
    pub(crate) src: &'a str,
    pub(crate) lex: Lexer<'a>,
    pub(crate) la: VecDeque<Token>,
    /// The tree being built.
    pub ast: Ast,
    pub(crate) depth: u32,
    pub(crate) last: Token,
    pub(crate) stack: crate::stack::StackGuard,
}

#[cold]
#[inline(never)]
fn err(msg: impl Into<String>, t: &Token) -> CompileError {
    CompileError::syntax(msg, t.line, t.col)
}

/// Parse a whole source. Returns the tree and the top-level statements (for `Eval`, one
/// expression statement).
pub fn parse(src: &str, mode: ParseMode) -> CResult<(Ast, Vec<StmtId>)> {
    parse_guarded(src, mode, crate::stack::StackGuard::here(crate::stack::DEFAULT_STACK_BUDGET))
}

/// `parse` with an explicit stack guard.
pub fn parse_guarded(src: &str, mode: ParseMode, stack: crate::stack::StackGuard) -> CResult<(Ast, Vec<StmtId>)> {
    let mut p = Parser::new(src, stack);
    let body = match mode {
        ParseMode::File => p.parse_file()?,
        ParseMode::Eval => {
            // Leading indentation is allowed in eval input.
            while p.peek()?.kind == Tok::Indent || p.peek()?.kind == Tok::Newline {
                p.next()?;
            }
            let t = p.peek()?;
            let e = p.parse_star_expressions()?;
            while matches!(p.peek()?.kind, Tok::Newline | Tok::Dedent) {
                p.next()?;
            }
            let end = p.peek()?;
            if end.kind != Tok::EndMarker {
                return Err(err("invalid syntax", &end));
            }
            vec![p.stmt(StmtKind::Expr(e), &t)]
        }
    };
    Ok((p.ast, body))
}

impl<'a> Parser<'a> {
    /// A parser at the start of `src`, with an empty tree.
    pub(crate) fn new(src: &'a str, stack: crate::stack::StackGuard) -> Self {
        Parser {
            stack,
            src,
            lex: Lexer::new(src),
            la: VecDeque::new(),
            ast: Ast::new(),
            depth: 0,
            last: Token { kind: Tok::Newline, start: 0, end: 0, line: 1, col: 1 },
        }
    }

    // ----- token plumbing -----

    pub(crate) fn fill(&mut self, n: usize) -> CResult<()> {
        while self.la.len() <= n {
            let t = self.lex.next_token()?;
            self.la.push_back(t);
        }
        Ok(())
    }

    pub(crate) fn peek(&mut self) -> CResult<Token> {
        self.fill(0)?;
        Ok(self.la[0])
    }

    pub(crate) fn peek_at(&mut self, n: usize) -> CResult<Token> {
        self.fill(n)?;
        Ok(self.la[n])
    }

    pub(crate) fn next(&mut self) -> CResult<Token> {
        self.fill(0)?;
        let t = self.la.pop_front().unwrap_or(self.last);
        self.last = t;
        Ok(t)
    }

    fn at(&mut self, k: Tok) -> CResult<bool> {
        Ok(self.peek()?.kind == k)
    }

    fn eat(&mut self, k: Tok) -> CResult<bool> {
        if self.at(k)? {
            self.next()?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn expect(&mut self, k: Tok) -> CResult<Token> {
        let t = self.peek()?;
        if t.kind == k {
            return self.next();
        }
        Err(self.unexpected(&t, Some(k)))
    }

    /// The error for an unexpected token.
    #[inline(never)]
    fn unexpected(&self, t: &Token, wanted: Option<Tok>) -> CompileError {
        // Like CPython: an error on a later line than a still-open bracket is reported as
        // the unclosed bracket.
        if let Some((ch, line, col)) = self.lex.open_brackets()
            && t.line > line && !matches!(t.kind, Tok::Indent | Tok::Dedent) {
                return CompileError::syntax(format!("'{}' was never closed", ch as char), line, col);
            }
        match t.kind {
            Tok::Indent => CompileError::indent("unexpected indent", t.line, t.col),
            Tok::Dedent if wanted.is_none() => {
                CompileError::indent("unindent does not match any outer indentation level", t.line, t.col)
            }
            Tok::EndMarker => CompileError::syntax("unexpected EOF while parsing", t.line, t.col),
            _ => match wanted {
                Some(Tok::Colon) => err("expected ':'", t),
                Some(w @ (Tok::RPar | Tok::RSqb | Tok::RBrace)) if t.kind == Tok::Newline => {
                    err(format!("'{}' was never closed", match w {
                        Tok::RPar => '(',
                        Tok::RSqb => '[',
                        _ => '{',
                    }), t)
                }
                _ => err("invalid syntax", t),
            },
        }
    }

    pub(crate) fn text(&self, t: &Token) -> &'a str {
        self.src.get(t.start as usize..t.end as usize).unwrap_or("")
    }

    fn enter(&mut self, t: &Token) -> CResult<()> {
        self.stack.check(t.line, t.col)?;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(err("too many nested expressions", t));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    // ----- node construction -----

    #[inline(never)]
    pub(crate) fn mk(&mut self, kind: ExprKind, line: u32, col: u32) -> CResult<ExprId> {
        let d = self.child_depth(&kind).saturating_add(1);
        if d as u32 > MAX_DEPTH {
            return Err(CompileError::syntax("too many nested expressions", line, col));
        }
        if self.ast.exprs.len() >= u32::MAX as usize - 1 {
            return Err(CompileError::syntax("too many expressions", line, col));
        }
        let id = ExprId(self.ast.exprs.len() as u32);
        self.ast.exprs.push(Expr { kind, line, col });
        self.ast.depth.push(d);
        Ok(id)
    }

    pub(crate) fn mk_at(&mut self, kind: ExprKind, t: &Token) -> CResult<ExprId> {
        self.mk(kind, t.line, t.col)
    }

    fn child_depth(&self, k: &ExprKind) -> u16 {
        let d = |e: &ExprId| self.ast.depth_of(*e);
        let o = |e: &Option<ExprId>| e.map(|e| self.ast.depth_of(e)).unwrap_or(0);
        let m = |v: &[ExprId]| v.iter().map(d).max().unwrap_or(0);
        match k {
            ExprKind::Name(_) | ExprKind::Lit(_) => 0,
            ExprKind::JoinedStr(parts) => parts
                .iter()
                .map(|p| match p {
                    FPart::Text(_) => 0,
                    FPart::Field { value, spec, .. } => d(value).max(o(spec)),
                })
                .max()
                .unwrap_or(0),
            ExprKind::BoolOp(_, v) | ExprKind::Tuple(v) | ExprKind::List(v) | ExprKind::Set(v) => m(v),
            ExprKind::BinOp(a, _, b) => d(a).max(d(b)),
            ExprKind::UnaryOp(_, a)
            | ExprKind::Starred(a)
            | ExprKind::YieldFrom(a)
            | ExprKind::Await(a) => d(a),
            ExprKind::Compare(a, rest) => rest.iter().map(|(_, e)| d(e)).max().unwrap_or(0).max(d(a)),
            ExprKind::IfExp { test, body, orelse } => d(test).max(d(body)).max(d(orelse)),
            ExprKind::Lambda { params, body } => {
                let pd = params.defaults.iter().map(d).max().unwrap_or(0);
                let kd = params.kw_defaults.iter().map(o).max().unwrap_or(0);
                d(body).max(pd).max(kd)
            }
            ExprKind::NamedExpr { target, value } => d(target).max(d(value)),
            ExprKind::Call { func, args, keywords } => {
                d(func).max(m(args)).max(keywords.iter().map(|k| d(&k.value)).max().unwrap_or(0))
            }
            ExprKind::Attribute { value, .. } => d(value),
            ExprKind::Subscript { value, index } => d(value).max(d(index)),
            ExprKind::Slice { lower, upper, step } => o(lower).max(o(upper)).max(o(step)),
            ExprKind::Dict(items) => items.iter().map(|(k, v)| o(k).max(d(v))).max().unwrap_or(0),
            ExprKind::Comp { elt, value, gens, .. } => {
                let g = gens
                    .iter()
                    .map(|g| d(&g.target).max(d(&g.iter)).max(m(&g.ifs)))
                    .max()
                    .unwrap_or(0);
                d(elt).max(o(value)).max(g)
            }
            ExprKind::Yield(v) => o(v),
        }
    }

    pub(crate) fn stmt(&mut self, kind: StmtKind, t: &Token) -> StmtId {
        let id = StmtId(self.ast.stmts.len() as u32);
        self.ast.stmts.push(Stmt { kind, line: t.line, col: t.col });
        id
    }

    fn name_of(&mut self, t: &Token) -> Name {
        let s = self.text(t);
        self.ast.intern(s)
    }

    fn expect_name(&mut self) -> CResult<(Name, Token)> {
        let t = self.peek()?;
        if t.kind != Tok::Name {
            return Err(self.unexpected(&t, Some(Tok::Name)));
        }
        self.next()?;
        Ok((self.name_of(&t), t))
    }

    // ----- statements -----

    fn parse_file(&mut self) -> CResult<Vec<StmtId>> {
        let mut body = Vec::new();
        while self.parse_top_level(&mut body)? {}
        Ok(body)
    }

    /// Parse the next top-level statement (a simple-statement line may hold several) into
    /// `out`; false at the end of the source.
    pub(crate) fn parse_top_level(&mut self, out: &mut Vec<StmtId>) -> CResult<bool> {
        loop {
            let t = self.peek()?;
            match t.kind {
                Tok::EndMarker => return Ok(false),
                Tok::Newline | Tok::Dedent => {
                    self.next()?;
                }
                Tok::Indent => return Err(CompileError::indent("unexpected indent", t.line, t.col)),
                _ => {
                    self.parse_statement(out)?;
                    return Ok(true);
                }
            }
        }
    }

    fn parse_statement(&mut self, out: &mut Vec<StmtId>) -> CResult<()> {
        let t = self.peek()?;
        self.stack.check(t.line, t.col)?;
        match t.kind {
            Tok::If => self.parse_if().map(|s| out.push(s)),
            Tok::While => self.parse_while().map(|s| out.push(s)),
            Tok::For => self.parse_for(false, &t).map(|s| out.push(s)),
            Tok::Try => self.parse_try().map(|s| out.push(s)),
            Tok::With => self.parse_with(false, &t).map(|s| out.push(s)),
            Tok::Def => self.parse_def(Vec::new(), false, &t).map(|s| out.push(s)),
            Tok::Class => self.parse_class(Vec::new(), &t).map(|s| out.push(s)),
            Tok::At => self.parse_decorated().map(|s| out.push(s)),
            Tok::Async => {
                let n = self.peek_at(1)?;
                match n.kind {
                    Tok::Def => {
                        self.next()?;
                        self.parse_def(Vec::new(), true, &t).map(|s| out.push(s))
                    }
                    Tok::For => {
                        self.next()?;
                        self.parse_for(true, &t).map(|s| out.push(s))
                    }
                    Tok::With => {
                        self.next()?;
                        self.parse_with(true, &t).map(|s| out.push(s))
                    }
                    _ => Err(err("invalid syntax", &n)),
                }
            }
            Tok::Indent => Err(CompileError::indent("unexpected indent", t.line, t.col)),
            _ => self.parse_simple_stmts(out),
        }
    }

    fn parse_simple_stmts(&mut self, out: &mut Vec<StmtId>) -> CResult<()> {
        loop {
            let s = self.parse_simple_stmt()?;
            out.push(s);
            if self.eat(Tok::Semi)? {
                let t = self.peek()?;
                if matches!(t.kind, Tok::Newline | Tok::EndMarker) {
                    break;
                }
                continue;
            }
            break;
        }
        let t = self.peek()?;
        match t.kind {
            Tok::Newline => {
                self.next()?;
                Ok(())
            }
            Tok::EndMarker => Ok(()),
            _ => Err(err("invalid syntax", &t)),
        }
    }

    /// The block after a compound statement header (the `:` is consumed here).
    fn parse_block(&mut self, what: &str, header: &Token) -> CResult<Vec<StmtId>> {
        self.expect(Tok::Colon)?;
        let mut body = Vec::new();
        if self.at(Tok::Newline)? {
            self.next()?;
            let t = self.peek()?;
            if t.kind != Tok::Indent {
                return Err(CompileError {
                    kind: ErrorKind::IndentationError,
                    msg: format!("expected an indented block after {} on line {}", what, header.line),
                    line: t.line,
                    col: t.col,
                });
            }
            self.next()?;
            loop {
                let t = self.peek()?;
                match t.kind {
                    Tok::Dedent => {
                        self.next()?;
                        break;
                    }
                    Tok::EndMarker => break,
                    _ => self.parse_statement(&mut body)?,
                }
            }
        } else {
            let t = self.peek()?;
            if matches!(t.kind, Tok::EndMarker) {
                return Err(CompileError::syntax("unexpected EOF while parsing", t.line, t.col));
            }
            if is_compound_start(t.kind) {
                return Err(err("invalid syntax", &t));
            }
            self.parse_simple_stmts(&mut body)?;
        }
        Ok(body)
    }

    fn parse_if(&mut self) -> CResult<StmtId> {
        // if/elif chains are collected in a loop and nested from the inside out.
        let mut clauses: Vec<(Token, ExprId, Vec<StmtId>)> = Vec::new();
        let first = self.next()?;
        let test = self.parse_named_expression()?;
        let body = self.parse_block("'if' statement", &first)?;
        clauses.push((first, test, body));
        let mut orelse = Vec::new();
        loop {
            let t = self.peek()?;
            if t.kind == Tok::Elif {
                self.next()?;
                let test = self.parse_named_expression()?;
                let body = self.parse_block("'elif' statement", &t)?;
                clauses.push((t, test, body));
            } else if t.kind == Tok::Else {
                self.next()?;
                orelse = self.parse_block("'else' statement", &t)?;
                break;
            } else {
                break;
            }
        }
        let mut id = None;
        while let Some((t, test, body)) = clauses.pop() {
            let s = self.stmt(StmtKind::If { test, body: body.into(), orelse: orelse.into() }, &t);
            orelse = vec![s];
            id = Some(s);
        }
        Ok(id.unwrap_or(StmtId(0)))
    }

    fn parse_while(&mut self) -> CResult<StmtId> {
        let t = self.next()?;
        let test = self.parse_named_expression()?;
        let body = self.parse_block("'while' statement", &t)?;
        let orelse = self.parse_else()?;
        Ok(self.stmt(StmtKind::While { test, body: body.into(), orelse: orelse.into() }, &t))
    }

    fn parse_else(&mut self) -> CResult<Vec<StmtId>> {
        let t = self.peek()?;
        if t.kind == Tok::Else {
            self.next()?;
            self.parse_block("'else' statement", &t)
        } else {
            Ok(Vec::new())
        }
    }

    fn parse_for(&mut self, is_async: bool, start: &Token) -> CResult<StmtId> {
        let t = self.expect(Tok::For)?;
        let target = self.parse_targets()?;
        self.check_target(target, false)?;
        self.expect(Tok::In)?;
        let iter = self.parse_star_expressions()?;
        let body = self.parse_block("'for' statement", &t)?;
        let orelse = self.parse_else()?;
        Ok(self.stmt(StmtKind::For { target, iter, body: body.into(), orelse: orelse.into(), is_async }, start))
    }

    /// `star_targets` as in `for` loops and comprehensions: parsed at bitwise-or level so
    /// that `in` is not taken as an operator.
    fn parse_targets(&mut self) -> CResult<ExprId> {
        let t = self.peek()?;
        let first = self.parse_target_item()?;
        if !self.at(Tok::Comma)? {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat(Tok::Comma)? {
            let n = self.peek()?;
            if n.kind == Tok::In || n.kind == Tok::Equal || !starts_expr(n.kind) {
                break;
            }
            items.push(self.parse_target_item()?);
        }
        self.mk_at(ExprKind::Tuple(items.into()), &t)
    }

    fn parse_target_item(&mut self) -> CResult<ExprId> {
        let t = self.peek()?;
        if t.kind == Tok::Star {
            self.next()?;
            let e = self.parse_expr_bp(BP_BITOR)?;
            return self.mk_at(ExprKind::Starred(e), &t);
        }
        self.parse_expr_bp(BP_BITOR)
    }

    fn parse_try(&mut self) -> CResult<StmtId> {
        let t = self.next()?;
        let body = self.parse_block("'try' statement", &t)?;
        let mut handlers = Vec::new();
        let mut orelse = Vec::new();
        let mut finalbody = Vec::new();
        loop {
            let h = self.peek()?;
            if h.kind != Tok::Except {
                break;
            }
            self.next()?;
            if self.at(Tok::Star)? {
                let s = self.peek()?;
                return Err(err("except* is not supported", &s));
            }
            let mut typ = None;
            let mut name = None;
            if !self.at(Tok::Colon)? {
                let e = self.parse_expression()?;
                let e = if self.at(Tok::Comma)? {
                    // `except A, B:` is an error in Python 3 without parentheses.
                    let c = self.peek()?;
                    return Err(err("multiple exception types must be parenthesized", &c));
                } else {
                    e
                };
                typ = Some(e);
                if self.eat(Tok::As)? {
                    let (n, _) = self.expect_name()?;
                    name = Some(n);
                }
            }
            let hbody = self.parse_block("'except' statement", &h)?;
            handlers.push(Handler { typ, name, body: hbody.into(), line: h.line, col: h.col });
        }
        let e = self.peek()?;
        if e.kind == Tok::Else {
            if handlers.is_empty() {
                return Err(err("invalid syntax", &e));
            }
            self.next()?;
            orelse = self.parse_block("'else' statement", &e)?;
        }
        let f = self.peek()?;
        if f.kind == Tok::Finally {
            self.next()?;
            finalbody = self.parse_block("'finally' statement", &f)?;
        }
        if handlers.is_empty() && finalbody.is_empty() && f.kind != Tok::Finally {
            return Err(err("expected 'except' or 'finally' block", &f));
        }
        for (i, h) in handlers.iter().enumerate() {
            if h.typ.is_none() && i + 1 < handlers.len() {
                return Err(CompileError::syntax("default 'except:' must be last", h.line, h.col));
            }
        }
        Ok(self.stmt(StmtKind::Try(Box::new(TryStmt {
            body: body.into(),
            handlers: handlers.into(),
            orelse: orelse.into(),
            finalbody: finalbody.into(),
        })), &t))
    }

    fn parse_with(&mut self, is_async: bool, start: &Token) -> CResult<StmtId> {
        let t = self.expect(Tok::With)?;
        let mut items = Vec::new();
        let mut parenthesized = false;
        if self.at(Tok::LPar)? {
            // `with (a as b, c):` — look for the matching ')' followed by ':'.
            let mut depth = 0usize;
            let mut i = 0;
            loop {
                let k = self.peek_at(i)?.kind;
                match k {
                    Tok::LPar | Tok::LSqb | Tok::LBrace => depth += 1,
                    Tok::RPar | Tok::RSqb | Tok::RBrace => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            parenthesized = self.peek_at(i + 1)?.kind == Tok::Colon;
                            break;
                        }
                    }
                    Tok::Newline | Tok::EndMarker => break,
                    _ => {}
                }
                i += 1;
            }
        }
        if parenthesized {
            self.next()?;
            loop {
                if self.at(Tok::RPar)? {
                    break;
                }
                items.push(self.parse_with_item()?);
                if !self.eat(Tok::Comma)? {
                    break;
                }
            }
            self.expect(Tok::RPar)?;
            if items.is_empty() {
                return Err(err("invalid syntax", &t));
            }
        } else {
            loop {
                items.push(self.parse_with_item()?);
                if !self.eat(Tok::Comma)? {
                    break;
                }
            }
        }
        let body = self.parse_block("'with' statement", &t)?;
        Ok(self.stmt(StmtKind::With { items: items.into(), body: body.into(), is_async }, start))
    }

    fn parse_with_item(&mut self) -> CResult<WithItem> {
        let ctx = self.parse_expression()?;
        let mut target = None;
        if self.eat(Tok::As)? {
            let e = self.parse_target_item()?;
            self.check_target(e, false)?;
            target = Some(e);
        }
        Ok(WithItem { ctx, target })
    }

    fn parse_decorated(&mut self) -> CResult<StmtId> {
        let mut decorators = Vec::new();
        let first = self.peek()?;
        while self.at(Tok::At)? {
            self.next()?;
            decorators.push(self.parse_named_expression()?);
            let t = self.peek()?;
            if t.kind != Tok::Newline {
                return Err(err("invalid syntax", &t));
            }
            self.next()?;
        }
        let t = self.peek()?;
        match t.kind {
            Tok::Def => self.parse_def(decorators, false, &first),
            Tok::Class => self.parse_class(decorators, &first),
            Tok::Async if self.peek_at(1)?.kind == Tok::Def => {
                self.next()?;
                self.parse_def(decorators, true, &first)
            }
            _ => Err(err("invalid syntax", &t)),
        }
    }

    fn parse_def(&mut self, decorators: Vec<ExprId>, is_async: bool, start: &Token) -> CResult<StmtId> {
        let t = self.expect(Tok::Def)?;
        let (name, _) = self.expect_name()?;
        self.expect(Tok::LPar)?;
        let params = self.parse_params(Tok::RPar, true)?;
        self.expect(Tok::RPar)?;
        if self.eat(Tok::RArrow)? {
            self.parse_expression()?; // return annotation: parsed, not kept
        }
        let body = self.parse_block("function definition", &t)?;
        let _ = t;
        Ok(self.stmt(StmtKind::FunctionDef(Box::new(FuncDef { name, params, body: body.into(), decorators: decorators.into(), is_async })), start))
    }

    fn parse_class(&mut self, decorators: Vec<ExprId>, start: &Token) -> CResult<StmtId> {
        let t = self.expect(Tok::Class)?;
        let (name, _) = self.expect_name()?;
        let (mut bases, mut keywords) = (Vec::new(), Vec::new());
        if self.eat(Tok::LPar)? {
            let (a, k) = self.parse_call_args()?;
            bases = a;
            keywords = k;
        }
        let body = self.parse_block("class definition", &t)?;
        Ok(self.stmt(StmtKind::ClassDef(Box::new(ClassDef { name, bases: bases.into(), keywords: keywords.into(), body: body.into(), decorators: decorators.into() })), start))
    }

    /// Parameters up to (not including) `close`.
    fn parse_params(&mut self, close: Tok, annotations: bool) -> CResult<Params> {
        let mut p = Params::default();
        let mut seen_slash = false;
        let mut seen_star = false;
        let mut seen_default = false;
        loop {
            let t = self.peek()?;
            if t.kind == close {
                break;
            }
            match t.kind {
                Tok::Slash => {
                    self.next()?;
                    if seen_slash {
                        return Err(err("/ may appear only once", &t));
                    }
                    if seen_star {
                        return Err(err("/ must be ahead of *", &t));
                    }
                    if p.args.is_empty() {
                        return Err(err("at least one argument must precede /", &t));
                    }
                    seen_slash = true;
                    p.posonly = core::mem::take(&mut p.args);
                }
                Tok::Star => {
                    self.next()?;
                    if seen_star {
                        return Err(err("* argument may appear only once", &t));
                    }
                    seen_star = true;
                    let n = self.peek()?;
                    if n.kind == Tok::Name {
                        let (name, nt) = self.expect_name()?;
                        if annotations && self.eat(Tok::Colon)? {
                            self.parse_star_annotation()?;
                        }
                        p.vararg = Some(Param { name, line: nt.line, col: nt.col });
                    } else {
                        let after = self.peek_at(1)?;
                        if n.kind == close || (n.kind == Tok::Comma && after.kind == close) {
                            return Err(err("named arguments must follow bare *", &t));
                        }
                        if n.kind == Tok::Comma && after.kind == Tok::DoubleStar {
                            return Err(err("named arguments must follow bare *", &t));
                        }
                    }
                }
                Tok::DoubleStar => {
                    self.next()?;
                    let (name, nt) = self.expect_name()?;
                    if annotations && self.eat(Tok::Colon)? {
                        self.parse_expression()?;
                    }
                    p.kwarg = Some(Param { name, line: nt.line, col: nt.col });
                    self.eat(Tok::Comma)?;
                    let c = self.peek()?;
                    if c.kind != close {
                        return Err(err("arguments cannot follow var-keyword argument", &c));
                    }
                    break;
                }
                Tok::Name => {
                    let (name, nt) = self.expect_name()?;
                    if annotations && self.eat(Tok::Colon)? {
                        self.parse_expression()?;
                    }
                    let param = Param { name, line: nt.line, col: nt.col };
                    let default = if self.eat(Tok::Equal)? { Some(self.parse_expression()?) } else { None };
                    if seen_star {
                        p.kwonly.push(param);
                        p.kw_defaults.push(default);
                    } else {
                        match default {
                            Some(d) => {
                                seen_default = true;
                                p.defaults.push(d);
                            }
                            None if seen_default => {
                                return Err(err("non-default argument follows default argument", &nt));
                            }
                            None => {}
                        }
                        p.args.push(param);
                    }
                }
                _ => return Err(self.unexpected(&t, None)),
            }
            if !self.eat(Tok::Comma)? {
                break;
            }
        }
        Ok(p)
    }

    fn parse_star_annotation(&mut self) -> CResult<()> {
        if self.eat(Tok::Star)? {
            self.parse_expr_bp(BP_BITOR)?;
        } else {
            self.parse_expression()?;
        }
        Ok(())
    }

    fn parse_simple_stmt(&mut self) -> CResult<StmtId> {
        let t = self.peek()?;
        match t.kind {
            Tok::Pass => {
                self.next()?;
                Ok(self.stmt(StmtKind::Pass, &t))
            }
            Tok::Break => {
                self.next()?;
                Ok(self.stmt(StmtKind::Break, &t))
            }
            Tok::Continue => {
                self.next()?;
                Ok(self.stmt(StmtKind::Continue, &t))
            }
            Tok::Return => {
                self.next()?;
                let v = if starts_expr(self.peek()?.kind) { Some(self.parse_star_expressions()?) } else { None };
                Ok(self.stmt(StmtKind::Return(v), &t))
            }
            Tok::Raise => {
                self.next()?;
                let mut exc = None;
                let mut cause = None;
                if starts_expr(self.peek()?.kind) {
                    exc = Some(self.parse_expression()?);
                    if self.eat(Tok::From)? {
                        cause = Some(self.parse_expression()?);
                    }
                }
                Ok(self.stmt(StmtKind::Raise { exc, cause }, &t))
            }
            Tok::Global | Tok::Nonlocal => {
                self.next()?;
                let mut names = Vec::new();
                loop {
                    let (n, _) = self.expect_name()?;
                    names.push(n);
                    if !self.eat(Tok::Comma)? {
                        break;
                    }
                }
                let k = if t.kind == Tok::Global { StmtKind::Global(names.into()) } else { StmtKind::Nonlocal(names.into()) };
                Ok(self.stmt(k, &t))
            }
            Tok::Del => {
                self.next()?;
                let mut targets = Vec::new();
                loop {
                    let e = self.parse_target_item()?;
                    self.check_target(e, true)?;
                    targets.push(e);
                    if !self.eat(Tok::Comma)? {
                        break;
                    }
                    if !starts_expr(self.peek()?.kind) {
                        break;
                    }
                }
                Ok(self.stmt(StmtKind::Delete(targets.into()), &t))
            }
            Tok::Assert => {
                self.next()?;
                let test = self.parse_expression()?;
                let msg = if self.eat(Tok::Comma)? { Some(self.parse_expression()?) } else { None };
                Ok(self.stmt(StmtKind::Assert { test, msg }, &t))
            }
            Tok::Import => self.parse_import(),
            Tok::From => self.parse_from_import(),
            _ => self.parse_expr_stmt(),
        }
    }

    fn parse_dotted_name(&mut self) -> CResult<String> {
        let (n, _) = self.expect_name()?;
        let mut s = String::from(self.ast.name(n));
        while self.at(Tok::Dot)? {
            self.next()?;
            let (n, _) = self.expect_name()?;
            s.push('.');
            s.push_str(self.ast.name(n));
        }
        Ok(s)
    }

    fn parse_import(&mut self) -> CResult<StmtId> {
        let t = self.next()?;
        let mut names = Vec::new();
        loop {
            let a = self.peek()?;
            let name = self.parse_dotted_name()?;
            let asname = if self.eat(Tok::As)? { Some(self.expect_name()?.0) } else { None };
            names.push(Alias { name, asname, line: a.line, col: a.col });
            if !self.eat(Tok::Comma)? {
                break;
            }
        }
        Ok(self.stmt(StmtKind::Import(names.into()), &t))
    }

    fn parse_from_import(&mut self) -> CResult<StmtId> {
        let t = self.next()?;
        let mut level: u32 = 0;
        loop {
            let d = self.peek()?;
            match d.kind {
                Tok::Dot => level = level.saturating_add(1),
                Tok::Ellipsis => level = level.saturating_add(3),
                _ => break,
            }
            self.next()?;
        }
        let module = if self.at(Tok::Import)? {
            if level == 0 {
                let i = self.peek()?;
                return Err(err("invalid syntax", &i));
            }
            None
        } else {
            Some(self.parse_dotted_name()?)
        };
        self.expect(Tok::Import)?;
        let mut names = Vec::new();
        let s = self.peek()?;
        if s.kind == Tok::Star {
            self.next()?;
            names.push(Alias { name: String::from("*"), asname: None, line: s.line, col: s.col });
        } else {
            let paren = self.eat(Tok::LPar)?;
            loop {
                let a = self.peek()?;
                let (n, _) = self.expect_name()?;
                let asname = if self.eat(Tok::As)? { Some(self.expect_name()?.0) } else { None };
                names.push(Alias { name: String::from(self.ast.name(n)), asname, line: a.line, col: a.col });
                if !self.eat(Tok::Comma)? {
                    break;
                }
                if paren && self.at(Tok::RPar)? {
                    break;
                }
                if !paren && !self.at(Tok::Name)? {
                    let c = self.peek()?;
                    return Err(err("trailing comma not allowed without surrounding parentheses", &c));
                }
            }
            if paren {
                self.expect(Tok::RPar)?;
            }
        }
        Ok(self.stmt(StmtKind::ImportFrom { module, names: names.into(), level }, &t))
    }

    fn parse_expr_stmt(&mut self) -> CResult<StmtId> {
        let t = self.peek()?;
        let first = if t.kind == Tok::Yield { self.parse_yield_expr()? } else { self.parse_star_expressions()? };
        let n = self.peek()?;
        match n.kind {
            Tok::Equal => {
                let mut targets = vec![first];
                let mut value;
                loop {
                    self.next()?;
                    let v = self.peek()?;
                    value = if v.kind == Tok::Yield { self.parse_yield_expr()? } else { self.parse_star_expressions()? };
                    if !self.at(Tok::Equal)? {
                        break;
                    }
                    targets.push(value);
                }
                for &tg in &targets {
                    self.check_target(tg, false)?;
                }
                Ok(self.stmt(StmtKind::Assign { targets: targets.into(), value }, &t))
            }
            Tok::Colon => {
                // Annotated assignment.
                let e = self.ast.expr(first);
                let simple = match &e.kind {
                    ExprKind::Name(_) => !self.paren_first(&t),
                    ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => false,
                    ExprKind::Tuple(_) => return Err(err("only single target (not tuple) can be annotated", &t)),
                    ExprKind::List(_) => return Err(err("only single target (not list) can be annotated", &t)),
                    _ => return Err(err("illegal target for annotation", &t)),
                };
                self.check_target(first, false)?;
                self.next()?;
                self.parse_expression()?; // the annotation: parsed, not kept
                let value = if self.eat(Tok::Equal)? {
                    let v = self.peek()?;
                    Some(if v.kind == Tok::Yield { self.parse_yield_expr()? } else { self.parse_star_expressions()? })
                } else {
                    None
                };
                Ok(self.stmt(StmtKind::AnnAssign { target: first, value, simple }, &t))
            }
            k if aug_op(k).is_some() => {
                let op = aug_op(k).unwrap_or(BinOp::Add);
                let e = self.ast.expr(first);
                match &e.kind {
                    ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
                    other => {
                        return Err(CompileError::syntax(
                            format!("'{}' is an illegal expression for augmented assignment", describe(other)),
                            e.line,
                            e.col,
                        ))
                    }
                }
                self.check_target(first, false)?;
                self.next()?;
                let v = self.peek()?;
                let value = if v.kind == Tok::Yield { self.parse_yield_expr()? } else { self.parse_star_expressions()? };
                Ok(self.stmt(StmtKind::AugAssign { target: first, op, value }, &t))
            }
            _ => {
                if let ExprKind::Starred(_) = self.ast.expr(first).kind {
                    return Err(err("can't use starred expression here", &t));
                }
                Ok(self.stmt(StmtKind::Expr(first), &t))
            }
        }
    }

    fn paren_first(&self, t: &Token) -> bool {
        t.kind == Tok::LPar
    }

    /// Check that `e` can be assigned to (or deleted if `del`).
    pub(crate) fn check_target(&self, e: ExprId, del: bool) -> CResult<()> {
        self.check_target_inner(e, del, false)
    }

    fn check_target_inner(&self, e: ExprId, del: bool, in_seq: bool) -> CResult<()> {
        let x = self.ast.expr(e);
        let verb = if del { "delete" } else { "assign to" };
        match &x.kind {
            ExprKind::Name(n) => {
                if self.ast.name(*n) == "__debug__" {
                    return Err(CompileError::syntax(format!("cannot {verb} __debug__"), x.line, x.col));
                }
                Ok(())
            }
            ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let mut stars = 0;
                for &i in items {
                    if let ExprKind::Starred(_) = self.ast.expr(i).kind {
                        stars += 1;
                    }
                    self.check_target_inner(i, del, true)?;
                }
                if stars > 1 {
                    return Err(CompileError::syntax("multiple starred expressions in assignment", x.line, x.col));
                }
                Ok(())
            }
            ExprKind::Starred(inner) => {
                if del {
                    return Err(CompileError::syntax("cannot delete starred", x.line, x.col));
                }
                if !in_seq {
                    return Err(CompileError::syntax("starred assignment target must be in a list or tuple", x.line, x.col));
                }
                if let ExprKind::Starred(_) = self.ast.expr(*inner).kind {
                    return Err(CompileError::syntax(format!("cannot {verb} starred"), x.line, x.col));
                }
                self.check_target_inner(*inner, del, false)
            }
            other => Err(CompileError::syntax(format!("cannot {verb} {}", describe(other)), x.line, x.col)),
        }
    }

    // ----- expressions -----

    /// `star_expressions`: one expression or an unparenthesized tuple, items may be starred.
    pub(crate) fn parse_star_expressions(&mut self) -> CResult<ExprId> {
        let t = self.peek()?;
        let first = self.parse_star_expression()?;
        if !self.at(Tok::Comma)? {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat(Tok::Comma)? {
            if !starts_expr(self.peek()?.kind) {
                break;
            }
            items.push(self.parse_star_expression()?);
        }
        self.mk_at(ExprKind::Tuple(items.into()), &t)
    }

    fn parse_star_expression(&mut self) -> CResult<ExprId> {
        let t = self.peek()?;
        if t.kind == Tok::Star {
            self.next()?;
            let e = self.parse_expr_bp(BP_BITOR)?;
            return self.mk_at(ExprKind::Starred(e), &t);
        }
        self.parse_expression()
    }

    fn parse_star_named_expression(&mut self) -> CResult<ExprId> {
        let t = self.peek()?;
        if t.kind == Tok::Star {
            self.next()?;
            let e = self.parse_expr_bp(BP_BITOR)?;
            return self.mk_at(ExprKind::Starred(e), &t);
        }
        self.parse_named_expression()
    }

    /// `NAME := expression` or `expression`.
    pub(crate) fn parse_named_expression(&mut self) -> CResult<ExprId> {
        let t = self.peek()?;
        if t.kind == Tok::Name && self.peek_at(1)?.kind == Tok::ColonEqual {
            self.next()?;
            let name = self.name_of(&t);
            let target = self.mk_at(ExprKind::Name(name), &t)?;
            self.next()?;
            let value = self.parse_expression()?;
            return self.mk_at(ExprKind::NamedExpr { target, value }, &t);
        }
        let e = self.parse_expression()?;
        if self.at(Tok::ColonEqual)? {
            let x = self.ast.expr(e);
            return Err(CompileError::syntax(
                format!("cannot use assignment expressions with {}", describe(&x.kind)),
                x.line,
                x.col,
            ));
        }
        Ok(e)
    }

    /// `expression`: conditional expression, lambda, or a disjunction.
    pub(crate) fn parse_expression(&mut self) -> CResult<ExprId> {
        let t = self.peek()?;
        if t.kind != Tok::Lambda {
            return self.parse_expression_inner(&t);
        }
        // Only lambdas recurse here without going through `parse_expr_bp`.
        self.enter(&t)?;
        let r = self.parse_expression_inner(&t);
        self.leave();
        r
    }

    fn parse_expression_inner(&mut self, t: &Token) -> CResult<ExprId> {
        if t.kind == Tok::Lambda {
            return self.parse_lambda();
        }
        let body = self.parse_expr_bp(0)?;
        if self.at(Tok::If)? {
            self.next()?;
            let test = self.parse_expr_bp(0)?;
            if !self.at(Tok::Else)? {
                let n = self.peek()?;
                return Err(err("expected 'else' after 'if' expression", &n));
            }
            self.next()?;
            let orelse = self.parse_expression()?;
            return self.mk_at(ExprKind::IfExp { test, body, orelse }, t);
        }
        Ok(body)
    }

    #[inline(never)]
    fn parse_lambda(&mut self) -> CResult<ExprId> {
        let t = self.next()?;
        let params = self.parse_params(Tok::Colon, false)?;
        self.expect(Tok::Colon)?;
        let body = self.parse_expression()?;
        self.mk_at(ExprKind::Lambda { params: Box::new(params), body }, &t)
    }

    /// Operators with binding power >= `min` (Pratt loop).
    pub(crate) fn parse_expr_bp(&mut self, min: u8) -> CResult<ExprId> {
        let t = self.peek()?;
        self.enter(&t)?;
        let r = self.parse_expr_bp_inner(min, &t);
        self.leave();
        r
    }

    fn parse_expr_bp_inner(&mut self, min: u8, t: &Token) -> CResult<ExprId> {
        let mut lhs = match t.kind {
            Tok::Not if min <= BP_NOT => {
                self.next()?;
                let e = self.parse_expr_bp(BP_NOT)?;
                self.mk_at(ExprKind::UnaryOp(UnOp::Not, e), t)?
            }
            Tok::Minus | Tok::Plus | Tok::Tilde if min <= BP_UNARY => {
                self.next()?;
                let e = self.parse_expr_bp(BP_UNARY)?;
                let op = match t.kind {
                    Tok::Minus => UnOp::Neg,
                    Tok::Plus => UnOp::Pos,
                    _ => UnOp::Invert,
                };
                self.mk_at(ExprKind::UnaryOp(op, e), t)?
            }
            Tok::Await => {
                self.next()?;
                let e = self.parse_primary()?;
                self.mk_at(ExprKind::Await(e), t)?
            }
            _ => self.parse_primary()?,
        };
        loop {
            let op = self.peek()?;
            match op.kind {
                Tok::Or | Tok::And => {
                    let (bp, kind) =
                        if op.kind == Tok::Or { (BP_OR, BoolOpKind::Or) } else { (BP_AND, BoolOpKind::And) };
                    if bp < min {
                        break;
                    }
                    let mut values = vec![lhs];
                    while self.eat(op.kind)? {
                        values.push(self.parse_expr_bp(bp + 1)?);
                    }
                    lhs = self.mk_at(ExprKind::BoolOp(kind, values.into()), t)?;
                }
                _ if cmp_op(op.kind).is_some() || (op.kind == Tok::Not && self.peek_at(1)?.kind == Tok::In) => {
                    if BP_CMP < min {
                        break;
                    }
                    let mut rest = Vec::new();
                    loop {
                        let o = self.peek()?;
                        let c = match o.kind {
                            Tok::Not if self.peek_at(1)?.kind == Tok::In => {
                                self.next()?;
                                CmpOp::NotIn
                            }
                            Tok::Is if self.peek_at(1)?.kind == Tok::Not => {
                                self.next()?;
                                CmpOp::IsNot
                            }
                            k => match cmp_op(k) {
                                Some(c) => c,
                                None => break,
                            },
                        };
                        self.next()?;
                        let rhs = self.parse_expr_bp(BP_CMP + 1)?;
                        rest.push((c, rhs));
                    }
                    lhs = self.mk_at(ExprKind::Compare(lhs, rest.into()), t)?;
                }
                Tok::DoubleStar => {
                    if BP_POW < min {
                        break;
                    }
                    self.next()?;
                    let rhs = self.parse_expr_bp(BP_UNARY)?;
                    lhs = self.mk_at(ExprKind::BinOp(lhs, BinOp::Pow, rhs), t)?;
                }
                k => match bin_op(k) {
                    Some((bop, bp)) if bp >= min => {
                        self.next()?;
                        let rhs = self.parse_expr_bp(bp + 1)?;
                        lhs = self.mk_at(ExprKind::BinOp(lhs, bop, rhs), t)?;
                    }
                    _ => break,
                },
            }
        }
        Ok(lhs)
    }

    /// An atom followed by trailers (`.name`, `(args)`, `[index]`).
    fn parse_primary(&mut self) -> CResult<ExprId> {
        let t = self.peek()?;
        let mut e = self.parse_atom()?;
        loop {
            let n = self.peek()?;
            match n.kind {
                Tok::Dot => {
                    self.next()?;
                    let (attr, at) = self.expect_name()?;
                    e = self.mk_at(ExprKind::Attribute { value: e, attr, line: at.line }, &t)?;
                }
                Tok::LPar => {
                    self.next()?;
                    let (args, keywords) = self.parse_call_args()?;
                    e = self.mk_at(ExprKind::Call { func: e, args: args.into(), keywords: keywords.into() }, &t)?;
                }
                Tok::LSqb => {
                    self.next()?;
                    let index = self.parse_subscript()?;
                    self.expect(Tok::RSqb)?;
                    e = self.mk_at(ExprKind::Subscript { value: e, index }, &t)?;
                }
                _ => break,
            }
        }
        Ok(e)
    }

    /// Call arguments after `(`, through `)`.
    fn parse_call_args(&mut self) -> CResult<(Vec<ExprId>, Vec<Keyword>)> {
        self.parse_call_args_inner()
    }

    #[inline(never)]
    fn parse_call_args_inner(&mut self) -> CResult<(Vec<ExprId>, Vec<Keyword>)> {
        let mut args: Vec<ExprId> = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        let mut genexp_at: Option<Token> = None;
        let mut count = 0usize;
        loop {
            let t = self.peek()?;
            if t.kind == Tok::RPar {
                break;
            }
            count += 1;
            match t.kind {
                Tok::Star => {
                    self.next()?;
                    let v = self.parse_expression()?;
                    if keywords.iter().any(|k| k.name.is_none()) {
                        return Err(err("iterable argument unpacking follows keyword argument unpacking", &t));
                    }
                    let s = self.mk_at(ExprKind::Starred(v), &t)?;
                    args.push(s);
                }
                Tok::DoubleStar => {
                    self.next()?;
                    let v = self.parse_expression()?;
                    keywords.push(Keyword { name: None, value: v, line: t.line, col: t.col });
                }
                Tok::Name if self.peek_at(1)?.kind == Tok::Equal => {
                    self.next()?;
                    self.next()?;
                    let name = self.name_of(&t);
                    let v = self.parse_expression()?;
                    if keywords.iter().any(|k| k.name == Some(name)) {
                        return Err(err(format!("keyword argument repeated: {}", self.ast.name(name)), &t));
                    }
                    keywords.push(Keyword { name: Some(name), value: v, line: t.line, col: t.col });
                }
                _ => {
                    let e = self.parse_named_expression()?;
                    if self.at(Tok::Equal)? {
                        let x = self.ast.expr(e);
                        return Err(CompileError::syntax(
                            "expression cannot contain assignment, perhaps you meant \"==\"?",
                            x.line,
                            x.col,
                        ));
                    }
                    let e = if matches!(self.peek()?.kind, Tok::For | Tok::Async) {
                        genexp_at = Some(t);
                        self.parse_comp(CompKind::Gen, e, None, &t)?
                    } else {
                        e
                    };
                    if !keywords.is_empty() {
                        if keywords.iter().any(|k| k.name.is_none()) {
                            return Err(err("positional argument follows keyword argument unpacking", &t));
                        }
                        return Err(err("positional argument follows keyword argument", &t));
                    }
                    args.push(e);
                }
            }
            if !self.eat(Tok::Comma)? {
                break;
            }
        }
        let close = self.peek()?;
        if close.kind != Tok::RPar {
            return Err(self.unexpected(&close, Some(Tok::RPar)));
        }
        self.next()?;
        if let Some(g) = genexp_at
            && count > 1 {
                return Err(err("Generator expression must be parenthesized", &g));
            }
        Ok((args, keywords))
    }

    /// The index of a subscript: expression, slice, or tuple of them.
    #[inline(never)]
    fn parse_subscript(&mut self) -> CResult<ExprId> {
        let t = self.peek()?;
        let first = self.parse_slice_item()?;
        if !self.at(Tok::Comma)? {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat(Tok::Comma)? {
            if self.at(Tok::RSqb)? {
                break;
            }
            items.push(self.parse_slice_item()?);
        }
        self.mk_at(ExprKind::Tuple(items.into()), &t)
    }

    #[inline(never)]
    fn parse_slice_item(&mut self) -> CResult<ExprId> {
        let t = self.peek()?;
        if t.kind == Tok::Star {
            self.next()?;
            let e = self.parse_expr_bp(BP_BITOR)?;
            return self.mk_at(ExprKind::Starred(e), &t);
        }
        let lower = if t.kind != Tok::Colon { Some(self.parse_named_expression()?) } else { None };
        if !self.at(Tok::Colon)? {
            return lower.ok_or_else(|| err("invalid syntax", &t));
        }
        self.next()?;
        let upper = if matches!(self.peek()?.kind, Tok::Colon | Tok::Comma | Tok::RSqb) {
            None
        } else {
            Some(self.parse_expression()?)
        };
        let mut step = None;
        if self.eat(Tok::Colon)? && !matches!(self.peek()?.kind, Tok::Comma | Tok::RSqb) {
            step = Some(self.parse_expression()?);
        }
        self.mk_at(ExprKind::Slice { lower, upper, step }, &t)
    }

    #[inline(never)]
    pub(crate) fn parse_yield_expr(&mut self) -> CResult<ExprId> {
        let t = self.next()?;
        if self.eat(Tok::From)? {
            let e = self.parse_expression()?;
            return self.mk_at(ExprKind::YieldFrom(e), &t);
        }
        let v = if starts_expr(self.peek()?.kind) { Some(self.parse_star_expressions()?) } else { None };
        self.mk_at(ExprKind::Yield(v), &t)
    }

    fn parse_atom(&mut self) -> CResult<ExprId> {
        let t = self.peek()?;
        match t.kind {
            Tok::Name => {
                self.next()?;
                let n = self.name_of(&t);
                self.mk_at(ExprKind::Name(n), &t)
            }
            Tok::Number => {
                self.next()?;
                let text = self.text(&t);
                let lit = crate::literal::parse_number(text).map_err(|m| err(m, &t))?;
                self.mk_at(ExprKind::Lit(lit), &t)
            }
            Tok::String => self.parse_strings(),
            Tok::None => {
                self.next()?;
                self.mk_at(ExprKind::Lit(Lit::None), &t)
            }
            Tok::True => {
                self.next()?;
                self.mk_at(ExprKind::Lit(Lit::True), &t)
            }
            Tok::False => {
                self.next()?;
                self.mk_at(ExprKind::Lit(Lit::False), &t)
            }
            Tok::Ellipsis => {
                self.next()?;
                self.mk_at(ExprKind::Lit(Lit::Ellipsis), &t)
            }
            Tok::LPar => {
                self.next()?;
                self.parse_paren(&t)
            }
            Tok::LSqb => {
                self.next()?;
                self.parse_list(&t)
            }
            Tok::LBrace => {
                self.next()?;
                self.parse_brace(&t)
            }
            _ => Err(self.unexpected(&t, None)),
        }
    }

    #[inline(never)]
    fn parse_paren(&mut self, t: &Token) -> CResult<ExprId> {
        if self.eat(Tok::RPar)? {
            return self.mk_at(ExprKind::Tuple(Vec::new().into()), t);
        }
        if self.at(Tok::Yield)? {
            let e = self.parse_yield_expr()?;
            self.expect(Tok::RPar)?;
            return Ok(e);
        }
        let first = self.parse_star_named_expression()?;
        if matches!(self.peek()?.kind, Tok::For | Tok::Async) {
            if let ExprKind::Starred(_) = self.ast.expr(first).kind {
                return Err(err("iterable unpacking cannot be used in comprehension", t));
            }
            let e = self.parse_comp(CompKind::Gen, first, None, t)?;
            self.expect(Tok::RPar)?;
            return Ok(e);
        }
        if self.eat(Tok::RPar)? {
            if let ExprKind::Starred(_) = self.ast.expr(first).kind {
                let x = self.ast.expr(first);
                return Err(CompileError::syntax("cannot use starred expression here", x.line, x.col));
            }
            // Parenthesized expression: keep the inner node, but a parenthesized name is not
            // a "simple" annotation target; the statement parser checks the first token.
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat(Tok::Comma)? {
            if self.at(Tok::RPar)? {
                break;
            }
            items.push(self.parse_star_named_expression()?);
        }
        self.expect(Tok::RPar)?;
        self.mk_at(ExprKind::Tuple(items.into()), t)
    }

    #[inline(never)]
    fn parse_list(&mut self, t: &Token) -> CResult<ExprId> {
        if self.eat(Tok::RSqb)? {
            return self.mk_at(ExprKind::List(Vec::new().into()), t);
        }
        let first = self.parse_star_named_expression()?;
        if matches!(self.peek()?.kind, Tok::For | Tok::Async) {
            if let ExprKind::Starred(_) = self.ast.expr(first).kind {
                return Err(err("iterable unpacking cannot be used in comprehension", t));
            }
            let e = self.parse_comp(CompKind::List, first, None, t)?;
            self.expect(Tok::RSqb)?;
            return Ok(e);
        }
        let mut items = vec![first];
        while self.eat(Tok::Comma)? {
            if self.at(Tok::RSqb)? {
                break;
            }
            items.push(self.parse_star_named_expression()?);
        }
        self.expect(Tok::RSqb)?;
        self.mk_at(ExprKind::List(items.into()), t)
    }

    #[inline(never)]
    fn parse_brace(&mut self, t: &Token) -> CResult<ExprId> {
        if self.eat(Tok::RBrace)? {
            return self.mk_at(ExprKind::Dict(Vec::new().into()), t);
        }
        let f = self.peek()?;
        if f.kind == Tok::DoubleStar {
            return self.parse_dict_rest(Vec::new(), t);
        }
        let first = self.parse_star_named_expression()?;
        if self.eat(Tok::Colon)? {
            if let ExprKind::Starred(_) = self.ast.expr(first).kind {
                return Err(err("cannot use a starred expression in a dictionary value", &f));
            }
            let v = self.parse_expression()?;
            if matches!(self.peek()?.kind, Tok::For | Tok::Async) {
                let e = self.parse_comp(CompKind::Dict, first, Some(v), t)?;
                self.expect(Tok::RBrace)?;
                return Ok(e);
            }
            return self.parse_dict_rest(vec![(Some(first), v)], t);
        }
        if matches!(self.peek()?.kind, Tok::For | Tok::Async) {
            if let ExprKind::Starred(_) = self.ast.expr(first).kind {
                return Err(err("iterable unpacking cannot be used in comprehension", t));
            }
            let e = self.parse_comp(CompKind::Set, first, None, t)?;
            self.expect(Tok::RBrace)?;
            return Ok(e);
        }
        let mut items = vec![first];
        while self.eat(Tok::Comma)? {
            if self.at(Tok::RBrace)? {
                break;
            }
            items.push(self.parse_star_named_expression()?);
        }
        self.expect(Tok::RBrace)?;
        self.mk_at(ExprKind::Set(items.into()), t)
    }

    #[inline(never)]
    fn parse_dict_rest(&mut self, mut items: Vec<(Option<ExprId>, ExprId)>, t: &Token) -> CResult<ExprId> {
        // Called either at a `**` (items empty) or after the first `key: value`.
        if !items.is_empty() && !self.eat(Tok::Comma)? {
            self.expect(Tok::RBrace)?;
            return self.mk_at(ExprKind::Dict(items.into()), t);
        }
        loop {
            if self.at(Tok::RBrace)? {
                break;
            }
            if self.eat(Tok::DoubleStar)? {
                let v = self.parse_expr_bp(BP_BITOR)?;
                items.push((None, v));
            } else {
                let k = self.parse_expression()?;
                let c = self.peek()?;
                if c.kind != Tok::Colon {
                    if matches!(c.kind, Tok::Comma | Tok::RBrace) {
                        let x = self.ast.expr(k);
                        return Err(CompileError::syntax("':' expected after dictionary key", x.line, x.col));
                    }
                    return Err(self.unexpected(&c, Some(Tok::Colon)));
                }
                self.next()?;
                let v = self.parse_expression()?;
                items.push((Some(k), v));
            }
            if !self.eat(Tok::Comma)? {
                break;
            }
        }
        self.expect(Tok::RBrace)?;
        self.mk_at(ExprKind::Dict(items.into()), t)
    }

    /// Comprehension clauses after the element.
    #[inline(never)]
    fn parse_comp(&mut self, kind: CompKind, elt: ExprId, value: Option<ExprId>, t: &Token) -> CResult<ExprId> {
        let mut gens = Vec::new();
        loop {
            let is_async = self.eat(Tok::Async)?;
            if !self.at(Tok::For)? {
                if is_async {
                    let n = self.peek()?;
                    return Err(err("invalid syntax", &n));
                }
                break;
            }
            self.next()?;
            let target = self.parse_targets()?;
            self.check_target(target, false)?;
            self.expect(Tok::In)?;
            let iter = self.parse_expr_bp(0)?;
            let mut ifs = Vec::new();
            while self.eat(Tok::If)? {
                ifs.push(self.parse_expr_bp(0)?);
            }
            gens.push(Comprehension { target, iter, ifs: ifs.into(), is_async });
        }
        self.mk_at(ExprKind::Comp { kind, elt, value, gens: gens.into() }, t)
    }

    #[inline(never)]
    fn parse_strings(&mut self) -> CResult<ExprId> {
        let first = self.peek()?;
        let mut parts: Vec<FPart> = Vec::new();
        let mut bytes: Option<Vec<u8>> = None;
        let mut any_f = false;
        let mut any_str = false;
        while self.at(Tok::String)? {
            let t = self.next()?;
            let text = self.text(&t);
            let st = crate::literal::split_string_token(text);
            if st.bytes {
                if any_str {
                    return Err(err("cannot mix bytes and nonbytes literals", &t));
                }
                let b = crate::literal::unescape_bytes(st.body, st.raw).map_err(|m| err(m, &t))?;
                bytes.get_or_insert_with(Vec::new).extend_from_slice(&b);
            } else {
                if bytes.is_some() {
                    return Err(err("cannot mix bytes and nonbytes literals", &t));
                }
                any_str = true;
                if st.fstring {
                    any_f = true;
                    let base = t.start as usize + st.body_offset;
                    self.parse_fstring_body(base, st.body.len(), st.raw, &t, 0, &mut parts)?;
                } else {
                    let s = crate::literal::unescape_str(st.body, st.raw).map_err(|m| err(m, &t))?;
                    push_text(&mut parts, s);
                }
            }
        }
        if let Some(b) = bytes {
            return self.mk_at(ExprKind::Lit(Lit::Bytes(b)), &first);
        }
        if !any_f {
            let s = match parts.pop() {
                Some(FPart::Text(s)) => s,
                _ => String::new(),
            };
            return self.mk_at(ExprKind::Lit(Lit::Str(s)), &first);
        }
        self.mk_at(ExprKind::JoinedStr(parts.into()), &first)
    }
}

/// Append literal text, merging with a preceding text part.
pub(crate) fn push_text(parts: &mut Vec<FPart>, s: String) {
    if let Some(FPart::Text(prev)) = parts.last_mut() {
        prev.push_str(&s);
    } else {
        parts.push(FPart::Text(s));
    }
}

// Binding powers.
const BP_OR: u8 = 1;
const BP_AND: u8 = 2;
const BP_NOT: u8 = 3;
const BP_CMP: u8 = 4;
/// Binding power of `|`: star targets and starred items are parsed from here up.
pub const BP_BITOR: u8 = 5;
const BP_UNARY: u8 = 11;
const BP_POW: u8 = 12;

fn bin_op(k: Tok) -> Option<(BinOp, u8)> {
    Some(match k {
        Tok::VBar => (BinOp::Or, 5),
        Tok::Circumflex => (BinOp::Xor, 6),
        Tok::Amper => (BinOp::And, 7),
        Tok::LeftShift => (BinOp::LShift, 8),
        Tok::RightShift => (BinOp::RShift, 8),
        Tok::Plus => (BinOp::Add, 9),
        Tok::Minus => (BinOp::Sub, 9),
        Tok::Star => (BinOp::Mul, 10),
        Tok::Slash => (BinOp::TrueDiv, 10),
        Tok::DoubleSlash => (BinOp::FloorDiv, 10),
        Tok::Percent => (BinOp::Mod, 10),
        Tok::At => (BinOp::MatMul, 10),
        _ => return None,
    })
}

fn cmp_op(k: Tok) -> Option<CmpOp> {
    Some(match k {
        Tok::Less => CmpOp::Lt,
        Tok::LessEqual => CmpOp::Le,
        Tok::EqEqual => CmpOp::Eq,
        Tok::NotEqual => CmpOp::Ne,
        Tok::Greater => CmpOp::Gt,
        Tok::GreaterEqual => CmpOp::Ge,
        Tok::In => CmpOp::In,
        Tok::Is => CmpOp::Is,
        _ => return None,
    })
}

fn aug_op(k: Tok) -> Option<BinOp> {
    Some(match k {
        Tok::PlusEqual => BinOp::Add,
        Tok::MinEqual => BinOp::Sub,
        Tok::StarEqual => BinOp::Mul,
        Tok::SlashEqual => BinOp::TrueDiv,
        Tok::DoubleSlashEqual => BinOp::FloorDiv,
        Tok::PercentEqual => BinOp::Mod,
        Tok::DoubleStarEqual => BinOp::Pow,
        Tok::LeftShiftEqual => BinOp::LShift,
        Tok::RightShiftEqual => BinOp::RShift,
        Tok::AmperEqual => BinOp::And,
        Tok::VBarEqual => BinOp::Or,
        Tok::CircumflexEqual => BinOp::Xor,
        Tok::AtEqual => BinOp::MatMul,
        _ => return None,
    })
}

/// Can this token start an expression?
pub(crate) fn starts_expr(k: Tok) -> bool {
    matches!(
        k,
        Tok::Name
            | Tok::Number
            | Tok::String
            | Tok::None
            | Tok::True
            | Tok::False
            | Tok::Ellipsis
            | Tok::LPar
            | Tok::LSqb
            | Tok::LBrace
            | Tok::Minus
            | Tok::Plus
            | Tok::Tilde
            | Tok::Not
            | Tok::Lambda
            | Tok::Await
            | Tok::Star
    )
}

fn is_compound_start(k: Tok) -> bool {
    matches!(k, Tok::If | Tok::While | Tok::For | Tok::Try | Tok::With | Tok::Def | Tok::Class | Tok::At | Tok::Async)
}

/// CPython's description of an expression kind in error messages.
pub(crate) fn describe(k: &ExprKind) -> &'static str {
    match k {
        ExprKind::Name(_) => "name",
        ExprKind::Lit(Lit::None) => "None",
        ExprKind::Lit(Lit::True) => "True",
        ExprKind::Lit(Lit::False) => "False",
        ExprKind::Lit(Lit::Ellipsis) => "ellipsis",
        ExprKind::Lit(_) => "literal",
        ExprKind::JoinedStr(_) => "f-string expression",
        ExprKind::BoolOp(..) | ExprKind::BinOp(..) | ExprKind::UnaryOp(..) => "expression",
        ExprKind::Compare(..) => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Call { .. } => "function call",
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Slice { .. } => "slice",
        ExprKind::Starred(_) => "starred",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::List(_) => "list",
        ExprKind::Set(_) => "set display",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Comp { kind: CompKind::List, .. } => "list comprehension",
        ExprKind::Comp { kind: CompKind::Set, .. } => "set comprehension",
        ExprKind::Comp { kind: CompKind::Dict, .. } => "dict comprehension",
        ExprKind::Comp { kind: CompKind::Gen, .. } => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::Await(_) => "await expression",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// S-expression of an expression, for checking tree shapes.
    fn sx(ast: &Ast, e: ExprId) -> String {
        let x = ast.expr(e);
        match &x.kind {
            ExprKind::Name(n) => String::from(ast.name(*n)),
            ExprKind::Lit(Lit::Int(i)) => format!("{i}"),
            ExprKind::Lit(Lit::Str(s)) => format!("{s:?}"),
            ExprKind::Lit(l) => format!("{l:?}"),
            ExprKind::BinOp(a, op, b) => format!("({} {} {})", op.symbol(), sx(ast, *a), sx(ast, *b)),
            ExprKind::UnaryOp(op, a) => format!("({op:?} {})", sx(ast, *a)),
            ExprKind::BoolOp(k, v) => {
                format!("({k:?} {})", v.iter().map(|&i| sx(ast, i)).collect::<Vec<_>>().join(" "))
            }
            ExprKind::Compare(a, rest) => {
                let mut s = format!("(cmp {}", sx(ast, *a));
                for (op, r) in rest {
                    s.push_str(&format!(" {op:?} {}", sx(ast, *r)));
                }
                s + ")"
            }
            ExprKind::IfExp { test, body, orelse } => {
                format!("(if {} {} {})", sx(ast, *test), sx(ast, *body), sx(ast, *orelse))
            }
            ExprKind::Tuple(v) => format!("(tuple {})", v.iter().map(|&i| sx(ast, i)).collect::<Vec<_>>().join(" ")),
            ExprKind::Starred(a) => format!("*{}", sx(ast, *a)),
            ExprKind::Await(a) => format!("(await {})", sx(ast, *a)),
            ExprKind::Attribute { value, attr, .. } => format!("{}.{}", sx(ast, *value), ast.name(*attr)),
            ExprKind::Call { func, args, keywords } => format!(
                "(call {} [{}] [{}])",
                sx(ast, *func),
                args.iter().map(|&i| sx(ast, i)).collect::<Vec<_>>().join(" "),
                keywords
                    .iter()
                    .map(|k| format!("{}={}", k.name.map(|n| ast.name(n)).unwrap_or("**"), sx(ast, k.value)))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            ExprKind::JoinedStr(parts) => {
                let p: Vec<String> = parts
                    .iter()
                    .map(|p| match p {
                        FPart::Text(t) => format!("{t:?}"),
                        FPart::Field { value, conv, spec } => format!(
                            "{{{} {} {}}}",
                            sx(ast, *value),
                            conv,
                            spec.map(|s| sx(ast, s)).unwrap_or_default()
                        ),
                    })
                    .collect();
                format!("(f {})", p.join(" "))
            }
            other => format!("<{}>", describe(other)),
        }
    }

    fn expr(src: &str) -> String {
        let (ast, body) = parse(src, ParseMode::Eval).unwrap();
        let StmtKind::Expr(e) = ast.stmt(body[0]).kind else { panic!() };
        sx(&ast, e)
    }

    #[test]
    fn precedence() {
        assert_eq!(expr("1 + 2 * 3"), "(+ 1 (* 2 3))");
        assert_eq!(expr("a - b - c"), "(- (- a b) c)");
        assert_eq!(expr("-2 ** 2"), "(Neg (** 2 2))");
        assert_eq!(expr("2 ** -1"), "(** 2 (Neg 1))");
        assert_eq!(expr("a ** b ** c"), "(** a (** b c))");
        assert_eq!(expr("not a == b and c or d"), "(Or (And (Not (cmp a Eq b)) c) d)");
        assert_eq!(expr("a | b ^ c & d << e + f"), "(| a (^ b (& c (<< d (+ e f)))))");
        assert_eq!(expr("a < b <= c is not d not in e"), "(cmp a Lt b Le c IsNot d NotIn e)");
        assert_eq!(expr("x if a else y if b else z"), "(if a x (if b y z))");
        assert_eq!(expr("await f() ** 2"), "(** (await (call f [] [])) 2)");
        assert_eq!(expr("a.b(c, *d, e=1, **g).h"), "(call a.b [c *d] [e=1 **=g]).h");
        assert_eq!(expr("1, *a, 2"), "(tuple 1 *a 2)");
        assert_eq!(expr("~-+a"), "(Invert (Neg (Pos a)))");
    }

    #[test]
    fn fstrings_and_concatenation() {
        assert_eq!(expr("'a' 'b'"), "\"ab\"");
        assert_eq!(expr("f'x{a!r:>{w}}y' 'z'"), "(f \"x\" {a 2 (f \">\" {w 0 })} \"yz\")");
        assert_eq!(expr("f'{a=}'"), "(f \"a=\" {a 2 })");
        assert_eq!(expr("f'{a = :5}'"), "(f \"a = \" {a 0 (f \"5\")})");
        assert_eq!(expr("f'{{}}{1+1}'"), "(f \"{}\" {(+ 1 1) 0 })");
    }

    #[test]
    fn statements() {
        let (ast, body) = parse("if a:\n    pass\nelif b:\n    pass\nelse:\n    x = 1\n", ParseMode::File).unwrap();
        assert_eq!(body.len(), 1);
        let StmtKind::If { orelse, .. } = &ast.stmt(body[0]).kind else { panic!() };
        assert!(matches!(ast.stmt(orelse[0]).kind, StmtKind::If { .. }));
        let (ast, body) = parse("with (a as b, c):\n    pass\nwith (a, b) as c:\n    pass\n", ParseMode::File).unwrap();
        let StmtKind::With { items, .. } = &ast.stmt(body[0]).kind else { panic!() };
        assert_eq!(items.len(), 2);
        let StmtKind::With { items, .. } = &ast.stmt(body[1]).kind else { panic!() };
        assert_eq!(items.len(), 1);
        let (_, body) = parse("a = 1; b = 2;\nc = 3\n", ParseMode::File).unwrap();
        assert_eq!(body.len(), 3);
    }
}
