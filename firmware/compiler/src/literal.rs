//! Decoding of number and string literal tokens.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::ast::Lit;

/// Parse a NUMBER token's text (already validated by the lexer).
pub fn parse_number(text: &str) -> Result<Lit, String> {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    let lower = clean.to_ascii_lowercase();
    if let Some(rest) = lower.strip_suffix('j') {
        return parse_float(rest).map(Lit::Complex);
    }
    let (radix, digits) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d)
    } else if lower.contains(['.', 'e']) {
        return parse_float(&lower).map(Lit::Float);
    } else {
        (10, &lower[..])
    };
    if digits.is_empty() {
        return Err(String::from("invalid number literal"));
    }
    match i64::from_str_radix(digits, radix) {
        Ok(v) => Ok(Lit::Int(v)),
        Err(_) => {
            if !digits.chars().all(|c| c.is_digit(radix)) {
                return Err(String::from("invalid number literal"));
            }
            Ok(Lit::BigInt(to_decimal(digits, radix)))
        }
    }
}

fn parse_float(s: &str) -> Result<f64, String> {
    // Rust's parser accepts "1." and ".5" and exponents, which is what Python allows.
    s.parse::<f64>().map_err(|_| String::from("invalid float literal"))
}

/// Convert digits in `radix` (validated) to decimal text without leading zeros.
pub fn to_decimal(digits: &str, radix: u32) -> String {
    if radix == 10 {
        let t = digits.trim_start_matches('0');
        return if t.is_empty() { String::from("0") } else { String::from(t) };
    }
    // Little-endian limbs in base 10^9.
    const BASE: u64 = 1_000_000_000;
    let mut limbs: Vec<u32> = Vec::new();
    for c in digits.chars() {
        let d = c.to_digit(radix).unwrap_or(0) as u64;
        let mut carry = d;
        for l in limbs.iter_mut() {
            let v = (*l as u64) * radix as u64 + carry;
            *l = (v % BASE) as u32;
            carry = v / BASE;
        }
        while carry > 0 {
            limbs.push((carry % BASE) as u32);
            carry /= BASE;
        }
    }
    let mut out = String::new();
    match limbs.last() {
        None => out.push('0'),
        Some(top) => {
            out.push_str(&format!("{top}"));
            for l in limbs.iter().rev().skip(1) {
                out.push_str(&format!("{l:09}"));
            }
        }
    }
    out
}

/// The parts of a string token.
#[derive(Copy, Clone, Debug)]
pub struct StrToken<'a> {
    /// `b` prefix.
    pub bytes: bool,
    /// `r` prefix.
    pub raw: bool,
    /// `f` prefix.
    pub fstring: bool,
    /// The text between the quotes.
    pub body: &'a str,
    /// Byte offset of `body` within the token text.
    pub body_offset: usize,
}

/// Split a STRING token into prefix flags and body.
pub fn split_string_token(tok: &str) -> StrToken<'_> {
    let b = tok.as_bytes();
    let mut i = 0;
    let (mut bytes, mut raw, mut fstring) = (false, false, false);
    while i < b.len() && b[i] != b'\'' && b[i] != b'"' {
        match b[i] {
            b'b' | b'B' => bytes = true,
            b'r' | b'R' => raw = true,
            b'f' | b'F' => fstring = true,
            _ => {}
        }
        i += 1;
    }
    let rest = &tok[i..];
    let q = if rest.len() >= 6 && (rest.starts_with("'''") || rest.starts_with("\"\"\"")) { 3 } else { 1 };
    let body = if rest.len() >= 2 * q { &rest[q..rest.len() - q] } else { "" };
    StrToken { bytes, raw, fstring, body, body_offset: i + q }
}

