//! The device end of upy binary frames (`docs/protocol.md`): file and tree operations on the board's
//! filesystem without Python in between.
//!
//! The raw REPL hands over when the host sends `\x05U\x01` ([`upy_protocol::device::Event::FramesStarted`],
//! `R\x01` already sent). [`serve`] sends the hello frame, answers requests until the host sends END, and
//! returns how frame mode ended. Outside a frame, on a clean line, `\r` or Ctrl-C means a raw-REPL host is
//! talking (mpremote starts with `\r\x03`): frame mode ends and that byte and everything after it go back to
//! the raw REPL. Inside a frame, a gap longer than [`FrameLimits::byte_timeout_ms`] drops the partial
//! frame; if its last byte was Ctrl-A (a host waiting for the raw banner), the raw REPL is reset as if that
//! Ctrl-A had arrived at the prompt. Other bytes outside a frame get one error frame per run (see
//! `Server::next` for the exact rules).
//!
//! Writes go to `<path>.upytmp` and are renamed over the target only after every byte arrived and the
//! sha256 the host announced matched; an abandoned transfer removes the temporary file.
//!
//! RAM while frame mode is active: the receive buffer (`max_payload`), the send buffer (`max_payload + 9`),
//! 256 bytes of console input, 512 bytes of hashing scratch, one sha256 state; LIST and recursive REMOVE
//! also hold one directory's entries per level of depth. All of it is freed when frame mode ends.

use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use sha2::{Digest, Sha256};
use upy_protocol::ctrl::{CTRL_A, CTRL_C};
use upy_protocol::errno::Errno;
use upy_protocol::frame::{
    self, Decoder, Feed, FrameError, Header, Hello, ListRecord, OFFSET_LEN, Reader, Type, Writer, caps,
    kind, list_flags,
};
use upy_vfs::{FileId, Lfs, OpenFlags};
use upy_vm::Vm;
use upy_vm::modules::os::{self as vos, Mounted};

use crate::{Console, FrameLimits, ReadResult};

/// How frame mode ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Leave {
    /// The host sent END (OK was sent): print the raw prompt `>`.
    End,
    /// `\r` or Ctrl-C on a clean line: feed these bytes (that byte first) to the raw REPL.
    Bytes(Vec<u8>),
    /// A partial frame ending in Ctrl-A timed out: a host is waiting for the raw banner.
    CtrlA,
    /// The console closed.
    Shutdown,
}

// errno values (MicroPython's), from the table both ends share.
const EIO: i32 = Errno::EIO.code();
const EEXIST: i32 = Errno::EEXIST.code();
const ENODEV: i32 = Errno::ENODEV.code();
const ENOTDIR: i32 = Errno::ENOTDIR.code();
const EISDIR: i32 = Errno::EISDIR.code();
const EXDEV: i32 = Errno::EXDEV.code();
const EINVAL: i32 = Errno::EINVAL.code();
const EFBIG: i32 = Errno::EFBIG.code();
const ENAMETOOLONG: i32 = Errno::ENAMETOOLONG.code();
const EOPNOTSUPP: i32 = Errno::EOPNOTSUPP.code();

/// Deepest directory nesting LIST and recursive REMOVE follow.
const MAX_DEPTH: usize = 32;
/// Times a sender goes back after NAKs or silence before it gives up.
const MAX_RESENDS: u32 = 8;
/// Suffix of the temporary file of a PUT.
pub const TMP_SUFFIX: &str = ".upytmp";

/// A failed operation: errno and what failed.
#[derive(Debug)]
struct FsErr {
    errno: i32,
    msg: String,
}

impl FsErr {
    fn new(errno: i32, msg: impl Into<String>) -> FsErr {
        FsErr { errno, msg: msg.into() }
    }
}

type FsResult<T> = core::result::Result<T, FsErr>;

/// What the receive loop got.
enum Rx {
    Frame(Header),
    Bad(FrameError),
    Timeout,
    Leave(Leave),
}

/// How a transfer ended when it did not complete.
enum Stop {
    /// Reply with this error (the host is still there).
    Err(FsErr),
    /// The host cancelled or went silent: no reply.
    Quiet,
    /// A new request arrived (its payload is in the decoder): dispatch it.
    Redispatch(Header),
    /// Frame mode ends.
    Leave(Leave),
}

impl From<FsErr> for Stop {
    fn from(e: FsErr) -> Stop {
        Stop::Err(e)
    }
}

