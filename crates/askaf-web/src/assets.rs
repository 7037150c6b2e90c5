//! Static files, embedded so the binary is the whole site.

use std::sync::LazyLock;

pub const CSS: &str = include_str!("../static/site.css");
pub const JS: &str = include_str!("../static/site.js");
pub const ICON: &str = include_str!("../static/icon.svg");

/// Every file under `/static/`.
pub const NAMES: [&str; 3] = ["site.css", "site.js", "icon.svg"];

/// The embedded file for a name under `/static/`, with its media type.
pub fn get(name: &str) -> Option<(&'static str, &'static str)> {
    match name {
        "site.css" => Some(("text/css; charset=utf-8", CSS)),
        "site.js" => Some(("text/javascript; charset=utf-8", JS)),
        "icon.svg" => Some(("image/svg+xml", ICON)),
        _ => None,
    }
}

/// The name a static mirror keeps a file of [`NAMES`] under, with the first
/// twelve hex digits of its bytes' SHA-256 before its extension
/// (`site.0123456789ab.css`): a file has no query for the live site's
/// `?v=`, and a CDN in front of the mirror, which may keep it a year, must
/// see a new name when the bytes change. `None` for another name.
pub fn hashed_name(name: &str) -> Option<&'static str> {
    static HASHED: LazyLock<Vec<(&'static str, String)>> = LazyLock::new(|| {
        NAMES
            .iter()
            .filter_map(|&name| {
                let (_, body) = get(name)?;
                let (stem, ext) = name.rsplit_once('.')?;
                Some((name, format!("{stem}.{}.{ext}", short_digest(&[body]))))
            })
            .collect()
    });
    HASHED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, hashed)| hashed.as_str())
}

/// The first twelve hex digits of the SHA-256 of `parts` one after the
/// other: a file's name in the mirror ([`hashed_name`]) and the live
/// site's `?v=` of all three ([`crate::views::asset_version`]).
pub(crate) fn short_digest(parts: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for part in parts {
        h.update(part);
    }
    hex::encode(&h.finalize()[..6])
}
