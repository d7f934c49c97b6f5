//! `upy`: the host command-line tool for MicroPython boards (stock MicroPython today, upy firmware later).
//!
//! Device discovery and selection ([`device`], [`ports`], [`config`]), byte transports ([`transport`]),
//! filesystem commands as small Python programs over the raw REPL ([`fs`]), tree sync ([`sync`]), REPL
//! passthrough ([`repl`]), and one function per command ([`commands`]). The wire protocol itself lives in
//! `upy-protocol` (feature `std`), which the TUI shares.
//!
//! The one piece of `firmware/` linked in is the simulated board (`upy-port-sim`, for `-d sim`), and it
//! plugs in behind [`upy_protocol::host::Transport`] like any port ([`transport::sim`]): nothing else here
//! knows it is not a serial board. `anyhow` is for `main.rs` only.

pub mod args;
pub mod commands;
pub mod config;
pub mod device;
pub mod error;
pub mod fs;
pub mod output;
pub mod ports;
pub mod pyrepr;
pub mod repl;
pub mod sync;
pub mod transport;

use clap::Parser;

/// Parse `args`, run the command, print errors for the user, and return the process exit code
/// (0 ok, 1 Python error or failed file operation on the device, 2 usage or connection error).
pub fn main_with_args<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    let json = args.iter().skip(1).any(|a| a == "--json");
    let cli = match args::Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = e.exit_code();
            if json && code != 0 {
                let err = error::UpyError::usage(e.render().to_string().trim().to_string());
                output::print_json(&commands::error_json(&err));
            }
            let _ = e.print();
            return code;
        }
    };
    match commands::run(cli) {
        Ok(()) => 0,
        Err(err) => {
            if !err.reported {
                if json {
                    output::print_json(&commands::error_json(&err));
                }
                eprintln!("upy: {}", err.message);
                if let Some(h) = &err.hint {
                    eprintln!("hint: {h}");
                }
            }
            err.exit_code()
        }
    }
}
