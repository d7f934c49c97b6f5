//! Host end of upy binary frames (`docs/protocol.md`): negotiation inside the raw REPL, requests,
//! windowed and CRC-checked transfers both ways, and leaving frame mode.
//!
//! Stock MicroPython answers the frames request `\x05U\x01` with `R\x00` and `>` (or, before raw-paste
//! existed, with the raw banner): [`Client::frames`] then returns `None` and remembers it, so a stock
//! device sees that request once per session and never a frame.

use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use super::Transport;
use super::client::Client;
use super::error::{DeviceException, Errno, Error};
use crate::ctrl::RAW_BANNER_PROMPT;
use crate::frame::{
    self, Decoder, Feed, Hello, ListRecord, OFFSET_LEN, Reader, Type, kind, list_flags,
};

/// What the device said in its hello frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FramesInfo {
    /// Protocol version.
    pub version: u8,
    /// DATA frames in flight before an acknowledgement.
    pub window: u8,
    /// Largest payload either side sends.
    pub max_payload: u16,
    /// Capability bits ([`crate::frame::caps`]).
    pub caps: u16,
    /// The device's working directory.
    pub cwd: String,
}

/// Bytes moved in frame mode on this connection (for `UPY_WIRE_STATS` and benchmarks).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WireStats {
    /// Bytes written to the device while in frame mode (frames and the negotiation request).
    pub tx_bytes: u64,
    /// Bytes read from the device while in frame mode.
    pub rx_bytes: u64,
    /// File contents moved (GET and PUT payload bytes, once each).
    pub payload_bytes: u64,
}

/// Kind and size of a device path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStat {
    /// A directory?
    pub is_dir: bool,
    /// Size in bytes (files).
    pub size: u32,
}

/// One entry of a LIST reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameEntry {
    /// Absolute device path.
    pub path: String,
    /// A directory?
    pub is_dir: bool,
    /// Size in bytes (files).
    pub size: u32,
    /// sha256 computed on the device (hashed listings, files only).
    pub sha256: Option<[u8; 32]>,
}

/// Filesystem size (STATVFS).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FsUsage {
    /// Block size.
    pub bsize: u32,
    /// Total blocks.
    pub blocks: u32,
    /// Free blocks.
    pub bfree: u32,
}

/// Times a transfer goes back (NAK or silence) before giving up.
const MAX_RESENDS: u32 = 8;
/// How long a sender waits for an acknowledgement before sending again from the last one.
const ACK_TIMEOUT: Duration = Duration::from_secs(2);

enum Got {
    Frame(u8, u8, Vec<u8>),
    Bad,
    Timeout,
}

fn device_error(payload: &[u8]) -> Error {
    let (errno, msg) = frame::parse_err(payload).unwrap_or((5, "malformed error frame"));
    let e = Errno::from_code(i32::from(errno));
    Error::Exception(DeviceException {
        kind: "OSError".into(),
        message: format!("[Errno {}] {}", errno, e.name()),
        errno: Some(e),
        traceback: msg.to_string(),
    })
}

