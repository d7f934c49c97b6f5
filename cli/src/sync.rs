//! `upy sync SRC [:DEST]`: make the device tree under DEST equal to the local tree SRC.
//!
//! 1. Walk SRC honouring `.gitignore` and `.upyignore` (hidden files and a top-level `upy.toml` are
//!    skipped too).
//! 2. List DEST on the device in one round trip, with sizes and sha256: one LIST frame exchange on upy
//!    firmware, one program on stock firmware (hashes when it has hashlib).
//! 3. Plan: a file missing on the device is `add`ed; a file whose size differs, or whose hash differs, is
//!    `update`d; without device hashes a same-size file is read back and compared byte for byte, so a file
//!    that differs is never skipped. With `--delete`, device files and directories under DEST that are not
//!    in SRC are `delete`d. A file where a directory must go (or the reverse) is deleted in any case.
//! 4. Apply in plan order (deletes first, to free space); writes go through a temporary name.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use upy_protocol::host::Errno;

use crate::error::{Result, UpyError};
use crate::fs::{DeviceFs, Entry, hex, join};
use crate::output::Progress;

/// What to do with one path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Copy a file that is missing on the device.
    Add,
    /// Copy a file whose device copy differs.
    Update,
    /// Remove a device file or directory (directories are shown with a trailing `/`).
    Delete,
}

/// One step of the plan.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Step {
    /// What to do.
    pub action: Action,
    /// Device path (directories end with `/`).
    pub path: String,
    /// Bytes to copy (add/update).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// The local file (add/update).
    #[serde(skip)]
    pub local: Option<PathBuf>,
}

impl Step {
    /// The `--dry-run` line: `add /main.py`.
    pub fn line(&self) -> String {
        let verb = match self.action {
            Action::Add => "add",
            Action::Update => "update",
            Action::Delete => "delete",
        };
        format!("{verb} {}", self.path)
    }
}

/// The plan and what needs no work.
#[derive(Debug, Default)]
pub struct Plan {
    /// Steps in execution order.
    pub steps: Vec<Step>,
    /// Files already equal.
    pub unchanged: usize,
    /// Whether equality was decided with device-side sha256 (else sizes and read-back).
    pub device_hashes: bool,
}

struct LocalTree {
    /// Relative path (`/`-separated) → (absolute path, size).
    files: BTreeMap<String, (PathBuf, u64)>,
    /// Relative directory paths.
    dirs: BTreeSet<String>,
}

fn walk_local(src: &Path) -> Result<LocalTree> {
    let meta = std::fs::metadata(src)
        .map_err(|e| UpyError::io(format!("sync: {}", src.display()), &e))?;
    if !meta.is_dir() {
        return Err(
            UpyError::usage(format!("sync: {} is not a directory", src.display()))
                .hint("sync copies a directory tree; use `upy cp FILE :` for a single file"),
        );
    }
    let mut files = BTreeMap::new();
    let mut dirs = BTreeSet::new();
    let walker = ignore::WalkBuilder::new(src)
        .hidden(true)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(false)
        .require_git(false)
        .add_custom_ignore_filename(".upyignore")
        .build();
    for entry in walker {
        let entry = entry.map_err(|e| UpyError::local(format!("sync: {e}")))?;
        let rel = entry.path().strip_prefix(src).unwrap_or(entry.path());
        if rel.as_os_str().is_empty() {
            continue;
        }
        let rel_str = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        if rel_str == "upy.toml" {
            continue;
        }
        let ft = entry.file_type();
        if ft.is_some_and(|t| t.is_dir()) {
            dirs.insert(rel_str);
        } else {
            let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
            files.insert(rel_str, (entry.path().to_path_buf(), size));
        }
    }
    Ok(LocalTree { files, dirs })
}

fn sha256_file(path: &Path) -> Result<String> {
    let data = std::fs::read(path)
        .map_err(|e| UpyError::io(format!("sync: {}", path.display()), &e))?;
    Ok(hex(&Sha256::digest(&data)))
}

