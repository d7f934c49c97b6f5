//! The simulated upy board on the host: the same VM and device agent as the boards, with a
//! console that is a pseudo-terminal, this process's terminal, or a host in this process, and
//! a flash image file as its block device.
//!
//! [`SimDevice`] is the board linked into other programs (`upy -d sim`): it runs the agent on a
//! thread and gives the host both ends of its console ([`SimDevice::write`], [`SimDevice::read`]),
//! Ctrl-C interrupting running code, Ctrl-D soft-resetting and [`SimDevice::hard_reset`]
//! power-cycling it, exactly as on a serial board. The `upy-sim` binary (`src/main.rs`) runs
//! scripts on the VM directly and serves the same board on a pty (`--pty`) or on its terminal.
//! Console and board logic live once, in [`board`]; the flash image in [`flash`]; the VM's
//! `Port` in [`port`].

pub mod board;
pub mod flash;
pub mod port;

pub use board::{BoardConfig, DEFAULT_HEAP, SimDevice, SimError};
pub use flash::default_path as default_flash_path;

/// Parse a size such as `256K`, `2M` or `65536` (bytes); heaps below 8K are refused.
pub fn parse_heap_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let (num, mul) = match t.chars().last() {
        Some('k' | 'K') => (&t[..t.len() - 1], 1024),
        Some('m' | 'M') => (&t[..t.len() - 1], 1024 * 1024),
        _ => (t, 1),
    };
    let n: usize = num.parse().map_err(|_| format!("not a size: {s} (use e.g. 256K or 2M)"))?;
    let bytes = n.checked_mul(mul).ok_or_else(|| format!("size too large: {s}"))?;
    if bytes < 8 * 1024 {
        return Err(format!("heap too small: {s} (at least 8K)"));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::parse_heap_size;

    #[test]
    fn heap_sizes() {
        assert_eq!(parse_heap_size("256K"), Ok(256 * 1024));
        assert_eq!(parse_heap_size("2m"), Ok(2 * 1024 * 1024));
        assert_eq!(parse_heap_size("65536"), Ok(65536));
        assert!(parse_heap_size("4K").unwrap_err().contains("too small"));
        assert!(parse_heap_size("lots").unwrap_err().contains("not a size"));
        assert!(parse_heap_size("").is_err());
        assert!(parse_heap_size("99999999999999999999M").is_err());
    }
}
