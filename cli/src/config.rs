//! Configuration: the user's config file and the per-project `upy.toml`.
//!
//! Both files have the same shape:
//!
//! ```toml
//! [device]
//! default = "pico"            # what `-d` means when it is not given
//!
//! [aliases]
//! pico = "id:E6614103E7"      # a USB serial number
//! bench = "/dev/serial/by-id/usb-MicroPython_Board_in_FS_mode-if00"
//! net = "tcp:192.168.4.1:23"
//!
//! [sim]                       # the simulated board of `-d sim`
//! flash = ".upy/sim.img"      # its flash image (relative to this file's directory; `~/` is home)
//! heap = "512K"               # its heap: "64K", "1M", or a number of bytes
//! ```
//!
//! The project file (the nearest `upy.toml` in the current directory or above) wins over the user file
//! (`$UPY_CONFIG`, else `<config dir>/upy/config.toml`, e.g. `~/.config/upy/config.toml`), key by key.
//! The environment variables `UPY_DEVICE`, `UPY_SIM_FLASH` and `UPY_SIM_HEAP` win over both.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Result, UpyError};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    device: DeviceSection,
    #[serde(default)]
    aliases: BTreeMap<String, String>,
    #[serde(default)]
    sim: SimSection,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeviceSection {
    default: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SimSection {
    flash: Option<String>,
    /// A string ("512K") or an integer (bytes); checked when `-d sim` starts.
    heap: Option<toml::Value>,
}

/// A value and the file it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced<T = String> {
    /// The value.
    pub value: T,
    /// The file that set it.
    pub source: PathBuf,
}

/// The merged configuration.
#[derive(Debug, Default, Clone)]
pub struct Config {
    /// The default device (`[device] default`).
    pub default_device: Option<Sourced>,
    /// Device aliases.
    pub aliases: BTreeMap<String, Sourced>,
    /// The simulated board's flash image (`[sim] flash`), made absolute against the file's directory.
    pub sim_flash: Option<Sourced<PathBuf>>,
    /// The simulated board's heap size as written (`[sim] heap`: `"512K"`, `"1M"`, or bytes), not yet
    /// checked: `-d sim` parses it and names the file when it is bad.
    pub sim_heap: Option<Sourced>,
    /// The files that were read, user file first.
    pub files: Vec<PathBuf>,
}

/// Where the user config file lives.
pub fn user_config_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("UPY_CONFIG") {
        return Some(PathBuf::from(p));
    }
    dirs::config_dir().map(|d| d.join("upy").join("config.toml"))
}

/// The nearest `upy.toml` at or above `dir`.
pub fn project_config_path(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join("upy.toml"))
        .find(|p| p.is_file())
}

impl Config {
    /// Read the user file and the project file for the working directory `cwd`.
    pub fn load(cwd: &Path) -> Result<Config> {
        let mut config = Config::default();
        if let Some(user) = user_config_path()
            && user.is_file()
        {
            config.merge(&user)?;
        }
        if let Some(project) = project_config_path(cwd) {
            config.merge(&project)?;
        }
        Ok(config)
    }

    fn merge(&mut self, path: &Path) -> Result<()> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            UpyError::io(format!("cannot read config file {}", path.display()), &e)
        })?;
        let file: File = toml::from_str(&text).map_err(|e| {
            UpyError::usage(format!("config file {} is not valid: {}", path.display(), e.message()))
                .hint("expected `[device] default = \"...\"`, an `[aliases]` table of name = \"device\" and `[sim]` with flash = \"PATH\" and heap = \"SIZE\"")
        })?;
        let src = |value: String| Sourced {
            value,
            source: path.to_path_buf(),
        };
        if let Some(d) = file.device.default {
            self.default_device = Some(src(d));
        }
        for (k, v) in file.aliases {
            self.aliases.insert(k, src(v));
        }
        if let Some(flash) = file.sim.flash {
            self.sim_flash = Some(Sourced {
                value: sim_flash_path(&flash, path)?,
                source: path.to_path_buf(),
            });
        }
        if let Some(heap) = file.sim.heap {
            let text = match heap {
                toml::Value::String(s) => s,
                toml::Value::Integer(n) => n.to_string(),
                other => {
                    return Err(UpyError::usage(format!(
                        "config file {}: [sim] heap = {other}: not a size",
                        path.display()
                    ))
                    .hint("write the heap as a string with an optional K or M suffix, e.g. heap = \"512K\", or as a number of bytes"));
                }
            };
            self.sim_heap = Some(src(text));
        }
        self.files.push(path.to_path_buf());
        Ok(())
    }
}