struct Server<'a, C: Console> {
    con: &'a mut C,
    lim: FrameLimits,
    dec: Decoder<Vec<u8>>,
    tx: Vec<u8>,
    inbuf: Vec<u8>,
    inpos: usize,
    inlen: usize,
    /// The last thing received was a good frame or a quiet gap (see [`Server::next`]).
    clean: bool,
    garbage_reported: bool,
    /// The last byte was a Ctrl-A swallowed by a partial frame or ignored on an unclean line.
    swallowed_ctrl_a: bool,
    /// The console has timed reads (seen to time out). Without them there are no quiet gaps, so the line
    /// never becomes clean again: `\r`/Ctrl-C then end frame mode on any line.
    timed: bool,
    scratch: Vec<u8>,
}

/// Serve frames on `con` until the host ends frame mode. `R\x01` was already sent; this sends the hello.
pub fn serve<C: Console>(con: &mut C, vm: &mut Vm, lim: FrameLimits) -> Leave {
    let lim = FrameLimits {
        max_payload: lim.max_payload.clamp(frame::MIN_PAYLOAD as u16, frame::MAX_PAYLOAD_LIMIT as u16),
        window: lim.window.clamp(1, 16),
        ..lim
    };
    let mp = lim.max_payload as usize;
    let mut s = Server {
        con,
        lim,
        dec: Decoder::new(vec![0u8; mp]),
        tx: vec![0u8; mp + frame::OVERHEAD],
        inbuf: vec![0u8; 256],
        inpos: 0,
        inlen: 0,
        clean: true,
        garbage_reported: false,
        swallowed_ctrl_a: false,
        timed: false,
        scratch: vec![0u8; 512],
    };
    // The port's littlefs is mounted at `/`, so its paths are absolute paths.
    let cwd = match vos::resolve(vm, ".") {
        Ok((Mounted::Lfs, p)) => p,
        _ => {
            let _ = vm.take_exception();
            vm.clear_temps();
            String::from("/")
        }
    };
    let hello = Hello {
        version: frame::VERSION,
        window: lim.window,
        max_payload: lim.max_payload,
        caps: caps::LIST_HASH | caps::ATOMIC_PUT | caps::FS_OPS,
        cwd: &cwd,
    };
    let n = hello.encode(&mut s.tx[frame::HEADER_LEN..mp]).unwrap_or(0);
    s.send_sealed(Type::Hello as u8, 0, n);
    // Probe for timed reads: a console that has them times out at once (the host has not answered the
    // hello yet); the default `read_timeout` blocks until the host's first byte, which is kept.
    match s.con.read_timeout(&mut s.inbuf, 0) {
        ReadResult::Timeout => s.timed = true,
        ReadResult::Data(n) => {
            s.inpos = 0;
            s.inlen = n.min(s.inbuf.len());
        }
        ReadResult::Closed => return Leave::Shutdown,
    }
    let mut redispatch: Option<Header> = None;
    loop {
        let h = match redispatch.take() {
            Some(h) => h,
            None => match s.next(u32::MAX) {
                Rx::Frame(h) => h,
                Rx::Bad(e) => {
                    let (seq, what) = match e {
                        FrameError::BadCrc { seq, .. } => (seq, "damaged frame (CRC mismatch)"),
                        FrameError::TooLong { seq, .. } => (seq, "frame longer than the advertised maximum"),
                    };
                    s.send_err(seq, &FsErr::new(EIO, what));
                    continue;
                }
                Rx::Timeout => continue,
                Rx::Leave(l) => return l,
            },
        };
        match s.dispatch(vm, h) {
            Ok(()) => {}
            Err(Stop::Err(e)) => s.send_err(h.seq, &e),
            Err(Stop::Quiet) => {}
            Err(Stop::Redispatch(h2)) => redispatch = Some(h2),
            Err(Stop::Leave(l)) => return l,
        }
        if h.ty == Type::End as u8 {
            return Leave::End;
        }
    }
}

