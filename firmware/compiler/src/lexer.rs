//! The tokenizer: source bytes → tokens, with INDENT/DEDENT, implicit line joining inside
//! brackets and explicit `\` continuation. Strings are returned whole (prefix and quotes
//! included); `literal.rs` decodes them and `fstring.rs` splits f-strings.

use alloc::format;
use alloc::vec::Vec;

use crate::error::{CResult, CompileError};
use crate::token::{keyword, Tok, Token};

/// Deepest bracket nesting accepted (CPython's tokenizer has the same limit).
pub const MAX_PAREN_DEPTH: usize = 200;
/// Deepest indentation accepted (CPython: 100).
pub const MAX_INDENT: usize = 100;

#[derive(Copy, Clone)]
struct Paren {
    ch: u8,
    line: u32,
    col: u32,
}

/// Streaming tokenizer over a whole source file or over a sub-range of it (f-string
/// replacement fields, which behave as if inside parentheses).
pub struct Lexer<'a> {
    src: &'a [u8],
    pos: usize,
    end: usize,
    line: u32,
    line_start: usize,
    /// Column correction for sub-lexers that start mid-line.
    col_base: u32,
    parens: Vec<Paren>,
    indents: Vec<(u32, u32)>,
    pending_dedents: usize,
    at_line_start: bool,
    /// A token other than NEWLINE/INDENT/DEDENT was produced on the current logical line.
    line_has_tokens: bool,
    sub: bool,
    done: bool,
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 0x80
}

fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

impl<'a> Lexer<'a> {
    /// A lexer over a whole file.
    pub fn new(src: &'a str) -> Self {
        let mut lx = Lexer {
            src: src.as_bytes(),
            pos: 0,
            end: src.len(),
            line: 1,
            line_start: 0,
            col_base: 0,
            parens: Vec::new(),
            indents: Vec::new(),
            pending_dedents: 0,
            at_line_start: true,
            line_has_tokens: false,
            sub: false,
            done: false,
        };
        // A UTF-8 byte order mark is ignored.
        if lx.src.starts_with(&[0xEF, 0xBB, 0xBF]) {
            lx.pos = 3;
            lx.line_start = 3;
        }
        lx
    }

    /// A lexer over `src[start..end]` that behaves as if inside brackets (no NEWLINE or
    /// INDENT tokens); `line`/`col` give the position of `start`.
    pub fn new_sub(src: &'a str, start: usize, end: usize, line: u32, col: u32) -> Self {
        let end = end.min(src.len());
        let start = start.min(end);
        Lexer {
            src: src.as_bytes(),
            pos: start,
            end,
            line,
            line_start: start,
            col_base: col.saturating_sub(1),
            parens: Vec::new(),
            indents: Vec::new(),
            pending_dedents: 0,
            at_line_start: false,
            line_has_tokens: false,
            sub: true,
            done: false,
        }
    }

