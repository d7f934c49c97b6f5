//! `upy-sim`: the simulated upy board on the host.
//!
//! `upy-sim FILE.py [ARGS...]` runs a script (sys.argv set, the script's directory on
//! sys.path), `upy-sim -c CODE` runs a string, and with no script and a terminal on stdin
//! it runs the board's friendly REPL on the terminal (the device agent: line editing,
//! history, completion, paste mode, Ctrl-D soft reset; Ctrl-] leaves). `upy-sim --pty`
//! is a virtual board on a pseudo-terminal for mpremote, upy and other hosts (`pty.rs`).
//! `--heap SIZE` sets the board's heap (default 256K, like a small board). The VM is the
//! same code that runs on the boards.

mod pty;

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;
use upy_port_sim::port;
use upy_vm::{CompileMode, Config, Outcome, Vm};

/// The simulated upy board.
#[derive(Parser, Debug)]
#[command(name = "upy-sim", version, about = "Run Python on the simulated upy board", trailing_var_arg = true)]
struct Args {
    /// Heap size of the simulated board (bytes; K and M suffixes accepted).
    #[arg(long, default_value = "256K", value_parser = parse_size)]
    heap: usize,
    /// Run this code instead of a file.
    #[arg(short = 'c', value_name = "CODE")]
    code: Option<String>,
    /// Print heap statistics to stderr when the program ends.
    #[arg(long)]
    stats: bool,
    /// Flash image holding the board's filesystem (created and formatted on first use;
    /// default $XDG_DATA_HOME/upy/sim-flash.img, i.e. ~/.local/share/upy/sim-flash.img).
    #[arg(long, value_name = "PATH")]
    flash: Option<std::path::PathBuf>,
    /// Run as a virtual board on a pseudo-terminal: prints the device path (e.g. /dev/pts/3)
    /// as the first line on stdout, then serves the REPL, raw REPL and raw-paste on it until
    /// SIGTERM. Connect with `mpremote connect /dev/pts/3` or `upy -d /dev/pts/3`.
    #[arg(long, conflicts_with_all = ["code", "rest"])]
    pty: bool,
    /// The script to run, then its arguments.
    #[arg(value_name = "FILE.py")]
    rest: Vec<String>,
}

fn parse_size(s: &str) -> Result<usize, String> {
    upy_port_sim::parse_heap_size(s)
}

fn report(vm: &mut Vm, out: Outcome, stats: bool) -> u8 {
    // Commit files the program left open (MicroPython's finalizers do this at soft reset).
    upy_vm::modules::os::unmount_all(vm);
    if stats {
        eprintln!(
            "upy-stats: peak_heap={} heap={} gc_collections={}",
            vm.peak_heap(),
            vm.heap.total_bytes(),
            vm.heap.collections
        );
    }
    match out {
        Outcome::Ok => 0,
        Outcome::Exit(c) => (c & 0xff) as u8,
        Outcome::Error(tb) => {
            vm.port.stderr_write(tb.as_bytes());
            1
        }
    }
}

fn run(args: Args) -> Result<u8> {
    if args.pty {
        return pty::run_pty(args.heap, args.flash);
    }
    if args.code.is_none() && args.rest.is_empty() && std::io::stdin().is_terminal() {
        // The board's own friendly REPL (line editing, history, completion, paste mode).
        return pty::run_terminal(args.heap, args.flash);
    }
    let mut vm = Vm::new(Box::new(port::SimPort::new().with_flash(args.flash.clone())), Config { heap_bytes: args.heap, ..Config::default() });
    ctrlc::set_handler(|| port::INTERRUPT.store(true, std::sync::atomic::Ordering::Relaxed))
        .context("installing the Ctrl-C handler")?;
    if let Some(code) = args.code {
        let mut argv = vec!["-c".to_string()];
        argv.extend(args.rest.iter().cloned());
        let refs: Vec<&str> = argv.iter().map(String::as_str).collect();
        let _ = vm.set_argv(&refs);
        let _ = vm.add_path("");
        let out = vm.run_main(&code, "<stdin>", CompileMode::Exec);
        return Ok(report(&mut vm, out, args.stats));
    }
    if let Some(file) = args.rest.first() {
        let src = std::fs::read(file).with_context(|| format!("upy-sim: can't open file '{file}'"))?;
        let src = String::from_utf8(src).with_context(|| format!("upy-sim: {file} is not valid UTF-8"))?;
        let refs: Vec<&str> = args.rest.iter().map(String::as_str).collect();
        let _ = vm.set_argv(&refs);
        let dir = std::path::Path::new(file).parent().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
        let _ = vm.add_path(if dir.is_empty() { "." } else { &dir });
        let _ = vm.add_path(".frozen");
        let out = vm.run_main(&src, file, CompileMode::Exec);
        return Ok(report(&mut vm, out, args.stats));
    }
    let _ = vm.add_path("");
    // Script on stdin.
    let mut src = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut src).context("reading the program from stdin")?;
    let out = vm.run_main(&src, "<stdin>", CompileMode::Exec);
    Ok(report(&mut vm, out, args.stats))
}

fn main() -> ExitCode {
    let args = Args::parse();
    // The VM bounds its own recursion; a large thread stack keeps native recursion
    // (repr of nested containers, sort with key, ...) well inside its limits.
    let h = std::thread::Builder::new().stack_size(upy_port_sim::board::VM_STACK).spawn(move || run(args));
    match h.map(|t| t.join()) {
        Ok(Ok(Ok(code))) => ExitCode::from(code),
        Ok(Ok(Err(e))) => {
            eprintln!("{e:#}");
            ExitCode::from(2)
        }
        _ => {
            eprintln!("upy-sim: internal error");
            ExitCode::from(3)
        }
    }
}
