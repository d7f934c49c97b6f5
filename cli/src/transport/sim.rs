//! `-d sim`: the simulated board linked into `upy`, running on a thread of this process.
//!
//! The board is `upy_port_sim::SimDevice`: the same VM and device agent as `upy-sim --pty`, with
//! its filesystem in a flash image file. It powers on when `upy` connects (boot.py, main.py, the
//! friendly REPL) and off when the connection is dropped; the image keeps the files in between.
//! Its heap and image come from `UPY_SIM_HEAP` and `UPY_SIM_FLASH`, else the `[sim]` table of the
//! config files (`heap`, `flash`), else the defaults (see [`SimOptions`]).

use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use upy_port_sim::SimDevice;
use upy_protocol::host::Transport;

use crate::config::Config;
use crate::error::UpyError;

/// Environment variable naming the flash image (default: `upy-sim`'s, under the user's data directory).
pub const FLASH_ENV: &str = "UPY_SIM_FLASH";
/// Environment variable giving the heap size (`256K`, `1M`, bytes; default 256K like `upy-sim`).
pub const HEAP_ENV: &str = "UPY_SIM_HEAP";

/// The largest heap `-d sim` accepts (more than any microcontroller board has; a larger value, or a
/// typo like `100000M`, would only fail to allocate).
pub const MAX_HEAP: usize = 256 * 1024 * 1024;

/// A heap size as `UPY_SIM_HEAP` and `[sim] heap` take it: bytes with an optional K or M suffix, 8K to
/// [`MAX_HEAP`].
fn parse_heap(text: &str) -> Result<usize, String> {
    let bytes = upy_port_sim::parse_heap_size(text)?;
    if bytes > MAX_HEAP {
        return Err(format!("heap too large: {text} (at most 256M)"));
    }
    Ok(bytes)
}

/// How to build the simulated board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimOptions {
    /// Heap of the board's VM (bytes).
    pub heap: usize,
    /// The flash image holding its filesystem.
    pub flash: PathBuf,
    /// Where `flash` was chosen (`UPY_SIM_FLASH`, `[sim] flash in FILE`); `None` for the default.
    pub flash_from: Option<String>,
}

impl SimOptions {
    /// Options from the environment variables (as `var` gives them) over the `[sim]` keys of `config`,
    /// else the defaults. A bad heap size is a usage error naming the variable, or the file and the key.
    pub fn resolve(
        var: impl Fn(&str) -> Option<String>,
        config: &Config,
    ) -> Result<SimOptions, UpyError> {
        let heap = if let Some(v) = var(HEAP_ENV).filter(|v| !v.trim().is_empty()) {
            parse_heap(&v).map_err(|e| {
                UpyError::usage(format!("-d sim: {HEAP_ENV}={v}: {e}")).hint(format!(
                    "give the heap in bytes with an optional K or M suffix, e.g. {HEAP_ENV}=512K"
                ))
            })?
        } else if let Some(h) = &config.sim_heap {
            let file = h.source.display();
            parse_heap(&h.value).map_err(|e| {
                UpyError::usage(format!(
                    "-d sim: config file {file}: [sim] heap = {:?}: {e}",
                    h.value
                ))
                .hint(format!(
                    "fix `heap` in the [sim] table of {file} (bytes with an optional K or M suffix, e.g. heap = \"512K\"), or override it with {HEAP_ENV}=SIZE"
                ))
            })?
        } else {
            upy_port_sim::DEFAULT_HEAP
        };
        let (flash, flash_from) = if let Some(v) = var(FLASH_ENV).filter(|v| !v.is_empty()) {
            (PathBuf::from(v), Some(FLASH_ENV.to_string()))
        } else if let Some(f) = &config.sim_flash {
            (
                f.value.clone(),
                Some(format!("[sim] flash in {}", f.source.display())),
            )
        } else {
            (upy_port_sim::default_flash_path(), None)
        };
        Ok(SimOptions {
            heap,
            flash,
            flash_from,
        })
    }

    /// Options from this process's environment and the config files for the working directory.
    pub fn load() -> Result<SimOptions, UpyError> {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let config = Config::load(&cwd)?;
        SimOptions::resolve(|k| std::env::var(k).ok(), &config)
    }
}

/// Why `-d sim` could not start, and what to do about it.
pub fn start_error(options: &SimOptions, e: upy_port_sim::SimError) -> UpyError {
    use upy_port_sim::SimError;
    let image = match &options.flash_from {
        Some(from) => format!("{} (from {from})", options.flash.display()),
        None => options.flash.display().to_string(),
    };
    match e {
        SimError::FlashInUse { .. } => {
            let holders = crate::ports::holding(&options.flash);
            let who = if holders.is_empty() {
                "another process".to_string()
            } else {
                holders
                    .iter()
                    .map(|h| format!("{} (pid {})", h.name, h.pid))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let mut ways = Vec::new();
            if let Some(pty) = holders.iter().find_map(|h| h.pty.clone()) {
                ways.push(format!("connect to that board with -d {pty}"));
            }
            ways.push("stop the other process".to_string());
            ways.push(format!(
                "or give this board its own image: {FLASH_ENV}=/path/to/other.img (or flash = \"other.img\" in the [sim] table of upy.toml)"
            ));
            UpyError::connection(format!(
                "the simulated board's flash image {image} is in use by {who}"
            ))
            .hint(ways.join(", "))
        }
        SimError::Flash { source, .. } => UpyError::connection(format!(
            "cannot open the simulated board's flash image {image}: {source}"
        ))
        .hint(format!(
            "check that its directory is writable, or choose another image with {FLASH_ENV}=PATH or `flash` in the [sim] table of upy.toml"
        )),
        other => UpyError::connection(format!("cannot start the simulated board: {other}")),
    }
}

/// A byte pipe to the in-process board. Clones share the board.
#[derive(Clone)]
pub struct SimTransport {
    device: Arc<SimDevice>,
}

impl SimTransport {
    /// Power on a board (fails when another process holds the image).
    pub fn start(options: &SimOptions) -> Result<SimTransport, upy_port_sim::SimError> {
        let device = SimDevice::start(options.heap, options.flash.clone())?;
        Ok(SimTransport {
            device: Arc::new(device),
        })
    }

    /// The board.
    pub fn device(&self) -> &SimDevice {
        &self.device
    }
}

impl std::fmt::Debug for SimTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SimTransport({})", self.device.flash_path().display())
    }
}

