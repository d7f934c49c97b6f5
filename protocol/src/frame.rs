//! upy binary frames: the codec shared by the device agent and the host (`docs/protocol.md`).
//!
//! A frame on the wire:
//!
//! ```text
//! +------+------+-----+-----------+-----------------+----------------+
//! | 0xA5 | type | seq | len u16LE | payload (len B) | crc32 u32 LE   |
//! +------+------+-----+-----------+-----------------+----------------+
//! ```
//!
//! The CRC is CRC-32/ISO-HDLC (zlib's `crc32`) over `type`, `seq`, `len` and the payload. `len` never
//! exceeds the receiver's advertised maximum payload. The [`Decoder`] is a byte-at-a-time state machine
//! over a caller-provided buffer: it never allocates and no byte sequence makes it panic. Payload helpers
//! ([`Hello`], [`Reader`], [`ListRecord`], ...) parse with bounds checks and return `None` on short input.
//!
//! `no_std`, no `alloc`.

use crc32fast::Hasher;

/// First byte of every frame. Not ASCII, not a control character: outside a frame a control byte
/// (`0x00..=0x1f`) means "a raw-REPL host is talking" and ends frame mode on the device.
pub const MAGIC: u8 = 0xA5;
/// Bytes before the payload: magic, type, seq, len (u16 LE).
pub const HEADER_LEN: usize = 5;
/// Bytes after the payload: CRC-32 (u32 LE).
pub const CRC_LEN: usize = 4;
/// Header plus CRC.
pub const OVERHEAD: usize = HEADER_LEN + CRC_LEN;
/// Protocol version carried in [`Hello`].
pub const VERSION: u8 = 1;
/// The request a host sends at the raw REPL `>` prompt to switch to frames (`Ctrl-E`, `U`, `Ctrl-A`).
pub const FRAMES_REQUEST: &[u8] = b"\x05U\x01";
/// The device's answer when it serves frames; a [`Type::Hello`] frame follows at once.
pub const FRAMES_ACCEPTED: &[u8] = b"R\x01";
/// First four bytes of the hello payload.
pub const HELLO_MAGIC: &[u8; 4] = b"UPYF";
/// Largest payload any implementation may advertise (`len` is a u16; kept well below).
pub const MAX_PAYLOAD_LIMIT: usize = 16 * 1024;
/// Smallest payload an implementation may advertise: a path of 255 bytes plus headers must fit.
pub const MIN_PAYLOAD: usize = 512;
/// Bytes of the offset that starts every DATA, ACK and NAK payload.
pub const OFFSET_LEN: usize = 4;

/// Frame types (`docs/protocol.md` §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Type {
    /// Device → host after `R\x01`: version, limits, capabilities, cwd.
    Hello = 0x01,
    /// Success reply to a request (payload depends on the request).
    Ok = 0x02,
    /// Error reply: errno u16 LE + UTF-8 message. Also sent for garbage and bad frames.
    Err = 0x03,
    /// Receiver → sender during a transfer: all bytes before `offset` arrived and were stored.
    Ack = 0x04,
    /// Receiver → sender during a transfer: a frame was damaged, send again from `offset`.
    Nak = 0x05,
    /// Transfer data: offset u32 LE + bytes.
    Data = 0x06,
    /// Host → device: leave frame mode (device answers OK, then prints the raw REPL `>`).
    End = 0x07,
    /// Host → device: abandon the current transfer.
    Cancel = 0x08,
    /// Kind and size of a path.
    Stat = 0x10,
    /// A directory tree, streamed as DATA frames of [`ListRecord`]s.
    List = 0x11,
    /// Read a file (device streams DATA).
    Get = 0x12,
    /// Write a file (host streams DATA; temporary file, renamed when complete and verified).
    Put = 0x13,
    /// Create a directory (optionally with parents).
    Mkdir = 0x14,
    /// Remove a file (optionally a whole tree).
    Remove = 0x15,
    /// Remove an empty directory.
    Rmdir = 0x16,
    /// Rename a path.
    Rename = 0x17,
    /// Filesystem size.
    Statvfs = 0x18,
    /// sha256 of a file, computed on the device.
    Hash = 0x19,
}

