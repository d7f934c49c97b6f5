//! Device filesystem operations over the raw REPL, for any MicroPython.
//!
//! Every operation is a small Python program sent with raw-paste (or classic raw mode). What the programs
//! use depends on what the firmware has, probed once per session ([`Caps`]):
//!
//! * transfers: `binascii` base64 when present, else Python bytes literals (upload) and `repr()` lines
//!   (download);
//! * listings: `os.ilistdir`, else `os.listdir` + `os.stat`, else (flat filesystems such as the micro:bit's)
//!   `os.listdir()` + `os.size`; one program lists a whole tree, with sha256 per file when `hashlib` exists;
//! * writes go to `<path>.upytmp` and are renamed over the target; without `os.rename` (micro:bit) the
//!   device itself copies the finished temporary file over the target in one program, so a cut link never
//!   leaves half a file (see docs/cli.md).
//!
//! Device paths are absolute (`/lib/x.py`). On a flat filesystem every file is `/<name>`.

use base64::Engine as _;
use sha2::{Digest, Sha256};
use upy_protocol::host::{Client, Errno, Error as ProtoError, FramesInfo, Transport};

use crate::device::Board;
use crate::error::{Result, UpyError};
use crate::output::Progress;
use crate::pyrepr::{bytes_literal, bytes_literal_max_len, parse_bytes, parse_str, str_literal};

/// What the firmware offers, from one probe program.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Caps {
    /// `binascii.a2b_base64`/`b2a_base64`.
    pub binascii: bool,
    /// `hashlib.sha256`.
    pub hashlib: bool,
    /// `os.ilistdir`.
    pub ilistdir: bool,
    /// `os.stat`.
    pub stat: bool,
    /// `os.rename`.
    pub rename: bool,
    /// `os.mkdir` (no `mkdir` means a flat filesystem).
    pub mkdir: bool,
    /// `os.statvfs`.
    pub statvfs: bool,
    /// `os.size` (micro:bit).
    pub size: bool,
    /// `gc.mem_free()` at probe time (0 if unknown).
    pub mem_free: u64,
    /// `sys.platform`.
    pub platform: String,
    /// The device's working directory.
    pub cwd: String,
    /// Largest program text sent at once, from the free memory.
    pub budget: usize,
    /// The device serves upy binary frames: file operations do not go through Python.
    pub frames: bool,
}

impl Caps {
    /// What a device serving upy frames offers (no Python probe needed).
    fn from_frames(info: &FramesInfo) -> Caps {
        Caps {
            binascii: false,
            hashlib: true,
            ilistdir: true,
            stat: true,
            rename: true,
            mkdir: true,
            statvfs: true,
            size: false,
            mem_free: 0,
            platform: "upy".into(),
            cwd: if info.cwd.starts_with('/') {
                info.cwd.clone()
            } else {
                "/".into()
            },
            budget: 16384,
            frames: true,
        }
    }

    /// How file data moves: `frames` or `raw-repl` (for `--json` and `UPY_WIRE_STATS`).
    pub fn transport(&self) -> &'static str {
        if self.frames { "frames" } else { "raw-repl" }
    }

    /// A flat filesystem (no directories): the micro:bit.
    pub fn flat(&self) -> bool {
        !self.mkdir
    }
}

const PROBE: &str = "\
import os
try:
 import gc
 _m=gc.mem_free()
except Exception:
 _m=0
def _has(m,a):
 try:
  return int(hasattr(__import__(m),a))
 except ImportError:
  return 0
try:
 import sys
 _p=sys.platform
except Exception:
 _p='?'
try:
 _c=os.getcwd()
except Exception:
 _c='/'
print('upy-caps',_has('binascii','a2b_base64') or _has('ubinascii','a2b_base64'),_has('hashlib','sha256') or _has('uhashlib','sha256'),int(hasattr(os,'ilistdir')),int(hasattr(os,'stat')),int(hasattr(os,'rename')),int(hasattr(os,'mkdir')),int(hasattr(os,'statvfs')),int(hasattr(os,'size')),_m,repr(_p),repr(_c))
del _has,_m,_p,_c
";

/// One file or directory on the device.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Entry {
    /// Absolute device path.
    pub path: String,
    /// A directory?
    #[serde(skip)]
    pub is_dir: bool,
    /// Size in bytes (0 for directories).
    pub size: u64,
    /// sha256 hex, when computed on the device.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

/// Filesystem size, as far as the firmware reports it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DfInfo {
    /// Total bytes, if the firmware reports it.
    pub total: Option<u64>,
    /// Used bytes.
    pub used: u64,
    /// Free bytes, if known.
    pub free: Option<u64>,
}

/// The filesystem of a connected board.
pub struct DeviceFs<'a> {
    board: &'a mut Board,
    /// The probed capabilities.
    pub caps: Caps,
    /// upy firmware: what the Python path may use, probed the first time a path is on a filesystem
    /// that frames do not serve (a filesystem object a program mounted).
    py_caps: Option<Caps>,
}

