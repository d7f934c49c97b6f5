//! f-strings (Python 3.11 rules): the whole literal is one STRING token; here its body is
//! split into literal text and replacement fields, and each field's expression is parsed
//! by a sub-lexer over the same source range (so positions in errors are right).

use alloc::string::String;
use alloc::vec::Vec;

use crate::ast::{ExprId, ExprKind, FPart};
use crate::error::{CResult, CompileError};
use crate::lexer::Lexer;
use crate::parser::{push_text, Parser};
use crate::token::{Tok, Token};

impl<'a> Parser<'a> {
    /// Line and column of byte `pos` inside the token `tok`.
    fn pos_in_token(&self, tok: &Token, pos: usize) -> (u32, u32) {
        let bytes = self.src.as_bytes();
        let start = (tok.start as usize).min(bytes.len());
        let pos = pos.clamp(start, bytes.len());
        let mut line = tok.line;
        let mut col = tok.col;
        for &b in &bytes[start..pos] {
            if b == b'\n' {
                line = line.saturating_add(1);
                col = 1;
            } else {
                col = col.saturating_add(1);
            }
        }
        (line, col)
    }

    fn ferr(&self, msg: &str, tok: &Token, pos: usize) -> CompileError {
        let (line, col) = self.pos_in_token(tok, pos);
        CompileError::syntax(msg, line, col)
    }

    /// Split the f-string body `src[base..base+len]` into `parts`.
    pub(crate) fn parse_fstring_body(
        &mut self,
        base: usize,
        len: usize,
        raw: bool,
        tok: &Token,
        nest: u32,
        parts: &mut Vec<FPart>,
    ) -> CResult<()> {
        let src: &'a str = self.src;
        let end = base.saturating_add(len).min(src.len());
        let s = &src.as_bytes()[base.min(end)..end];
        let mut i = 0usize;
        let mut lit_start = 0usize;
        while i < s.len() {
            let c = s[i];
            if (c == b'{' || c == b'}') && s.get(i + 1) == Some(&c) {
                self.flush_literal(base, lit_start, i, raw, tok, parts)?;
                push_text(parts, String::from(c as char));
                i += 2;
                lit_start = i;
                continue;
            }
            if c == b'}' {
                return Err(self.ferr("f-string: single '}' is not allowed", tok, base + i));
            }
            if c == b'\\' && !raw {
                // Keep escapes (notably `\N{...}`) in the literal text.
                if s.get(i + 1) == Some(&b'N') && s.get(i + 2) == Some(&b'{') {
                    let mut j = i + 3;
                    while j < s.len() && s[j] != b'}' {
                        j += 1;
                    }
                    i = j + 1;
                } else {
                    i += 2;
                }
                continue;
            }
            if c != b'{' {
                i += 1;
                continue;
            }
            // A replacement field.
            self.flush_literal(base, lit_start, i, raw, tok, parts)?;
            if nest >= 2 {
                return Err(self.ferr("f-string: expressions nested too deeply", tok, base + i));
            }
            let expr_start = i + 1;
            let mut j = expr_start;
            let mut depth = 0usize;
            loop {
                let Some(&ch) = s.get(j) else {
                    return Err(self.ferr("f-string: expecting '}'", tok, base + i));
                };
                match ch {
                    b'\'' | b'"' => {
                        let triple = s.get(j + 1) == Some(&ch) && s.get(j + 2) == Some(&ch);
                        let q = if triple { 3 } else { 1 };
                        let mut k = j + q;
                        loop {
                            if k >= s.len() {
                                return Err(self.ferr("f-string: unterminated string", tok, base + j));
                            }
                            if s[k] == ch && (!triple || (s.get(k + 1) == Some(&ch) && s.get(k + 2) == Some(&ch))) {
                                break;
                            }
                            k += 1;
                        }
                        j = k + q;
                        continue;
                    }
                    b'(' | b'[' | b'{' => depth += 1,
                    b')' | b']' | b'}' => {
                        if depth == 0 {
                            if ch == b'}' {
                                break;
                            }
                            return Err(self.ferr("f-string: unmatched ')'", tok, base + j));
                        }
                        depth -= 1;
                    }
                    b'\\' => {
                        return Err(self.ferr("f-string expression part cannot include a backslash", tok, base + j))
                    }
                    b'#' => return Err(self.ferr("f-string expression part cannot include '#'", tok, base + j)),
                    b'!' if depth == 0 && s.get(j + 1) != Some(&b'=') => break,
                    b':' if depth == 0 => break,
                    b'=' if depth == 0
                        && s.get(j + 1) != Some(&b'=')
                        && !matches!(s.get(j.wrapping_sub(1)), Some(b'=' | b'!' | b'<' | b'>')) =>
                    {
                        break
                    }
                    _ => {}
                }
                j += 1;
            }
            if s[expr_start..j].iter().all(|b| b.is_ascii_whitespace()) {
                return Err(self.ferr("f-string: empty expression not allowed", tok, base + i));
            }
            let value = self.parse_fstring_expr(base + expr_start, base + j, tok)?;
            let mut doc: Option<String> = None;
            if s.get(j) == Some(&b'=') {
                j += 1;
                while matches!(s.get(j), Some(b' ' | b'\t' | b'\n' | b'\r')) {
                    j += 1;
                }
                doc = Some(String::from(&src[base + expr_start..base + j]));
            }
            let mut conv = 0u8;
            if s.get(j) == Some(&b'!') {
                conv = match s.get(j + 1) {
                    Some(b's') => 1,
                    Some(b'r') => 2,
                    Some(b'a') => 3,
                    _ => {
                        return Err(self.ferr(
                            "f-string: invalid conversion character: expected 's', 'r', or 'a'",
                            tok,
                            base + j + 1,
                        ))
                    }
                };
                j += 2;
            }
            let mut spec = None;
            if s.get(j) == Some(&b':') {
                j += 1;
                let spec_start = j;
                let mut d = 0usize;
                loop {
                    match s.get(j) {
                        None => return Err(self.ferr("f-string: expecting '}'", tok, base + i)),
                        Some(b'{') => d += 1,
                        Some(b'}') if d == 0 => break,
                        Some(b'}') => d -= 1,
                        _ => {}
                    }
                    j += 1;
                }
                let mut sp = Vec::new();
                self.parse_fstring_body(base + spec_start, j - spec_start, raw, tok, nest + 1, &mut sp)?;
                let (line, col) = self.pos_in_token(tok, base + spec_start);
                spec = Some(self.mk(ExprKind::JoinedStr(sp.into()), line, col)?);
            }
            if s.get(j) != Some(&b'}') {
                return Err(self.ferr("f-string: expecting '}'", tok, base + j));
            }
            if let Some(d) = doc {
                push_text(parts, d);
                if conv == 0 && spec.is_none() {
                    conv = 2;
                }
            }
            parts.push(FPart::Field { value, conv, spec });
            i = j + 1;
            lit_start = i;
        }
        self.flush_literal(base, lit_start, s.len(), raw, tok, parts)
    }