impl<C: Console> Server<'_, C> {
    // ---------------------------------------------------------------- wire

    fn send_sealed(&mut self, ty: u8, seq: u8, len: usize) {
        if let Some(n) = frame::seal(&mut self.tx, ty, seq, len) {
            self.con.write(&self.tx[..n]);
            self.con.flush();
        }
    }

    fn send(&mut self, ty: Type, seq: u8, parts: &[&[u8]]) {
        let mut len = 0;
        for p in parts {
            let start = frame::HEADER_LEN + len;
            let Some(dst) = self.tx.get_mut(start..start + p.len()) else { break };
            dst.copy_from_slice(p);
            len += p.len();
        }
        self.send_sealed(ty as u8, seq, len);
    }

    fn send_err(&mut self, seq: u8, e: &FsErr) {
        let mp = self.lim.max_payload as usize;
        let n = frame::encode_err(e.errno.clamp(0, u16::MAX as i32) as u16, &e.msg, &mut self.tx[frame::HEADER_LEN..mp])
            .unwrap_or(0);
        self.send_sealed(Type::Err as u8, seq, n);
    }

    /// The next frame. `idle_ms`: how long to wait outside a frame before [`Rx::Timeout`].
    ///
    /// Recovery rules (docs/protocol.md §7): on a *clean* line (the last thing received was a good frame,
    /// or the line was quiet for `byte_timeout_ms`), a stray `\r` or Ctrl-C ends frame mode: that is how
    /// every raw-REPL host starts. Any other stray byte is garbage (one error frame per run) and makes the
    /// line unclean, so the rest of a frame whose start was damaged or lost can never reach the raw REPL.
    /// A quiet gap drops a partial frame and cleans the line; if the last byte swallowed was Ctrl-A, a host
    /// is waiting for the raw banner: frame mode ends as if that Ctrl-A had reached the raw prompt.
    fn next(&mut self, idle_ms: u32) -> Rx {
        loop {
            if self.inpos >= self.inlen {
                let settling = self.dec.in_frame() || !self.clean;
                let t = if settling {
                    self.lim.byte_timeout_ms
                } else if idle_ms == u32::MAX {
                    1000
                } else {
                    idle_ms
                };
                let r = self.con.read_timeout(&mut self.inbuf, t);
                match r {
                    ReadResult::Data(n) => {
                        self.inpos = 0;
                        self.inlen = n.min(self.inbuf.len());
                    }
                    ReadResult::Closed => return Rx::Leave(Leave::Shutdown),
                    ReadResult::Timeout => {
                        self.timed = true;
                        self.dec.abandon();
                        self.clean = true;
                        self.garbage_reported = false;
                        if self.swallowed_ctrl_a {
                            self.swallowed_ctrl_a = false;
                            return Rx::Leave(Leave::CtrlA);
                        }
                        if settling {
                            continue;
                        }
                        if idle_ms != u32::MAX {
                            return Rx::Timeout;
                        }
                        continue;
                    }
                }
            }
            let b = self.inbuf[self.inpos];
            self.inpos += 1;
            match self.dec.push(b) {
                Feed::Pending => self.swallowed_ctrl_a = b == CTRL_A,
                Feed::Stray(b) => {
                    if (self.clean || !self.timed) && (b == b'\r' || b == CTRL_C) {
                        let mut rest = vec![b];
                        rest.extend_from_slice(&self.inbuf[self.inpos..self.inlen]);
                        self.inpos = self.inlen;
                        return Rx::Leave(Leave::Bytes(rest));
                    }
                    self.clean = false;
                    self.swallowed_ctrl_a = b == CTRL_A;
                    if !self.garbage_reported {
                        self.garbage_reported = true;
                        self.send_err(0, &FsErr::new(EINVAL, "garbage outside a frame (expected 0xA5)"));
                    }
                }
                Feed::Frame(h) => {
                    self.clean = true;
                    self.garbage_reported = false;
                    self.swallowed_ctrl_a = false;
                    return Rx::Frame(h);
                }
                Feed::Bad(e) => {
                    // The rest of a damaged frame must not be taken for a host's bytes; it is not
                    // reported as garbage either (the damaged frame gets its own error reply).
                    self.clean = false;
                    self.garbage_reported = true;
                    // The byte that completed a damaged frame may be a new host's Ctrl-A.
                    self.swallowed_ctrl_a = b == CTRL_A;
                    return Rx::Bad(e);
                }
            }
        }
    }

    /// Wait for a frame of this transfer (`seq`); a new request ends the transfer.
    fn next_in_transfer(&mut self, seq: u8) -> core::result::Result<Option<Header>, Stop> {
        loop {
            match self.next(1000) {
                Rx::Frame(h) if h.seq == seq => return Ok(Some(h)),
                Rx::Frame(h) => {
                    let is_request = h.ty >= 0x10 || h.ty == Type::End as u8;
                    if is_request {
                        return Err(Stop::Redispatch(h));
                    }
                    // A stale ACK/DATA of an earlier transfer: ignore.
                }
                Rx::Bad(_) => return Ok(None),
                // Silence (about a second) or a damaged frame: the caller resends or NAKs, and
                // bounds the total wait.
                Rx::Timeout => return Ok(None),
                Rx::Leave(l) => return Err(Stop::Leave(l)),
            }
        }
    }

    // ---------------------------------------------------------------- requests

    fn dispatch(&mut self, vm: &mut Vm, h: Header) -> core::result::Result<(), Stop> {
        let Some(ty) = Type::from_u8(h.ty) else {
            return Err(FsErr::new(EINVAL, format!("unknown frame type 0x{:02x}", h.ty)).into());
        };
        let seq = h.seq;
        match ty {
            Type::End => {
                self.send(Type::Ok, seq, &[]);
                Ok(())
            }
            Type::Stat => {
                let path = self.path_arg(0)?;
                let loc = locate(vm, &path)?;
                let st = lfs_stat(vm, &loc)?;
                let k = if st.is_dir { kind::DIR } else { kind::FILE };
                self.send(Type::Ok, seq, &[&[k], &st.size.to_le_bytes()]);
                Ok(())
            }
            Type::Hash => {
                let path = self.path_arg(0)?;
                let sha = self.hash_file(vm, &path)?;
                self.send(Type::Ok, seq, &[&sha]);
                Ok(())
            }
            Type::Statvfs => {
                let path = self.path_arg(0)?;
                let loc = locate(vm, &path)?;
                let v = lfs(vm, loc.m, |l, d| l.statvfs(d), &loc.abs)?;
                self.send(Type::Ok, seq, &[&v.bsize.to_le_bytes(), &v.blocks.to_le_bytes(), &v.bfree.to_le_bytes()]);
                Ok(())
            }
            Type::Mkdir => {
                let (flags, path) = self.flag_path_arg()?;
                mkdir(vm, &path, flags & 1 != 0)?;
                self.send(Type::Ok, seq, &[]);
                Ok(())
            }
            Type::Rmdir => {
                let path = self.path_arg(0)?;
                let loc = locate(vm, &path)?;
                lfs(vm, loc.m, |l, d| l.rmdir(d, &loc.inner), &loc.abs)?;
                self.send(Type::Ok, seq, &[]);
                Ok(())
            }
            Type::Remove => {
                let (flags, path) = self.flag_path_arg()?;
                let loc = locate(vm, &path)?;
                let st = lfs_stat(vm, &loc)?;
                if st.is_dir {
                    if flags & 1 == 0 {
                        return Err(FsErr::new(EISDIR, format!("{path} is a directory")).into());
                    }
                    remove_tree(vm, loc.m, &loc.inner, 0)?;
                } else {
                    lfs(vm, loc.m, |l, d| l.remove(d, &loc.inner), &loc.abs)?;
                }
                self.send(Type::Ok, seq, &[]);
                Ok(())
            }
            Type::Rename => {
                let p = self.dec.payload();
                let mut r = Reader::new(p);
                let parsed = (|| {
                    let n = r.u16()? as usize;
                    let a = String::from(r.str(n)?);
                    let b = String::from(r.rest_str()?);
                    Some((a, b))
                })();
                let (a, b) = parsed.ok_or_else(|| FsErr::new(EINVAL, "malformed RENAME request"))?;
                let (la, lb) = (locate(vm, &a)?, locate(vm, &b)?);
                if la.m != lb.m {
                    return Err(FsErr::new(EXDEV, format!("{a} and {b} are on different filesystems")).into());
                }
                lfs(vm, la.m, |l, d| l.rename(d, &la.inner, &lb.inner), &la.abs)?;
                self.send(Type::Ok, seq, &[]);
                Ok(())
            }
            Type::List => {
                let (flags, path) = self.flag_path_arg()?;
                self.list(vm, seq, &path, flags)
            }
            Type::Get => {
                let path = self.path_arg(0)?;
                self.get(vm, seq, &path)
            }
            Type::Put => self.put(vm, seq),
            // Stale transfer frames, or frames only a device sends: nothing to answer.
            Type::Hello | Type::Ok | Type::Err | Type::Ack | Type::Nak | Type::Data | Type::Cancel => Ok(()),
        }
    }

    fn path_arg(&self, skip: usize) -> FsResult<String> {
        let p = self.dec.payload().get(skip..).unwrap_or(&[]);
        let s = core::str::from_utf8(p).map_err(|_| FsErr::new(EINVAL, "path is not UTF-8"))?;
        if s.is_empty() {
            return Err(FsErr::new(EINVAL, "empty path"));
        }
        if s.len() > 255 {
            return Err(FsErr::new(ENAMETOOLONG, "path too long"));
        }
        Ok(String::from(s))
    }

    fn flag_path_arg(&self) -> FsResult<(u8, String)> {
        let flags = *self.dec.payload().first().ok_or_else(|| FsErr::new(EINVAL, "missing flags"))?;
        Ok((flags, self.path_arg(1)?))
    }

    fn hash_file(&mut self, vm: &mut Vm, path: &str) -> FsResult<[u8; 32]> {
        let loc = locate(vm, path)?;
        hash_inner(vm, loc.m, &loc.inner, &mut self.scratch, &loc.abs)
    }

    // ---------------------------------------------------------------- streams device → host

    /// Send a byte stream as DATA frames, at most `window` unacknowledged. `fill(vm, buf, offset)` puts
    /// the bytes at `offset` into `buf` and returns how many (0 at the end); it may refuse to go back.
    fn send_stream(
        &mut self,
        vm: &mut Vm,
        seq: u8,
        fill: &mut dyn FnMut(&mut Vm, &mut [u8], u32, &mut Vec<u8>) -> FsResult<usize>,
    ) -> core::result::Result<u32, Stop> {
        let mp = self.lim.max_payload as usize;
        let window = self.lim.window as usize;
        let mut inflight: Vec<u32> = Vec::with_capacity(window);
        let mut sent = 0u32;
        // The furthest byte ever sent (after going back, acknowledgements may run ahead of `sent`).
        let mut high = 0u32;
        let mut acked = 0u32;
        let mut eof = false;
        let mut resends = 0u32;
        loop {
            while inflight.len() < window && !eof {
                let start = frame::HEADER_LEN + OFFSET_LEN;
                let mut body = core::mem::take(&mut self.tx);
                let n = fill(vm, &mut body[start..frame::HEADER_LEN + mp], sent, &mut self.scratch);
                self.tx = body;
                let n = n?;
                if n == 0 {
                    eof = true;
                    break;
                }
                self.tx[frame::HEADER_LEN..start].copy_from_slice(&sent.to_le_bytes());
                self.send_sealed(Type::Data as u8, seq, OFFSET_LEN + n);
                sent = sent.saturating_add(n as u32);
                high = high.max(sent);
                inflight.push(sent);
            }
            if inflight.is_empty() && eof {
                return Ok(sent);
            }
            match self.next_in_transfer(seq)? {
                Some(h) => match Type::from_u8(h.ty) {
                    Some(Type::Ack) => {
                        if let Some(off) = frame::offset_of(self.dec.payload()) {
                            if off > acked && off <= high {
                                acked = off;
                                sent = sent.max(off);
                                inflight.retain(|&end| end > off);
                            }
                        }
                    }
                    Some(Type::Nak) => {
                        let off = frame::offset_of(self.dec.payload()).unwrap_or(acked);
                        resends += 1;
                        if resends > MAX_RESENDS || off > high {
                            return Err(FsErr::new(EIO, "too many damaged frames; giving up").into());
                        }
                        // Everything before `off` arrived: go on from there.
                        acked = acked.max(off);
                        sent = acked;
                        inflight.clear();
                        eof = false;
                    }
                    Some(Type::Cancel) => return Err(Stop::Quiet),
                    _ => {}
                },
                None => {
                    // Silence or a damaged ACK: go back to the last acknowledged byte.
                    resends += 1;
                    if resends > MAX_RESENDS {
                        return Err(Stop::Quiet);
                    }
                    sent = acked;
                    inflight.clear();
                    eof = false;
                }
            }
        }
    }

    fn get(&mut self, vm: &mut Vm, seq: u8, path: &str) -> core::result::Result<(), Stop> {
        let loc = locate(vm, path)?;
        let st = lfs_stat(vm, &loc)?;
        if st.is_dir {
            return Err(FsErr::new(EISDIR, format!("{path} is a directory")).into());
        }
        let m = loc.m;
        let id = lfs(vm, m, |l, d| l.open(d, &loc.inner, OpenFlags { read: true, ..OpenFlags::default() }), path)?;
        self.send(Type::Ok, seq, &[&st.size.to_le_bytes()]);
        let size = st.size;
        let mut sha = Sha256::new();
        let mut hashed = 0u32;
        let mut pos = 0u32;
        let p = String::from(path);
        let r = self.send_stream(vm, seq, &mut |vm, buf, off, _| {
            if off >= size {
                return Ok(0);
            }
            if off != pos {
                lfs(vm, m, |l, d| l.seek(d, id, i64::from(off), 0), &p)?;
                pos = off;
            }
            let want = buf.len().min((size - off) as usize);
            let mut got = 0;
            while got < want {
                let n = lfs(vm, m, |l, d| l.read(d, id, &mut buf[got..want]), &p)?;
                if n == 0 {
                    break;
                }
                got += n;
            }
            if got == 0 {
                return Err(FsErr::new(EIO, format!("{p}: file shrank while being read")));
            }
            if off == hashed {
                sha.update(&buf[..got]);
                hashed += got as u32;
            }
            pos += got as u32;
            Ok(got)
        });
        let _ = lfs(vm, m, |l, d| l.close(d, id), path);
        r?;
        let digest: [u8; 32] = sha.finalize().into();
        self.send(Type::Ok, seq, &[&digest]);
        Ok(())
    }

    fn list(&mut self, vm: &mut Vm, seq: u8, path: &str, flags: u8) -> core::result::Result<(), Stop> {
        let recursive = flags & list_flags::RECURSIVE != 0;
        let hashes = flags & list_flags::HASHES != 0;
        let loc = locate(vm, path)?;
        let st = lfs_stat(vm, &loc)?;
        let Loc { abs, m, inner } = loc;
        if !st.is_dir {
            return Err(FsErr::new(ENOTDIR, format!("{path} is not a directory")).into());
        }
        // Depth-first walk: a stack of (absolute path, inner path, entries, next index).
        struct Level {
            abs: String,
            inner: String,
            entries: Vec<upy_vfs::DirEntry>,
            next: usize,
        }
        let entries = lfs(vm, m, |l, d| l.list(d, &inner), path)?;
        let mut stack = vec![Level { abs, inner, entries, next: 0 }];
        let mut count = 0u32;
        let mut produced = 0u32;
        let mut carry: Option<(u8, u32, Option<[u8; 32]>, String)> = None;
        let r = self.send_stream(vm, seq, &mut |vm, buf, off, scratch| {
            if off != produced {
                return Err(FsErr::new(EIO, "listing damaged in transit; ask again"));
            }
            let mut w = Writer::new(buf);
            loop {
                if let Some((k, size, sha, p)) = &carry {
                    let rec = ListRecord { kind: *k, size: *size, sha256: *sha, path: p };
                    if rec.encode(&mut w).is_none() {
                        if w.is_empty() {
                            return Err(FsErr::new(ENAMETOOLONG, format!("{p}: path too long for a frame")));
                        }
                        break;
                    }
                    carry = None;
                    count += 1;
                }
                let Some(top) = stack.last_mut() else { break };
                let Some(e) = top.entries.get(top.next).cloned() else {
                    stack.pop();
                    continue;
                };
                top.next += 1;
                let child_abs = join(&top.abs, &e.name);
                let child_inner = join(&top.inner, &e.name);
                if e.is_dir {
                    if recursive && stack.len() < MAX_DEPTH {
                        let entries = lfs(vm, m, |l, d| l.list(d, &child_inner), &child_abs)?;
                        stack.push(Level { abs: child_abs.clone(), inner: child_inner, entries, next: 0 });
                    }
                    carry = Some((kind::DIR, 0, None, child_abs));
                } else {
                    let sha = if hashes { Some(hash_inner(vm, m, &child_inner, scratch, &child_abs)?) } else { None };
                    carry = Some((kind::FILE, e.size, sha, child_abs));
                }
            }
            produced += w.len() as u32;
            Ok(w.len())
        });
        r?;
        self.send(Type::Ok, seq, &[&count.to_le_bytes()]);
        Ok(())
    }

    // ---------------------------------------------------------------- host → device

    fn put(&mut self, vm: &mut Vm, seq: u8) -> core::result::Result<(), Stop> {
        let p = self.dec.payload();
        let mut r = Reader::new(p);
        let parsed = (|| Some((r.u32()?, r.sha()?, String::from(r.rest_str()?))))();
        let (size, want_sha, path) = parsed.ok_or_else(|| FsErr::new(EINVAL, "malformed PUT request"))?;
        if path.is_empty() || path.len() + TMP_SUFFIX.len() > 255 {
            return Err(FsErr::new(ENAMETOOLONG, "path too long").into());
        }
        let loc = locate(vm, &path)?;
        let (m, inner) = (loc.m, loc.inner.clone());
        if let Ok(st) = lfs_stat(vm, &loc) {
            if st.is_dir {
                return Err(FsErr::new(EISDIR, format!("{path} is a directory")).into());
            }
        }
        let tmp = format!("{inner}{TMP_SUFFIX}");
        let flags = OpenFlags { write: true, create: true, trunc: true, ..OpenFlags::default() };
        let id = lfs(vm, m, |l, d| l.open(d, &tmp, flags), &path)?;
        self.send(Type::Ok, seq, &[]);
        let r = self.receive_into(vm, seq, m, id, size, &path);
        let closed = lfs(vm, m, |l, d| l.close(d, id), &path);
        let outcome = match (r, closed) {
            (Ok(sha), Ok(())) if sha == want_sha => lfs(vm, m, |l, d| l.rename(d, &tmp, &inner), &path).map_err(Stop::Err),
            (Ok(_), Ok(())) => Err(Stop::Err(FsErr::new(EIO, format!("{path}: sha256 mismatch after transfer")))),
            (Ok(_), Err(e)) => Err(Stop::Err(e)),
            (Err(s), _) => Err(s),
        };
        match outcome {
            Ok(()) => {
                self.send(Type::Ok, seq, &[]);
                Ok(())
            }
            Err(s) => {
                let _ = lfs(vm, m, |l, d| l.remove(d, &tmp), &path);
                Err(s)
            }
        }
    }

    fn receive_into(&mut self, vm: &mut Vm, seq: u8, m: Mounted, id: FileId, size: u32, path: &str) -> core::result::Result<[u8; 32], Stop> {
        let mut sha = Sha256::new();
        let mut expected = 0u32;
        let mut nak_sent = false;
        let mut silent = 0u32;
        while expected < size {
            let h = match self.next_in_transfer(seq)? {
                Some(h) => h,
                None => {
                    // Damaged frame or a second of silence.
                    silent += 1;
                    if silent > self.lim.transfer_timeout_ms / 1000 + MAX_RESENDS {
                        return Err(Stop::Quiet);
                    }
                    if !nak_sent {
                        nak_sent = true;
                        self.send(Type::Nak, seq, &[&expected.to_le_bytes()]);
                    }
                    continue;
                }
            };
            match Type::from_u8(h.ty) {
                Some(Type::Data) => {
                    let p = self.dec.payload();
                    let Some(off) = frame::offset_of(p) else { continue };
                    if off == expected {
                        silent = 0;
                        let data = &p[OFFSET_LEN..];
                        if u64::from(expected) + data.len() as u64 > u64::from(size) {
                            return Err(FsErr::new(EFBIG, format!("{path}: more data than announced")).into());
                        }
                        let mut done = 0;
                        while done < data.len() {
                            let n = lfs(vm, m, |l, d| l.write(d, id, &data[done..]), path)?;
                            if n == 0 {
                                return Err(FsErr::new(Errno::ENOSPC.code(), format!("{path}: no space left on device")).into());
                            }
                            done += n;
                        }
                        sha.update(data);
                        expected += data.len() as u32;
                        nak_sent = false;
                        self.send(Type::Ack, seq, &[&expected.to_le_bytes()]);
                    } else if off > expected && !nak_sent {
                        nak_sent = true;
                        self.send(Type::Nak, seq, &[&expected.to_le_bytes()]);
                    } else if off < expected {
                        // A resend of what we have: repeat the ACK so the host moves on.
                        self.send(Type::Ack, seq, &[&expected.to_le_bytes()]);
                    }
                }
                Some(Type::Cancel) => return Err(Stop::Quiet),
                _ => {}
            }
        }
        Ok(sha.finalize().into())
    }
}

