//! The friendly REPL's line editor, after MicroPython's `shared/readline/readline.c`
//! (protocol-facts §3.3–§3.5): VT100 cursor keys, Home/End/Delete, Emacs keys, history,
//! auto-indent and tab completion, redrawn with `\b`, `ESC[<n>D` and `ESC[K`.
//!
//! The editor works on the whole statement being typed (`buf`): earlier lines of a compound
//! statement stay in it, joined by `\n`, and only the current line (after `orig`) is edited.

use alloc::vec::Vec;

use crate::repl::Completion;

/// History entries kept (MicroPython's `MICROPY_READLINE_HISTORY_SIZE`).
pub const HISTORY_SIZE: usize = 8;
/// Longest line stored in the history (longer lines are not remembered).
pub const HISTORY_ENTRY_MAX: usize = 256;
/// Longest statement the editor accepts (all its lines); further typing is ignored.
pub const LINE_MAX: usize = 4096;

const CTRL_A: u8 = 1;
const CTRL_B: u8 = 2;
const CTRL_C: u8 = 3;
const CTRL_D: u8 = 4;
const CTRL_E: u8 = 5;
const CTRL_F: u8 = 6;
const CTRL_K: u8 = 11;
const CTRL_N: u8 = 14;
const CTRL_P: u8 = 16;
const CTRL_U: u8 = 21;
const CTRL_W: u8 = 23;
const ESC: u8 = 27;

const AUTO_INDENT_ENABLED: u8 = 1;
const AUTO_INDENT_JUST_ADDED: u8 = 2;

/// The last lines entered, most recent first.
#[derive(Default)]
pub struct History {
    entries: Vec<Vec<u8>>,
}

impl History {
    /// An empty history.
    pub const fn new() -> Self {
        History { entries: Vec::new() }
    }

    /// Remember `line` unless it is empty, too long, or the same as the most recent entry.
    pub fn push(&mut self, line: &[u8]) {
        if line.is_empty() || line.len() > HISTORY_ENTRY_MAX {
            return;
        }
        if self.entries.first().is_some_and(|e| e.as_slice() == line) {
            return;
        }
        if self.entries.len() >= HISTORY_SIZE {
            self.entries.pop();
        }
        self.entries.insert(0, line.to_vec());
    }