/// Join a device directory and a name.
pub fn join(dir: &str, name: &str) -> String {
    if dir.ends_with('/') {
        format!("{dir}{name}")
    } else {
        format!("{dir}/{name}")
    }
}

/// The last component of a device path.
pub fn basename(path: &str) -> &str {
    path.trim_end_matches('/').rsplit('/').next().unwrap_or("")
}

/// Normalise an absolute path: collapse `//`, `.` and `..`.
pub fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    format!("/{}", parts.join("/"))
}

/// The message for anything that needs directories on a flat filesystem.
pub fn flat_error(cmd: &str) -> UpyError {
    UpyError::usage(format!(
        "{cmd}: the micro:bit filesystem is flat: directories are not supported"
    ))
    .hint("all files live at the top level; use plain names such as main.py")
}

impl<'a> DeviceFs<'a> {
    /// Probe the board (it must be in the raw REPL).
    pub fn open(board: &'a mut Board) -> Result<DeviceFs<'a>> {
        let name = board.name().to_string();
        // upy firmware serves binary frames (docs/protocol.md); stock firmware answers `R\x00` and
        // never sees a frame. `UPY_FRAMES=0` forces the Python path (for comparisons).
        if std::env::var("UPY_FRAMES").map_or(true, |v| v != "0") {
            match board.client().frames() {
                Ok(Some(info)) => {
                    let caps = Caps::from_frames(&info);
                    return Ok(DeviceFs {
                        board,
                        caps,
                        py_caps: None,
                    });
                }
                Ok(None) => {}
                Err(e) => {
                    return Err(UpyError::from_protocol(
                        e,
                        "asking the board for upy frames",
                        &name,
                    ));
                }
            }
        }
        let caps = probe(board)?;
        Ok(DeviceFs {
            board,
            caps,
            py_caps: None,
        })
    }

    /// Do `f` with the Python programs instead of frames: for paths that frames do not serve (a
    /// filesystem object mounted by a program; the device answers EOPNOTSUPP).
    fn python_path<R>(&mut self, f: impl FnOnce(&mut DeviceFs<'a>) -> Result<R>) -> Result<R> {
        let py = match &self.py_caps {
            Some(c) => c.clone(),
            None => {
                let c = probe(self.board)?;
                self.py_caps = Some(c.clone());
                c
            }
        };
        let frames = std::mem::replace(&mut self.caps, py);
        let r = f(self);
        self.caps = frames;
        r
    }

    /// The board's name.
    pub fn device(&self) -> String {
        self.board.name().to_string()
    }

    /// Bytes moved in frame mode so far on this connection.
    pub fn wire_stats(&mut self) -> upy_protocol::host::WireStats {
        self.board.client().wire_stats()
    }

    /// Run a frame operation (re-entering frame mode if a program ran in between), reporting errors as
    /// `cmd: path: ...`.
    fn fr<R>(
        &mut self,
        cmd: &str,
        path: &str,
        f: impl FnOnce(&mut Client<Box<dyn Transport>>) -> std::result::Result<R, ProtoError>,
    ) -> Result<R> {
        let dev = self.device();
        let client = self.board.client();
        let r = match client.frames() {
            Ok(Some(_)) => f(client),
            Ok(None) => Err(ProtoError::Protocol(
                "the board stopped offering upy frames".into(),
            )),
            Err(e) => Err(e),
        };
        r.map_err(|e| UpyError::from_fs(e, cmd, path, &dev))
    }

    fn run(&mut self, code: &str) -> std::result::Result<String, ProtoError> {
        let classic = self.board.client().raw_paste_supported() == Some(false);
        let out = run_guarded(&mut *self.board, code, classic)?;
        Ok(String::from_utf8_lossy(&out).replace("\r\n", "\n"))
    }

    /// Run `code`, reporting errors as `cmd: path: ...`.
    fn run_for(&mut self, code: &str, cmd: &str, path: &str) -> Result<String> {
        let dev = self.device();
        self.run(code)
            .map_err(|e| UpyError::from_fs(e, cmd, path, &dev))
    }

    /// A Python literal naming `path` on the device.
    fn lit(&self, path: &str) -> String {
        if self.caps.flat() {
            str_literal(path.trim_start_matches('/'))
        } else {
            str_literal(path)
        }
    }

    /// Turn a user's device path (`:x.py`, `lib/`, `/a/../b`) into an absolute device path.
    pub fn resolve(&self, cmd: &str, user: &str) -> Result<String> {
        let p = user.strip_prefix(':').unwrap_or(user);
        if self.caps.flat() {
            let name = p
                .trim_start_matches("./")
                .trim_start_matches('/')
                .trim_end_matches('/');
            if name.contains('/') {
                return Err(flat_error(cmd));
            }
            return Ok(format!("/{name}"));
        }
        let abs = if p.starts_with('/') {
            p.to_string()
        } else {
            join(&self.caps.cwd, p)
        };
        Ok(normalize(&abs))
    }

    /// What is at `path`: `None` when nothing is there.
    pub fn stat(&mut self, cmd: &str, path: &str) -> Result<Option<Entry>> {
        if path == "/" {
            return Ok(Some(Entry {
                path: "/".into(),
                is_dir: true,
                size: 0,
                sha256: None,
            }));
        }
        if self.caps.frames {
            let r = self.fr(cmd, path, |c| c.fstat(path));
            if unsupported(&r) {
                return self.python_path(|fs| fs.stat(cmd, path));
            }
            return Ok(r?.map(|st| Entry {
                path: path.to_string(),
                is_dir: st.is_dir,
                size: u64::from(st.size),
                sha256: None,
            }));
        }
        let lit = self.lit(path);
        let code = if self.caps.stat {
            format!(
                "import os\ntry:\n s=os.stat({lit})\n print('S',1 if s[0]&0x4000 else 0,s[6])\nexcept OSError as e:\n print('S',-1,e.args[0] if e.args else 0)\n"
            )
        } else if self.caps.size {
            format!(
                "import os\ntry:\n print('S',0,os.size({lit}))\nexcept OSError as e:\n print('S',-1,e.args[0] if e.args else 0)\n"
            )
        } else {
            format!(
                "try:\n f=open({lit},'rb')\n n=0\n while 1:\n  b=f.read(256)\n  if not b:break\n  n+=len(b)\n f.close()\n print('S',0,n)\nexcept OSError as e:\n print('S',-1,e.args[0] if e.args else 0)\n"
            )
        };
        let out = self.run_for(&code, cmd, path)?;
        let line = out
            .lines()
            .find_map(|l| l.trim().strip_prefix("S "))
            .unwrap_or("");
        let (kind, value) = line.split_once(' ').unwrap_or((line, "0"));
        let kind = kind.parse::<i32>().ok();
        match kind {
            Some(-1) => {
                // The errno, or a text on ports that raise OSError('file not found').
                let errno = Errno::parse_message(value);
                match errno {
                    Some(Errno::ENOENT) | None => Ok(None),
                    Some(Errno::Other(0)) => Ok(None),
                    Some(e) => Err(UpyError::device(format!(
                        "{cmd}: {path}: {} on device {}",
                        e.describe(),
                        self.device()
                    ))),
                }
            }
            Some(k) => Ok(Some(Entry {
                path: path.to_string(),
                is_dir: k == 1,
                size: value.parse().unwrap_or(0),
                sha256: None,
            })),
            None => Err(UpyError::connection(format!(
                "{cmd}: unexpected answer from {}: {out:?}",
                self.device()
            ))),
        }
    }

    fn hash_helper(&self) -> &'static str {
        "import hashlib\ndef _h(n):\n h=hashlib.sha256()\n f=open(n,'rb')\n while 1:\n  b=f.read(256)\n  if not b:break\n  h.update(b)\n f.close()\n return ''.join('%02x'%x for x in h.digest())\n"
    }

    /// Everything under directory `dir` (not including `dir`), sorted by path; recursive or one level.
    /// With `hashes` and a firmware with hashlib, each file carries its sha256 computed on the device.
    pub fn list(
        &mut self,
        cmd: &str,
        dir: &str,
        recursive: bool,
        hashes: bool,
    ) -> Result<Vec<Entry>> {
        let hashes = hashes && self.caps.hashlib;
        if self.caps.frames {
            // One request for the whole tree, sizes and sha256 computed on the device.
            let r = self.fr(cmd, dir, |c| c.flist(dir, recursive, hashes));
            if unsupported(&r) {
                return self.python_path(|fs| fs.list(cmd, dir, recursive, hashes));
            }
            let mut entries: Vec<Entry> = r?
                .into_iter()
                .map(|e| Entry {
                    path: e.path,
                    is_dir: e.is_dir,
                    size: u64::from(e.size),
                    sha256: e.sha256.map(|h| hex(&h)),
                })
                .collect();
            entries.sort_by(|a, b| a.path.cmp(&b.path));
            return Ok(entries);
        }
        let mut code = String::from("import os\n");
        if hashes {
            code.push_str(self.hash_helper());
        }
        let file_line = |size: &str, name: &str| {
            if hashes {
                format!("print('F',{size},_h({name}),repr({name}))")
            } else {
                format!("print('F',{size},'-',repr({name}))")
            }
        };
        if self.caps.flat() {
            // Names are printed with a leading '/' so every listing speaks absolute paths.
            let size = if self.caps.size { "os.size(n)" } else { "0" };
            code.push_str(&format!(
                "for n in os.listdir():\n {}\n",
                file_line(size, "n").replace("repr(n)", "repr('/'+n)")
            ));
        } else {
            let lit = self.lit(dir);
            let (iter, is_dir, size) = if self.caps.ilistdir {
                (
                    "os.ilistdir(p)",
                    "e[1]&0x4000",
                    "(e[3] if len(e)>3 else os.stat(n)[6])",
                )
            } else {
                (
                    "((x,os.stat((p if p!='/' else '')+'/'+x)[0]) for x in os.listdir(p))",
                    "e[1]&0x4000",
                    "os.stat(n)[6]",
                )
            };
            code.push_str(&format!(
                "def _l(p):\n for e in {iter}:\n  n=(p if p!='/' else '')+'/'+e[0]\n  if {is_dir}:\n   print('D',0,'-',repr(n))\n   {rec}\n  else:\n   {file}\n_l({lit})\n",
                rec = if recursive { "_l(n)" } else { "pass" },
                file = file_line(size, "n"),
            ));
        }
        let out = self.run_for(&code, cmd, dir)?;
        let mut entries = Vec::new();
        for line in out.lines() {
            let Some((kind, rest)) = line.split_once(' ') else {
                continue;
            };
            if kind != "F" && kind != "D" {
                continue;
            }
            let mut it = rest.splitn(3, ' ');
            let (Some(size), Some(hash), Some(name)) = (it.next(), it.next(), it.next()) else {
                continue;
            };
            let path = parse_str(name).map_err(|e| {
                UpyError::connection(format!("{cmd}: bad listing from the device: {e}"))
            })?;
            entries.push(Entry {
                path,
                is_dir: kind == "D",
                size: size.parse().unwrap_or(0),
                sha256: (hash != "-").then(|| hash.to_string()),
            });
        }
        if self.caps.flat() && dir != "/" {
            return Err(flat_error(cmd));
        }
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(entries)
    }

    /// Read a whole file.
    pub fn read(&mut self, cmd: &str, path: &str, progress: &Progress) -> Result<Vec<u8>> {
        if self.caps.frames {
            let data = self.fr(cmd, path, |c| c.fget(path, &mut |n| progress.set(n)));
            if unsupported(&data) {
                return self.python_path(|fs| fs.read(cmd, path, progress));
            }
            progress.finish();
            return data;
        }
        let lit = self.lit(path);
        let chunk = (self.caps.budget / 2).clamp(96, 3072) / 3 * 3;
        let code = if self.caps.binascii {
            format!(
                "try:\n from binascii import b2a_base64 as _B\nexcept ImportError:\n from ubinascii import b2a_base64 as _B\nf=open({lit},'rb')\nwhile 1:\n b=f.read({chunk})\n if not b:break\n print(_B(b))\nf.close()\n"
            )
        } else {
            format!(
                "f=open({lit},'rb')\nwhile 1:\n b=f.read({chunk})\n if not b:break\n print(repr(b))\nf.close()\n"
            )
        };
        let dev = self.device();
        let client = self.board.client();
        client
            .exec_no_follow(code.as_bytes())
            .map_err(|e| UpyError::from_fs(e, cmd, path, &dev))?;
        let mut stdout = Vec::new();
        let mut lines = 0u64;
        let stderr = client
            .follow(
                &mut |b| {
                    lines += b.iter().filter(|&&c| c == b'\n').count() as u64;
                    progress.set(lines * chunk as u64);
                    stdout.extend_from_slice(b);
                },
                upy_protocol::host::FollowOptions {
                    idle_timeout: Some(upy_protocol::host::STEP_TIMEOUT),
                    interrupt: None,
                },
            )
            .map_err(|e| UpyError::from_fs(e, cmd, path, &dev))?;
        progress.finish();
        if !stderr.is_empty() {
            let e = ProtoError::Exception(upy_protocol::host::DeviceException::parse(&stderr));
            return Err(UpyError::from_fs(e, cmd, path, &dev));
        }
        let text = String::from_utf8_lossy(&stdout);
        let mut data = Vec::new();
        for line in text.split('\n') {
            let line = line.trim_end_matches('\r');
            if line.is_empty() {
                continue;
            }
            let bytes = parse_bytes(line).map_err(|e| {
                UpyError::connection(format!("{cmd}: {path}: garbled data from {dev}: {e}"))
            })?;
            if self.caps.binascii {
                let clean: Vec<u8> = bytes
                    .into_iter()
                    .filter(|b| !b.is_ascii_whitespace())
                    .collect();
                let chunk = base64::engine::general_purpose::STANDARD
                    .decode(&clean)
                    .map_err(|e| {
                        UpyError::connection(format!(
                            "{cmd}: {path}: garbled base64 from {dev}: {e}"
                        ))
                    })?;
                data.extend_from_slice(&chunk);
            } else {
                data.extend_from_slice(&bytes);
            }
        }
        Ok(data)
    }

    /// Write a whole file: to `<path>.upytmp` first, then renamed (or copied on the device) over `path`.
    pub fn write(&mut self, cmd: &str, path: &str, data: &[u8], progress: &Progress) -> Result<()> {
        if self.caps.frames {
            // The device writes `<path>.upytmp` and renames it once every byte arrived and the sha256
            // matched (docs/protocol.md, PUT).
            let r = self.fr(cmd, path, |c| c.fput(path, data, &mut |n| progress.set(n)));
            if unsupported(&r) {
                return self.python_path(|fs| fs.write(cmd, path, data, progress));
            }
            progress.finish();
            return r;
        }
        let tmp = format!("{path}.upytmp");
        let staged = self
            .write_to(cmd, &tmp, data, progress)
            .and_then(|()| self.check_size(cmd, &tmp, data.len()));
        if let Err(e) = staged {
            let _ = self.remove_quiet(&tmp);
            return self.write_in_place_if_full(e, cmd, path, data, progress);
        }
        let (t, p) = (self.lit(&tmp), self.lit(path));
        let code = if self.caps.rename {
            // littlefs renames over an existing file; FAT (older versions) refuses: remove first then.
            format!(
                "import os\ntry:\n os.rename({t},{p})\nexcept OSError:\n os.remove({p})\n os.rename({t},{p})\n"
            )
        } else {
            // The whole copy runs on the device from one program: a broken link cannot cut it short.
            // Writes are checked (some ports write short when full); a failed copy leaves no partial
            // target behind, only the complete temporary file, which the host then removes.
            format!(
                "import os\ntry:\n os.remove({p})\nexcept OSError:\n pass\ns=open({t},'rb')\nd=open({p},'wb')\ntry:\n while 1:\n  b=s.read(128)\n  if not b:break\n  n=d.write(b)\n  if n is not None and n!=len(b):raise OSError(28)\n d.close()\nexcept OSError:\n d.close()\n s.close()\n os.remove({p})\n raise\ns.close()\nos.remove({t})\n"
            )
        };
        if let Err(e) = self.run_for(&code, cmd, path) {
            let _ = self.remove_quiet(&tmp);
            return self.write_in_place_if_full(e, cmd, path, data, progress);
        }
        self.check_size(cmd, path, data.len())
    }

    /// After a failed staged write: when the filesystem is full and the firmware has no rename (the
    /// temporary copy needs the file's size twice), write in place, the only way the file fits at all,
    /// and say so. Any other error is returned as it is.
    fn write_in_place_if_full(
        &mut self,
        err: UpyError,
        cmd: &str,
        path: &str,
        data: &[u8],
        progress: &Progress,
    ) -> Result<()> {
        if err.errno() != Some(Errno::ENOSPC) || self.caps.rename {
            return Err(err);
        }
        eprintln!(
            "warning: {path}: not enough space on {} for a temporary copy; writing in place",
            self.device()
        );
        let _ = self.remove_quiet(path);
        if let Err(e) = self
            .write_to(cmd, path, data, progress)
            .and_then(|()| self.check_size(cmd, path, data.len()))
        {
            // Never leave half a file: remove what was written.
            let _ = self.remove_quiet(path);
            return Err(e);
        }
        Ok(())
    }

    fn check_size(&mut self, cmd: &str, path: &str, expected: usize) -> Result<()> {
        match self.stat(cmd, path)? {
            Some(e) if e.size == expected as u64 => Ok(()),
            Some(e) => {
                // A short file: the filesystem filled up (some ports write short instead of raising).
                let mut err = UpyError::device(format!(
                    "{cmd}: {path}: no space left on device {} (wrote {expected} bytes, {} arrived)",
                    self.device(),
                    e.size
                ))
                .hint("free space with `upy rm` (see `upy df`), then retry");
                err.exception = Some(Box::new(upy_protocol::host::DeviceException {
                    kind: "OSError".into(),
                    message: "[Errno 28] ENOSPC".into(),
                    errno: Some(Errno::ENOSPC),
                    traceback: String::new(),
                }));
                Err(err)
            }
            None => Err(UpyError::device(format!(
                "{cmd}: {path}: the file is missing after writing on {}",
                self.device()
            ))),
        }
    }

    fn write_to(&mut self, cmd: &str, path: &str, data: &[u8], progress: &Progress) -> Result<()> {
        let lit = self.lit(path);
        let budget = self.caps.budget;
        let b64 = self.caps.binascii;
        let open = if b64 {
            format!(
                "try:\n from binascii import a2b_base64 as A\nexcept ImportError:\n from ubinascii import a2b_base64 as A\nf=open({lit},'wb')\nw=f.write\n"
            )
        } else {
            format!("f=open({lit},'wb')\nw=f.write\n")
        };
        self.run_for(&open, cmd, path)?;
        let raw_chunk = if b64 {
            ((budget.saturating_sub(16)) * 3 / 4 / 3 * 3).max(48)
        } else {
            (budget.saturating_sub(8) / 4).max(16)
        };
        let mut i = 0;
        let result = (|| {
            while i < data.len() {
                let mut prog = String::new();
                while i < data.len() {
                    let end = data.len().min(i + raw_chunk);
                    let line = if b64 {
                        format!(
                            "w(A(b'{}'))\n",
                            base64::engine::general_purpose::STANDARD.encode(&data[i..end])
                        )
                    } else {
                        format!("w({})\n", bytes_literal(&data[i..end]))
                    };
                    if !prog.is_empty()
                        && prog.len() + line.len() > budget.max(bytes_literal_max_len(16))
                    {
                        break;
                    }
                    prog.push_str(&line);
                    i = end;
                }
                self.run_for(&prog, cmd, path)?;
                progress.set(i as u64);
            }
            self.run_for("f.close()\ndel f,w\n", cmd, path)?;
            Ok(())
        })();
        progress.finish();
        if result.is_err() {
            let _ = self.run("try:\n f.close()\nexcept Exception:\n pass\n");
        }
        result
    }

    fn remove_quiet(&mut self, path: &str) -> std::result::Result<String, ProtoError> {
        let code = format!(
            "import os\ntry:\n os.remove({})\nexcept OSError:\n pass\n",
            self.lit(path)
        );
        self.run(&code)
    }

    /// Remove a file, or with `recursive` a directory tree.
    pub fn remove(&mut self, cmd: &str, path: &str, recursive: bool) -> Result<()> {
        let entry = self.stat(cmd, path)?.ok_or_else(|| {
            UpyError::device(format!(
                "{cmd}: {path}: no such file or directory on device {}",
                self.device()
            ))
        })?;
        if self.caps.frames {
            if entry.is_dir && !recursive {
                return Err(UpyError::usage(format!("{cmd}: {path}: is a directory"))
                    .hint("use rm -r to remove a directory and its contents"));
            }
            let r = self.fr(cmd, path, |c| c.fremove(path, recursive));
            if unsupported(&r) {
                return self.python_path(|fs| fs.remove(cmd, path, recursive));
            }
            return r;
        }
        let lit = self.lit(path);
        if !entry.is_dir {
            return self
                .run_for(&format!("import os\nos.remove({lit})\n"), cmd, path)
                .map(|_| ());
        }
        if !recursive {
            return Err(UpyError::usage(format!("{cmd}: {path}: is a directory"))
                .hint("use rm -r to remove a directory and its contents"));
        }
        if self.caps.flat() {
            // The root of a flat filesystem: remove every file.
            return self
                .run_for(
                    "import os\nfor n in os.listdir():\n os.remove(n)\n",
                    cmd,
                    path,
                )
                .map(|_| ());
        }
        let iter = if self.caps.ilistdir {
            "os.ilistdir(p)"
        } else {
            "((x,os.stat((p if p!='/' else '')+'/'+x)[0]) for x in os.listdir(p))"
        };
        let code = format!(
            "import os\ndef _r(p):\n for e in list({iter}):\n  n=(p if p!='/' else '')+'/'+e[0]\n  if e[1]&0x4000:_r(n)\n  else:os.remove(n)\n if p!='/':os.rmdir(p)\n_r({lit})\n"
        );
        self.run_for(&code, cmd, path).map(|_| ())
    }

    /// Create a directory (with `parents`, all missing parents and no error if it exists).
    pub fn mkdir(&mut self, cmd: &str, path: &str, parents: bool) -> Result<()> {
        if self.caps.flat() {
            return Err(flat_error(cmd));
        }
        if self.caps.frames {
            let r = self.fr(cmd, path, |c| c.fmkdir(path, parents));
            if unsupported(&r) {
                return self.python_path(|fs| fs.mkdir(cmd, path, parents));
            }
            return r;
        }
        let mut dirs = Vec::new();
        if parents {
            let mut cur = String::new();
            for part in path.split('/').filter(|p| !p.is_empty()) {
                cur = format!("{cur}/{part}");
                dirs.push(str_literal(&cur));
            }
            let code = format!(
                "import os\nfor d in [{}]:\n try:\n  os.mkdir(d)\n except OSError as e:\n  if e.args[0]!=17:raise\n",
                dirs.join(",")
            );
            self.run_for(&code, cmd, path)?;
            match self.stat(cmd, path)? {
                Some(e) if e.is_dir => Ok(()),
                _ => Err(UpyError::device(format!(
                    "{cmd}: {path}: a file is in the way on device {}",
                    self.device()
                ))),
            }
        } else {
            self.run_for(
                &format!("import os\nos.mkdir({})\n", self.lit(path)),
                cmd,
                path,
            )
            .map(|_| ())
        }
    }

    /// Remove an empty directory.
    pub fn rmdir(&mut self, cmd: &str, path: &str) -> Result<()> {
        if self.caps.flat() {
            return Err(flat_error(cmd));
        }
        if self.caps.frames {
            let r = self.fr(cmd, path, |c| c.frmdir(path));
            if unsupported(&r) {
                return self.python_path(|fs| fs.rmdir(cmd, path));
            }
            return r;
        }
        self.run_for(
            &format!("import os\nos.rmdir({})\n", self.lit(path)),
            cmd,
            path,
        )
        .map(|_| ())
    }

    /// Create an empty file if missing (an existing file is left as it is).
    pub fn touch(&mut self, cmd: &str, path: &str) -> Result<()> {
        let lit = self.lit(path);
        let code = format!(
            "try:\n open({lit},'a').close()\nexcept ValueError:\n try:\n  open({lit},'rb').close()\n except OSError:\n  open({lit},'wb').close()\n"
        );
        self.run_for(&code, cmd, path).map(|_| ())
    }

    /// sha256 of a file: computed on the device when it has hashlib, else by reading the file back.
    /// Returns the hex digest and whether the device computed it.
    pub fn sha256(&mut self, cmd: &str, path: &str, progress: &Progress) -> Result<(String, bool)> {
        if self.caps.frames {
            let r = self.fr(cmd, path, |c| c.fhash(path));
            if unsupported(&r) {
                return self.python_path(|fs| fs.sha256(cmd, path, progress));
            }
            return Ok((hex(&r?), true));
        }
        if self.caps.hashlib {
            let code = format!("{}print('H',_h({}))\n", self.hash_helper(), self.lit(path));
            let out = self.run_for(&code, cmd, path)?;
            if let Some(h) = out.lines().find_map(|l| l.trim().strip_prefix("H ")) {
                return Ok((h.to_string(), true));
            }
            return Err(UpyError::connection(format!(
                "{cmd}: unexpected answer from {}: {out:?}",
                self.device()
            )));
        }
        let data = self.read(cmd, path, progress)?;
        Ok((hex(&Sha256::digest(&data)), false))
    }

    /// Filesystem size and use.
    pub fn df(&mut self, cmd: &str) -> Result<DfInfo> {
        if self.caps.frames {
            let r = self.fr(cmd, "/", |c| c.fstatvfs("/"));
            if unsupported(&r) {
                return self.python_path(|fs| fs.df(cmd));
            }
            let v = r?;
            let total = u64::from(v.bsize) * u64::from(v.blocks);
            let free = u64::from(v.bsize) * u64::from(v.bfree);
            return Ok(DfInfo {
                total: Some(total),
                used: total.saturating_sub(free),
                free: Some(free),
            });
        }
        if self.caps.statvfs {
            let out = self.run_for(
                "import os\ns=os.statvfs('/')\nprint('V',s[1],s[2],s[3])\n",
                cmd,
                "/",
            )?;
            let nums: Vec<u64> = out
                .lines()
                .find_map(|l| l.trim().strip_prefix("V "))
                .map(|l| {
                    l.split_whitespace()
                        .filter_map(|n| n.parse().ok())
                        .collect()
                })
                .unwrap_or_default();
            if let [frsize, blocks, bfree] = nums[..] {
                let total = frsize * blocks;
                let free = frsize * bfree;
                return Ok(DfInfo {
                    total: Some(total),
                    used: total.saturating_sub(free),
                    free: Some(free),
                });
            }
            return Err(UpyError::connection(format!(
                "{cmd}: unexpected answer from {}: {out:?}",
                self.device()
            )));
        }
        let used = self
            .list(cmd, "/", true, false)?
            .iter()
            .map(|e| e.size)
            .sum();
        Ok(DfInfo {
            total: None,
            used,
            free: None,
        })
    }
}

impl Drop for DeviceFs<'_> {
    /// `UPY_WIRE_STATS=1`: say on stderr how file data moved (for tests and benchmarks).
    fn drop(&mut self) {
        if std::env::var_os("UPY_WIRE_STATS").is_some_and(|v| v != "0") {
            let w = self.board.client().wire_stats();
            let ratio = if w.payload_bytes > 0 {
                (w.tx_bytes + w.rx_bytes) as f64 / w.payload_bytes as f64
            } else {
                0.0
            };
            eprintln!(
                "upy: wire: transport={} tx={} rx={} payload={} ratio={ratio:.4}",
                self.caps.transport(),
                w.tx_bytes,
                w.rx_bytes,
                w.payload_bytes
            );
        }
    }
}