/// `[sim] flash` of the config file `file` as a path: `~/` is the home directory, a relative path is
/// relative to the directory of `file`.
fn sim_flash_path(flash: &str, file: &Path) -> Result<PathBuf> {
    if flash.trim().is_empty() {
        return Err(UpyError::usage(format!(
            "config file {}: [sim] flash is empty",
            file.display()
        ))
        .hint(
            "give the path of the flash image, e.g. flash = \"sim-flash.img\", or remove the key",
        ));
    }
    let home_rest = flash
        .strip_prefix("~/")
        .or_else(|| flash.strip_prefix("~\\"));
    let path = match home_rest {
        Some(rest) => match dirs::home_dir() {
            Some(home) => home.join(rest),
            None => {
                return Err(UpyError::usage(format!(
                    "config file {}: [sim] flash = {flash:?}: no home directory to expand ~ in",
                    file.display()
                ))
                .hint("give an absolute path, or one relative to the config file's directory"));
            }
        },
        None => {
            let p = PathBuf::from(flash);
            if p.is_absolute() {
                p
            } else {
                file.parent().unwrap_or(Path::new(".")).join(p)
            }
        }
    };
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_file_overrides_user_file() {
        let dir = std::env::temp_dir().join(format!("upy-config-test-{}", std::process::id()));
        let sub = dir.join("proj").join("src");
        std::fs::create_dir_all(&sub).unwrap();
        let user = dir.join("user.toml");
        std::fs::write(
            &user,
            "[device]\ndefault = \"a\"\n[aliases]\na = \"/dev/ttyACM0\"\nb = \"/dev/ttyACM1\"\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("proj").join("upy.toml"),
            "[aliases]\nb = \"tcp:h:1\"\n",
        )
        .unwrap();
        let mut config = Config::default();
        config.merge(&user).unwrap();
        config.merge(&project_config_path(&sub).unwrap()).unwrap();
        assert_eq!(config.default_device.unwrap().value, "a");
        assert_eq!(config.aliases["a"].value, "/dev/ttyACM0");
        assert_eq!(config.aliases["b"].value, "tcp:h:1");
        std::fs::write(&user, "[devices]\n").unwrap();
        let err = Config::default().merge(&user).unwrap_err();
        assert!(err.message.contains("is not valid"), "{}", err.message);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn sim_table_paths_and_heap() {
        let dir = std::env::temp_dir().join(format!("upy-config-sim-{}", std::process::id()));
        let proj = dir.join("proj");
        std::fs::create_dir_all(&proj).unwrap();
        let user = dir.join("user.toml");
        std::fs::write(&user, "[sim]\nheap = \"512K\"\nflash = \"/abs/user.img\"\n").unwrap();
        let project = proj.join("upy.toml");
        // A relative image is relative to the file's directory; a number is bytes.
        std::fs::write(&project, "[sim]\nflash = \"imgs/board.img\"\n").unwrap();
        let mut config = Config::default();
        config.merge(&user).unwrap();
        assert_eq!(config.sim_heap.as_ref().unwrap().value, "512K");
        assert_eq!(config.sim_heap.as_ref().unwrap().source, user);
        assert_eq!(
            config.sim_flash.as_ref().unwrap().value,
            PathBuf::from("/abs/user.img")
        );
        config.merge(&project).unwrap();
        // Key by key: the project file sets the image, the user file's heap stays.
        assert_eq!(config.sim_heap.as_ref().unwrap().value, "512K");
        let flash = config.sim_flash.as_ref().unwrap();
        assert_eq!(flash.value, proj.join("imgs/board.img"));
        assert_eq!(flash.source, project);
        std::fs::write(&project, "[sim]\nheap = 65536\n").unwrap();
        config.merge(&project).unwrap();
        assert_eq!(config.sim_heap.as_ref().unwrap().value, "65536");
        assert_eq!(config.sim_heap.as_ref().unwrap().source, project);
        if let Some(home) = dirs::home_dir() {
            std::fs::write(&project, "[sim]\nflash = \"~/x/sim.img\"\n").unwrap();
            config.merge(&project).unwrap();
            assert_eq!(config.sim_flash.unwrap().value, home.join("x/sim.img"));
        }

        // Bad values: usage errors (exit 2) naming the file and the key.
        for (text, want) in [
            ("[sim]\nheap = true\n", "[sim] heap = true: not a size"),
            ("[sim]\nheap = 1.5\n", "[sim] heap = 1.5: not a size"),
            ("[sim]\nflash = \"\"\n", "[sim] flash is empty"),
            ("[sim]\nflash = 3\n", "is not valid"),
            ("[sim]\nimage = \"x.img\"\n", "is not valid"),
        ] {
            std::fs::write(&project, text).unwrap();
            let err = Config::default().merge(&project).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{text}");
            assert!(
                err.message.contains(&project.display().to_string()) && err.message.contains(want),
                "{text}: {}",
                err.message
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