// -------------------------------------------------------------------- filesystem helpers

fn join(dir: &str, name: &str) -> String {
    if dir.ends_with('/') { format!("{dir}{name}") } else { format!("{dir}/{name}") }
}

/// Where a request path lives: its absolute path, the littlefs it is on, and the path inside it.
struct Loc {
    abs: String,
    m: Mounted,
    inner: String,
}

/// Run `f` on the littlefs `m` (the port's, or one a program mounted on a Python block device with
/// `vfs.VfsLfs2`); `what` names the path for the error message.
fn lfs<R>(
    vm: &mut Vm,
    m: Mounted,
    f: impl FnOnce(&mut Lfs, &mut dyn upy_hal::BlockDevice) -> upy_vfs::Result<R>,
    what: &str,
) -> FsResult<R> {
    match vos::with_fs(vm, m, |l, d| Ok(f(l, d))) {
        Ok(Ok(r)) => Ok(r),
        Ok(Err(e)) => Err(FsErr::new(e.0, format!("{what}: {}", Errno::from_code(e.0).text().unwrap_or("error")))),
        Err(_) => {
            let _ = vm.take_exception();
            vm.clear_temps();
            Err(FsErr::new(ENODEV, format!("{what}: the filesystem is not available")))
        }
    }
}

/// Resolve a request path (relative paths against the device's working directory) through the mount
/// table. Filesystems that are Python objects (e.g. mpremote's `mount`) are not served: EOPNOTSUPP, and
/// the host falls back to Python programs.
fn locate(vm: &mut Vm, path: &str) -> FsResult<Loc> {
    let abs = if path.starts_with('/') {
        vos::abspath("/", path)
    } else {
        // The working directory, when it is on the port's littlefs (mounted at `/`).
        let cwd = match vos::resolve(vm, ".") {
            Ok((Mounted::Lfs, p)) => p,
            _ => {
                let _ = vm.take_exception();
                vm.clear_temps();
                return Err(FsErr::new(EINVAL, format!("{path}: give an absolute path")));
            }
        };
        vos::abspath(&cwd, path)
    };
    match vos::resolve(vm, &abs) {
        Ok((m @ (Mounted::Lfs | Mounted::PyLfs(_)), inner)) => Ok(Loc { abs, m, inner }),
        Ok(_) => Err(FsErr::new(
            EOPNOTSUPP,
            format!("{abs} is on a filesystem object mounted by a program (not served over frames)"),
        )),
        Err(_) => {
            let _ = vm.take_exception();
            vm.clear_temps();
            Err(FsErr::new(ENODEV, "the board has no filesystem"))
        }
    }
}

