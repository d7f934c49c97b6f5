//! Byte-level substring search and splitting shared by `str` (on its UTF-8 bytes, where
//! every match of a valid UTF-8 needle falls on character boundaries) and `bytes`.
//! Results are byte ranges into the haystack; callers turn them into objects.

use alloc::vec::Vec;

/// First occurrence of `n` in `h`.
pub fn find(h: &[u8], n: &[u8]) -> Option<usize> {
    match n.len() {
        0 => Some(0),
        1 => h.iter().position(|&b| b == n[0]),
        m if m > h.len() => None,
        m => {
            let first = n[0];
            let last_start = h.len() - m;
            let mut i = 0;
            while i <= last_start {
                match h[i..=last_start].iter().position(|&b| b == first) {
                    None => return None,
                    Some(p) => {
                        i += p;
                        if &h[i..i + m] == n {
                            return Some(i);
                        }
                        i += 1;
                    }
                }
            }
            None
        }
    }
}

/// Last occurrence of `n` in `h`.
pub fn rfind(h: &[u8], n: &[u8]) -> Option<usize> {
    match n.len() {
        0 => Some(h.len()),
        1 => h.iter().rposition(|&b| b == n[0]),
        m if m > h.len() => None,
        m => (0..=h.len() - m).rev().find(|&i| h[i] == n[0] && &h[i..i + m] == n),
    }
}

/// Non-overlapping occurrences of a non-empty `n` in `h`, at most `max`.
pub fn count(h: &[u8], n: &[u8], max: usize) -> usize {
    if n.is_empty() {
        return 0;
    }
    if n.len() == 1 {
        return h.iter().filter(|&&b| b == n[0]).count().min(max);
    }
    let mut c = 0;
    let mut i = 0;
    while c < max {
        match h.get(i..).and_then(|t| find(t, n)) {
            Some(p) => {
                c += 1;
                i += p + n.len();
            }
            None => break,
        }
    }
    c
}

/// `split(sep, maxsplit)` with a non-empty separator; `max` < 0 means no limit.
pub fn split(h: &[u8], sep: &[u8], max: i64) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut left = if max < 0 { usize::MAX } else { max as usize };
    let mut i = 0;
    while left > 0 {
        match h.get(i..).and_then(|t| find(t, sep)) {
            Some(p) => {
                out.push((i, i + p));
                i += p + sep.len();
                left -= 1;
            }
            None => break,
        }
    }
    out.push((i, h.len()));
    out
}

/// `rsplit(sep, maxsplit)` with a non-empty separator (ranges in left-to-right order).
pub fn rsplit(h: &[u8], sep: &[u8], max: i64) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut left = if max < 0 { usize::MAX } else { max as usize };
    let mut j = h.len();
    while left > 0 {
        match rfind(&h[..j], sep) {
            Some(p) => {
                out.push((p + sep.len(), j));
                j = p;
                left -= 1;
            }
            None => break,
        }
    }
    out.push((0, j));
    out.reverse();
    out
}

/// `split()` on runs of whitespace. `ws(h, i)` is the byte length of the whitespace
/// character starting at `i` (0 when there is none; it must be 0 inside a character).
pub fn split_ws(h: &[u8], max: i64, ws: impl Fn(&[u8], usize) -> usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let n = h.len();
    let mut left = if max < 0 { usize::MAX } else { max as usize };
    let mut i = 0;
    let skip = |mut i: usize| {
        while i < n {
            let w = ws(h, i);
            if w == 0 {
                break;
            }
            i += w;
        }
        i
    };
    while left > 0 {
        i = skip(i);
        if i >= n {
            break;
        }
        let j = i;
        i += 1;
        while i < n && ws(h, i) == 0 {
            i += 1;
        }
        out.push((j, i));
        left -= 1;
    }
    if i < n {
        i = skip(i);
        if i < n {
            out.push((i, n));
        }
    }
    out
}

/// Start of the whitespace character ending exactly at `end`, if there is one.
fn ws_before(h: &[u8], end: usize, ws: &impl Fn(&[u8], usize) -> usize) -> Option<usize> {
    // Whitespace characters are at most 3 bytes long in UTF-8 and 1 in bytes.
    (1..=3.min(end)).map(|k| end - k).find(|&s| ws(h, s) == end - s)
}