impl Type {
    /// The type for a byte, if it names one.
    pub fn from_u8(b: u8) -> Option<Type> {
        Some(match b {
            0x01 => Type::Hello,
            0x02 => Type::Ok,
            0x03 => Type::Err,
            0x04 => Type::Ack,
            0x05 => Type::Nak,
            0x06 => Type::Data,
            0x07 => Type::End,
            0x08 => Type::Cancel,
            0x10 => Type::Stat,
            0x11 => Type::List,
            0x12 => Type::Get,
            0x13 => Type::Put,
            0x14 => Type::Mkdir,
            0x15 => Type::Remove,
            0x16 => Type::Rmdir,
            0x17 => Type::Rename,
            0x18 => Type::Statvfs,
            0x19 => Type::Hash,
            _ => return None,
        })
    }
}

/// Capability bits in [`Hello::caps`].
pub mod caps {
    /// LIST can carry sha256 per file.
    pub const LIST_HASH: u16 = 1 << 0;
    /// PUT writes a temporary file and renames it (atomic replace).
    pub const ATOMIC_PUT: u16 = 1 << 1;
    /// RENAME, RMDIR, MKDIR, REMOVE, STATVFS, HASH are served.
    pub const FS_OPS: u16 = 1 << 2;
}

/// Flags of a LIST request.
pub mod list_flags {
    /// Descend into subdirectories.
    pub const RECURSIVE: u8 = 1 << 0;
    /// Include the sha256 of each file.
    pub const HASHES: u8 = 1 << 1;
}

/// Kinds in STAT replies and list records.
pub mod kind {
    /// A regular file.
    pub const FILE: u8 = 1;
    /// A directory.
    pub const DIR: u8 = 2;
}

/// CRC-32 (ISO-HDLC, as zlib) of `data`.
pub fn crc32(data: &[u8]) -> u32 {
    let mut h = Hasher::new();
    h.update(data);
    h.finalize()
}

/// Finish a frame in place: `buf[HEADER_LEN..HEADER_LEN + len]` already holds the payload; writes the header
/// and the CRC and returns the frame's total length. `None` if `buf` is too small or `len` too large.
pub fn seal(buf: &mut [u8], ty: u8, seq: u8, len: usize) -> Option<usize> {
    let total = len.checked_add(OVERHEAD)?;
    if len > u16::MAX as usize || buf.len() < total {
        return None;
    }
    buf[0] = MAGIC;
    buf[1] = ty;
    buf[2] = seq;
    buf[3..5].copy_from_slice(&(len as u16).to_le_bytes());
    let crc = crc32(&buf[1..HEADER_LEN + len]);
    buf[HEADER_LEN + len..total].copy_from_slice(&crc.to_le_bytes());
    Some(total)
}

/// Encode a frame whose payload is the concatenation of `parts` into `out`; returns its length, or `None`
/// if `out` is too small.
pub fn encode(ty: u8, seq: u8, parts: &[&[u8]], out: &mut [u8]) -> Option<usize> {
    let mut len = 0usize;
    for p in parts {
        let end = HEADER_LEN.checked_add(len)?.checked_add(p.len())?;
        out.get_mut(HEADER_LEN + len..end)?.copy_from_slice(p);
        len += p.len();
    }
    seal(out, ty, seq, len)
}

/// A frame the [`Decoder`] accepted (its payload is [`Decoder::payload`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// The type byte (may name no [`Type`]: the receiver answers with an error).
    pub ty: u8,
    /// The sequence byte.
    pub seq: u8,
    /// Payload length.
    pub len: usize,
}

