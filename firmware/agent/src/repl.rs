//! REPL helpers after MicroPython's `py/repl.c`: when a statement needs more lines, and what tab
//! completes.

use alloc::string::String;
use alloc::vec::Vec;

/// True if the REPL should ask for another line (`... `) before running `input`
/// (protocol-facts §3.2): a compound statement whose last line is not empty, an unclosed bracket,
/// an unterminated triple quote, or a trailing backslash.
pub fn continue_with_input(input: &[u8]) -> bool {
    if input.is_empty() {
        return false;
    }
    let starts_with_word = |w: &[u8]| {
        input.starts_with(w) && input.get(w.len()).is_none_or(|&c| !(c.is_ascii_alphanumeric() || c == b'_'))
    };
    let compound = input[0] == b'@'
        || [&b"if"[..], b"while", b"for", b"try", b"with", b"def", b"class", b"async"]
            .iter()
            .any(|w| starts_with_word(w));

    #[derive(PartialEq, Clone, Copy)]
    enum Q {
        None,
        Single1,
        Double1,
        Single3,
        Double3,
    }
    let (mut paren, mut brack, mut brace) = (0i32, 0i32, 0i32);
    let mut q = Q::None;
    let mut i = 0;
    let at = |k: usize| input.get(k).copied().unwrap_or(0);
    while i < input.len() {
        let c = input[i];
        if c == b'\'' || c == b'"' {
            let (one, three) = if c == b'\'' { (Q::Single1, Q::Single3) } else { (Q::Double1, Q::Double3) };
            if (q == Q::None || q == three) && at(i + 1) == c && at(i + 2) == c {
                i += 2;
                q = if q == three { Q::None } else { three };
            } else if q == Q::None || q == one {
                q = if q == one { Q::None } else { one };
            }
        } else if c == b'\\' && matches!(at(i + 1), b'\'' | b'"' | b'\\') {
            if q != Q::None {
                i += 1;
            }
        } else if q == Q::None {
            match c {
                b'(' => paren += 1,
                b')' => paren -= 1,
                b'[' => brack += 1,
                b']' => brack -= 1,
                b'{' => brace += 1,
                b'}' => brace -= 1,
                _ => {}
            }
        }
        i += 1;
    }
    if q == Q::Single3 || q == Q::Double3 {
        return true;
    }
    if (paren > 0 || brack > 0 || brace > 0) && q == Q::None {
        return true;
    }
    let last = input[input.len() - 1];
    if last == b'\\' {
        return true;
    }
    compound && last != b'\n'
}

/// What a TAB does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Completion {
    /// Nothing matches.
    None,
    /// Insert these bytes at the cursor (one match, or the common prefix of several).
    Insert(Vec<u8>),
    /// Several matches: print this text (starts and ends with `\n`; the editor cooks it), then
    /// the prompt and the line are redrawn.
    Many(Vec<u8>),
}

const WORD_SLOT: usize = 16;
const MAX_LINE: usize = 4 * WORD_SLOT;

/// Complete the word before the cursor. `line` is the current line up to the cursor; `names`
/// returns the candidate names for a dotted chain (the complete words before the last dot, empty
/// for a bare name).
pub fn complete(line: &[u8], names: &mut dyn FnMut(&[&str]) -> Vec<String>) -> Completion {
    let start = line
        .iter()
        .rposition(|&c| !(c.is_ascii_alphanumeric() || c == b'_' || c == b'.'))
        .map_or(0, |p| p + 1);
    let Ok(word) = core::str::from_utf8(&line[start..]) else { return Completion::None };
    let mut parts: Vec<&str> = word.split('.').collect();
    let partial = parts.pop().unwrap_or("");
    if parts.iter().any(|p| p.is_empty()) {
        return Completion::None;
    }
    let all = names(&parts);
    let mut matches: Vec<&String> = all
        .iter()
        .filter(|n| n.starts_with(partial) && (!partial.is_empty() || !n.starts_with('_')))
        .collect();
    matches.sort();
    matches.dedup();
    if matches.is_empty() {
        const IMPORT: &str = "import ";
        if start == 0 && parts.is_empty() && !partial.is_empty() && partial.len() < IMPORT.len() && IMPORT.starts_with(partial) {
            return Completion::Insert(IMPORT.as_bytes()[partial.len()..].to_vec());
        }
        return Completion::None;
    }
    // Longest common prefix of the matches.
    let first = matches[0].as_bytes();
    let mut common = first.len();
    for m in &matches[1..] {
        let m = m.as_bytes();
        common = common.min(m.len());
        for k in partial.len()..common {
            if first[k] != m[k] {
                common = k;
                break;
            }
        }
    }
    if matches.len() == 1 || common > partial.len() {
        return Completion::Insert(first[partial.len()..common].to_vec());
    }
    let mut text = Vec::new();
    let mut line_len = MAX_LINE;
    for m in matches {
        let gap0 = line_len.div_ceil(WORD_SLOT) * WORD_SLOT - line_len;
        let gap = if gap0 < 2 { gap0 + WORD_SLOT } else { gap0 };
        if line_len + gap + m.len() <= MAX_LINE {
            text.extend(core::iter::repeat_n(b' ', gap));
            text.extend_from_slice(m.as_bytes());
            line_len += gap + m.len();
        } else {
            text.push(b'\n');
            text.extend_from_slice(m.as_bytes());
            line_len = m.len();
        }
    }
    text.push(b'\n');
    Completion::Many(text)
}