    /// The whole source.
    pub fn source(&self) -> &'a [u8] {
        self.src
    }

    fn peek(&self) -> u8 {
        if self.pos < self.end { self.src[self.pos] } else { 0 }
    }

    fn peek_at(&self, n: usize) -> u8 {
        match self.pos.checked_add(n) {
            Some(p) if p < self.end => self.src[p],
            _ => 0,
        }
    }

    fn col_of(&self, pos: usize) -> u32 {
        // col_base applies only to the first line of a sub-lexer (cleared at a newline).
        let c = pos.saturating_sub(self.line_start) as u64 + 1 + self.col_base as u64;
        c.min(u32::MAX as u64) as u32
    }

    fn err(&self, msg: impl Into<alloc::string::String>, pos: usize) -> CompileError {
        CompileError::syntax(msg, self.line, self.col_of(pos))
    }

    fn newline_seen(&mut self, next_line_start: usize) {
        self.line = self.line.saturating_add(1);
        self.line_start = next_line_start;
        self.col_base = 0;
    }

    fn tok(&self, kind: Tok, start: usize, line: u32, col: u32) -> Token {
        Token { kind, start: start as u32, end: self.pos as u32, line, col }
    }

    /// Consume a line ending at `pos` (`\n`, `\r\n` or `\r`); returns false if none.
    fn eat_line_end(&mut self) -> bool {
        match self.peek() {
            b'\n' => {
                self.pos += 1;
            }
            b'\r' => {
                self.pos += 1;
                if self.peek() == b'\n' {
                    self.pos += 1;
                }
            }
            _ => return false,
        }
        self.newline_seen(self.pos);
        true
    }

    /// Measure the indentation of the line starting at `pos`. Returns `None` for a blank or
    /// comment-only line (which is skipped, including its line end).
    fn indentation(&mut self) -> Option<(u32, u32)> {
        let mut col: u32 = 0;
        let mut alt: u32 = 0;
        loop {
            match self.peek() {
                b' ' => {
                    col = col.saturating_add(1);
                    alt = alt.saturating_add(1);
                }
                b'\t' => {
                    col = (col / 8).saturating_add(1).saturating_mul(8);
                    alt = alt.saturating_add(1);
                }
                0x0c => {
                    col = 0;
                    alt = 0;
                }
                _ => break,
            }
            self.pos += 1;
        }
        match self.peek() {
            b'#' | b'\n' | b'\r' => None,
            0 if self.pos >= self.end => None,
            _ => Some((col, alt)),
        }
    }

    fn skip_comment(&mut self) {
        while self.pos < self.end && !matches!(self.src[self.pos], b'\n' | b'\r') {
            self.pos += 1;
        }
    }

    /// Produce the next token.
    pub fn next_token(&mut self) -> CResult<Token> {
        loop {
            if self.pending_dedents > 0 {
                self.pending_dedents -= 1;
                let (line, col) = if self.done { (self.last_line(), 1) } else { (self.line, self.col_of(self.pos)) };
                return Ok(Token { kind: Tok::Dedent, start: self.pos as u32, end: self.pos as u32, line, col });
            }
            if self.done {
                let line = self.last_line();
                return Ok(Token { kind: Tok::EndMarker, start: self.pos as u32, end: self.pos as u32, line, col: 1 });
            }
            if self.at_line_start && !self.sub && self.parens.is_empty() {
                match self.indentation() {
                    None => {
                        // Blank or comment-only line.
                        self.skip_comment();
                        if !self.eat_line_end() {
                            // End of file.
                            self.at_line_start = false;
                        }
                        continue;
                    }
                    Some((col, alt)) => {
                        self.at_line_start = false;
                        let (top, top_alt) = self.indents.last().copied().unwrap_or((0, 0));
                        if col == top {
                            if alt != top_alt {
                                return Err(self.tab_error());
                            }
                        } else if col > top {
                            if alt <= top_alt {
                                return Err(self.tab_error());
                            }
                            if self.indents.len() >= MAX_INDENT {
                                return Err(CompileError::indent("too many levels of indentation", self.line, self.col_of(self.pos)));
                            }
                            self.indents.push((col, alt));
                            let c = self.col_of(self.pos);
                            return Ok(Token { kind: Tok::Indent, start: self.pos as u32, end: self.pos as u32, line: self.line, col: c });
                        } else {
                            while let Some(&(t, _)) = self.indents.last() {
                                if col < t {
                                    self.indents.pop();
                                    self.pending_dedents += 1;
                                } else {
                                    break;
                                }
                            }
                            let (t, ta) = self.indents.last().copied().unwrap_or((0, 0));
                            if col != t {
                                return Err(CompileError::indent(
                                    "unindent does not match any outer indentation level",
                                    self.line,
                                    self.col_of(self.pos),
                                ));
                            }
                            if alt != ta {
                                return Err(self.tab_error());
                            }
                            continue;
                        }
                    }
                }
            }
            // Skip whitespace.
            while matches!(self.peek(), b' ' | b'\t' | 0x0c) && self.pos < self.end {
                self.pos += 1;
            }
            let start = self.pos;
            let line = self.line;
            let col = self.col_of(start);
            if self.pos >= self.end {
                return self.at_eof();
            }
            let c = self.src[self.pos];
            match c {
                b'#' => {
                    self.skip_comment();
                    continue;
                }
                b'\\' => {
                    self.pos += 1;
                    if self.eat_line_end() {
                        if self.pos >= self.end && !self.sub {
                            return Err(CompileError::syntax("unexpected EOF while parsing", self.line, 1));
                        }
                        continue;
                    }
                    return Err(self.err("unexpected character after line continuation character", start + 1));
                }
                b'\n' | b'\r' => {
                    self.eat_line_end();
                    if self.sub || !self.parens.is_empty() {
                        continue;
                    }
                    self.at_line_start = true;
                    if self.line_has_tokens {
                        self.line_has_tokens = false;
                        return Ok(Token { kind: Tok::Newline, start: start as u32, end: self.pos as u32, line, col });
                    }
                    continue;
                }
                _ => {}
            }
            self.line_has_tokens = true;
            if is_ident_start(c) {
                return self.ident_or_string(start, line, col);
            }
            if c.is_ascii_digit() || (c == b'.' && self.peek_at(1).is_ascii_digit()) {
                return self.number(start, line, col);
            }
            if c == b'"' || c == b'\'' {
                self.string_body(start, line, col)?;
                return Ok(self.tok(Tok::String, start, line, col));
            }
            return self.operator(start, line, col);
        }
    }

    /// The line of the last source line (at EOF after a final newline, the line before).
    fn last_line(&self) -> u32 {
        if self.pos >= self.end && self.pos == self.line_start && self.line > 1 {
            self.line - 1
        } else {
            self.line
        }
    }

    /// Open brackets, innermost last: (char, line, col).
    pub fn open_brackets(&self) -> Option<(u8, u32, u32)> {
        self.parens.last().map(|p| (p.ch, p.line, p.col))
    }

    fn tab_error(&self) -> CompileError {
        CompileError::indent("inconsistent use of tabs and spaces in indentation", self.line, self.col_of(self.pos))
    }

    fn at_eof(&mut self) -> CResult<Token> {
        let pos = self.pos;
        let col = self.col_of(pos);
        if let Some(p) = self.parens.last()
            && !self.sub {
                return Err(CompileError::syntax(format!("'{}' was never closed", p.ch as char), p.line, p.col));
            }
        if self.line_has_tokens && !self.sub {
            self.line_has_tokens = false;
            return Ok(Token { kind: Tok::Newline, start: pos as u32, end: pos as u32, line: self.line, col });
        }
        self.done = true;
        self.pending_dedents = self.indents.len();
        self.indents.clear();
        self.next_token()
    }

    fn ident_or_string(&mut self, start: usize, line: u32, col: u32) -> CResult<Token> {
        while self.pos < self.end && is_ident_char(self.src[self.pos]) {
            if self.src[self.pos] >= 0x80 {
                self.check_unicode_ident(start)?;
            } else {
                self.pos += 1;
            }
        }
        let text = &self.src[start..self.pos];
        let q = self.peek();
        if (q == b'"' || q == b'\'') && text.len() <= 2 && is_string_prefix(text) {
            self.string_body(start, line, col)?;
            return Ok(self.tok(Tok::String, start, line, col));
        }
        let kind = keyword(text).unwrap_or(Tok::Name);
        Ok(self.tok(kind, start, line, col))
    }

    /// Consume one non-ASCII character of an identifier, checking it is a letter/digit.
    fn check_unicode_ident(&mut self, start: usize) -> CResult<()> {
        let rest = &self.src[self.pos..self.end];
        let (ch, len) = decode_char(rest);
        let ok = match ch {
            Some(ch) => {
                let first = self.pos == start;
                if first { ch.is_alphabetic() } else { ch.is_alphanumeric() }
            }
            None => false,
        };
        if !ok {
            return Err(match ch {
                Some(ch) if ch.is_whitespace() || ch.is_control() => {
                    self.err(format!("invalid non-printable character U+{:04X}", ch as u32), self.pos)
                }
                Some(ch) => self.err(format!("invalid character '{}' (U+{:04X})", ch, ch as u32), self.pos),
                None => self.err("invalid UTF-8 in source", self.pos),
            });
        }
        self.pos += len;
        Ok(())
    }

    /// Scan a string literal whose quote is at `pos` (the prefix, if any, is before it).
    fn string_body(&mut self, start: usize, line: u32, col: u32) -> CResult<()> {
        let q = self.peek();
        let triple = self.peek_at(1) == q && self.peek_at(2) == q;
        if triple {
            self.pos += 3;
            loop {
                if self.pos >= self.end {
                    return Err(CompileError::syntax(
                        format!("unterminated triple-quoted string literal (detected at line {})", self.last_line()),
                        line,
                        col,
                    ));
                }
                let c = self.src[self.pos];
                if c == b'\\' {
                    self.pos += 1;
                    if !self.eat_line_end() && self.pos < self.end {
                        self.pos += 1;
                    }
                } else if c == q && self.peek_at(1) == q && self.peek_at(2) == q {
                    self.pos += 3;
                    return Ok(());
                } else if !self.eat_line_end() {
                    self.pos += 1;
                }
            }
        } else {
            self.pos += 1;
            let _ = start;
            loop {
                if self.pos >= self.end || matches!(self.src[self.pos], b'\n' | b'\r') {
                    return Err(CompileError::syntax(
                        format!("unterminated string literal (detected at line {})", self.line),
                        line,
                        col,
                    ));
                }
                let c = self.src[self.pos];
                if c == b'\\' {
                    self.pos += 1;
                    if !self.eat_line_end() && self.pos < self.end {
                        self.pos += 1;
                    }
                } else if c == q {
                    self.pos += 1;
                    return Ok(());
                } else {
                    self.pos += 1;
                }
            }
        }
    }

    fn digits(&mut self, radix: u32, kind: &str) -> CResult<usize> {
        // digits with single underscores between them; returns the count of digits
        let mut n = 0;
        loop {
            let c = self.peek();
            if (c as char).is_digit(radix) {
                self.pos += 1;
                n += 1;
            } else if c == b'_' && n > 0 {
                self.pos += 1;
                if !(self.peek() as char).is_digit(radix) {
                    return Err(self.err(format!("invalid {kind} literal"), self.pos));
                }
            } else {
                return Ok(n);
            }
        }
    }

    fn number(&mut self, start: usize, line: u32, col: u32) -> CResult<Token> {
        let c = self.peek();
        if c == b'0' && matches!(self.peek_at(1), b'x' | b'X' | b'o' | b'O' | b'b' | b'B') {
            let (radix, kind) = match self.peek_at(1) {
                b'x' | b'X' => (16, "hexadecimal"),
                b'o' | b'O' => (8, "octal"),
                _ => (2, "binary"),
            };
            self.pos += 2;
            if self.peek() == b'_' {
                self.pos += 1;
            }
            let n = self.digits(radix, kind)?;
            let nc = self.peek();
            if nc.is_ascii_digit() {
                return Err(self.err(format!("invalid digit '{}' in {kind} literal", nc as char), self.pos));
            }
            if n == 0 {
                return Err(self.err(format!("invalid {kind} literal"), self.pos));
            }
            self.check_number_end(kind)?;
            return Ok(self.tok(Tok::Number, start, line, col));
        }
        let mut is_float = false;
        let int_start = self.pos;
        if c != b'.' {
            self.digits(10, "decimal")?;
        }
        let int_end = self.pos;
        if self.peek() == b'.' {
            is_float = true;
            self.pos += 1;
            if self.peek().is_ascii_digit() {
                self.digits(10, "decimal")?;
            }
        }
        if matches!(self.peek(), b'e' | b'E') {
            let save = self.pos;
            self.pos += 1;
            if matches!(self.peek(), b'+' | b'-') {
                self.pos += 1;
            }
            if self.peek().is_ascii_digit() {
                is_float = true;
                self.digits(10, "decimal")?;
            } else {
                self.pos = save;
                return Err(self.err("invalid decimal literal", self.pos));
            }
        }
        if matches!(self.peek(), b'j' | b'J') {
            self.pos += 1;
            is_float = true;
        }
        if !is_float {
            let digits = &self.src[int_start..int_end];
            if digits.len() > 1 && digits[0] == b'0' && digits.iter().any(|&d| d != b'0' && d != b'_') {
                return Err(CompileError::syntax(
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    line,
                    col,
                ));
            }
        }
        self.check_number_end("decimal")?;
        Ok(self.tok(Tok::Number, start, line, col))
    }

    /// A number directly followed by a name is an error, except for the keywords CPython
    /// still accepts there (`1if x else y`).
    fn check_number_end(&mut self, kind: &str) -> CResult<()> {
        let c = self.peek();
        if !is_ident_start(c) {
            return Ok(());
        }
        let rest = &self.src[self.pos..self.end];
        for kw in [&b"and"[..], b"else", b"for", b"if", b"in", b"is", b"not", b"or"] {
            if rest.starts_with(kw) {
                return Ok(());
            }
        }
        Err(self.err(format!("invalid {kind} literal"), self.pos))
    }

    fn open(&mut self, ch: u8, line: u32, col: u32) -> CResult<()> {
        if self.parens.len() >= MAX_PAREN_DEPTH {
            return Err(CompileError::syntax("too many nested parentheses", line, col));
        }
        self.parens.push(Paren { ch, line, col });
        Ok(())
    }

    fn close(&mut self, ch: u8, line: u32, col: u32) -> CResult<()> {
        let want = match ch {
            b')' => b'(',
            b']' => b'[',
            _ => b'{',
        };
        match self.parens.pop() {
            None => Err(CompileError::syntax(format!("unmatched '{}'", ch as char), line, col)),
            Some(p) if p.ch != want => {
                if p.line != line {
                    Err(CompileError::syntax(
                        format!(
                            "closing parenthesis '{}' does not match opening parenthesis '{}' on line {}",
                            ch as char, p.ch as char, p.line
                        ),
                        line,
                        col,
                    ))
                } else {
                    Err(CompileError::syntax(
                        format!("closing parenthesis '{}' does not match opening parenthesis '{}'", ch as char, p.ch as char),
                        line,
                        col,
                    ))
                }
            }
            Some(_) => Ok(()),
        }
    }

    fn operator(&mut self, start: usize, line: u32, col: u32) -> CResult<Token> {
        let c0 = self.peek();
        let c1 = self.peek_at(1);
        let c2 = self.peek_at(2);
        let (kind, len) = match (c0, c1, c2) {
            (b'*', b'*', b'=') => (Tok::DoubleStarEqual, 3),
            (b'/', b'/', b'=') => (Tok::DoubleSlashEqual, 3),
            (b'<', b'<', b'=') => (Tok::LeftShiftEqual, 3),
            (b'>', b'>', b'=') => (Tok::RightShiftEqual, 3),
            (b'.', b'.', b'.') => (Tok::Ellipsis, 3),
            (b'*', b'*', _) => (Tok::DoubleStar, 2),
            (b'/', b'/', _) => (Tok::DoubleSlash, 2),
            (b'<', b'<', _) => (Tok::LeftShift, 2),
            (b'>', b'>', _) => (Tok::RightShift, 2),
            (b'=', b'=', _) => (Tok::EqEqual, 2),
            (b'!', b'=', _) => (Tok::NotEqual, 2),
            (b'<', b'=', _) => (Tok::LessEqual, 2),
            (b'>', b'=', _) => (Tok::GreaterEqual, 2),
            (b'+', b'=', _) => (Tok::PlusEqual, 2),
            (b'-', b'=', _) => (Tok::MinEqual, 2),
            (b'*', b'=', _) => (Tok::StarEqual, 2),
            (b'/', b'=', _) => (Tok::SlashEqual, 2),
            (b'%', b'=', _) => (Tok::PercentEqual, 2),
            (b'&', b'=', _) => (Tok::AmperEqual, 2),
            (b'|', b'=', _) => (Tok::VBarEqual, 2),
            (b'^', b'=', _) => (Tok::CircumflexEqual, 2),
            (b'@', b'=', _) => (Tok::AtEqual, 2),
            (b'-', b'>', _) => (Tok::RArrow, 2),
            (b':', b'=', _) => (Tok::ColonEqual, 2),
            (b'<', b'>', _) => return Err(self.err("invalid syntax", start)),
            (b'(', _, _) => (Tok::LPar, 1),
            (b')', _, _) => (Tok::RPar, 1),
            (b'[', _, _) => (Tok::LSqb, 1),
            (b']', _, _) => (Tok::RSqb, 1),
            (b'{', _, _) => (Tok::LBrace, 1),
            (b'}', _, _) => (Tok::RBrace, 1),
            (b':', _, _) => (Tok::Colon, 1),
            (b',', _, _) => (Tok::Comma, 1),
            (b';', _, _) => (Tok::Semi, 1),
            (b'+', _, _) => (Tok::Plus, 1),
            (b'-', _, _) => (Tok::Minus, 1),
            (b'*', _, _) => (Tok::Star, 1),
            (b'/', _, _) => (Tok::Slash, 1),
            (b'|', _, _) => (Tok::VBar, 1),
            (b'&', _, _) => (Tok::Amper, 1),
            (b'<', _, _) => (Tok::Less, 1),
            (b'>', _, _) => (Tok::Greater, 1),
            (b'=', _, _) => (Tok::Equal, 1),
            (b'.', _, _) => (Tok::Dot, 1),
            (b'%', _, _) => (Tok::Percent, 1),
            (b'~', _, _) => (Tok::Tilde, 1),
            (b'^', _, _) => (Tok::Circumflex, 1),
            (b'@', _, _) => (Tok::At, 1),
            _ => {
                if c0 >= 0x80 {
                    let (ch, _) = decode_char(&self.src[self.pos..self.end]);
                    return Err(match ch {
                        Some(ch) if ch.is_whitespace() || ch.is_control() => {
                            self.err(format!("invalid non-printable character U+{:04X}", ch as u32), start)
                        }
                        Some(ch) => self.err(format!("invalid character '{}' (U+{:04X})", ch, ch as u32), start),
                        None => self.err("invalid UTF-8 in source", start),
                    });
                }
                if c0 < 0x20 || c0 == 0x7f {
                    return Err(self.err(format!("invalid non-printable character U+{:04X}", c0), start));
                }
                return Err(self.err("invalid syntax", start));
            }
        };
        match kind {
            Tok::LPar | Tok::LSqb | Tok::LBrace => self.open(c0, line, col)?,
            Tok::RPar | Tok::RSqb | Tok::RBrace => self.close(c0, line, col)?,
            _ => {}
        }
        self.pos += len;
        Ok(self.tok(kind, start, line, col))
    }
}