/// Why a frame was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameError {
    /// The length field exceeds the receiver's buffer: the header is dropped and the decoder hunts for
    /// the next magic byte.
    TooLong {
        /// The type byte of the rejected header.
        ty: u8,
        /// The sequence byte of the rejected header.
        seq: u8,
        /// The announced length.
        len: usize,
    },
    /// The CRC does not match.
    BadCrc {
        /// The (possibly damaged) type byte.
        ty: u8,
        /// The (possibly damaged) sequence byte.
        seq: u8,
    },
}

/// What one byte did to the [`Decoder`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feed {
    /// Part of a frame; nothing complete yet.
    Pending,
    /// A byte outside any frame (not the magic).
    Stray(u8),
    /// A complete frame with a good CRC.
    Frame(Header),
    /// A damaged frame was dropped.
    Bad(FrameError),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum St {
    Hunt,
    Header(u8),
    Payload,
    Crc(u8),
}

/// Byte-at-a-time frame decoder over a buffer `B` (the largest payload it accepts is the buffer's length).
#[derive(Debug, Clone)]
pub struct Decoder<B> {
    buf: B,
    st: St,
    head: [u8; 4],
    len: usize,
    got: usize,
    crc: [u8; 4],
}

impl<B: AsRef<[u8]> + AsMut<[u8]>> Decoder<B> {
    /// A decoder accepting payloads up to `buf.as_ref().len()` bytes.
    pub fn new(buf: B) -> Self {
        Decoder {
            buf,
            st: St::Hunt,
            head: [0; 4],
            len: 0,
            got: 0,
            crc: [0; 4],
        }
    }

    /// The largest payload accepted.
    pub fn capacity(&self) -> usize {
        self.buf.as_ref().len()
    }

    /// Whether a frame has started and is not complete.
    pub fn in_frame(&self) -> bool {
        self.st != St::Hunt
    }

    /// Drop a partial frame (a read timed out); returns whether there was one.
    pub fn abandon(&mut self) -> bool {
        let was = self.in_frame();
        self.st = St::Hunt;
        was
    }

    /// The payload of the frame last returned as [`Feed::Frame`].
    pub fn payload(&self) -> &[u8] {
        self.buf.as_ref().get(..self.len).unwrap_or(&[])
    }

    /// Feed one byte.
    pub fn push(&mut self, b: u8) -> Feed {
        match self.st {
            St::Hunt => {
                if b == MAGIC {
                    self.st = St::Header(0);
                    Feed::Pending
                } else {
                    Feed::Stray(b)
                }
            }
            St::Header(n) => {
                let n = n as usize;
                if let Some(slot) = self.head.get_mut(n) {
                    *slot = b;
                }
                if n + 1 < self.head.len() {
                    self.st = St::Header(n as u8 + 1);
                    return Feed::Pending;
                }
                let len = u16::from_le_bytes([self.head[2], self.head[3]]) as usize;
                if len > self.capacity() {
                    self.st = St::Hunt;
                    return Feed::Bad(FrameError::TooLong {
                        ty: self.head[0],
                        seq: self.head[1],
                        len,
                    });
                }
                self.len = len;
                self.got = 0;
                self.st = if len == 0 { St::Crc(0) } else { St::Payload };
                Feed::Pending
            }
            St::Payload => {
                if let Some(slot) = self.buf.as_mut().get_mut(self.got) {
                    *slot = b;
                }
                self.got += 1;
                if self.got >= self.len {
                    self.st = St::Crc(0);
                }
                Feed::Pending
            }
            St::Crc(n) => {
                let n = n as usize;
                if let Some(slot) = self.crc.get_mut(n) {
                    *slot = b;
                }
                if n + 1 < CRC_LEN {
                    self.st = St::Crc(n as u8 + 1);
                    return Feed::Pending;
                }
                self.st = St::Hunt;
                let mut h = Hasher::new();
                h.update(&self.head);
                h.update(self.payload());
                let (ty, seq) = (self.head[0], self.head[1]);
                if h.finalize() == u32::from_le_bytes(self.crc) {
                    Feed::Frame(Header {
                        ty,
                        seq,
                        len: self.len,
                    })
                } else {
                    Feed::Bad(FrameError::BadCrc { ty, seq })
                }
            }
        }
    }
}