impl<T: Transport> Client<T> {
    /// Switch to upy frames if the device serves them: `Some(info)` (the device is in frame mode now), or
    /// `None` for a device that does not (stock MicroPython; asked once per session). Must be in the raw
    /// REPL.
    pub fn frames(&mut self) -> Result<Option<FramesInfo>, Error> {
        if let Some(None) = &self.frames {
            return Ok(None);
        }
        if self.in_frames {
            return Ok(self.frames.clone().flatten());
        }
        if !self.in_raw {
            return Err(Error::Protocol("not in raw REPL".into()));
        }
        if self.prompt_due {
            self.wait_prompt()?;
        }
        self.send_raw(frame::FRAMES_REQUEST)?;
        let answer = self.read_exact(2, "the answer to the frames request")?;
        match answer.as_slice() {
            b"R\x01" => {}
            b"R\x00" => {
                self.wait_prompt()?;
                self.frames = Some(None);
                return Ok(None);
            }
            _ => {
                // Firmware older than raw-paste: the Ctrl-A reset the raw REPL (banner + `>`).
                for &b in answer.iter().rev() {
                    self.pending.push_front(b);
                }
                self.read_until(
                    RAW_BANNER_PROMPT,
                    self.step_timeout,
                    self.step_timeout,
                    "the raw REPL banner after a refused frames request",
                )?;
                self.frames = Some(None);
                return Ok(None);
            }
        }
        self.in_frames = true;
        let mut dec = Decoder::new(vec![0u8; frame::MAX_PAYLOAD_LIMIT]);
        let info = loop {
            match self.recv(&mut dec, self.step_timeout)? {
                Got::Frame(ty, _, p) if ty == Type::Hello as u8 => {
                    let h = Hello::parse(&p).ok_or_else(|| {
                        Error::Protocol(format!(
                            "malformed frames hello from the device: {}",
                            super::show_bytes(&p)
                        ))
                    })?;
                    if h.version != frame::VERSION {
                        // Leave frame mode again: the raw REPL keeps working.
                        self.in_frames = false;
                        self.send_raw(b"\r\x03")?;
                        std::thread::sleep(Duration::from_millis(20));
                        self.drain()?;
                        self.frames = Some(None);
                        return Ok(None);
                    }
                    break FramesInfo {
                        version: h.version,
                        window: h.window,
                        max_payload: h.max_payload,
                        caps: h.caps,
                        cwd: h.cwd.to_string(),
                    };
                }
                Got::Frame(..) | Got::Bad => {}
                Got::Timeout => {
                    self.in_frames = false;
                    return Err(Error::Timeout {
                        waiting_for: "the frames hello",
                        received: Vec::new(),
                    });
                }
            }
        };
        self.frames = Some(Some(info.clone()));
        Ok(Some(info))
    }

    /// Whether the device was asked for frames and what it said (`None`: not asked yet).
    pub fn frames_known(&self) -> Option<bool> {
        self.frames.as_ref().map(Option::is_some)
    }

    /// Whether the device is serving frames right now.
    pub fn in_frames(&self) -> bool {
        self.in_frames
    }

    /// Bytes moved in frame mode so far.
    pub fn wire_stats(&self) -> WireStats {
        self.wire
    }

    /// Leave frame mode (END, then the raw REPL prompt `>` follows). Does nothing outside frame mode.
    pub fn leave_frames(&mut self) -> Result<(), Error> {
        if !self.in_frames {
            return Ok(());
        }
        let r = self.request(Type::End, &[&[]], false);
        self.in_frames = false;
        match r {
            Ok(_) => {
                self.prompt_due = true;
                Ok(())
            }
            Err(_) => {
                // The device may have left frame mode already: a control byte ends it in any case.
                self.resync()
            }
        }
    }

    // ---- wire ----------------------------------------------------------------------------------

    fn send_raw(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.wire.tx_bytes += bytes.len() as u64;
        self.transport.write_all(bytes)?;
        Ok(())
    }

    fn send_frame(&mut self, ty: u8, seq: u8, parts: &[&[u8]]) -> Result<(), Error> {
        let len: usize = parts.iter().map(|p| p.len()).sum();
        let mut buf = vec![0u8; len + frame::OVERHEAD];
        let n = frame::encode(ty, seq, parts, &mut buf)
            .ok_or_else(|| Error::Protocol(format!("frame payload of {len} bytes too large")))?;
        self.send_raw(&buf[..n])
    }

