//! One function per command: connect, do the work, print human text or one JSON document.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use clap::CommandFactory;
use serde_json::{Value, json};
use upy_protocol::host::{DeviceException, Error as ProtoError, FollowOptions};

use crate::args::{Cli, Command, ExecOpts};
use crate::config::Config;
use crate::device::{self, Board};
use crate::error::{ExceptionJson, Kind, Result, UpyError};
use crate::fs::{DeviceFs, Entry, basename, join};
use crate::output::{NewlineFilter, Progress, device_text, print_json};
use crate::{ports, repl, sync};

/// Shared state of one invocation.
pub struct Ctx {
    /// `--json`.
    pub json: bool,
    device: Option<String>,
    config: Config,
}

impl Ctx {
    fn connect(&self) -> Result<Board> {
        let spec = device::choose(self.device.as_deref(), &self.config)?;
        device::connect(&spec)
    }

    /// Connect and enter the raw REPL.
    fn board(&self, soft_reset: bool) -> Result<Board> {
        let mut board = self.connect()?;
        board.enter_raw(soft_reset)?;
        Ok(board)
    }

    fn emit(&self, value: Value) {
        if self.json {
            print_json(&value);
        }
    }
}

/// Run a parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let needs_config = !matches!(
        cli.command,
        Command::Completions { .. } | Command::Devices { .. }
    );
    let config = if needs_config {
        Config::load(&cwd)?
    } else {
        Config::default()
    };
    let ctx = Ctx {
        json: cli.json,
        device: cli.device,
        config,
    };
    match cli.command {
        Command::Devices { all } => devices(&ctx, all),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "upy", &mut std::io::stdout());
            Ok(())
        }
        Command::Repl => {
            let mut board = ctx.connect()?;
            repl::run(&mut board, ctx.json)
        }
        Command::Run { file, exec } => {
            let code = std::fs::read(&file).map_err(|e| {
                UpyError::io(format!("run: cannot read {}", file.display()), &e)
            })?;
            run_code(&ctx, &code, &exec, false)
        }
        Command::Exec { code, exec } => run_code(&ctx, code.as_bytes(), &exec, false),
        Command::Eval { expr, exec } => {
            run_code(&ctx, format!("print({expr})").as_bytes(), &exec, true)
        }
        Command::Ls {
            long,
            recursive,
            path,
        } => with_fs(&ctx, |fs| ls(&ctx, fs, path.as_deref(), long, recursive)),
        Command::Cat { paths } => with_fs(&ctx, |fs| cat(&ctx, fs, &paths)),
        Command::Cp { recursive, paths } => cp(&ctx, &paths, recursive),
        Command::Rm { recursive, paths } => with_fs(&ctx, |fs| {
            each_path(&ctx, fs, "rm", &paths, |fs, p| {
                fs.remove("rm", p, recursive)
            })
        }),
        Command::Mkdir { parents, paths } => with_fs(&ctx, |fs| {
            each_path(&ctx, fs, "mkdir", &paths, |fs, p| {
                fs.mkdir("mkdir", p, parents)
            })
        }),
        Command::Rmdir { paths } => with_fs(&ctx, |fs| {
            each_path(&ctx, fs, "rmdir", &paths, |fs, p| fs.rmdir("rmdir", p))
        }),
        Command::Touch { paths } => with_fs(&ctx, |fs| {
            each_path(&ctx, fs, "touch", &paths, |fs, p| fs.touch("touch", p))
        }),
        Command::Tree { size, path } => with_fs(&ctx, |fs| tree(&ctx, fs, path.as_deref(), size)),
        Command::Df => with_fs(&ctx, |fs| df(&ctx, fs)),
        Command::Sha256sum { paths } => with_fs(&ctx, |fs| sha256sum(&ctx, fs, &paths)),
        Command::Reset {
            soft,
            hard: _,
            bootloader,
        } => reset(&ctx, soft, bootloader),
        Command::Sync {
            src,
            dest,
            delete,
            dry_run,
        } => with_fs(&ctx, |fs| {
            sync_cmd(&ctx, fs, &src, dest.as_deref(), delete, dry_run)
        }),
    }
}