/// Bounds-checked little-endian reader over a payload.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    data: &'a [u8],
}

impl<'a> Reader<'a> {
    /// Read from the start of `data`.
    pub fn new(data: &'a [u8]) -> Self {
        Reader { data }
    }
    /// Bytes not read yet.
    pub fn rest(&self) -> &'a [u8] {
        self.data
    }
    /// Whether everything was read.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.data.len() < n {
            return None;
        }
        let (a, b) = self.data.split_at(n);
        self.data = b;
        Some(a)
    }
    /// A byte.
    pub fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    /// A u16 LE.
    pub fn u16(&mut self) -> Option<u16> {
        self.take(2).map(|b| u16::from_le_bytes([b[0], b[1]]))
    }
    /// A u32 LE.
    pub fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    /// 32 bytes (a sha256).
    pub fn sha(&mut self) -> Option<[u8; 32]> {
        let b = self.take(32)?;
        let mut out = [0u8; 32];
        out.copy_from_slice(b);
        Some(out)
    }
    /// A UTF-8 string of `n` bytes.
    pub fn str(&mut self, n: usize) -> Option<&'a str> {
        core::str::from_utf8(self.take(n)?).ok()
    }
    /// The rest as UTF-8.
    pub fn rest_str(&mut self) -> Option<&'a str> {
        let s = core::str::from_utf8(self.data).ok()?;
        self.data = &[];
        Some(s)
    }
}

/// Bounds-checked writer into a buffer.
#[derive(Debug)]
pub struct Writer<'a> {
    buf: &'a mut [u8],
    len: usize,
}

impl<'a> Writer<'a> {
    /// Write at the start of `buf`.
    pub fn new(buf: &'a mut [u8]) -> Self {
        Writer { buf, len: 0 }
    }
    /// Bytes written.
    pub fn len(&self) -> usize {
        self.len
    }
    /// Nothing written yet.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// Append bytes; `None` (and nothing written) if they do not fit.
    pub fn put(&mut self, b: &[u8]) -> Option<()> {
        let end = self.len.checked_add(b.len())?;
        self.buf.get_mut(self.len..end)?.copy_from_slice(b);
        self.len = end;
        Some(())
    }
    /// Append a byte.
    pub fn u8(&mut self, v: u8) -> Option<()> {
        self.put(&[v])
    }
    /// Append a u16 LE.
    pub fn u16(&mut self, v: u16) -> Option<()> {
        self.put(&v.to_le_bytes())
    }
    /// Append a u32 LE.
    pub fn u32(&mut self, v: u32) -> Option<()> {
        self.put(&v.to_le_bytes())
    }
}

/// The hello payload: `UPYF`, version u8, window u8, max payload u16 LE, caps u16 LE, cwd (rest, UTF-8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hello<'a> {
    /// Protocol version ([`VERSION`]).
    pub version: u8,
    /// DATA frames a sender may have unacknowledged, in both directions (≥ 1).
    pub window: u8,
    /// Largest payload the device accepts and sends.
    pub max_payload: u16,
    /// [`caps`] bits.
    pub caps: u16,
    /// The device's working directory (relative paths in requests are resolved against it).
    pub cwd: &'a str,
}

impl<'a> Hello<'a> {
    /// Encode into `out`; returns the payload length.
    pub fn encode(&self, out: &mut [u8]) -> Option<usize> {
        let mut w = Writer::new(out);
        w.put(HELLO_MAGIC)?;
        w.u8(self.version)?;
        w.u8(self.window)?;
        w.u16(self.max_payload)?;
        w.u16(self.caps)?;
        w.put(self.cwd.as_bytes())?;
        Some(w.len())
    }

