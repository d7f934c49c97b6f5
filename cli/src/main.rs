//! The `upy` binary: everything lives in the `upy_cli` library; this only sets up the process.

fn main() -> anyhow::Result<()> {
    #[cfg(unix)]
    // SAFETY: restoring the default SIGPIPE disposition before any thread starts, so that
    // `upy ls | head` ends quietly like other Unix tools instead of failing on a closed stdout.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let code = upy_cli::main_with_args(std::env::args_os());
    std::process::exit(code);
}
