//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// One tool for every MicroPython board: devices, REPL, run, files, sync.
#[derive(Debug, Parser)]
#[command(
    name = "upy",
    version,
    about,
    propagate_version = true,
    arg_required_else_help = true
)]
#[command(
    after_help = "Device paths: a leading ':' marks a device path in `cp`/`sync` (as in mpremote); \
commands that only take device paths accept them with or without ':'.\n\
Exit codes: 0 ok, 1 Python error or failed file operation on the device, 2 usage or connection error."
)]
pub struct Cli {
    /// Board to use: a port path, `auto`, `sim`, `tcp:HOST:PORT`, `id:SERIAL`, or an alias from the
    /// config files. Default: $UPY_DEVICE, then `[device] default` in upy.toml / the user config, then auto.
    #[arg(short = 'd', long = "device", global = true, value_name = "DEVICE")]
    pub device: Option<String>,

    /// Print one machine-readable JSON document on stdout.
    #[arg(long, global = true)]
    pub json: bool,

    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List serial ports, marking known MicroPython boards.
    Devices {
        /// Also list ports that are not USB (built-in UARTs, Bluetooth).
        #[arg(short, long)]
        all: bool,
    },
    /// Terminal passthrough to the board's REPL (exit with Ctrl-]).
    Repl,
    /// Run a local Python file on the board, streaming its output (Ctrl-C interrupts it).
    Run {
        /// The file to run (it is not copied to the board).
        file: PathBuf,
        #[command(flatten)]
        exec: ExecOpts,
    },
    /// Run Python code on the board.
    Exec {
        /// The code.
        code: String,
        #[command(flatten)]
        exec: ExecOpts,
    },
    /// Evaluate a Python expression on the board and print it.
    Eval {
        /// The expression.
        expr: String,
        #[command(flatten)]
        exec: ExecOpts,
    },
    /// List a device directory.
    Ls {
        /// Show sizes.
        #[arg(short = 'l', long)]
        long: bool,
        /// List subdirectories too.
        #[arg(short = 'r', long)]
        recursive: bool,
        /// Device directory (default: the working directory, usually /).
        path: Option<String>,
    },
    /// Print device files.
    Cat {
        /// Device files.
        #[arg(required = true)]
        paths: Vec<String>,
    },
    /// Copy files between host and board (`:` marks device paths): `cp main.py :`, `cp :log.txt .`.
    Cp {
        /// Copy directories recursively.
        #[arg(short = 'r', long)]
        recursive: bool,
        /// Sources, then the destination.
        #[arg(required = true, num_args = 2.., value_name = "SRC... DST")]
        paths: Vec<String>,
    },
    /// Remove device files.
    Rm {
        /// Remove directories and their contents.
        #[arg(short = 'r', long)]
        recursive: bool,
        /// Device paths.
        #[arg(required = true)]
        paths: Vec<String>,
    },
    /// Create device directories.
    Mkdir {
        /// Create missing parents; no error if it exists.
        #[arg(short = 'p', long)]
        parents: bool,
        /// Device paths.
        #[arg(required = true)]
        paths: Vec<String>,
    },
    /// Remove empty device directories.
    Rmdir {
        /// Device paths.
        #[arg(required = true)]
        paths: Vec<String>,
    },
    /// Create empty device files (existing files are left as they are).
    Touch {
        /// Device paths.
        #[arg(required = true)]
        paths: Vec<String>,
    },
    /// Show a device directory tree.
    Tree {
        /// Show sizes in bytes.
        #[arg(short = 's', long)]
        size: bool,
        /// Device directory (default /).
        path: Option<String>,
    },
    /// Show filesystem size and use.
    Df,
    /// Print the sha256 of device files (computed on the device when it has hashlib, else on the host).
    Sha256sum {
        /// Device files.
        #[arg(required = true)]
        paths: Vec<String>,
    },
    /// Reset the board (default: hard reset, then reconnect).
    Reset {
        /// Soft reset (restart the interpreter, keep the connection).
        #[arg(long, conflicts_with_all = ["hard", "bootloader"])]
        soft: bool,
        /// Hard reset (machine.reset()), then wait for the board and reconnect.
        #[arg(long, conflicts_with = "bootloader")]
        hard: bool,
        /// Enter the bootloader (machine.bootloader()) for flashing.
        #[arg(long)]
        bootloader: bool,
    },
    /// Make the device tree under DEST (default `:/`) equal to the local directory SRC.
    Sync {
        /// Local directory.
        src: PathBuf,
        /// Device directory, e.g. `:/` or `:/app`.
        dest: Option<String>,
        /// Remove device files under DEST that are not in SRC.
        #[arg(long)]
        delete: bool,
        /// Print the plan (`add PATH`, `update PATH`, `delete PATH`) and change nothing.
        #[arg(short = 'n', long)]
        dry_run: bool,
    },
    /// Print a shell completion script.
    Completions {
        /// Shell.
        shell: clap_complete::Shell,
    },
}

/// Options for commands that run code.
#[derive(Debug, Args)]
pub struct ExecOpts {
    /// Do not soft-reset the board before running (keeps variables from earlier runs).
    #[arg(long)]
    pub no_reset: bool,
    /// Send the code and return without waiting for its output.
    #[arg(long)]
    pub no_follow: bool,
}
