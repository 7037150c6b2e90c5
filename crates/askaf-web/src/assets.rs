//! Static files, embedded so the binary is the whole site.

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
