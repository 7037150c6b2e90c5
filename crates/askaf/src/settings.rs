//! Settings, layered: built-in defaults, then a TOML file (`--config`), then
//! `ASKAF_*` environment variables, then command-line flags.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::Deserialize;

/// Settings as they may appear in the TOML file; every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileSettings {
    pub addr: Option<SocketAddr>,
    pub data: Option<PathBuf>,
    pub content: Option<PathBuf>,
    pub site_url: Option<String>,
    pub log_format: Option<LogFormat>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// The settings `serve` runs with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub addr: SocketAddr,
    pub data: PathBuf,
    /// `None` serves the built-in sample site.
    pub content: Option<PathBuf>,
    /// `None` derives it from the address the server listens on.
    pub site_url: Option<String>,
    pub log_format: LogFormat,
}

pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";
pub const DEFAULT_DATA: &str = "./askaf-data";

impl Default for Settings {
    fn default() -> Self {
        Settings {
            addr: DEFAULT_ADDR
                .parse()
                .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 8080))),
            data: PathBuf::from(DEFAULT_DATA),
            content: None,
            site_url: None,
            log_format: LogFormat::Text,
        }
    }
}

/// What flags and environment variables said (clap reads both).
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub addr: Option<SocketAddr>,
    pub data: Option<PathBuf>,
    pub content: Option<PathBuf>,
    pub site_url: Option<String>,
    pub log_format: Option<LogFormat>,
}

impl Settings {
    pub fn load(config: Option<&Path>, overrides: Overrides) -> anyhow::Result<Settings> {
        let file = match config {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read the config file {}", path.display()))?;
                toml::from_str::<FileSettings>(&text).map_err(|e| {
                    let line = e
                        .span()
                        .map(|s| 1 + text[..s.start].matches('\n').count())
                        .unwrap_or(1);
                    anyhow::anyhow!("{}:{}: {}", path.display(), line, e.message())
                })?
            }
            None => FileSettings::default(),
        };
        let d = Settings::default();
        let site_url = overrides.site_url.or(file.site_url);
        if let Some(url) = &site_url {
            anyhow::ensure!(
                url.starts_with("http://") || url.starts_with("https://"),
                "site_url must start with http:// or https://, not `{url}`"
            );
        }
        Ok(Settings {
            addr: overrides.addr.or(file.addr).unwrap_or(d.addr),
            data: overrides.data.or(file.data).unwrap_or(d.data),
            content: overrides.content.or(file.content),
            site_url: site_url.map(|u| u.trim_end_matches('/').to_string()),
            log_format: overrides
                .log_format
                .or(file.log_format)
                .unwrap_or(d.log_format),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_beat_file_beat_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("askaf.toml");
        std::fs::write(&path, "addr = \"127.0.0.1:9000\"\ndata = \"/srv/askaf\"\nsite_url = \"https://askafghanistan.example/\"\n").unwrap();
        let s = Settings::load(
            Some(&path),
            Overrides {
                data: Some("/tmp/x".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(s.addr.to_string(), "127.0.0.1:9000");
        assert_eq!(s.data, PathBuf::from("/tmp/x"));
        assert_eq!(
            s.site_url.as_deref(),
            Some("https://askafghanistan.example")
        );
        assert_eq!(
            Settings::load(None, Overrides::default()).unwrap(),
            Settings::default()
        );
    }

    #[test]
    fn a_bad_config_file_names_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("askaf.toml");
        std::fs::write(&path, "data = \"/srv\"\nadress = \"x\"\n").unwrap();
        let err = Settings::load(Some(&path), Overrides::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains("askaf.toml:2:"), "{err}");
        assert!(err.contains("adress"), "{err}");
    }
}