fn lfs_stat(vm: &mut Vm, loc: &Loc) -> FsResult<upy_vfs::Stat> {
    if loc.inner == "/" {
        return Ok(upy_vfs::Stat { is_dir: true, size: 0 });
    }
    lfs(vm, loc.m, |l, d| l.stat(d, &loc.inner), &loc.abs)
}

fn hash_inner(vm: &mut Vm, m: Mounted, inner: &str, scratch: &mut [u8], what: &str) -> FsResult<[u8; 32]> {
    let id = lfs(vm, m, |l, d| l.open(d, inner, OpenFlags { read: true, ..OpenFlags::default() }), what)?;
    let mut sha = Sha256::new();
    let r = loop {
        match lfs(vm, m, |l, d| l.read(d, id, scratch), what) {
            Ok(0) => break Ok(()),
            Ok(n) => sha.update(&scratch[..n.min(scratch.len())]),
            Err(e) => break Err(e),
        }
    };
    let _ = lfs(vm, m, |l, d| l.close(d, id), what);
    r?;
    Ok(sha.finalize().into())
}

fn mkdir(vm: &mut Vm, path: &str, parents: bool) -> FsResult<()> {
    let Loc { abs, m, inner } = locate(vm, path)?;
    if !parents {
        return lfs(vm, m, |l, d| l.mkdir(d, &inner), &abs);
    }
    let mut cur = String::new();
    for part in inner.split('/').filter(|p| !p.is_empty()) {
        cur.push('/');
        cur.push_str(part);
        match lfs(vm, m, |l, d| l.mkdir(d, &cur), &abs) {
            Ok(()) => {}
            Err(e) if e.errno == EEXIST => {
                let st = lfs(vm, m, |l, d| l.stat(d, &cur), &abs)?;
                if !st.is_dir {
                    return Err(FsErr::new(EEXIST, format!("{cur}: a file is in the way")));
                }
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

fn remove_tree(vm: &mut Vm, m: Mounted, inner: &str, depth: usize) -> FsResult<()> {
    if depth > MAX_DEPTH {
        return Err(FsErr::new(ENAMETOOLONG, format!("{inner}: directories nested too deep")));
    }
    let entries = lfs(vm, m, |l, d| l.list(d, inner), inner)?;
    for e in entries {
        let p = join(inner, &e.name);
        if e.is_dir {
            remove_tree(vm, m, &p, depth + 1)?;
        } else {
            lfs(vm, m, |l, d| l.remove(d, &p), &p)?;
        }
    }
    if inner != "/" {
        lfs(vm, m, |l, d| l.rmdir(d, inner), inner)?;
    }
    Ok(())
}