    fn flush_literal(
        &mut self,
        base: usize,
        from: usize,
        to: usize,
        raw: bool,
        tok: &Token,
        parts: &mut Vec<FPart>,
    ) -> CResult<()> {
        if from >= to {
            return Ok(());
        }
        let text = self.src.get(base + from..base + to).unwrap_or("");
        let s = crate::literal::unescape_str(text, raw).map_err(|m| self.ferr(&m, tok, base + from))?;
        if !s.is_empty() {
            push_text(parts, s);
        }
        Ok(())
    }

    fn parse_fstring_expr(&mut self, start: usize, end: usize, tok: &Token) -> CResult<ExprId> {
        let (line, col) = self.pos_in_token(tok, start);
        let sub = Lexer::new_sub(self.src, start, end, line, col);
        let saved_lex = core::mem::replace(&mut self.lex, sub);
        let saved_la = core::mem::take(&mut self.la);
        let saved_last = self.last;
        let r = self.parse_fstring_expr_inner();
        self.lex = saved_lex;
        self.la = saved_la;
        self.last = saved_last;
        r
    }

    fn parse_fstring_expr_inner(&mut self) -> CResult<ExprId> {
        let t = self.peek()?;
        let e = if t.kind == Tok::Yield {
            self.parse_yield_expr()?
        } else {
            self.parse_star_expressions()?
        };
        let end = self.peek()?;
        if end.kind != Tok::EndMarker {
            return Err(CompileError::syntax("f-string: invalid syntax", end.line, end.col));
        }
        Ok(e)
    }
}