/// `rsplit()` on runs of whitespace (ranges left to right).
pub fn rsplit_ws(h: &[u8], max: i64, ws: impl Fn(&[u8], usize) -> usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut left = if max < 0 { usize::MAX } else { max as usize };
    let mut i = h.len();
    let skip = |mut i: usize| {
        while let Some(s) = ws_before(h, i, &ws) {
            i = s;
        }
        i
    };
    while left > 0 {
        i = skip(i);
        if i == 0 {
            break;
        }
        let j = i;
        i -= 1;
        while i > 0 && ws_before(h, i, &ws).is_none() {
            i -= 1;
        }
        out.push((i, j));
        left -= 1;
    }
    if i > 0 {
        i = skip(i);
        if i > 0 {
            out.push((0, i));
        }
    }
    out.reverse();
    out
}

/// `strip()` of whitespace: the remaining range.
pub fn strip_ws(h: &[u8], left: bool, right: bool, ws: impl Fn(&[u8], usize) -> usize) -> (usize, usize) {
    let mut a = 0;
    let mut b = h.len();
    if left {
        while a < b {
            let w = ws(h, a);
            if w == 0 {
                break;
            }
            a += w;
        }
    }
    if right {
        while b > a {
            match ws_before(h, b, &ws) {
                Some(s) if s >= a => b = s,
                _ => break,
            }
        }
    }
    (a, b)
}

/// Replace up to `max` (negative: all) occurrences of `old` by `new`. An empty `old`
/// inserts `new` before every character (`char_starts` lists the character boundaries).
pub fn replace(h: &[u8], old: &[u8], new: &[u8], max: i64, utf8: bool) -> Vec<u8> {
    let max = if max < 0 { usize::MAX } else { max as usize };
    let mut out = Vec::with_capacity(h.len());
    if old.is_empty() {
        let mut done = 0;
        let mut i = 0;
        while i < h.len() {
            if done < max {
                out.extend_from_slice(new);
                done += 1;
            }
            let mut k = i + 1;
            if utf8 {
                while k < h.len() && (h[k] & 0xc0) == 0x80 {
                    k += 1;
                }
            }
            out.extend_from_slice(&h[i..k]);
            i = k;
        }
        if done < max {
            out.extend_from_slice(new);
        }
        return out;
    }
    let mut i = 0;
    let mut done = 0;
    while done < max {
        match h.get(i..).and_then(|t| find(t, old)) {
            Some(p) => {
                out.extend_from_slice(&h[i..i + p]);
                out.extend_from_slice(new);
                i += p + old.len();
                done += 1;
            }
            None => break,
        }
    }
    out.extend_from_slice(h.get(i..).unwrap_or(&[]));
    out
}

/// Lines for `splitlines`: (start, end without the break, end with it). `brk(h, i)` is
/// the byte length of a line break starting at `i` (`\r\n` counts as one), else 0.
pub fn split_lines(h: &[u8], brk: impl Fn(&[u8], usize) -> usize) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let n = h.len();
    let mut i = 0;
    while i < n {
        let j = i;
        let mut w = 0;
        while i < n {
            w = brk(h, i);
            if w != 0 {
                break;
            }
            i += 1;
        }
        out.push((j, i, i + w));
        i += w;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ascii_ws(h: &[u8], i: usize) -> usize {
        h.get(i).is_some_and(|b| b.is_ascii_whitespace()) as usize
    }

    #[test]
    fn searching() {
        assert_eq!(find(b"abcabc", b"ca"), Some(2));
        assert_eq!(rfind(b"abcabc", b"bc"), Some(4));
        assert_eq!(rfind(b"abc", b""), Some(3));
        assert_eq!(count(b"aaaa", b"aa", usize::MAX), 2);
        assert_eq!(find(b"ab", b"abc"), None);
    }

    #[test]
    fn splitting() {
        assert_eq!(split(b"a,b,,c", b",", 1), [(0, 1), (2, 6)]);
        assert_eq!(rsplit(b"a,b,c", b",", 1), [(0, 3), (4, 5)]);
        assert_eq!(split_ws(b"  a  b  c  ", 1, ascii_ws), [(2, 3), (5, 11)]);
        assert_eq!(rsplit_ws(b"  a  b  c  ", 1, ascii_ws), [(0, 6), (8, 9)]);
        assert_eq!(strip_ws(b"  x ", true, true, ascii_ws), (2, 3));
        assert_eq!(replace(b"abc", b"", b"-", 2, true), b"-a-bc");
    }
}