/// Run the capability probe program.
fn probe(board: &mut Board) -> Result<Caps> {
    let name = board.name().to_string();
    // The probe may be the first program of the session, before raw-paste support is known: guard it.
    let guard = board.client().raw_paste_supported() != Some(true);
    let out = run_guarded(&mut *board, PROBE, guard)
        .map_err(|e| UpyError::from_protocol(e, "probing the board's filesystem", &name))?;
    let text = String::from_utf8_lossy(&out);
    let line = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("upy-caps "))
        .ok_or_else(|| {
            UpyError::connection(format!(
                "unexpected answer to the capability probe from {name}: {text:?}"
            ))
        })?;
    parse_caps(line).ok_or_else(|| {
        UpyError::connection(format!(
            "unexpected answer to the capability probe from {name}: {line:?}"
        ))
    })
}

fn unsupported(r: &Result<impl Sized>) -> bool {
    matches!(r, Err(e) if e.errno() == Some(Errno::EOPNOTSUPP))
}

/// Run a program generated here, resending it when it was damaged in transit.
///
/// Classic raw mode has no flow control: a busy board (or one starved of CPU, as QEMU on a loaded host)
/// drops bytes. With `guard`, the program travels as a bytes literal with its length, and runs only if the
/// length arrived intact (`exec`), so a damaged program never runs at all: a SyntaxError (damaged text or a
/// length mismatch) or a NameError in the wrapper before `exec` (a damaged name) is answered by sending it
/// again; a NameError in the trailing `del _s` (damaged after the program ran) is success. Without
/// `guard` (raw-paste, which is flow-controlled) only SyntaxErrors are retried: a program that did not
/// compile did not run.
fn run_guarded(
    board: &mut Board,
    code: &str,
    guard: bool,
) -> std::result::Result<Vec<u8>, ProtoError> {
    let wrapped;
    let text = if guard {
        wrapped = format!(
            "_s={}\nexec(_s if len(_s)=={} else \"raise SyntaxError('upy: program damaged in transit')\")\ndel _s\n",
            bytes_literal(code.as_bytes()),
            code.len()
        );
        wrapped.as_str()
    } else {
        code
    };
    let mut attempts = 0;
    loop {
        let out = board.client().exec(text.as_bytes())?;
        if out.stderr.is_empty() {
            return Ok(out.stdout);
        }
        let e = upy_protocol::host::DeviceException::parse(&out.stderr);
        // A program that did not compile did not run: send it again.
        let mut retry = e.kind == "SyntaxError";
        if guard && e.kind == "NameError" && !e.traceback.contains("<string>") {
            // A name of the wrapper itself was damaged in transit (errors of the program run by `exec`
            // have a `<string>` frame). Line 3 is only `del _s`, reached after the program ran to the
            // end: its work is done. On lines 1-2 the program has not run yet.
            if e.traceback.contains("\"<stdin>\", line 3") {
                return Ok(out.stdout);
            }
            retry = true;
        }
        if retry && attempts < 3 {
            attempts += 1;
            continue;
        }
        return Err(ProtoError::Exception(e));
    }
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn parse_caps(line: &str) -> Option<Caps> {
    let mut it = line.splitn(10, ' ');
    let mut flag = || it.next().map(|v| v == "1");
    let binascii = flag()?;
    let hashlib = flag()?;
    let ilistdir = flag()?;
    let stat = flag()?;
    let rename = flag()?;
    let mkdir = flag()?;
    let statvfs = flag()?;
    let size = flag()?;
    let rest: Vec<&str> = it.collect();
    let [mem, tail] = rest[..] else { return None };
    let mem_free: u64 = mem.parse().ok()?;
    // tail = repr(platform) repr(cwd); the platform repr has no spaces in practice.
    let (platform, cwd) = tail.split_once(' ')?;
    let platform = parse_str(platform).ok()?;
    let cwd = parse_str(cwd)
        .ok()
        .filter(|c| c.starts_with('/'))
        .unwrap_or_else(|| "/".into());
    let budget = if mem_free == 0 {
        512
    } else {
        (mem_free / 10).clamp(256, 16384) as usize
    };
    Some(Caps {
        binascii,
        hashlib,
        ilistdir,
        stat,
        rename,
        mkdir,
        statvfs,
        size,
        mem_free,
        platform,
        cwd,
        budget,
        frames: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_probe_line() {
        let c = parse_caps("0 0 0 0 0 0 0 1 9520 'microbit' '/'").unwrap();
        assert!(c.flat() && c.size && !c.binascii);
        assert_eq!(c.platform, "microbit");
        assert_eq!(c.budget, 952);
        let c = parse_caps("1 1 1 1 1 1 1 0 150000 'rp2' '/lib'").unwrap();
        assert!(!c.flat() && c.hashlib);
        assert_eq!(c.cwd, "/lib");
        assert_eq!(c.budget, 15000);
        assert!(parse_caps("1 1").is_none());
        assert!(parse_caps("garbage").is_none());
    }

    #[test]
    fn paths() {
        assert_eq!(normalize("/a//b/./c/../d/"), "/a/b/d");
        assert_eq!(normalize("/.."), "/");
        assert_eq!(join("/", "x"), "/x");
        assert_eq!(join("/lib", "x"), "/lib/x");
        assert_eq!(basename("/lib/x.py"), "x.py");
        assert_eq!(basename("/lib/"), "lib");
    }
}
