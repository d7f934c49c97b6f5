//! Python literals on the wire: encoding host data into Python source, and parsing the `repr()` output
//! that MicroPython prints back.
//!
//! MicroPython versions differ in how `repr` escapes text: 1.9 (the micro:bit) prints `'\xe9'` for é,
//! current versions print the character itself. Both are accepted here.

use std::fmt::Write as _;

/// A Python `str` literal for `s`: single-quoted, control characters escaped, non-ASCII characters sent
/// verbatim as UTF-8 (program source is UTF-8 on every MicroPython).
pub fn str_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' '..='~' => out.push(c),
            c if (c as u32) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A Python `bytes` literal for `data`, as short as practical (printable ASCII stays as is).
pub fn bytes_literal(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len() + 3);
    out.push_str("b'");
    for &b in data {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\'' => out.push_str("\\'"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            b' '..=b'~' => out.push(b as char),
            _ => {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
    }
    out.push('\'');
    out
}

/// Worst-case length of [`bytes_literal`] for `n` bytes.
pub fn bytes_literal_max_len(n: usize) -> usize {
    3 + 4 * n
}

/// Why a literal could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot parse Python literal {text:?}: {reason}")]
pub struct ReprError {
    text: String,
    reason: &'static str,
}

fn err(text: &str, reason: &'static str) -> ReprError {
    ReprError {
        text: text.chars().take(80).collect(),
        reason,
    }
}

/// Parse a `str` repr such as `'a\'b'`, `"it's"` or `'\xe9t\xe9.py'`.
pub fn parse_str(text: &str) -> Result<String, ReprError> {
    let bytes = parse_literal(text, false)?;
    String::from_utf8(bytes).map_err(|_| err(text, "not valid UTF-8"))
}

/// Parse a `bytes` repr such as `b'\x00ab\n'`.
pub fn parse_bytes(text: &str) -> Result<Vec<u8>, ReprError> {
    let t = text.trim();
    let t = t
        .strip_prefix('b')
        .ok_or_else(|| err(text, "no b prefix"))?;
    parse_literal(t, true)
}

/// Parse a quoted literal body; for `str`, escapes produce UTF-8 of the code point, for `bytes` one byte.
fn parse_literal(text: &str, is_bytes: bool) -> Result<Vec<u8>, ReprError> {
    let t = text.trim();
    let quote = t.chars().next().ok_or_else(|| err(text, "empty"))?;
    if quote != '\'' && quote != '"' {
        return Err(err(text, "no opening quote"));
    }
    let inner = t[1..]
        .strip_suffix(quote)
        .ok_or_else(|| err(text, "no closing quote"))?;
    let mut out = Vec::with_capacity(inner.len());
    let mut chars = inner.chars();
    let push_char = |out: &mut Vec<u8>, c: char| {
        let mut buf = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    };
    while let Some(c) = chars.next() {
        if c != '\\' {
            push_char(&mut out, c);
            continue;
        }
        let e = chars
            .next()
            .ok_or_else(|| err(text, "dangling backslash"))?;
        match e {
            '\\' => out.push(b'\\'),
            '\'' => out.push(b'\''),
            '"' => out.push(b'"'),
            'n' => out.push(b'\n'),
            'r' => out.push(b'\r'),
            't' => out.push(b'\t'),
            'a' => out.push(0x07),
            'b' => out.push(0x08),
            'f' => out.push(0x0c),
            'v' => out.push(0x0b),
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.clone().next().and_then(|d| d.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                push_code(&mut out, v, is_bytes, text)?;
            }
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex: String = chars.by_ref().take(n).collect();
                if hex.len() != n {
                    return Err(err(text, "short hex escape"));
                }
                let v = u32::from_str_radix(&hex, 16).map_err(|_| err(text, "bad hex escape"))?;
                if is_bytes && e != 'x' {
                    return Err(err(text, "\\u escape in bytes"));
                }
                push_code(&mut out, v, is_bytes, text)?;
            }
            _ => return Err(err(text, "unknown escape")),
        }
    }
    Ok(out)
}

fn push_code(out: &mut Vec<u8>, v: u32, is_bytes: bool, text: &str) -> Result<(), ReprError> {
    if is_bytes {
        out.push(u8::try_from(v).map_err(|_| err(text, "escape out of range"))?);
    } else {
        let c = char::from_u32(v).ok_or_else(|| err(text, "invalid code point"))?;
        let mut buf = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip_all_values() {
        let data: Vec<u8> = (0..=255).collect();
        let lit = bytes_literal(&data);
        assert!(lit.len() <= bytes_literal_max_len(data.len()));
        assert_eq!(parse_bytes(&lit).unwrap(), data);
    }

    #[test]
    fn parses_micropython_reprs() {
        assert_eq!(parse_bytes(r#"b'\xff\x00\'"'"#).unwrap(), b"\xff\x00'\"");
        assert_eq!(parse_bytes(r#"b"it's""#).unwrap(), b"it's");
        // micro:bit 1.9.2 prints é as \xe9 in a str repr; newer versions print it verbatim.
        assert_eq!(parse_str(r"'\xe9t\xe9.py'").unwrap(), "été.py");
        assert_eq!(parse_str("'été.py'").unwrap(), "été.py");
        assert_eq!(parse_str(r"'\u263a'").unwrap(), "☺");
        assert_eq!(parse_str(r"'a\nb\x01'").unwrap(), "a\nb\x01");
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "",
            "'",
            "'abc",
            r"'\x4'",
            r"b'\u1234'",
            "abc",
            r"'\q'",
            r"'\xZZ'",
        ] {
            assert!(
                parse_str(bad).is_err() || parse_bytes(bad).is_err(),
                "{bad}"
            );
        }
        assert!(parse_bytes("b'\\").is_err());
    }

    #[test]
    fn str_literal_escapes_quotes() {
        assert_eq!(str_literal("it's\\\n"), r"'it\'s\\\n'");
        assert_eq!(
            parse_str(&str_literal("a'b\"c\u{e9}")).unwrap(),
            "a'b\"c\u{e9}"
        );
    }
}