/// Connect, enter the raw REPL, probe the filesystem, run `f`, leave the raw REPL.
fn with_fs(ctx: &Ctx, f: impl FnOnce(&mut DeviceFs<'_>) -> Result<()>) -> Result<()> {
    let mut board = ctx.board(false)?;
    let result = {
        let mut fs = DeviceFs::open(&mut board)?;
        f(&mut fs)
    };
    board.close();
    result
}

// ---- devices ---------------------------------------------------------------------------------

fn devices(ctx: &Ctx, all: bool) -> Result<()> {
    let ports = ports::list()
        .map_err(|e| UpyError::connection(format!("cannot list serial ports: {e}")))?;
    let shown: Vec<_> = ports
        .into_iter()
        .filter(|p| all || p.kind == "usb")
        .collect();
    if ctx.json {
        ctx.emit(json!({ "ok": true, "devices": shown }));
        return Ok(());
    }
    if shown.is_empty() {
        println!("no serial ports found");
        eprintln!(
            "hint: plug in a board, or use -d sim for the simulated board; `upy devices --all` also lists non-USB ports"
        );
        return Ok(());
    }
    for p in &shown {
        let mark = if p.micropython { "*" } else { " " };
        println!(
            "{mark} {:<16} {:<9} {:<20} {}{}",
            p.port,
            p.vid_pid.as_deref().unwrap_or(p.kind),
            p.serial_number.as_deref().unwrap_or("-"),
            p.product
                .as_deref()
                .or(p.manufacturer.as_deref())
                .unwrap_or("-"),
            p.board.map(|b| format!(" ({b})")).unwrap_or_default(),
        );
    }
    if shown.iter().any(|p| p.micropython) {
        println!("* = known MicroPython board or USB-UART bridge");
    }
    Ok(())
}

// ---- exec / eval / run -----------------------------------------------------------------------

fn run_code(ctx: &Ctx, code: &[u8], opts: &ExecOpts, eval: bool) -> Result<()> {
    let mut board = ctx.board(!opts.no_reset)?;
    let name = board.name().to_string();
    board
        .client()
        .exec_no_follow(code)
        .map_err(|e| UpyError::from_protocol(e, "sending the program", &name))?;
    if opts.no_follow {
        ctx.emit(json!({ "ok": true, "followed": false }));
        return Ok(());
    }
    let interrupt = Arc::new(AtomicBool::new(false));
    {
        let flag = interrupt.clone();
        // A second handler registration fails harmlessly; one per process is all we need.
        let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    }
    let mut captured = Vec::new();
    let mut filter = NewlineFilter::new(std::io::stdout());
    let capture = ctx.json || eval;
    let result = board.client().follow(
        &mut |chunk| {
            if capture {
                captured.extend_from_slice(chunk);
            } else {
                filter.write(chunk);
            }
        },
        FollowOptions {
            idle_timeout: None,
            interrupt: Some(&interrupt),
        },
    );
    filter.finish();
    let stderr = match result {
        Ok(s) => s,
        Err(ProtoError::Interrupted) => {
            return Err(UpyError::from_protocol(
                ProtoError::Interrupted,
                "run",
                &name,
            ));
        }
        Err(e) => return Err(UpyError::from_protocol(e, "running the program", &name)),
    };
    board.close();
    let stdout_text = device_text(&captured);
    if eval && !ctx.json {
        print!("{stdout_text}");
        let _ = std::io::stdout().flush();
    }
    if stderr.is_empty() {
        if eval {
            ctx.emit(json!({ "ok": true, "value": stdout_text.strip_suffix('\n').unwrap_or(&stdout_text) }));
        } else {
            ctx.emit(json!({ "ok": true, "stdout": stdout_text }));
        }
        return Ok(());
    }
    let exc = DeviceException::parse(&stderr);
    let mut err = UpyError::new(Kind::Exception, exc.to_string());
    if ctx.json {
        err.exception = Some(Box::new(exc));
        let e = err.to_json();
        print_json(&json!({ "ok": false, "stdout": stdout_text, "error": e }));
        err.reported = true;
    } else {
        // The traceback is the report: print it as the device wrote it.
        eprint!("{}", device_text(&stderr));
        err.exception = Some(Box::new(exc));
        err.reported = true;
    }
    Err(err)
}

// ---- file commands ---------------------------------------------------------------------------

fn entry_json(e: &Entry, base: &str) -> Value {
    let name = e
        .path
        .strip_prefix(base)
        .unwrap_or(&e.path)
        .trim_start_matches('/');
    let mut v = json!({
        "name": name,
        "path": e.path,
        "type": if e.is_dir { "dir" } else { "file" },
        "size": e.size,
    });
    if let Some(h) = &e.sha256 {
        v["sha256"] = json!(h);
    }
    v
}

fn ls(
    ctx: &Ctx,
    fs: &mut DeviceFs<'_>,
    path: Option<&str>,
    long: bool,
    recursive: bool,
) -> Result<()> {
    let dir = match path {
        Some(p) => fs.resolve("ls", p)?,
        None => fs.resolve("ls", &fs.caps.cwd.clone())?,
    };
    let entry = fs.stat("ls", &dir)?.ok_or_else(|| {
        UpyError::device(format!(
            "ls: {dir}: no such file or directory on device {}",
            fs.device()
        ))
    })?;
    let entries = if entry.is_dir {
        fs.list("ls", &dir, recursive, false)?
    } else {
        vec![entry]
    };
    let base = if entries.len() == 1 && !entries[0].is_dir && entries[0].path == dir {
        dir.rsplit_once('/')
            .map(|(b, _)| b.to_string())
            .unwrap_or_default()
    } else {
        dir.clone()
    };
    if ctx.json {
        let list: Vec<Value> = entries.iter().map(|e| entry_json(e, &base)).collect();
        ctx.emit(json!({ "ok": true, "path": dir, "entries": list }));
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    for e in &entries {
        let name = e
            .path
            .strip_prefix(&base)
            .unwrap_or(&e.path)
            .trim_start_matches('/');
        let slash = if e.is_dir { "/" } else { "" };
        let _ = if long {
            writeln!(out, "{:>10} {name}{slash}", e.size)
        } else {
            writeln!(out, "{name}{slash}")
        };
    }
    Ok(())
}

fn cat(ctx: &Ctx, fs: &mut DeviceFs<'_>, paths: &[String]) -> Result<()> {
    let mut files = Vec::new();
    for p in paths {
        let path = fs.resolve("cat", p)?;
        match fs.stat("cat", &path)? {
            None => {
                return Err(UpyError::device(format!(
                    "cat: {path}: no such file on device {}",
                    fs.device()
                )));
            }
            Some(e) if e.is_dir => {
                return Err(UpyError::device(format!(
                    "cat: {path}: is a directory on device {}",
                    fs.device()
                )));
            }
            Some(_) => {}
        }
        let data = fs.read("cat", &path, &Progress::none())?;
        if ctx.json {
            let mut v = json!({ "path": path, "size": data.len() });
            match String::from_utf8(data) {
                Ok(text) => v["content"] = json!(text),
                Err(e) => {
                    use base64::Engine as _;
                    v["content_base64"] =
                        json!(base64::engine::general_purpose::STANDARD.encode(e.as_bytes()))
                }
            }
            files.push(v);
        } else {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(&data);
            let _ = out.flush();
        }
    }
    ctx.emit(json!({ "ok": true, "files": files }));
    Ok(())
}

fn each_path(
    ctx: &Ctx,
    fs: &mut DeviceFs<'_>,
    cmd: &str,
    paths: &[String],
    mut f: impl FnMut(&mut DeviceFs<'_>, &str) -> Result<()>,
) -> Result<()> {
    let mut done = Vec::new();
    for p in paths {
        let path = fs.resolve(cmd, p)?;
        f(fs, &path)?;
        done.push(path);
    }
    ctx.emit(json!({ "ok": true, "paths": done }));
    Ok(())
}

fn tree(ctx: &Ctx, fs: &mut DeviceFs<'_>, path: Option<&str>, sizes: bool) -> Result<()> {
    let dir = fs.resolve("tree", path.unwrap_or("/"))?;
    match fs.stat("tree", &dir)? {
        Some(e) if e.is_dir => {}
        Some(_) => return Err(UpyError::usage(format!("tree: {dir} is a file"))),
        None => {
            return Err(UpyError::device(format!(
                "tree: {dir}: no such directory on device {}",
                fs.device()
            )));
        }
    }
    let entries = fs.list("tree", &dir, true, false)?;
    if ctx.json {
        let list: Vec<Value> = entries.iter().map(|e| entry_json(e, &dir)).collect();
        ctx.emit(json!({ "ok": true, "path": dir, "entries": list }));
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, ":{dir}");
    print_tree(&mut out, &entries, &dir, "", sizes);
    Ok(())
}

fn print_tree(out: &mut impl Write, entries: &[Entry], dir: &str, indent: &str, sizes: bool) {
    let prefix = if dir == "/" {
        "/".to_string()
    } else {
        format!("{dir}/")
    };
    let children: Vec<&Entry> = entries
        .iter()
        .filter(|e| {
            e.path
                .strip_prefix(&prefix)
                .is_some_and(|r| !r.is_empty() && !r.contains('/'))
        })
        .collect();
    for (i, e) in children.iter().enumerate() {
        let last = i + 1 == children.len();
        let (branch, next) = if last {
            ("└── ", "    ")
        } else {
            ("├── ", "│   ")
        };
        let size = if sizes && !e.is_dir {
            format!("[{:>8}]  ", e.size)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{indent}{branch}{size}{}{}",
            basename(&e.path),
            if e.is_dir { "/" } else { "" }
        );
        if e.is_dir {
            print_tree(out, entries, &e.path, &format!("{indent}{next}"), sizes);
        }
    }
}

fn df(ctx: &Ctx, fs: &mut DeviceFs<'_>) -> Result<()> {
    let info = fs.df("df")?;
    if ctx.json {
        ctx.emit(json!({ "ok": true, "mount": "/", "total": info.total, "used": info.used, "free": info.free }));
        return Ok(());
    }
    match (info.total, info.free) {
        (Some(total), Some(free)) => {
            let pct = (info.used * 100).checked_div(total).unwrap_or(0);
            println!(
                "{:<10} {:>10} {:>10} {:>10} {:>5}",
                "mounted", "size", "used", "avail", "use%"
            );
            println!(
                "{:<10} {:>10} {:>10} {:>10} {:>4}%",
                "/", total, info.used, free, pct
            );
        }
        _ => {
            println!(
                "{:<10} {:>10} {:>10} {:>10} {:>5}",
                "mounted", "size", "used", "avail", "use%"
            );
            println!(
                "{:<10} {:>10} {:>10} {:>10} {:>5}",
                "/", "?", info.used, "?", "?"
            );
            eprintln!(
                "note: this firmware does not report its filesystem size (no os.statvfs); used = sum of file sizes"
            );
        }
    }
    Ok(())
}

fn sha256sum(ctx: &Ctx, fs: &mut DeviceFs<'_>, paths: &[String]) -> Result<()> {
    let mut files = Vec::new();
    for p in paths {
        let path = fs.resolve("sha256sum", p)?;
        match fs.stat("sha256sum", &path)? {
            None => {
                return Err(UpyError::device(format!(
                    "sha256sum: {path}: no such file on device {}",
                    fs.device()
                )));
            }
            Some(e) if e.is_dir => {
                return Err(UpyError::usage(format!(
                    "sha256sum: {path}: is a directory"
                )));
            }
            Some(e) => {
                let progress = Progress::new(e.size, &path, ctx.json);
                let (hash, on_device) = fs.sha256("sha256sum", &path, &progress)?;
                if !ctx.json {
                    println!("{hash}  {path}");
                }
                files.push(json!({ "path": path, "sha256": hash, "computed_on": if on_device { "device" } else { "host" } }));
            }
        }
    }
    ctx.emit(json!({ "ok": true, "files": files }));
    Ok(())
}

// ---- cp --------------------------------------------------------------------------------------

enum Loc {
    Host(PathBuf),
    Device(String),
}

fn parse_loc(s: &str) -> Loc {
    match s.strip_prefix(':') {
        Some(rest) => Loc::Device(rest.to_string()),
        None => Loc::Host(PathBuf::from(s)),
    }
}

fn cp(ctx: &Ctx, paths: &[String], recursive: bool) -> Result<()> {
    let (dst_raw, srcs) = paths
        .split_last()
        .ok_or_else(|| UpyError::usage("cp: give a source and a destination"))?;
    let dst = parse_loc(dst_raw);
    let srcs: Vec<Loc> = srcs.iter().map(|s| parse_loc(s)).collect();
    let any_device =
        matches!(dst, Loc::Device(_)) || srcs.iter().any(|s| matches!(s, Loc::Device(_)));
    let mut copied: Vec<Value> = Vec::new();
    if !any_device {
        return Err(UpyError::usage("cp: no device path given")
            .hint("mark device paths with ':' — `upy cp main.py :` copies to the board, `upy cp :main.py .` from it"));
    }
    let mut board = ctx.board(false)?;
    let result = (|| {
        let mut fs = DeviceFs::open(&mut board)?;
        let multi = srcs.len() > 1;
        for src in &srcs {
            match (src, &dst) {
                (Loc::Host(s), Loc::Device(d)) => {
                    cp_to_device(ctx, &mut fs, s, d, recursive, multi, &mut copied)?
                }
                (Loc::Device(s), Loc::Host(d)) => {
                    cp_to_host(ctx, &mut fs, s, d, recursive, multi, &mut copied)?
                }
                (Loc::Device(s), Loc::Device(d)) => {
                    let sp = fs.resolve("cp", s)?;
                    let src_entry = fs.stat("cp", &sp)?.ok_or_else(|| {
                        UpyError::device(format!(
                            "cp: {sp}: no such file on device {}",
                            fs.device()
                        ))
                    })?;
                    if src_entry.is_dir {
                        return Err(UpyError::usage(
                            "cp: copying directories within the device is not supported",
                        ));
                    }
                    let target = device_target(&mut fs, d, basename(&sp), multi)?;
                    let data = fs.read("cp", &sp, &Progress::new(src_entry.size, &sp, ctx.json))?;
                    fs.write(
                        "cp",
                        &target,
                        &data,
                        &Progress::new(data.len() as u64, &target, ctx.json),
                    )?;
                    copied.push(json!({ "from": format!(":{sp}"), "to": format!(":{target}"), "size": data.len() }));
                }
                (Loc::Host(_), Loc::Host(_)) => {
                    return Err(UpyError::usage(
                        "cp: mixing host-to-host copies with device copies is not supported",
                    ));
                }
            }
        }
        Ok(fs.caps.transport())
    })();
    board.close();
    let transport = result?;
    ctx.emit(json!({ "ok": true, "copied": copied, "transport": transport }));
    Ok(())
}

/// Where a file named `name` goes when copied to device destination `d`.
fn device_target(fs: &mut DeviceFs<'_>, d: &str, name: &str, multi: bool) -> Result<String> {
    let dest = fs.resolve("cp", if d.is_empty() { "/" } else { d })?;
    let is_dir =
        d.is_empty() || d.ends_with('/') || fs.stat("cp", &dest)?.is_some_and(|e| e.is_dir);
    if multi && !is_dir {
        return Err(UpyError::usage(format!(
            "cp: {dest} is not a directory (several sources need one)"
        )));
    }
    if is_dir {
        let t = join(&dest, name);
        fs.resolve("cp", &t)
    } else {
        Ok(dest)
    }
}

fn cp_to_device(
    ctx: &Ctx,
    fs: &mut DeviceFs<'_>,
    src: &Path,
    d: &str,
    recursive: bool,
    multi: bool,
    copied: &mut Vec<Value>,
) -> Result<()> {
    let meta = std::fs::metadata(src)
        .map_err(|e| UpyError::io(format!("cp: {}", src.display()), &e))?;
    let name = src
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !meta.is_dir() {
        let target = device_target(fs, d, &name, multi)?;
        let data = std::fs::read(src)
            .map_err(|e| UpyError::io(format!("cp: {}", src.display()), &e))?;
        let progress = Progress::new(data.len() as u64, &target, ctx.json);
        fs.write("cp", &target, &data, &progress)?;
        copied.push(json!({ "from": src.display().to_string(), "to": format!(":{target}"), "size": data.len() }));
        return Ok(());
    }
    if !recursive {
        return Err(
            UpyError::usage(format!("cp: {} is a directory", src.display()))
                .hint("use cp -r to copy directories"),
        );
    }
    if fs.caps.flat() {
        return Err(crate::fs::flat_error("cp -r")
            .hint(format!("copy the files one by one, or use `upy sync {} :` for a directory without subdirectories", src.display())));
    }
    // As mpremote: if the destination directory exists, the source directory is nested inside it.
    let dest = fs.resolve("cp", if d.is_empty() { "/" } else { d })?;
    let root = if fs.stat("cp", &dest)?.is_some_and(|e| e.is_dir) {
        join(&dest, &name)
    } else {
        dest
    };
    fs.mkdir("cp", &root, true)?;
    let mut walk: Vec<PathBuf> = vec![src.to_path_buf()];
    while let Some(dir) = walk.pop() {
        let mut items: Vec<_> = std::fs::read_dir(&dir)
            .map_err(|e| UpyError::io(format!("cp: {}", dir.display()), &e))?
            .flatten()
            .collect();
        items.sort_by_key(|e| e.file_name());
        for item in items {
            let p = item.path();
            let rel = p.strip_prefix(src).unwrap_or(&p);
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let target = join(&root, &rel);
            if p.is_dir() {
                fs.mkdir("cp", &target, true)?;
                walk.push(p);
            } else {
                let data = std::fs::read(&p)
                    .map_err(|e| UpyError::io(format!("cp: {}", p.display()), &e))?;
                fs.write(
                    "cp",
                    &target,
                    &data,
                    &Progress::new(data.len() as u64, &target, ctx.json),
                )?;
                copied.push(json!({ "from": p.display().to_string(), "to": format!(":{target}"), "size": data.len() }));
            }
        }
    }
    Ok(())
}

fn cp_to_host(
    ctx: &Ctx,
    fs: &mut DeviceFs<'_>,
    s: &str,
    dst: &Path,
    recursive: bool,
    multi: bool,
    copied: &mut Vec<Value>,
) -> Result<()> {
    let sp = fs.resolve("cp", s)?;
    let entry = fs.stat("cp", &sp)?.ok_or_else(|| {
        UpyError::device(format!(
            "cp: {sp}: no such file or directory on device {}",
            fs.device()
        ))
    })?;
    let dst_is_dir = dst.is_dir();
    if multi && !dst_is_dir {
        return Err(UpyError::usage(format!(
            "cp: {} is not a directory (several sources need one)",
            dst.display()
        )));
    }
    let name = basename(&sp).to_string();
    if !entry.is_dir {
        let target = if dst_is_dir {
            dst.join(&name)
        } else {
            dst.to_path_buf()
        };
        let data = fs.read("cp", &sp, &Progress::new(entry.size, &sp, ctx.json))?;
        write_host(&target, &data)?;
        copied.push(json!({ "from": format!(":{sp}"), "to": target.display().to_string(), "size": data.len() }));
        return Ok(());
    }
    if !recursive {
        return Err(
            UpyError::usage(format!("cp: {sp} is a directory on the device"))
                .hint("use cp -r to copy directories"),
        );
    }
    let root = if dst_is_dir && (sp != "/") {
        dst.join(&name)
    } else {
        dst.to_path_buf()
    };
    std::fs::create_dir_all(&root)
        .map_err(|e| UpyError::io(format!("cp: {}", root.display()), &e))?;
    let prefix = if sp == "/" {
        "/".to_string()
    } else {
        format!("{sp}/")
    };
    for e in fs.list("cp", &sp, true, false)? {
        let rel = e.path.strip_prefix(&prefix).unwrap_or(&e.path).to_string();
        let target = root.join(&rel);
        if e.is_dir {
            std::fs::create_dir_all(&target)
                .map_err(|err| UpyError::io(format!("cp: {}", target.display()), &err))?;
        } else {
            let data = fs.read("cp", &e.path, &Progress::new(e.size, &e.path, ctx.json))?;
            write_host(&target, &data)?;
            copied.push(json!({ "from": format!(":{}", e.path), "to": target.display().to_string(), "size": data.len() }));
        }
    }
    Ok(())
}

/// Write a host file through a temporary name and a rename, like device writes.
fn write_host(target: &Path, data: &[u8]) -> Result<()> {
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| UpyError::io(format!("cp: {}", parent.display()), &e))?;
    }
    let tmp = target.with_file_name(format!(
        ".{}.upytmp",
        target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    std::fs::write(&tmp, data)
        .map_err(|e| UpyError::io(format!("cp: {}", tmp.display()), &e))?;
    std::fs::rename(&tmp, target).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        UpyError::io(format!("cp: {}", target.display()), &e)
    })
}

// ---- reset -----------------------------------------------------------------------------------

const HARD_RESET: &str = "\
try:
 import machine as _m
except ImportError:
 import microbit as _m
try:
 import time
 time.sleep_ms(50)
except Exception:
 pass
_m.reset()
";

const BOOTLOADER: &str = "\
import machine
try:
 import time
 time.sleep_ms(50)
except Exception:
 pass
machine.bootloader()
";

fn reset(ctx: &Ctx, soft: bool, bootloader: bool) -> Result<()> {
    let mut board = ctx.board(false)?;
    let name = board.name().to_string();
    if soft {
        board
            .client()
            .soft_reset()
            .map_err(|e| UpyError::from_protocol(e, "reset --soft", &name))?;
        board.close();
        if !ctx.json {
            eprintln!("soft reset {name}");
        }
        ctx.emit(json!({ "ok": true, "reset": "soft", "device": name }));
        return Ok(());
    }
    // `-d sim`: the board linked into upy power-cycles in-process (it has no machine.reset()).
    if !bootloader && board.restart_in_process()? {
        board.close();
        if !ctx.json {
            eprintln!("hard reset {name}");
        }
        ctx.emit(json!({ "ok": true, "reset": "hard", "device": name, "reconnected": true }));
        return Ok(());
    }
    let (code, what) = if bootloader {
        (BOOTLOADER, "bootloader")
    } else {
        (HARD_RESET, "hard")
    };
    board
        .client()
        .exec_no_follow(code.as_bytes())
        .map_err(|e| UpyError::from_protocol(e, "reset", &name))?;
    // If the program fails (no machine module...), the error arrives at once; a reset shows as silence,
    // boot noise or a closed port.
    let mut noise = Vec::new();
    let outcome = board.client().follow(
        &mut |b| noise.extend_from_slice(b),
        FollowOptions {
            idle_timeout: Some(Duration::from_millis(1500)),
            interrupt: None,
        },
    );
    if let Ok(stderr) = &outcome
        && !stderr.is_empty()
    {
        let exc = DeviceException::parse(stderr);
        board.close();
        let mut err = UpyError::device(format!(
            "reset: {name} cannot {}: {exc}",
            if bootloader {
                "enter its bootloader"
            } else {
                "reset itself"
            }
        ));
        if bootloader {
            err =
                err.hint("this firmware has no machine.bootloader(); use the board's boot button");
        }
        err.exception = Some(Box::new(exc));
        return Err(err);
    }
    if bootloader {
        if !ctx.json {
            eprintln!("{name} is entering its bootloader");
        }
        ctx.emit(json!({ "ok": true, "reset": what, "device": name, "reconnected": false }));
        return Ok(());
    }
    board.reconnect(Duration::from_secs(10))?;
    board.close();
    if !ctx.json {
        eprintln!("hard reset {name}; reconnected");
    }
    ctx.emit(json!({ "ok": true, "reset": what, "device": board.name(), "reconnected": true }));
    Ok(())
}

// ---- sync ------------------------------------------------------------------------------------

fn sync_cmd(
    ctx: &Ctx,
    fs: &mut DeviceFs<'_>,
    src: &Path,
    dest: Option<&str>,
    delete: bool,
    dry_run: bool,
) -> Result<()> {
    let dest_raw = dest.unwrap_or(":/");
    let dest_path = dest_raw.strip_prefix(':').ok_or_else(|| {
        UpyError::usage(format!(
            "sync: the destination '{dest_raw}' must be a device path starting with ':'"
        ))
        .hint("e.g. `upy sync src :` or `upy sync src :/app`")
    })?;
    let dest = fs.resolve("sync", if dest_path.is_empty() { "/" } else { dest_path })?;
    let plan = sync::plan(fs, src, &dest, delete)?;
    let device = fs.device();
    let steps_json = |plan: &sync::Plan| serde_json::to_value(&plan.steps).unwrap_or(Value::Null);
    if dry_run {
        if ctx.json {
            ctx.emit(json!({ "ok": true, "dry_run": true, "device": device, "dest": dest, "actions": steps_json(&plan), "unchanged": plan.unchanged, "transport": fs.caps.transport() }));
        } else {
            let mut out = std::io::stdout().lock();
            for s in &plan.steps {
                let _ = writeln!(out, "{}", s.line());
            }
        }
        return Ok(());
    }
    let json_mode = ctx.json;
    sync::apply(fs, &plan, json_mode, &mut |step| {
        if !json_mode {
            println!("{}", step.line());
        }
    })?;
    if json_mode {
        ctx.emit(json!({ "ok": true, "dry_run": false, "device": device, "dest": dest, "actions": steps_json(&plan), "unchanged": plan.unchanged, "transport": fs.caps.transport() }));
    } else {
        let count = |a: sync::Action| plan.steps.iter().filter(|s| s.action == a).count();
        eprintln!(
            "synced {} to :{dest} on {device}: {} added, {} updated, {} deleted, {} unchanged",
            src.display(),
            count(sync::Action::Add),
            count(sync::Action::Update),
            count(sync::Action::Delete),
            plan.unchanged
        );
    }
    Ok(())
}

/// `--json` form of an error that escaped a command.
pub fn error_json(err: &UpyError) -> Value {
    json!({ "ok": false, "error": err.to_json() })
}

/// Exception JSON helper (re-exported for tests).
pub fn exception_json(e: &DeviceException) -> Value {
    serde_json::to_value(ExceptionJson::from(e)).unwrap_or(Value::Null)
}