/// Decode escapes of a str literal body. `Err` carries the message.
pub fn unescape_str(body: &str, raw: bool) -> Result<String, String> {
    if raw || !body.contains(['\\', '\r']) {
        return Ok(normalize_newlines(body));
    }
    let mut out = String::with_capacity(body.len());
    let mut it = body.char_indices().peekable();
    while let Some((_, c)) = it.next() {
        if c == '\r' {
            if let Some(&(_, '\n')) = it.peek() {
                it.next();
            }
            out.push('\n');
            continue;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = it.next() else {
            out.push('\\');
            break;
        };
        match e {
            '\n' => {}
            '\r' => {
                if let Some(&(_, '\n')) = it.peek() {
                    it.next();
                }
            }
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut v = e as u32 - '0' as u32;
                for _ in 0..2 {
                    match it.peek() {
                        Some(&(_, d @ '0'..='7')) => {
                            v = v * 8 + (d as u32 - '0' as u32);
                            it.next();
                        }
                        _ => break,
                    }
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut v: u32 = 0;
                for _ in 0..n {
                    match it.peek() {
                        Some(&(_, d)) if d.is_ascii_hexdigit() => {
                            v = v * 16 + d.to_digit(16).unwrap_or(0);
                            it.next();
                        }
                        _ => {
                            return Err(format!(
                                "(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\{}{} escape",
                                e,
                                "X".repeat(n)
                            ))
                        }
                    }
                }
                match char::from_u32(v) {
                    Some(ch) => out.push(ch),
                    None if (0xd800..0xe000).contains(&v) => {
                        return Err(String::from("(unicode error) surrogate code points are not supported"))
                    }
                    None => return Err(String::from("(unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode character")),
                }
            }
            'N' => return Err(String::from("(unicode error) \\N{...} escapes are not supported")),
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

fn normalize_newlines(s: &str) -> String {
    if !s.contains('\r') {
        return String::from(s);
    }
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// Decode a bytes literal body.
pub fn unescape_bytes(body: &str, raw: bool) -> Result<Vec<u8>, String> {
    if !body.is_ascii() {
        return Err(String::from("bytes can only contain ASCII literal characters"));
    }
    let s = normalize_newlines(body);
    let b = s.as_bytes();
    if raw {
        return Ok(b.to_vec());
    }
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        i += 1;
        if c != b'\\' {
            out.push(c);
            continue;
        }
        let Some(&e) = b.get(i) else {
            out.push(b'\\');
            break;
        };
        i += 1;
        match e {
            b'\n' => {}
            b'\\' => out.push(b'\\'),
            b'\'' => out.push(b'\''),
            b'"' => out.push(b'"'),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut v = (e - b'0') as u32;
                for _ in 0..2 {
                    match b.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + (d - b'0') as u32;
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push((v & 0xff) as u8);
            }
            b'x' => {
                let h = b.get(i..i + 2).and_then(|h| core::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
                match h {
                    Some(v) if b[i].is_ascii_hexdigit() && b[i + 1].is_ascii_hexdigit() => {
                        out.push(v);
                        i += 2;
                    }
                    _ => return Err(String::from("(value error) invalid \\x escape")),
                }
            }
            other => {
                out.push(b'\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_number("1_000"), Ok(Lit::Int(1000)));
        assert_eq!(parse_number("0xff"), Ok(Lit::Int(255)));
        assert_eq!(parse_number("0o17"), Ok(Lit::Int(15)));
        assert_eq!(parse_number("0b101"), Ok(Lit::Int(5)));
        assert_eq!(parse_number("1.5"), Ok(Lit::Float(1.5)));
        assert_eq!(parse_number("1e3"), Ok(Lit::Float(1000.0)));
        assert_eq!(parse_number(".5"), Ok(Lit::Float(0.5)));
        assert_eq!(parse_number("1."), Ok(Lit::Float(1.0)));
        assert_eq!(parse_number("2j"), Ok(Lit::Complex(2.0)));
        assert_eq!(parse_number("9223372036854775807"), Ok(Lit::Int(i64::MAX)));
        assert_eq!(parse_number("9223372036854775808"), Ok(Lit::BigInt("9223372036854775808".into())));
        assert_eq!(parse_number("0x10000000000000000"), Ok(Lit::BigInt("18446744073709551616".into())));
        assert_eq!(parse_number("0b1_0000000000000000000000000000000000000000000000000000000000000000"), Ok(Lit::BigInt("18446744073709551616".into())));
    }

    #[test]
    fn strings() {
        assert_eq!(unescape_str(r"a\n\t\x41\101\u00e9\U0001F600\q\\", false).unwrap(), "a\n\tAAé😀\\q\\");
        assert_eq!(unescape_str(r"a\n", true).unwrap(), "a\\n");
        assert!(unescape_str(r"\x4", false).is_err());
        assert!(unescape_str(r"\N{DASH}", false).is_err());
        assert_eq!(unescape_bytes(r"\x00\xff\n\u", false).unwrap(), b"\x00\xff\n\\u");
        assert!(unescape_bytes("é", false).is_err());
        let t = split_string_token("rb'''x'''");
        assert!(t.bytes && t.raw && !t.fstring);
        assert_eq!(t.body, "x");
        assert_eq!(t.body_offset, 5);
    }
}
