//! Output helpers: JSON documents, progress bars, and device text turned into host text.

use std::io::{IsTerminal, Write};

use indicatif::{ProgressBar, ProgressStyle};
use serde_json::Value;

/// Transfers larger than this get a progress bar (on a terminal only).
pub const PROGRESS_THRESHOLD: u64 = 2048;

/// A progress bar that may be absent (piped stderr, `--json`, small transfer).
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar for `total` bytes of `label`, shown only when stderr is a terminal, `quiet` is false and the
    /// transfer exceeds 2 KiB.
    pub fn new(total: u64, label: &str, quiet: bool) -> Progress {
        if quiet || total <= PROGRESS_THRESHOLD || !std::io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = ProgressBar::new(total);
        if let Ok(style) =
            ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(label.to_string());
        Progress(Some(bar))
    }

    /// A bar that never shows.
    pub fn none() -> Progress {
        Progress(None)
    }

    /// Move to `pos` bytes.
    pub fn set(&self, pos: u64) {
        if let Some(b) = &self.0 {
            b.set_position(pos);
        }
    }

    /// Remove the bar.
    pub fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Print one JSON document on stdout.
pub fn print_json(value: &Value) {
    let mut out = std::io::stdout().lock();
    let _ = serde_json::to_writer(&mut out, value);
    let _ = writeln!(out);
}

/// Streams device output to a host writer, turning the device's `\r\n` into `\n` (a `\r` at the end of a
/// chunk is held back until the next chunk shows whether a `\n` follows).
pub struct NewlineFilter<W: Write> {
    out: W,
    held_cr: bool,
}

impl<W: Write> NewlineFilter<W> {
    /// Wrap a writer.
    pub fn new(out: W) -> Self {
        NewlineFilter {
            out,
            held_cr: false,
        }
    }

    /// Write a chunk of device output.
    pub fn write(&mut self, chunk: &[u8]) {
        let mut buf = Vec::with_capacity(chunk.len() + 1);
        let mut iter = chunk.iter().peekable();
        if self.held_cr {
            self.held_cr = false;
            if chunk.first() != Some(&b'\n') && !chunk.is_empty() {
                buf.push(b'\r');
            }
            if chunk.is_empty() {
                self.held_cr = true;
            }
        }
        while let Some(&b) = iter.next() {
            if b == b'\r' {
                match iter.peek() {
                    Some(b'\n') => {}
                    Some(_) => buf.push(b'\r'),
                    None => self.held_cr = true,
                }
            } else {
                buf.push(b);
            }
        }
        let _ = self.out.write_all(&buf);
        let _ = self.out.flush();
    }

    /// Flush a held `\r`.
    pub fn finish(&mut self) {
        if self.held_cr {
            let _ = self.out.write_all(b"\r");
            self.held_cr = false;
        }
        let _ = self.out.flush();
    }
}

/// Device text (`\r\n` newlines, maybe invalid UTF-8) as host text.
pub fn device_text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).replace("\r\n", "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newline_filter_handles_split_crlf() {
        let mut out = Vec::new();
        {
            let mut f = NewlineFilter::new(&mut out);
            f.write(b"a\r");
            f.write(b"\nb\r\nc\rd\r");
            f.write(b"");
            f.write(b"e");
            f.finish();
        }
        assert_eq!(out, b"a\nb\nc\rd\re");
    }
}