    fn recv(&mut self, dec: &mut Decoder<Vec<u8>>, timeout: Duration) -> Result<Got, Error> {
        let deadline = Instant::now() + timeout;
        loop {
            while let Some(b) = self.pending.pop_front() {
                self.wire.rx_bytes += 1;
                match dec.push(b) {
                    Feed::Pending | Feed::Stray(_) => {}
                    Feed::Frame(h) => return Ok(Got::Frame(h.ty, h.seq, dec.payload().to_vec())),
                    Feed::Bad(_) => return Ok(Got::Bad),
                }
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || !self.fill(left)? {
                dec.abandon();
                return Ok(Got::Timeout);
            }
        }
    }

    fn decoder(&self) -> Decoder<Vec<u8>> {
        let mp = self
            .frames
            .as_ref()
            .and_then(|f| f.as_ref())
            .map_or(frame::MAX_PAYLOAD_LIMIT, |f| f.max_payload as usize);
        Decoder::new(vec![0u8; mp])
    }

    /// The hello of the current frame session; re-enters frame mode when a program ran since.
    fn info(&mut self) -> Result<FramesInfo, Error> {
        match (&self.frames, self.in_frames) {
            (Some(Some(i)), true) => Ok(i.clone()),
            (Some(Some(_)), false) => self
                .frames()?
                .ok_or_else(|| Error::Protocol("the device stopped offering upy frames".into())),
            _ => Err(Error::Protocol(
                "the device does not serve upy frames (call Client::frames first)".into(),
            )),
        }
    }

    fn next_seq(&mut self) -> u8 {
        self.frame_seq = self.frame_seq.wrapping_add(1);
        if self.frame_seq == 0 {
            self.frame_seq = 1;
        }
        self.frame_seq
    }

    /// Wait for OK or ERR of `seq`; other frames are ignored.
    fn reply(&mut self, dec: &mut Decoder<Vec<u8>>, seq: u8) -> Result<Option<Vec<u8>>, Error> {
        loop {
            match self.recv(dec, self.step_timeout)? {
                Got::Frame(ty, s, p) if s == seq && ty == Type::Ok as u8 => return Ok(Some(p)),
                Got::Frame(ty, s, p) if s == seq && ty == Type::Err as u8 => {
                    return Err(device_error(&p));
                }
                Got::Frame(..) => {}
                Got::Bad => return Ok(None),
                Got::Timeout => {
                    return Err(Error::Timeout {
                        waiting_for: "a frame reply",
                        received: Vec::new(),
                    });
                }
            }
        }
    }

    /// Send a request and wait for its OK payload. Idempotent requests are sent again once after a
    /// damaged reply.
    fn request(&mut self, ty: Type, parts: &[&[u8]], idempotent: bool) -> Result<Vec<u8>, Error> {
        let mut dec = self.decoder();
        for attempt in 0..2 {
            let seq = self.next_seq();
            self.send_frame(ty as u8, seq, parts)?;
            if let Some(p) = self.reply(&mut dec, seq)? {
                return Ok(p);
            }
            if !idempotent || attempt == 1 {
                break;
            }
        }
        Err(Error::Protocol(format!(
            "damaged reply frame from {} (CRC mismatch)",
            self.transport.describe()
        )))
    }

    // ---- operations ----------------------------------------------------------------------------

    /// Kind and size of `path`; `None` when nothing is there.
    pub fn fstat(&mut self, path: &str) -> Result<Option<FileStat>, Error> {
        self.info()?;
        match self.request(Type::Stat, &[path.as_bytes()], true) {
            Ok(p) => {
                let mut r = Reader::new(&p);
                let (k, size) = r
                    .u8()
                    .zip(r.u32())
                    .ok_or_else(|| Error::Protocol("short STAT reply".into()))?;
                Ok(Some(FileStat {
                    is_dir: k == kind::DIR,
                    size,
                }))
            }
            Err(e) if e.errno() == Some(Errno::ENOENT) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// sha256 of a file, computed on the device.
    pub fn fhash(&mut self, path: &str) -> Result<[u8; 32], Error> {
        self.info()?;
        let p = self.request(Type::Hash, &[path.as_bytes()], true)?;
        Reader::new(&p)
            .sha()
            .ok_or_else(|| Error::Protocol("short HASH reply".into()))
    }

    /// Filesystem size of the filesystem holding `path`.
    pub fn fstatvfs(&mut self, path: &str) -> Result<FsUsage, Error> {
        self.info()?;
        let p = self.request(Type::Statvfs, &[path.as_bytes()], true)?;
        let mut r = Reader::new(&p);
        match (r.u32(), r.u32(), r.u32()) {
            (Some(bsize), Some(blocks), Some(bfree)) => Ok(FsUsage {
                bsize,
                blocks,
                bfree,
            }),
            _ => Err(Error::Protocol("short STATVFS reply".into())),
        }
    }

    /// Create a directory (`parents`: all missing parents, no error if it exists).
    pub fn fmkdir(&mut self, path: &str, parents: bool) -> Result<(), Error> {
        self.info()?;
        self.request(
            Type::Mkdir,
            &[&[u8::from(parents)], path.as_bytes()],
            parents,
        )?;
        Ok(())
    }

    /// Remove a file (`recursive`: or a directory tree).
    pub fn fremove(&mut self, path: &str, recursive: bool) -> Result<(), Error> {
        self.info()?;
        self.request(
            Type::Remove,
            &[&[u8::from(recursive)], path.as_bytes()],
            false,
        )?;
        Ok(())
    }

    /// Remove an empty directory.
    pub fn frmdir(&mut self, path: &str) -> Result<(), Error> {
        self.info()?;
        self.request(Type::Rmdir, &[path.as_bytes()], false)?;
        Ok(())
    }

    /// Rename `from` to `to` (replaces a file at `to`).
    pub fn frename(&mut self, from: &str, to: &str) -> Result<(), Error> {
        self.info()?;
        let n = u16::try_from(from.len())
            .map_err(|_| Error::Protocol("path too long".into()))?
            .to_le_bytes();
        self.request(Type::Rename, &[&n, from.as_bytes(), to.as_bytes()], false)?;
        Ok(())
    }

    /// Everything under directory `path` (not `path` itself), in one request: paths, kinds, sizes, and
    /// with `hashes` the sha256 of every file, computed on the device.
    pub fn flist(
        &mut self,
        path: &str,
        recursive: bool,
        hashes: bool,
    ) -> Result<Vec<FrameEntry>, Error> {
        self.info()?;
        let mut flags = 0;
        if recursive {
            flags |= list_flags::RECURSIVE;
        }
        if hashes {
            flags |= list_flags::HASHES;
        }
        let mut last_err = None;
        for _ in 0..2 {
            match self.list_once(flags, path, hashes) {
                Ok(v) => return Ok(v),
                // The device gives up on a listing damaged in transit (EIO): ask once more.
                Err(e) if e.errno() == Some(Errno::EIO) => last_err = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last_err.unwrap_or(Error::Protocol("listing failed".into())))
    }

    fn list_once(&mut self, flags: u8, path: &str, hashes: bool) -> Result<Vec<FrameEntry>, Error> {
        let mut dec = self.decoder();
        let seq = self.next_seq();
        self.send_frame(Type::List as u8, seq, &[&[flags], path.as_bytes()])?;
        let mut out = Vec::new();
        let mut expected = 0u32;
        let mut nak_sent = false;
        loop {
            match self.recv(&mut dec, self.step_timeout)? {
                Got::Frame(ty, s, p) if s == seq => match Type::from_u8(ty) {
                    Some(Type::Data) => {
                        let off = frame::offset_of(&p).unwrap_or(u32::MAX);
                        if off < expected {
                            // The device went back (our ACK was lost): acknowledge again.
                            self.send_frame(Type::Ack as u8, seq, &[&expected.to_le_bytes()])?;
                            continue;
                        }
                        if off != expected {
                            if !nak_sent {
                                nak_sent = true;
                                self.send_frame(Type::Nak as u8, seq, &[&expected.to_le_bytes()])?;
                            }
                            continue;
                        }
                        let body = &p[OFFSET_LEN..];
                        let mut r = Reader::new(body);
                        while !r.is_empty() {
                            let rec = ListRecord::parse(&mut r, hashes).ok_or_else(|| {
                                Error::Protocol("malformed listing record from the device".into())
                            })?;
                            out.push(FrameEntry {
                                path: rec.path.to_string(),
                                is_dir: rec.kind == kind::DIR,
                                size: rec.size,
                                sha256: rec.sha256,
                            });
                        }
                        expected += body.len() as u32;
                        self.send_frame(Type::Ack as u8, seq, &[&expected.to_le_bytes()])?;
                    }
                    Some(Type::Ok) => {
                        let count = Reader::new(&p).u32().unwrap_or(u32::MAX);
                        if count as usize != out.len() {
                            return Err(Error::Protocol(format!(
                                "listing incomplete: the device listed {count} entries, {} arrived",
                                out.len()
                            )));
                        }
                        return Ok(out);
                    }
                    Some(Type::Err) => return Err(device_error(&p)),
                    _ => {}
                },
                Got::Frame(..) => {}
                Got::Bad => {
                    if !nak_sent {
                        nak_sent = true;
                        self.send_frame(Type::Nak as u8, seq, &[&expected.to_le_bytes()])?;
                    }
                }
                Got::Timeout => {
                    return Err(Error::Timeout {
                        waiting_for: "the directory listing",
                        received: Vec::new(),
                    });
                }
            }
        }
    }

    /// Read a whole file; `progress` gets the bytes received so far. The device's sha256 of what it sent
    /// is checked against what arrived.
    pub fn fget(&mut self, path: &str, progress: &mut dyn FnMut(u64)) -> Result<Vec<u8>, Error> {
        self.info()?;
        let mut dec = self.decoder();
        let seq = self.next_seq();
        self.send_frame(Type::Get as u8, seq, &[path.as_bytes()])?;
        let first = self
            .reply(&mut dec, seq)?
            .ok_or_else(|| Error::Protocol("damaged reply to a file read (CRC mismatch)".into()))?;
        let size = Reader::new(&first)
            .u32()
            .ok_or_else(|| Error::Protocol("short GET reply".into()))?;
        let mut data = Vec::with_capacity(size as usize);
        let mut nak_sent = false;
        let mut naks = 0;
        while (data.len() as u64) < u64::from(size) {
            let expected = data.len() as u32;
            match self.recv(&mut dec, self.step_timeout)? {
                Got::Frame(ty, s, p) if s == seq => match Type::from_u8(ty) {
                    Some(Type::Data) => {
                        let off = frame::offset_of(&p).unwrap_or(u32::MAX);
                        if off == expected {
                            let body = &p[OFFSET_LEN..];
                            if data.len() + body.len() > size as usize {
                                self.send_frame(Type::Cancel as u8, seq, &[])?;
                                return Err(Error::Protocol(
                                    "the device sent more data than the file's size".into(),
                                ));
                            }
                            data.extend_from_slice(body);
                            nak_sent = false;
                            self.send_frame(
                                Type::Ack as u8,
                                seq,
                                &[&(data.len() as u32).to_le_bytes()],
                            )?;
                            progress(data.len() as u64);
                        } else if off < expected {
                            // The device went back (our ACK was lost): acknowledge again.
                            self.send_frame(Type::Ack as u8, seq, &[&expected.to_le_bytes()])?;
                        } else if !nak_sent {
                            nak_sent = true;
                            naks += 1;
                            self.send_frame(Type::Nak as u8, seq, &[&expected.to_le_bytes()])?;
                        }
                    }
                    Some(Type::Err) => return Err(device_error(&p)),
                    _ => {}
                },
                Got::Frame(..) => {}
                Got::Bad => {
                    if !nak_sent {
                        nak_sent = true;
                        naks += 1;
                        self.send_frame(Type::Nak as u8, seq, &[&expected.to_le_bytes()])?;
                    }
                }
                Got::Timeout => {
                    return Err(Error::Timeout {
                        waiting_for: "file data",
                        received: Vec::new(),
                    });
                }
            }
            if naks > MAX_RESENDS {
                self.send_frame(Type::Cancel as u8, seq, &[])?;
                return Err(Error::Protocol(format!(
                    "too many damaged frames from {}",
                    self.transport.describe()
                )));
            }
        }
        // The final OK; a DATA frame sent again meanwhile means our last ACK was lost: repeat it.
        let fin = loop {
            match self.recv(&mut dec, self.step_timeout)? {
                Got::Frame(ty, s, p) if s == seq => match Type::from_u8(ty) {
                    Some(Type::Ok) => break p,
                    Some(Type::Err) => return Err(device_error(&p)),
                    Some(Type::Data) => {
                        let done = (data.len() as u32).to_le_bytes();
                        self.send_frame(Type::Ack as u8, seq, &[&done])?;
                    }
                    _ => {}
                },
                Got::Frame(..) => {}
                Got::Bad => {
                    return Err(Error::Protocol(
                        "damaged end of a file read (CRC mismatch)".into(),
                    ));
                }
                Got::Timeout => {
                    return Err(Error::Timeout {
                        waiting_for: "the end of a file read",
                        received: Vec::new(),
                    });
                }
            }
        };
        let want = Reader::new(&fin)
            .sha()
            .ok_or_else(|| Error::Protocol("short end of a file read".into()))?;
        let got: [u8; 32] = Sha256::digest(&data).into();
        if got != want {
            return Err(Error::Protocol(
                "file data damaged in transit (sha256 mismatch)".into(),
            ));
        }
        self.wire.payload_bytes += data.len() as u64;
        Ok(data)
    }

    /// Write a whole file: the device writes `<path>.upytmp` and renames it over `path` only when every byte
    /// arrived and the sha256 matched. `progress` gets the bytes acknowledged so far.
    pub fn fput(
        &mut self,
        path: &str,
        data: &[u8],
        progress: &mut dyn FnMut(u64),
    ) -> Result<(), Error> {
        let info = self.info()?;
        let size = u32::try_from(data.len()).map_err(|_| {
            Error::Exception(DeviceException {
                kind: "OSError".into(),
                message: "[Errno 27] EFBIG".into(),
                errno: Some(Errno::EFBIG),
                traceback: String::new(),
            })
        })?;
        let sha: [u8; 32] = Sha256::digest(data).into();
        let mut dec = self.decoder();
        let seq = self.next_seq();
        self.send_frame(
            Type::Put as u8,
            seq,
            &[&size.to_le_bytes(), &sha, path.as_bytes()],
        )?;
        self.reply(&mut dec, seq)?.ok_or_else(|| {
            Error::Protocol("damaged reply to a file write (CRC mismatch)".into())
        })?;
        let chunk = info.max_payload as usize - OFFSET_LEN;
        let window = usize::from(info.window.max(1));
        let mut sent = 0usize;
        let mut acked = 0usize;
        let mut inflight = 0usize;
        let mut resends = 0;
        let mut buf = vec![0u8; chunk + OFFSET_LEN + frame::OVERHEAD];
        while acked < data.len() {
            while inflight < window && sent < data.len() {
                let end = data.len().min(sent + chunk);
                let n = frame::encode(
                    Type::Data as u8,
                    seq,
                    &[&(sent as u32).to_le_bytes(), &data[sent..end]],
                    &mut buf,
                )
                .ok_or_else(|| Error::Protocol("frame buffer too small".into()))?;
                self.wire.tx_bytes += n as u64;
                self.transport.write_all(&buf[..n])?;
                sent = end;
                inflight += 1;
            }
            match self.recv(&mut dec, ACK_TIMEOUT)? {
                Got::Frame(ty, s, p) if s == seq => match Type::from_u8(ty) {
                    Some(Type::Ack) => {
                        let off = frame::offset_of(&p).unwrap_or(0) as usize;
                        if off > acked && off <= sent {
                            acked = off;
                            // Frames are full-size except the last: how many are still unacknowledged.
                            inflight = (sent - acked).div_ceil(chunk);
                            progress(acked as u64);
                        }
                    }
                    Some(Type::Nak) => {
                        // Everything before `off` arrived: send again from there.
                        let off = (frame::offset_of(&p).unwrap_or(0) as usize).min(sent);
                        resends += 1;
                        if off > acked {
                            acked = off;
                            progress(acked as u64);
                        }
                        sent = acked;
                        inflight = 0;
                    }
                    Some(Type::Err) => return Err(device_error(&p)),
                    // The device only answers OK once every byte arrived and the file was renamed:
                    // the last ACK was lost on the way.
                    Some(Type::Ok) => {
                        progress(data.len() as u64);
                        self.wire.payload_bytes += data.len() as u64;
                        return Ok(());
                    }
                    _ => {}
                },
                Got::Frame(..) | Got::Bad => {}
                Got::Timeout => {
                    resends += 1;
                    sent = acked;
                    inflight = 0;
                }
            }
            if resends > MAX_RESENDS {
                self.send_frame(Type::Cancel as u8, seq, &[])?;
                return Err(Error::Timeout {
                    waiting_for: "acknowledgements of file data",
                    received: Vec::new(),
                });
            }
        }
        // The device renames the temporary file and answers.
        loop {
            match self.recv(&mut dec, self.step_timeout)? {
                Got::Frame(ty, s, p) if s == seq => match Type::from_u8(ty) {
                    Some(Type::Ok) => break,
                    Some(Type::Err) => return Err(device_error(&p)),
                    _ => {}
                },
                Got::Frame(..) | Got::Bad => {}
                Got::Timeout => {
                    return Err(Error::Timeout {
                        waiting_for: "the end of a file write",
                        received: Vec::new(),
                    });
                }
            }
        }
        self.wire.payload_bytes += data.len() as u64;
        Ok(())
    }
}
