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
//! ```
//!
//! The project file (the nearest `upy.toml` in the current directory or above) wins over the user file
//! (`$UPY_CONFIG`, else `<config dir>/upy/config.toml`, e.g. `~/.config/upy/config.toml`).

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
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeviceSection {
    default: Option<String>,
}

/// A value and the file it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced {
    /// The value.
    pub value: String,
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
            UpyError::local(format!("cannot read config file {}: {e}", path.display()))
        })?;
        let file: File = toml::from_str(&text).map_err(|e| {
            UpyError::usage(format!("config file {} is not valid: {}", path.display(), e.message()))
                .hint("expected `[device] default = \"...\"` and an `[aliases]` table of name = \"device\"")
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
        self.files.push(path.to_path_buf());
        Ok(())
    }
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
}