impl Transport for SimTransport {
    fn write_all(&mut self, data: &[u8]) -> io::Result<()> {
        self.device.write(data)
    }

    fn read(&mut self, buf: &mut [u8], timeout: Duration) -> io::Result<usize> {
        self.device.read(buf, timeout)
    }

    fn describe(&self) -> String {
        "sim".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sourced<T>(value: T, file: &str) -> Option<crate::config::Sourced<T>> {
        Some(crate::config::Sourced {
            value,
            source: file.into(),
        })
    }

    #[test]
    fn options_from_the_environment_and_the_config() {
        let empty = Config::default();
        let none = SimOptions::resolve(|_| None, &empty).unwrap();
        assert_eq!(none.heap, 256 * 1024);
        assert!(
            none.flash.ends_with("upy/sim-flash.img"),
            "{}",
            none.flash.display()
        );
        assert_eq!(none.flash_from, None);
        let env = |k: &str| match k {
            HEAP_ENV => Some("1M".into()),
            FLASH_ENV => Some("/tmp/other.img".into()),
            _ => None,
        };
        let set = SimOptions::resolve(env, &empty).unwrap();
        assert_eq!(
            set,
            SimOptions {
                heap: 1024 * 1024,
                flash: "/tmp/other.img".into(),
                flash_from: Some("UPY_SIM_FLASH".into()),
            }
        );
        let bad = SimOptions::resolve(|k| (k == HEAP_ENV).then(|| "lots".to_string()), &empty)
            .unwrap_err();
        assert_eq!(bad.exit_code(), 2);
        assert!(
            bad.message.contains("UPY_SIM_HEAP=lots") && bad.message.contains("not a size"),
            "{}",
            bad.message
        );

        // The [sim] keys of the config files, and the environment over them.
        let config = Config {
            sim_flash: sourced("/p/board.img".into(), "/p/upy.toml"),
            sim_heap: sourced("64K".into(), "/home/u/.config/upy/config.toml"),
            ..Config::default()
        };
        let from_config = SimOptions::resolve(|_| None, &config).unwrap();
        assert_eq!(
            from_config,
            SimOptions {
                heap: 64 * 1024,
                flash: "/p/board.img".into(),
                flash_from: Some("[sim] flash in /p/upy.toml".into()),
            }
        );
        assert_eq!(SimOptions::resolve(env, &config).unwrap(), set);
        // An empty variable does not override.
        let blank = SimOptions::resolve(|_| Some(String::new()), &config).unwrap();
        assert_eq!(blank, from_config);
        let config = Config {
            sim_heap: sourced("lots".into(), "/p/upy.toml"),
            ..Config::default()
        };
        let bad = SimOptions::resolve(|_| None, &config).unwrap_err();
        assert_eq!(bad.exit_code(), 2);
        assert!(
            bad.message.contains("/p/upy.toml")
                && bad.message.contains("[sim] heap = \"lots\"")
                && bad.message.contains("not a size"),
            "{}",
            bad.message
        );
        assert!(bad.hint.unwrap().contains("UPY_SIM_HEAP="));
        let huge =
            SimOptions::resolve(|k| (k == HEAP_ENV).then(|| "100000M".into()), &empty).unwrap_err();
        assert!(huge.message.contains("heap too large"), "{}", huge.message);
        let max = SimOptions::resolve(|k| (k == HEAP_ENV).then(|| "256M".into()), &empty);
        assert_eq!(max.unwrap().heap, MAX_HEAP);
        // The environment overrides a bad value in a file.
        let ok = SimOptions::resolve(|k| (k == HEAP_ENV).then(|| "32K".into()), &config).unwrap();
        assert_eq!(ok.heap, 32 * 1024);
    }

    #[test]
    fn sim_in_use_error_names_the_image_and_the_ways_out() {
        let options = SimOptions {
            heap: 256 * 1024,
            flash: "/nonexistent/upy/sim-flash.img".into(),
            flash_from: None,
        };
        let e = start_error(
            &options,
            upy_port_sim::SimError::FlashInUse {
                path: options.flash.clone(),
            },
        );
        assert_eq!(e.exit_code(), 2);
        assert!(
            e.message.contains("/nonexistent/upy/sim-flash.img"),
            "{}",
            e.message
        );
        let hint = e.hint.unwrap();
        assert!(
            hint.contains("UPY_SIM_FLASH=") && hint.contains("stop"),
            "{hint}"
        );
    }
}