/// Is `p` a valid string prefix (`r`, `b`, `u`, `f`, `rb`, `br`, `fr`, `rf`, any case)?
pub fn is_string_prefix(p: &[u8]) -> bool {
    let lower: Vec<u8> = p.iter().map(|c| c.to_ascii_lowercase()).collect();
    matches!(&lower[..], b"r" | b"b" | b"u" | b"f" | b"rb" | b"br" | b"fr" | b"rf")
}

/// Decode one UTF-8 character from the start of `b`; returns the char (None if invalid)
/// and the number of bytes consumed (at least 1 for non-empty input).
pub fn decode_char(b: &[u8]) -> (Option<char>, usize) {
    let Some(&b0) = b.first() else { return (None, 0) };
    let len = match b0 {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => return (None, 1),
    };
    if b.len() < len {
        return (None, 1);
    }
    match core::str::from_utf8(&b[..len]) {
        Ok(s) => (s.chars().next(), len),
        Err(_) => (None, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn kinds(src: &str) -> Vec<Tok> {
        let mut lx = Lexer::new(src);
        let mut v = Vec::new();
        loop {
            let t = lx.next_token().unwrap();
            v.push(t.kind);
            if t.kind == Tok::EndMarker {
                return v;
            }
        }
    }

    fn first_err(src: &str) -> CompileError {
        let mut lx = Lexer::new(src);
        loop {
            match lx.next_token() {
                Ok(t) if t.kind == Tok::EndMarker => panic!("no error"),
                Ok(_) => {}
                Err(e) => return e,
            }
        }
    }

    #[test]
    fn simple_statement() {
        assert_eq!(kinds("x = 1\n"), vec![Tok::Name, Tok::Equal, Tok::Number, Tok::Newline, Tok::EndMarker]);
    }

    #[test]
    fn indent_dedent() {
        let k = kinds("if x:\n    y\n\n  # c\nz\n");
        assert_eq!(
            k,
            vec![
                Tok::If,
                Tok::Name,
                Tok::Colon,
                Tok::Newline,
                Tok::Indent,
                Tok::Name,
                Tok::Newline,
                Tok::Dedent,
                Tok::Name,
                Tok::Newline,
                Tok::EndMarker
            ]
        );
    }

    #[test]
    fn dedents_at_eof_without_newline() {
        let k = kinds("if x:\n  if y:\n    z");
        assert_eq!(&k[k.len() - 4..], &[Tok::Newline, Tok::Dedent, Tok::Dedent, Tok::EndMarker]);
    }

    #[test]
    fn brackets_join_lines() {
        assert_eq!(
            kinds("f(1,\n  2)\n"),
            vec![Tok::Name, Tok::LPar, Tok::Number, Tok::Comma, Tok::Number, Tok::RPar, Tok::Newline, Tok::EndMarker]
        );
        assert_eq!(kinds("x = 1 + \\\n 2\n").len(), 7);
    }

    #[test]
    fn operators_longest_match() {
        assert_eq!(
            kinds("a **= b // c -> ... := != <<"),
            vec![
                Tok::Name,
                Tok::DoubleStarEqual,
                Tok::Name,
                Tok::DoubleSlash,
                Tok::Name,
                Tok::RArrow,
                Tok::Ellipsis,
                Tok::ColonEqual,
                Tok::NotEqual,
                Tok::LeftShift,
                Tok::Newline,
                Tok::EndMarker
            ]
        );
    }

    #[test]
    fn strings_and_prefixes() {
        assert_eq!(
            kinds("rb'a\\'' f\"{x}\" '''a\nb''' u'x'"),
            vec![Tok::String, Tok::String, Tok::String, Tok::String, Tok::Newline, Tok::EndMarker]
        );
    }

    #[test]
    fn numbers() {
        assert_eq!(kinds("1 0x_ff 1_000 1.5e-3 .5 1j 0o17 0b1 00 1if x else y").iter().filter(|&&k| k == Tok::Number).count(), 10);
    }

    #[test]
    fn errors() {
        assert_eq!(first_err("x = 'abc\n").line, 1);
        assert!(first_err("x = 'abc\n").msg.starts_with("unterminated string literal"));
        assert_eq!(first_err("\n\nx = '''abc\n\n").line, 3);
        assert_eq!(first_err("x = (1,\n2\n").msg, "'(' was never closed");
        assert_eq!(first_err("x = 1)\n").msg, "unmatched ')'");
        assert_eq!(first_err("012\n").msg.split(';').next().unwrap(), "leading zeros in decimal integer literals are not permitted");
        assert_eq!(first_err("1abc\n").msg, "invalid decimal literal");
        assert_eq!(first_err("0o8\n").msg, "invalid digit '8' in octal literal");
        assert_eq!(first_err("x = $\n").msg, "invalid syntax");
        let e = first_err("if x:\n    a\n  b\n");
        assert_eq!(e.kind, crate::error::ErrorKind::IndentationError);
        assert_eq!(e.line, 3);
        let e = first_err("if x:\n\ta\n        b\n");
        assert_eq!(e.kind, crate::error::ErrorKind::IndentationError);
        assert_eq!(first_err("(]").msg, "closing parenthesis ']' does not match opening parenthesis '('");
    }

    #[test]
    fn unicode_identifiers() {
        assert_eq!(kinds("été = 1"), vec![Tok::Name, Tok::Equal, Tok::Number, Tok::Newline, Tok::EndMarker]);
        assert!(first_err("x = 1 € 2").msg.starts_with("invalid character"));
    }

    #[test]
    fn deep_parens_limited() {
        let src: alloc::string::String = core::iter::repeat_n('(', 300).collect();
        assert_eq!(first_err(&src).msg, "too many nested parentheses");
    }
}