    /// Parse a hello payload; `None` if it is not one.
    pub fn parse(p: &'a [u8]) -> Option<Hello<'a>> {
        let mut r = Reader::new(p);
        if r.take(4)? != HELLO_MAGIC {
            return None;
        }
        let h = Hello {
            version: r.u8()?,
            window: r.u8()?,
            max_payload: r.u16()?,
            caps: r.u16()?,
            cwd: r.rest_str()?,
        };
        if h.window == 0 || (h.max_payload as usize) < MIN_PAYLOAD {
            return None;
        }
        Some(h)
    }
}

/// An error payload: errno u16 LE + UTF-8 message. Returns the payload length.
pub fn encode_err(errno: u16, msg: &str, out: &mut [u8]) -> Option<usize> {
    let mut w = Writer::new(out);
    w.u16(errno)?;
    // Truncate the message to what fits, at a character boundary.
    let room = out_room(&w);
    let mut end = msg.len().min(room);
    while !msg.is_char_boundary(end) {
        end -= 1;
    }
    w.put(&msg.as_bytes()[..end])?;
    Some(w.len())
}

fn out_room(w: &Writer<'_>) -> usize {
    w.buf.len().saturating_sub(w.len)
}

/// Parse an error payload into (errno, message).
pub fn parse_err(p: &[u8]) -> Option<(u16, &str)> {
    let mut r = Reader::new(p);
    let errno = r.u16()?;
    let rest = r.rest();
    // A message cut inside a character is shown up to the cut.
    let msg = match core::str::from_utf8(rest) {
        Ok(s) => s,
        Err(e) => core::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or(""),
    };
    Some((errno, msg))
}

/// One entry of a LIST stream: kind u8, size u32 LE, sha256 (32 bytes, files in a hashed listing only),
/// path length u16 LE, absolute path (UTF-8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListRecord<'a> {
    /// [`kind::FILE`] or [`kind::DIR`].
    pub kind: u8,
    /// File size (0 for directories).
    pub size: u32,
    /// sha256 of the file's contents.
    pub sha256: Option<[u8; 32]>,
    /// Absolute device path.
    pub path: &'a str,
}

impl<'a> ListRecord<'a> {
    /// Bytes this record takes on the wire.
    pub fn wire_len(&self) -> usize {
        1 + 4 + if self.sha256.is_some() { 32 } else { 0 } + 2 + self.path.len()
    }

    /// Append to `w`; `None` (nothing written) if it does not fit.
    pub fn encode(&self, w: &mut Writer<'_>) -> Option<()> {
        if out_room(w) < self.wire_len() || self.path.len() > u16::MAX as usize {
            return None;
        }
        w.u8(self.kind)?;
        w.u32(self.size)?;
        if let Some(h) = &self.sha256 {
            w.put(h)?;
        }
        w.u16(self.path.len() as u16)?;
        w.put(self.path.as_bytes())
    }