/// Work out what `sync` must do. `dest` is an absolute device directory.
pub fn plan(fs: &mut DeviceFs<'_>, src: &Path, dest: &str, delete: bool) -> Result<Plan> {
    let local = walk_local(src)?;
    if fs.caps.flat() {
        if let Some(d) = local.dirs.iter().next() {
            return Err(crate::fs::flat_error("sync").hint(format!(
                "{} has the subdirectory {d}; add it to .upyignore, or sync a directory without subdirectories",
                src.display()
            )));
        }
        if dest != "/" {
            return Err(crate::fs::flat_error("sync"));
        }
    }
    let device: Vec<Entry> = if fs.caps.frames {
        // One LIST exchange: a missing destination is ENOENT, a file ENOTDIR.
        match fs.list("sync", dest, true, true) {
            Ok(v) => v,
            Err(e) if e.errno() == Some(Errno::ENOENT) => Vec::new(),
            Err(e) if e.errno() == Some(Errno::ENOTDIR) => {
                return Err(UpyError::usage(format!(
                    "sync: {dest} is a file on device {}",
                    fs.device()
                ))
                .hint("give a directory as destination"));
            }
            Err(e) => return Err(e),
        }
    } else {
        match fs.stat("sync", dest)? {
            None => Vec::new(),
            Some(e) if !e.is_dir => {
                return Err(UpyError::usage(format!(
                    "sync: {dest} is a file on device {}",
                    fs.device()
                ))
                .hint("give a directory as destination"));
            }
            Some(_) => fs.list("sync", dest, true, true)?,
        }
    };
    let prefix = if dest == "/" {
        "/".to_string()
    } else {
        format!("{dest}/")
    };
    let rel_of = |p: &str| p.strip_prefix(&prefix).map(str::to_string);
    let dev_files: BTreeMap<String, &Entry> = device
        .iter()
        .filter(|e| !e.is_dir)
        .filter_map(|e| rel_of(&e.path).map(|r| (r, e)))
        .collect();
    let dev_dirs: BTreeSet<String> = device
        .iter()
        .filter(|e| e.is_dir)
        .filter_map(|e| rel_of(&e.path))
        .collect();

    let mut plan = Plan {
        device_hashes: fs.caps.hashlib,
        ..Plan::default()
    };
    let under = |dir: &str, p: &str| p.starts_with(&format!("{dir}/"));

    // Deletes: device files absent locally (with --delete), or in the way of a local directory.
    let mut doomed_dirs: Vec<String> = dev_dirs
        .iter()
        .filter(|d| (delete && !local.dirs.contains(*d)) || local.files.contains_key(*d))
        .cloned()
        .collect();
    // A directory that will be deleted takes its subtree with it.
    let roots = doomed_dirs.clone();
    doomed_dirs.extend(
        dev_dirs
            .iter()
            .filter(|d| roots.iter().any(|r| under(r, d)) && !roots.contains(*d))
            .cloned(),
    );
    for (rel, entry) in &dev_files {
        let in_way = local.dirs.contains(rel);
        let in_doomed_dir = doomed_dirs.iter().any(|d| under(d, rel));
        if (delete && !local.files.contains_key(rel)) || in_way || in_doomed_dir {
            plan.steps.push(Step {
                action: Action::Delete,
                path: entry.path.clone(),
                size: None,
                local: None,
            });
        }
    }
    // Directories deepest first (after their files).
    let mut dir_deletes: Vec<&String> = doomed_dirs.iter().collect();
    dir_deletes.sort_by(|a, b| {
        b.matches('/')
            .count()
            .cmp(&a.matches('/').count())
            .then(a.cmp(b))
    });
    for d in dir_deletes {
        plan.steps.push(Step {
            action: Action::Delete,
            path: format!("{}/", join(dest, d)),
            size: None,
            local: None,
        });
    }
    let deleted: BTreeSet<String> = plan
        .steps
        .iter()
        .map(|s| s.path.trim_end_matches('/').to_string())
        .collect();

    for (rel, (path, size)) in &local.files {
        let dev_path = join(dest, rel);
        let on_device = dev_files.get(rel).filter(|_| !deleted.contains(&dev_path));
        let action = match on_device {
            None => Some(Action::Add),
            Some(e) if e.size != *size => Some(Action::Update),
            Some(e) => {
                let same = match &e.sha256 {
                    Some(h) => *h == sha256_file(path)?,
                    None => {
                        let local_data = std::fs::read(path).map_err(|err| {
                            UpyError::io(format!("sync: {}", path.display()), &err)
                        })?;
                        let device_data = fs.read("sync", &dev_path, &Progress::none())?;
                        local_data == device_data
                    }
                };
                (!same).then_some(Action::Update)
            }
        };
        match action {
            Some(action) => plan.steps.push(Step {
                action,
                path: dev_path,
                size: Some(*size),
                local: Some(path.clone()),
            }),
            None => plan.unchanged += 1,
        }
    }
    Ok(plan)
}

/// Carry out a plan; `on_step` is called after each step.
pub fn apply(
    fs: &mut DeviceFs<'_>,
    plan: &Plan,
    quiet: bool,
    on_step: &mut dyn FnMut(&Step),
) -> Result<()> {
    let mut made_dirs: BTreeSet<String> = BTreeSet::new();
    for step in &plan.steps {
        match step.action {
            Action::Delete => {
                if let Some(dir) = step.path.strip_suffix('/') {
                    fs.rmdir("sync", dir)?;
                } else {
                    fs.remove("sync", &step.path, false)?;
                }
            }
            Action::Add | Action::Update => {
                let parent = step.path.rsplit_once('/').map(|(p, _)| p).unwrap_or("");
                if !fs.caps.flat() && !parent.is_empty() && !made_dirs.contains(parent) {
                    fs.mkdir("sync", parent, true)?;
                    made_dirs.insert(parent.to_string());
                }
                let local = step
                    .local
                    .as_ref()
                    .ok_or_else(|| UpyError::local("sync: internal: no local file"))?;
                let data = std::fs::read(local)
                    .map_err(|e| UpyError::io(format!("sync: {}", local.display()), &e))?;
                let progress = Progress::new(data.len() as u64, &step.path, quiet);
                fs.write("sync", &step.path, &data, &progress)?;
            }
        }
        on_step(step);
    }
    Ok(())
}