    /// Entry `i` (0 = most recent).
    pub fn get(&self, i: usize) -> Option<&[u8]> {
        self.entries.get(i).map(Vec::as_slice)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// No entries yet.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// What a key did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Keep reading keys.
    More,
    /// Enter: the line is complete (`\r\n` was echoed).
    Enter,
    /// A control key the REPL handles: Ctrl-A..Ctrl-E on an empty line, Ctrl-C on any line.
    Control(u8),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Esc {
    None,
    Esc,
    Bracket,
    BracketDigit,
    O,
}

/// The line editor.
pub struct Editor {
    /// The statement so far: earlier lines, `\n`, then the line being edited.
    pub buf: Vec<u8>,
    orig: usize,
    cursor: usize,
    esc: Esc,
    esc_digit: u8,
    hist_cur: isize,
    auto_indent: u8,
    prompt: &'static [u8],
    /// The previous byte was `\r` (a following `\n` is part of the same newline).
    last_cr: bool,
}

impl Default for Editor {
    fn default() -> Self {
        Self::new()
    }
}

impl Editor {
    /// An editor with an empty buffer.
    pub const fn new() -> Self {
        Editor {
            buf: Vec::new(),
            orig: 0,
            cursor: 0,
            esc: Esc::None,
            esc_digit: 0,
            hist_cur: -1,
            auto_indent: 0,
            prompt: b"",
            last_cr: false,
        }
    }

    /// Start a new statement: clear the buffer and print `prompt`.
    pub fn start(&mut self, prompt: &'static [u8], out: &mut dyn FnMut(&[u8])) {
        self.buf.clear();
        self.init(prompt, out);
    }

    /// Continue the statement on a new line (`... `): appends `\n`, prints `prompt`, auto-indents.
    pub fn next_line(&mut self, prompt: &'static [u8], out: &mut dyn FnMut(&[u8])) {
        if self.buf.len() < LINE_MAX {
            self.buf.push(b'\n');
        }
        self.init(prompt, out);
    }

    /// The line being edited (after the earlier lines of the statement).
    pub fn current_line(&self) -> &[u8] {
        self.buf.get(self.orig..).unwrap_or(&[])
    }

    /// True when the line being edited is empty.
    pub fn line_is_empty(&self) -> bool {
        self.buf.len() <= self.orig
    }

    fn init(&mut self, prompt: &'static [u8], out: &mut dyn FnMut(&[u8])) {
        self.orig = self.buf.len();
        self.cursor = self.orig;
        self.esc = Esc::None;
        self.hist_cur = -1;
        self.prompt = prompt;
        out(prompt);
        if self.buf.is_empty() {
            self.auto_indent = AUTO_INDENT_ENABLED;
        }
        self.auto_indent_line(out);
    }

    fn auto_indent_line(&mut self, out: &mut dyn FnMut(&[u8])) {
        if self.auto_indent & AUTO_INDENT_ENABLED == 0 {
            return;
        }
        let line = &self.buf;
        let len = line.len();
        if len <= 1 || line[len - 1] != b'\n' {
            return;
        }
        // i = start of the previous line, j = its first non-space.
        let mut i = len - 1;
        while i > 0 && line[i - 1] != b'\n' {
            i -= 1;
        }
        let mut j = i;
        while j < len && line[j] == b' ' {
            j += 1;
        }
        if i > 0 && j + 1 == len {
            // The previous line is all spaces: no indent if the one before it is too.
            let mut k = i - 1;
            while k > 0 {
                if line[k - 1] == b'\n' {
                    return;
                } else if line[k - 1] != b' ' {
                    break;
                }
                k -= 1;
            }
        }
        let mut n = (j - i) / 4;
        if len >= 2 && line[len - 2] == b':' {
            n += 1;
        }
        for _ in 0..n {
            if self.buf.len() + 4 > LINE_MAX {
                break;
            }
            self.buf.extend_from_slice(b"    ");
            out(b"    ");
            self.cursor += 4;
            self.auto_indent |= AUTO_INDENT_JUST_ADDED;
        }
    }

    fn count_word(&self, forward: bool) -> usize {
        let mut pos = self.cursor;
        let mut in_word = false;
        loop {
            if !forward && pos <= self.orig {
                break;
            }
            if forward && pos >= self.buf.len() {
                break;
            }
            let c = if forward { self.buf[pos] } else { self.buf[pos - 1] };
            if c.is_ascii_alphanumeric() {
                in_word = true;
            } else if in_word {
                break;
            }
            if forward {
                pos += 1;
            } else {
                pos -= 1;
            }
        }
        if forward { pos - self.cursor } else { self.cursor - pos }
    }

    fn set_line(&mut self, text: &[u8]) {
        self.buf.truncate(self.orig);
        let room = LINE_MAX.saturating_sub(self.buf.len());
        self.buf.extend_from_slice(&text[..text.len().min(room)]);
    }

    /// Process one input byte. `complete` is asked for completions of the text before the cursor
    /// on the current line.
    pub fn feed(
        &mut self,
        c: u8,
        hist: &mut History,
        complete: &mut dyn FnMut(&[u8]) -> Completion,
        out: &mut dyn FnMut(&[u8]),
    ) -> Edit {
        let was_cr = core::mem::replace(&mut self.last_cr, c == b'\r');
        let last_len = self.buf.len();
        let mut step_back = 0usize;
        let mut from_cursor = false;
        let mut step_fwd = 0usize;
        // Keep the cursor inside the buffer whatever happened before.
        self.orig = self.orig.min(self.buf.len());
        self.cursor = self.cursor.clamp(self.orig.min(self.buf.len()), self.buf.len());
        match self.esc {
            Esc::None => {
                if (CTRL_A..=CTRL_E).contains(&c) && self.buf.len() == self.orig {
                    return Edit::Control(c);
                }
                match c {
                    CTRL_A => step_back = self.cursor - self.orig,
                    CTRL_B => {
                        if self.cursor > self.orig {
                            step_back = 1;
                        }
                    }
                    CTRL_C => return Edit::Control(c),
                    CTRL_D => {
                        if self.cursor < self.buf.len() {
                            self.buf.remove(self.cursor);
                            from_cursor = true;
                        }
                    }
                    CTRL_E => step_fwd = self.buf.len() - self.cursor,
                    CTRL_F => {
                        if self.cursor < self.buf.len() {
                            step_fwd = 1;
                        }
                    }
                    CTRL_K => {
                        self.buf.truncate(self.cursor);
                        from_cursor = true;
                    }
                    CTRL_N => self.history_down(&mut step_back, &mut from_cursor, &mut step_fwd, hist),
                    CTRL_P => self.history_up(&mut step_back, &mut from_cursor, &mut step_fwd, hist),
                    CTRL_U => {
                        step_back = self.cursor - self.orig;
                        self.buf.drain(self.orig..self.cursor);
                        from_cursor = true;
                    }
                    CTRL_W => {
                        step_back = self.count_word(false);
                        self.buf.drain(self.cursor - step_back..self.cursor);
                        from_cursor = true;
                    }
                    b'\r' | b'\n' => {
                        if c == b'\n' && was_cr {
                            // The LF of a CR LF pair: the line was already entered.
                            return Edit::More;
                        }
                        out(b"\r\n");
                        let line = self.buf.get(self.orig..).unwrap_or(&[]);
                        hist.push(line);
                        return Edit::Enter;
                    }
                    ESC => self.esc = Esc::Esc,
                    8 | 127 => {
                        if self.cursor > self.orig {
                            let spaces = self.buf[self.orig..self.cursor].iter().all(|&b| b == b' ');
                            let n = if spaces && self.cursor - self.orig >= 4 { 4 } else { 1 };
                            self.buf.drain(self.cursor - n..self.cursor);
                            step_back = n;
                            from_cursor = true;
                        }
                    }
                    9 | b' ' if self.auto_indent & AUTO_INDENT_JUST_ADDED != 0 => {
                        // Tab or space right after an auto-indent: stop auto-indenting; a space
                        // also takes back 3 of the 4 spaces (naive pasting).
                        self.auto_indent = 0;
                        if c == b' ' {
                            let n = 3.min(self.buf.len() - self.orig);
                            self.buf.truncate(self.buf.len() - n);
                            step_back = n;
                        }
                    }
                    9 => {
                        let after_space = self.cursor > 0 && self.buf[self.cursor - 1].is_ascii_whitespace();
                        let comp = if after_space {
                            Completion::Insert(b"    ".to_vec())
                        } else {
                            complete(&self.buf[self.orig..self.cursor])
                        };
                        match comp {
                            Completion::None => {}
                            Completion::Many(text) => {
                                crate::cook(&text, out);
                                out(self.prompt);
                                out(&self.buf[self.orig..self.cursor]);
                                from_cursor = true;
                            }
                            Completion::Insert(s) => {
                                let n = s.len().min(LINE_MAX.saturating_sub(self.buf.len()));
                                let at = self.cursor;
                                self.buf.splice(at..at, s[..n].iter().copied());
                                from_cursor = true;
                                step_fwd = n;
                            }
                        }
                    }
                    32..=126 | 0x80..=0xff => {
                        if self.buf.len() < LINE_MAX {
                            self.buf.insert(self.cursor, c);
                            from_cursor = true;
                            step_fwd = 1;
                        }
                    }
                    _ => {}
                }
            }
            Esc::Esc => {
                self.esc = Esc::None;
                match c {
                    b'[' => self.esc = Esc::Bracket,
                    b'O' => self.esc = Esc::O,
                    b'b' => step_back = self.count_word(false),
                    b'f' => step_fwd = self.count_word(true),
                    b'd' => {
                        let n = self.count_word(true);
                        self.buf.drain(self.cursor..self.cursor + n);
                        from_cursor = true;
                    }
                    127 => {
                        step_back = self.count_word(false);
                        self.buf.drain(self.cursor - step_back..self.cursor);
                        from_cursor = true;
                    }
                    _ => {}
                }
            }
            Esc::Bracket => {
                if c.is_ascii_digit() {
                    self.esc = Esc::BracketDigit;
                    self.esc_digit = c;
                } else {
                    self.esc = Esc::None;
                    match c {
                        b'A' => self.history_up(&mut step_back, &mut from_cursor, &mut step_fwd, hist),
                        b'B' => self.history_down(&mut step_back, &mut from_cursor, &mut step_fwd, hist),
                        b'C' => {
                            if self.cursor < self.buf.len() {
                                step_fwd = 1;
                            }
                        }
                        b'D' => {
                            if self.cursor > self.orig {
                                step_back = 1;
                            }
                        }
                        b'H' => step_back = self.cursor - self.orig,
                        b'F' => step_fwd = self.buf.len() - self.cursor,
                        _ => {}
                    }
                }
            }
            Esc::BracketDigit => {
                self.esc = Esc::None;
                match (self.esc_digit, c) {
                    (b'1' | b'7', b'~') => step_back = self.cursor - self.orig,
                    (b'4' | b'8', b'~') => step_fwd = self.buf.len() - self.cursor,
                    (b'3', b'~') => {
                        if self.cursor < self.buf.len() {
                            self.buf.remove(self.cursor);
                            from_cursor = true;
                        }
                    }
                    // ESC [ 1 ; 5 C / D: Ctrl-Right / Ctrl-Left.
                    (b'1', b';') => self.esc = Esc::Bracket,
                    (b'5', b'C') => step_fwd = self.count_word(true),
                    (b'5', b'D') => step_back = self.count_word(false),
                    _ => {}
                }
            }
            Esc::O => {
                self.esc = Esc::None;
                match c {
                    b'H' => step_back = self.cursor - self.orig,
                    b'F' => step_fwd = self.buf.len() - self.cursor,
                    _ => {}
                }
            }
        }
        self.redraw(last_len, step_back, from_cursor, step_fwd, out);
        self.auto_indent &= !AUTO_INDENT_JUST_ADDED;
        Edit::More
    }

    fn history_up(&mut self, back: &mut usize, from: &mut bool, fwd: &mut usize, hist: &History) {
        let next = (self.hist_cur + 1) as usize;
        if next < HISTORY_SIZE {
            if let Some(entry) = hist.get(next) {
                let entry = entry.to_vec();
                self.hist_cur += 1;
                *back = self.cursor - self.orig;
                self.set_line(&entry);
                *from = true;
                *fwd = self.buf.len() - self.orig;
            }
        }
    }

    fn history_down(&mut self, back: &mut usize, from: &mut bool, fwd: &mut usize, hist: &History) {
        if self.hist_cur >= 0 {
            self.hist_cur -= 1;
            let entry = if self.hist_cur >= 0 { hist.get(self.hist_cur as usize).map(<[u8]>::to_vec) } else { None };
            self.set_line(entry.as_deref().unwrap_or(&[]));
            *back = self.cursor - self.orig;
            *from = true;
            *fwd = self.buf.len() - self.orig;
        }
    }

    fn redraw(&mut self, last_len: usize, back: usize, from_cursor: bool, fwd: usize, out: &mut dyn FnMut(&[u8])) {
        if back > 0 {
            move_back(back, out);
            self.cursor = self.cursor.saturating_sub(back).max(self.orig);
        }
        let len = self.buf.len();
        self.cursor = self.cursor.min(len);
        if from_cursor {
            if len < last_len {
                out(b"\x1b[K");
            }
            out(&self.buf[self.cursor..]);
            let fwd = fwd.min(len - self.cursor);
            move_back(len - (self.cursor + fwd), out);
            self.cursor += fwd;
        } else if fwd > 0 {
            let fwd = fwd.min(len - self.cursor);
            out(&self.buf[self.cursor..self.cursor + fwd]);
            self.cursor += fwd;
        }
    }
}

/// Move the terminal cursor back `n` columns: `\b`s for up to 4, else `ESC [ n D`.
fn move_back(n: usize, out: &mut dyn FnMut(&[u8])) {
    if n == 0 {
        return;
    }
    if n <= 4 {
        out(&b"\x08\x08\x08\x08"[..n]);
    } else {
        let mut tmp = [0u8; 24];
        let mut digits = [0u8; 20];
        let mut k = 0;
        let mut v = n;
        while v > 0 && k < digits.len() {
            digits[k] = b'0' + (v % 10) as u8;
            v /= 10;
            k += 1;
        }
        tmp[0] = ESC;
        tmp[1] = b'[';
        for i in 0..k {
            tmp[2 + i] = digits[k - 1 - i];
        }
        tmp[2 + k] = b'D';
        out(&tmp[..3 + k]);
    }
}