    /// Parse the next record; `hashed` says whether files carry a sha256.
    pub fn parse(r: &mut Reader<'a>, hashed: bool) -> Option<ListRecord<'a>> {
        let kind = r.u8()?;
        let size = r.u32()?;
        let sha256 = if hashed && kind == kind::FILE {
            Some(r.sha()?)
        } else {
            None
        };
        let n = r.u16()? as usize;
        let path = r.str(n)?;
        Some(ListRecord {
            kind,
            size,
            sha256,
            path,
        })
    }
}

/// Encode a DATA/ACK/NAK-style payload prefix (the offset) followed by `data`.
pub fn offset_of(p: &[u8]) -> Option<u32> {
    Reader::new(p).u32()
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::vec;
    use std::vec::Vec;

    fn frame(ty: u8, seq: u8, payload: &[u8]) -> Vec<u8> {
        let mut out = vec![0u8; payload.len() + OVERHEAD];
        let n = encode(ty, seq, &[payload], &mut out).unwrap();
        out.truncate(n);
        out
    }

    fn decode_all(dec: &mut Decoder<Vec<u8>>, bytes: &[u8]) -> Vec<(Feed, Vec<u8>)> {
        let mut out = Vec::new();
        for &b in bytes {
            match dec.push(b) {
                Feed::Pending => {}
                f @ Feed::Frame(_) => out.push((f, dec.payload().to_vec())),
                f => out.push((f, Vec::new())),
            }
        }
        out
    }

    #[test]
    fn layout_is_as_documented() {
        let f = frame(Type::Stat as u8, 7, b"/a");
        assert_eq!(&f[..5], &[0xA5, 0x10, 7, 2, 0]);
        assert_eq!(&f[5..7], b"/a");
        // zlib's crc32 of 10 07 02 00 2f 61
        let crc = crc32(&[0x10, 7, 2, 0, b'/', b'a']);
        assert_eq!(&f[7..], &crc.to_le_bytes());
        // Known CRC-32 check value.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn round_trip_including_empty_and_full_payloads() {
        let mut dec = Decoder::new(vec![0u8; 4096]);
        for len in [0usize, 1, 255, 4096] {
            let payload: Vec<u8> = (0..len).map(|i| (i * 7) as u8).collect();
            let got = decode_all(&mut dec, &frame(0x06, len as u8, &payload));
            assert_eq!(got.len(), 1);
            assert_eq!(
                got[0].0,
                Feed::Frame(Header {
                    ty: 6,
                    seq: len as u8,
                    len
                })
            );
            assert_eq!(got[0].1, payload);
        }
    }

    #[test]
    fn every_single_bit_flip_is_caught() {
        let f = frame(0x13, 1, b"hello, frames \x03\x04\x01 binary");
        for i in 1..f.len() {
            for bit in 0..8 {
                let mut g = f.clone();
                g[i] ^= 1 << bit;
                let mut dec = Decoder::new(vec![0u8; 64]);
                let got = decode_all(&mut dec, &g);
                assert!(
                    got.iter().all(|(x, _)| !matches!(x, Feed::Frame(_))),
                    "flip at byte {i} bit {bit} accepted"
                );
            }
        }
    }

    #[test]
    fn truncated_frame_is_never_accepted_and_abandon_resets() {
        let f = frame(0x10, 3, b"/lib/x.py");
        for cut in 1..f.len() {
            let mut dec = Decoder::new(vec![0u8; 64]);
            let got = decode_all(&mut dec, &f[..cut]);
            assert!(got.is_empty(), "cut at {cut}");
            assert!(dec.in_frame());
            assert!(dec.abandon());
            // The next complete frame decodes.
            let got = decode_all(&mut dec, &f);
            assert!(matches!(got[0].0, Feed::Frame(_)));
        }
    }

    #[test]
    fn too_long_is_rejected_at_the_header() {
        let mut dec = Decoder::new(vec![0u8; 16]);
        let f = frame(0x06, 9, &[0u8; 17]);
        let got = decode_all(&mut dec, &f[..5]);
        assert_eq!(
            got[0].0,
            Feed::Bad(FrameError::TooLong {
                ty: 6,
                seq: 9,
                len: 17
            })
        );
        assert!(!dec.in_frame());
    }

    #[test]
    fn stray_bytes_are_reported_and_a_frame_after_garbage_decodes() {
        let mut dec = Decoder::new(vec![0u8; 64]);
        let mut input = b"\r\x03garbage".to_vec();
        input.extend(frame(0x02, 0, b"ok"));
        let got = decode_all(&mut dec, &input);
        assert_eq!(got[0].0, Feed::Stray(b'\r'));
        assert_eq!(got[1].0, Feed::Stray(3));
        assert_eq!(got.len(), 2 + 7 + 1);
        assert_eq!(got.last().unwrap().1, b"ok");
    }

    #[test]
    fn no_panic_on_any_bytes_and_all_frames_found_after_noise() {
        // Exhaustive over short inputs starting with the magic (every header variant that matters for
        // small buffers), then a long randomized run mixing noise and valid frames.
        let mut dec = Decoder::new(vec![0u8; 8]);
        for a in 0..=255u8 {
            for b in [0u8, 1, 7, 8, 9, 255] {
                for c in [0u8, 1, 255] {
                    for &x in &[MAGIC, a, 0x06, b, c, a, b, c, a, 0, 0, 0, 0] {
                        let _ = dec.push(x);
                    }
                    dec.abandon();
                }
            }
        }
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut dec = Decoder::new(vec![0u8; 300]);
        let mut found = 0;
        let mut sent = 0;
        for _ in 0..3000 {
            let r = next();
            if r % 4 == 0 {
                let len = (next() % 300) as usize;
                let p: Vec<u8> = (0..len).map(|_| next() as u8).collect();
                let f = frame((r >> 8) as u8, (r >> 16) as u8, &p);
                // A valid frame after a partial one that was abandoned (timeout) must decode.
                dec.abandon();
                sent += 1;
                for (fe, payload) in decode_all(&mut dec, &f) {
                    if let Feed::Frame(h) = fe {
                        assert_eq!(payload, p);
                        assert_eq!(h.len, len);
                        found += 1;
                    }
                }
            } else {
                for _ in 0..(r % 50) {
                    let _ = dec.push(next() as u8);
                }
            }
            let _ = dec.payload();
        }
        assert_eq!(found, sent);
    }

    #[test]
    fn hello_round_trip_and_rejects() {
        let h = Hello {
            version: VERSION,
            window: 4,
            max_payload: 4096,
            caps: caps::LIST_HASH | caps::ATOMIC_PUT,
            cwd: "/lib",
        };
        let mut buf = [0u8; 64];
        let n = h.encode(&mut buf).unwrap();
        assert_eq!(Hello::parse(&buf[..n]), Some(h));
        assert_eq!(Hello::parse(&buf[..5]), None);
        assert_eq!(Hello::parse(b"XXXX\x01\x04\x00\x10\x00\x00"), None);
        // window 0 and tiny payloads are refused
        assert_eq!(Hello::parse(b"UPYF\x01\x00\x00\x10\x00\x00"), None);
        assert_eq!(Hello::parse(b"UPYF\x01\x01\x10\x00\x00\x00"), None);
        assert!(Hello::encode(&h, &mut [0u8; 5]).is_none());
    }

    #[test]
    fn list_records_round_trip_and_truncation() {
        let recs = [
            ListRecord {
                kind: kind::DIR,
                size: 0,
                sha256: None,
                path: "/lib",
            },
            ListRecord {
                kind: kind::FILE,
                size: 1234,
                sha256: Some([7u8; 32]),
                path: "/lib/ä.py",
            },
        ];
        let mut buf = [0u8; 128];
        let mut w = Writer::new(&mut buf);
        for r in &recs {
            r.encode(&mut w).unwrap();
        }
        let n = w.len();
        let mut r = Reader::new(&buf[..n]);
        assert_eq!(ListRecord::parse(&mut r, true), Some(recs[0]));
        assert_eq!(ListRecord::parse(&mut r, true), Some(recs[1]));
        assert!(r.is_empty());
        for cut in 0..n {
            let mut r = Reader::new(&buf[..cut]);
            let mut count = 0;
            while ListRecord::parse(&mut r, true).is_some() {
                count += 1;
            }
            assert!(count < 2);
        }
        // Does not fit: nothing written.
        let mut small = [0u8; 10];
        let mut w = Writer::new(&mut small);
        assert!(recs[1].encode(&mut w).is_none());
        assert_eq!(w.len(), 0);
    }

    #[test]
    fn errors_round_trip_and_truncate_on_char_boundary() {
        let mut buf = [0u8; 8];
        let n = encode_err(2, "äää", &mut buf).unwrap();
        assert_eq!(n, 2 + 6);
        assert_eq!(parse_err(&buf[..n]), Some((2, "äää")));
        let mut buf = [0u8; 5];
        let n = encode_err(2, "äää", &mut buf).unwrap();
        assert_eq!(parse_err(&buf[..n]), Some((2, "ä")));
        assert_eq!(parse_err(&[1]), None);
        assert_eq!(parse_err(&[2, 0, 0xc3]), Some((2, "")));
    }
}
