//! Settings, layered: built-in defaults, then a TOML file (`--config`), then
//! `ASKAF_*` environment variables, then command-line flags.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use askaf_content::{QuotedLine, Quoting};
use serde::Deserialize;

/// The content directory as every command names it: absolute, without
/// `.`, repeated slashes or a slash after it. The store's record of the
/// content files (the catalogue) names each by this path, so `serve
/// --content site` in `/srv` and `ask --content /srv/site/` must say the
/// same one: `ask` took every file for new ("the database is behind the
/// content directory"). Not resolved through links (`canonicalize`): a
/// deploy that points a link at a new directory is followed by the
/// rescan, which reads the link, not the directory it first named.
pub fn content_dir(dir: PathBuf) -> std::io::Result<PathBuf> {
    std::path::absolute(dir).map(|dir| dir.components().collect())
}

/// An address to listen on, as an operator writes it: `127.0.0.1:8080`,
/// `[::1]:8080`, or a host name with its port (`localhost:8080`, the first
/// IPv4 address it names, else its first). Port 0 picks a free port.
pub fn listen_addr(text: &str) -> Result<SocketAddr, String> {
    use std::net::ToSocketAddrs;
    if let Ok(addr) = text.parse() {
        return Ok(addr);
    }
    let example = "give it as HOST:PORT, such as 127.0.0.1:8080, [::1]:8080 or localhost:8080";
    // A port that is a number, only too large, is said to be that.
    if let Some((_, port)) = text.rsplit_once(':') {
        if !port.is_empty()
            && port.bytes().all(|b| b.is_ascii_digit())
            && port.parse::<u16>().is_err()
        {
            return Err(format!(
                "`{text}`: port {port} is out of range: a port is 0 to 65535"
            ));
        }
    }
    if text
        .rsplit_once(':')
        .is_none_or(|(host, port)| host.is_empty() || port.parse::<u16>().is_err())
    {
        return Err(format!("`{text}` is not an address with a port: {example}"));
    }
    let addrs: Vec<SocketAddr> = text
        .to_socket_addrs()
        .map_err(|e| format!("cannot find the address of `{text}` ({e}): {example}"))?
        .collect();
    addrs
        .iter()
        .find(|a| a.is_ipv4())
        .or(addrs.first())
        .copied()
        .ok_or_else(|| format!("`{text}` names no address: {example}"))
}

/// The site's public address as an operator writes it (`site_url`,
/// `--site-url`), without the slashes it ends in: `http://` or `https://`,
/// and a host, with no path. Every canonical link, feed and API address
/// begins with it, so a query or a fragment would land inside each
/// (`https://ask.example?x=1/en/slug`), and one with a space or no host
/// links nowhere. A path is refused too: the pages link each other from
/// the host's root, so a site behind `https://example.org/askaf/` linked
/// outside itself. The error says what is wrong, to follow the setting's
/// name.
pub fn site_url(url: &str) -> Result<String, String> {
    let example = "give the site's public address alone, such as https://ask.example.org";
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return Err(format!("must start with http:// or https://, not `{url}`"));
    };
    if rest.split('/').next().is_none_or(str::is_empty) {
        return Err(format!("`{url}` names no host: {example}"));
    }
    let wrong = url.chars().find_map(|c| match c {
        '?' => Some("a query (?…)"),
        '#' => Some("a fragment (#…)"),
        c if c.is_whitespace() => Some("a space"),
        _ => None,
    });
    if let Some(what) = wrong {
        return Err(format!(
            "`{url}` has {what}, which every link to the site would carry: {example}"
        ));
    }
    // The pages link each other, their stylesheet and their forms from the
    // root (`/en/about`): under a path, every such link leads outside it.
    if let Some((_, path)) = rest.trim_end_matches('/').split_once('/') {
        return Err(format!(
            "`{url}` has a path (/{path}/), and the site is served from the root of its host, \
             which its pages link from: give the site a host of its own, such as \
             https://ask.example.org"
        ));
    }
    Ok(url.trim_end_matches('/').to_string())
}

/// [`site_url`] of the settings file's `site_url`, so that a bad one is
/// said with the file's name and line, as every other key's bad value is.
fn site_url_in_file<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let text = String::deserialize(d)?;
    site_url(&text).map(Some).map_err(serde::de::Error::custom)
}

/// The languages the model is used for as an operator writes them
/// (`ask_model_langs`, `--model-langs`, `ASKAF_ASK_MODEL_LANGS`): `en`,
/// `fa` and `ps`, comma-separated. A name Ask does not know is refused
/// where it is given, model or none: `en,fr` was taken without a model
/// and, with one, only warned of as the model was turned off, so a typo
/// stayed unseen until the site answered by words alone.
pub fn model_langs(text: &str) -> Result<String, String> {
    let langs: Vec<&str> = text.split(',').map(str::trim).collect();
    if langs.iter().all(|l| l.is_empty()) {
        return Err(
            "names no language: give one or more of en, fa and ps, such as en,fa,ps".into(),
        );
    }
    if let Some(bad) = langs
        .iter()
        .find(|l| l.parse::<askaf_content::Lang>().is_err())
    {
        return Err(format!(
            "`{bad}` in `{text}` is not a language Ask knows: give one or more of en, fa and ps, comma-separated"
        ));
    }
    Ok(langs.join(","))
}

/// [`model_langs`] of the settings file's `ask_model_langs`, said with the
/// file's name and line.
fn model_langs_in_file<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let text = String::deserialize(d)?;
    model_langs(&text)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

/// The settings file's `database_url`, refused with the file's name and
/// line where it is no `postgres://` URL (it was refused only once the
/// whole file had loaded, with neither), so that advice to quote it is
/// given only where the quoted value is taken. A blank one is refused by
/// [`Settings::load`], which says that it is empty.
fn database_url_in_file<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    let text = String::deserialize(d)?;
    if !text.trim().is_empty() {
        database_url(
            &text,
            "it takes a postgres:// URL; for SQLite, leave the key out and name the data \
             directory with `data`",
        )
        .map_err(serde::de::Error::custom)?;
    }
    Ok(Some(text))
}

/// The database a `database_url` names, refused in the words of the place
/// it was given: `takes` says what that place takes (the file's key, the
/// flag, its variable) and where SQLite's directory is named instead. The
/// store's refusal, [`askaf_store::Error::BadLocation`], is said of any
/// database location ("give a data directory (SQLite) or a postgres://
/// URL", as `copy-db --from` takes), which `database_url` is not: a
/// directory there is refused, since the data directory is `data`'s.
fn database_url(url: &str, takes: &str) -> Result<askaf_store::Location, String> {
    askaf_store::Location::of(Path::new(""), Some(url)).map_err(|e| url_refused(e, takes))
}

/// The store's refusal of a `database_url`, said with what its place
/// takes ([`database_url`]).
fn url_refused(e: askaf_store::Error, takes: &str) -> String {
    match e {
        askaf_store::Error::BadLocation(shown) => {
            format!("`{shown}` is not a database this site can use: {takes}")
        }
        e => e.to_string(),
    }
}

fn listen_addr_in_file<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<SocketAddr>, D::Error> {
    let text = String::deserialize(d)?;
    listen_addr(&text)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

/// Settings as they may appear in the TOML file; every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileSettings {
    #[serde(default, deserialize_with = "listen_addr_in_file")]
    pub addr: Option<SocketAddr>,
    pub data: Option<PathBuf>,
    #[serde(default, deserialize_with = "database_url_in_file")]
    pub database_url: Option<String>,
    pub content: Option<PathBuf>,
    #[serde(default, deserialize_with = "site_url_in_file")]
    pub site_url: Option<String>,
    pub log_format: Option<LogFormat>,
    pub trust_proxy: Option<bool>,
    pub comment_min_seconds: Option<u64>,
    pub comment_max_links: Option<usize>,
    pub comments_per_ip_per_hour: Option<u32>,
    pub comments_per_email_per_hour: Option<u32>,
    pub refused_comments_per_ip_per_hour: Option<u32>,
    pub ask_per_minute: Option<u32>,
    pub page_cache_mb: Option<u64>,
    pub ask_model: Option<PathBuf>,
    #[serde(default, deserialize_with = "model_langs_in_file")]
    pub ask_model_langs: Option<String>,
}

impl FileSettings {
    /// Every key the file takes, in the struct's order, as serde knows
    /// them: `askaf --help` names them all from here, so that a key added
    /// to the struct is named there too (the help named six of sixteen).
    pub fn keys() -> &'static [&'static str] {
        /// A deserializer that reads nothing and keeps the names of the
        /// fields the struct asks for (`deserialize_struct`'s `fields`).
        struct Fields(&'static [&'static str]);
        #[derive(Debug)]
        struct Kept;
        impl std::fmt::Display for Kept {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("fields kept")
            }
        }
        impl std::error::Error for Kept {}
        impl serde::de::Error for Kept {
            fn custom<T: std::fmt::Display>(_: T) -> Self {
                Kept
            }
        }
        impl<'de> serde::Deserializer<'de> for &mut Fields {
            type Error = Kept;
            fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Kept> {
                Err(Kept)
            }
            fn deserialize_struct<V: serde::de::Visitor<'de>>(
                self,
                _: &'static str,
                fields: &'static [&'static str],
                _: V,
            ) -> Result<V::Value, Kept> {
                self.0 = fields;
                Err(Kept)
            }
            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
                bytes byte_buf option unit unit_struct newtype_struct seq tuple
                tuple_struct map enum identifier ignored_any
            }
        }
        let mut fields = Fields(&[]);
        // It always fails: it reads nothing, only the names asked for.
        let _ = FileSettings::deserialize(&mut fields);
        fields.0
    }
}

/// Spam defences, rate limits and proxy trust: the same keys in the TOML
/// file, as `ASKAF_*` variables and as flags.
#[derive(Debug, Default, Clone, PartialEq, Eq, clap::Args)]
pub struct Limits {
    /// Believe X-Forwarded-For/-Proto: only behind a reverse proxy that sets them. [default: false]
    #[arg(long, env = "ASKAF_TRUST_PROXY")]
    pub trust_proxy: Option<bool>,
    /// Seconds a comment form must be open before it is posted. [default: 3]
    #[arg(long, env = "ASKAF_COMMENT_MIN_SECONDS")]
    pub comment_min_seconds: Option<u64>,
    /// Links a comment may hold before it waits for a moderator. [default: 2]
    #[arg(long, env = "ASKAF_COMMENT_MAX_LINKS")]
    pub comment_max_links: Option<usize>,
    /// Comments taken (published or held) from one address an hour. [default: 10]
    #[arg(long, env = "ASKAF_COMMENTS_PER_IP_PER_HOUR")]
    pub comments_per_ip_per_hour: Option<u32>,
    /// Comments taken with one email address from one IP address an hour. [default: 5]
    #[arg(long, env = "ASKAF_COMMENTS_PER_EMAIL_PER_HOUR")]
    pub comments_per_email_per_hour: Option<u32>,
    /// Refused comment posts from one address an hour, past which none is taken. [default: 50]
    #[arg(long, env = "ASKAF_REFUSED_COMMENTS_PER_IP_PER_HOUR")]
    pub refused_comments_per_ip_per_hour: Option<u32>,
    /// Questions one address may ask a minute. [default: 120]
    #[arg(long, env = "ASKAF_ASK_PER_MINUTE")]
    pub ask_per_minute: Option<u32>,
    /// Megabytes of rendered pages kept in memory; the rest are read from DATA/pages. [default: 64]
    #[arg(long, env = "ASKAF_PAGE_CACHE_MB")]
    pub page_cache_mb: Option<u64>,
}

impl Limits {
    /// Each key from `self` where set, else from `file`.
    fn or(self, file: Limits) -> Limits {
        Limits {
            trust_proxy: self.trust_proxy.or(file.trust_proxy),
            comment_min_seconds: self.comment_min_seconds.or(file.comment_min_seconds),
            comment_max_links: self.comment_max_links.or(file.comment_max_links),
            comments_per_ip_per_hour: self
                .comments_per_ip_per_hour
                .or(file.comments_per_ip_per_hour),
            comments_per_email_per_hour: self
                .comments_per_email_per_hour
                .or(file.comments_per_email_per_hour),
            refused_comments_per_ip_per_hour: self
                .refused_comments_per_ip_per_hour
                .or(file.refused_comments_per_ip_per_hour),
            ask_per_minute: self.ask_per_minute.or(file.ask_per_minute),
            page_cache_mb: self.page_cache_mb.or(file.page_cache_mb),
        }
    }

    /// The web layer's configuration for a site at `site_url`.
    pub fn web_config(&self, site_url: String) -> askaf_web::WebConfig {
        let mut c = askaf_web::WebConfig::new(site_url);
        let p = &mut c.comments;
        if let Some(v) = self.trust_proxy {
            c.trust_proxy = v;
        }
        if let Some(v) = self.comment_min_seconds {
            p.min_seconds = v;
        }
        if let Some(v) = self.comment_max_links {
            p.max_links = v;
        }
        if let Some(v) = self.comments_per_ip_per_hour {
            p.per_ip_per_hour = v;
        }
        if let Some(v) = self.comments_per_email_per_hour {
            p.per_email_per_hour = v;
        }
        if let Some(v) = self.refused_comments_per_ip_per_hour {
            p.refused_per_ip_per_hour = v;
        }
        if let Some(v) = self.ask_per_minute {
            c.ask_per_minute = v;
        }
        if let Some(v) = self.page_cache_mb {
            c.page_cache_bytes = usize::try_from(v.saturating_mul(1 << 20)).unwrap_or(usize::MAX);
        }
        #[cfg(feature = "test-hooks")]
        if let Some(wait) = test_change_wait() {
            c.change_wait = wait;
        }
        #[cfg(feature = "test-hooks")]
        if let Some(timeout) = test_millis("ASKAF_TEST_REQUEST_TIMEOUT_MS") {
            // The test of a form sent too slowly waits seconds for its 408,
            // not 30 (`WebConfig::request_timeout`).
            c.request_timeout = timeout;
        }
        c
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// The wait for a change that `ASKAF_TEST_CHANGE_WAIT_MS` names, in
/// milliseconds, if it is set (askaf's `test-hooks` only): a test that holds
/// a save in flight is answered 202 past it instead of past the 25 s an
/// editor waits ([`askaf_web::CHANGE_WAIT`]), and the test files that do so
/// many times finish minutes sooner.
#[cfg(feature = "test-hooks")]
fn test_change_wait() -> Option<std::time::Duration> {
    test_millis("ASKAF_TEST_CHANGE_WAIT_MS")
}

/// The limit of a call to the store on a host that connects quickly
/// ([`askaf_store::Options::answer_within`]) that
/// `ASKAF_TEST_ANSWER_WITHIN_MS` names, in milliseconds, if it is set
/// (askaf's `test-hooks` only), read once at start: a test of a database
/// that hangs sees the call given up, and the background loops carry on,
/// within it instead of 20 s, each time the test waits for that.
#[cfg(feature = "test-hooks")]
pub fn test_answer_within() -> Option<std::time::Duration> {
    test_millis("ASKAF_TEST_ANSWER_WITHIN_MS")
}

/// The milliseconds that the test hook `var` names, if it is set. A value
/// that is not a number is ignored with a warning.
#[cfg(feature = "test-hooks")]
fn test_millis(var: &str) -> Option<std::time::Duration> {
    let v = std::env::var(var).ok()?;
    match v.trim().parse::<u64>() {
        Ok(ms) => Some(std::time::Duration::from_millis(ms)),
        Err(_) => {
            tracing::warn!("{var}={v:?} is not milliseconds; ignored");
            None
        }
    }
}

/// What a key of the settings file takes, asked of [`FileSettings`]
/// itself: a number where `key = 1` reads, true or false where `key =
/// true` does, one directory where serde reads the key as a path (its
/// refusal of a list expects a "path string"), else text. Asked, not
/// listed, so a key added to the struct is advised rightly without a
/// second list to keep (two such lists, kept by hand, stood here).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Takes {
    Number,
    Switch,
    Directory,
    Text,
}

impl Takes {
    fn of(key: &str) -> Takes {
        let reads =
            |value: &str| toml::from_str::<FileSettings>(&format!("{key} = {value}")).is_ok();
        if reads("1") {
            Takes::Number
        } else if reads("true") {
            Takes::Switch
        } else if toml::from_str::<FileSettings>(&format!("{key} = []"))
            .is_err_and(|e| e.message().contains("expected path string"))
        {
            Takes::Directory
        } else {
            Takes::Text
        }
    }
}

/// The line of the settings file `text` that `e` is about, and what to
/// say of it.
///
/// A value written without its quotes (`addr = 127.0.0.1:8080`, `data =
/// /srv/askaf`) is said to need them, with the line as it should be: TOML
/// said "invalid float" or "invalid string", which sends an operator
/// looking at the value's digits. A number or a switch written so is said
/// to take one (quotes would not do there); a key the file does not take,
/// as TOML says it of the line quoted, with the quotes.
fn said_of_file(text: &str, e: &toml::de::Error) -> (usize, String) {
    let line = e
        .span()
        .map(|s| 1 + text[..s.start].matches('\n').count())
        .unwrap_or(1);
    let written = text.lines().nth(line - 1);
    if let Some(quoted) = askaf_content::with_line_quoted(text, line, Quoting::Whole) {
        let QuotedLine {
            key, value, fixed, ..
        } = &quoted;
        let items = value
            .strip_prefix('[')
            .and_then(|v| v.strip_suffix(']'))
            .map(|items| items.split(',').map(str::trim).collect::<Vec<_>>());
        let message = match Takes::of(key) {
            Takes::Number => {
                format!("`{key}` takes a whole number, without quotes or a unit, not `{value}`")
            }
            Takes::Switch => format!("`{key}` takes true or false, without quotes, not `{value}`"),
            Takes::Directory if items.is_some() => {
                one_directory(text, line, key, items.as_deref().unwrap_or_default())
            }
            Takes::Text | Takes::Directory => {
                // What the file says of the line once quoted, if it is about
                // that line: a key the file does not take, or a value its key
                // refuses in quotes too.
                let again = left_on(&quoted.text, line);
                let unknown = !FileSettings::keys().contains(&key.as_str());
                match (again, items) {
                    (None, _) => format!("the value of `{key}` must be quoted: {fixed}"),
                    (Some(said), _) if unknown => {
                        format!("{said}, and its value must be quoted: {fixed}")
                    }
                    (Some(said), Some(items)) => match as_one_text(text, line, key, &items) {
                        Some(one) => not_a_list(key, one),
                        None => format!("{said}; and its value must be quoted"),
                    },
                    // Quoting it alone would be refused again: what is wrong
                    // with the value is said, and no line that would not load.
                    (Some(said), None) => format!("{said}; and its value must be quoted"),
                }
            }
        };
        return (line, message);
    }
    // A list of texts (`ask_model_langs = ["en", "fa"]`) where the key
    // takes one text.
    if let Some((key, items)) = written.and_then(texts_of) {
        let items: Vec<&str> = items.iter().map(String::as_str).collect();
        if Takes::of(key) == Takes::Directory {
            return (line, one_directory(text, line, key, &items));
        }
        if let Some(one) = as_one_text(text, line, key, &items) {
            return (line, not_a_list(key, one));
        }
    }
    // "invalid type: string \"lots\", expected u64" says whose.
    (
        line,
        askaf_content::toml_with_field(e.message().trim(), written),
    )
}

/// What the file `text` says of its line `line`, if anything: `None` when
/// the file loads, or its first problem is on another line.
fn left_on(text: &str, line: usize) -> Option<String> {
    let e = toml::from_str::<FileSettings>(text).err()?;
    let (at, said) = said_of_file(text, &e);
    (at == line).then_some(said)
}

/// The line `key = "…"` that sets `key` to the `items` of a list written
/// where the key takes one text, if the file with it loads: the one item
/// (`log_format = [json]` is `log_format = "json"`), or the items
/// comma-separated where the key takes them so (`ask_model_langs = [en,
/// fa]` is `ask_model_langs = "en,fa"`, which [`model_langs`] reads; the
/// whole list in quotes, `"[en, fa]"`, was advised, and refused). Only a
/// line that loads is advised: a fix that is refused again is no fix, and
/// what the file says of it is given instead (`Err`: `ask_model_langs =
/// [en, fr]` is said of `fr`, where the list quoted whole was said of
/// `[en`). `None` where the list is not one to take apart.
fn as_one_text(
    text: &str,
    line: usize,
    key: &str,
    items: &[&str],
) -> Option<Result<String, String>> {
    let items: Vec<&str> = items.iter().copied().filter(|i| !i.is_empty()).collect();
    let fixed = format!("{key} = {}", toml::Value::String(items.join(",")));
    // The whole list quoted, where the key takes it (a path may hold `,`
    // and `[`), is not a list to take apart.
    let whole = format!(
        "{key} = {}",
        toml::Value::String(format!("[{}]", items.join(", ")))
    );
    (items.len() == 1 || left_on(&askaf_content::with_line(text, line, &whole), line).is_some())
        .then(
            || match left_on(&askaf_content::with_line(text, line, &fixed), line) {
                None => Ok(fixed),
                Some(said) => Err(said),
            },
        )
}

/// What is said of a list written where `key` takes one directory
/// ([`Takes::Directory`]): that it takes one, with the line that names
/// the list's one item, where it has one and that line loads. Of a list of
/// more, no line is advised: taking the first would drop the others
/// without a word (an operator who wrote `content = [a, b]` may think the
/// site reads both), and the list quoted whole, which was advised, loads
/// as one directory named `[a, b]`.
fn one_directory(text: &str, line: usize, key: &str, items: &[&str]) -> String {
    let said = format!("`{key}` takes one directory in quotes, not a list");
    let items: Vec<&str> = items.iter().copied().filter(|i| !i.is_empty()).collect();
    if let [one] = items[..] {
        let fixed = format!("{key} = {}", toml::Value::String(one.to_string()));
        if left_on(&askaf_content::with_line(text, line, &fixed), line).is_none() {
            return format!("{said}: {fixed}");
        }
    }
    said
}

/// What is said of a list written where `key` takes one text: the line
/// as one text, where it loads, else what is wrong with it as one.
fn not_a_list(key: &str, one: Result<String, String>) -> String {
    match one {
        Ok(fixed) => format!("`{key}` takes one text in quotes, not a list: {fixed}"),
        Err(said) => format!("{said}; `{key}` takes one text in quotes, not a list"),
    }
}

/// The key of a line `key = [...]` whose value is a TOML list of texts,
/// and the texts.
fn texts_of(line: &str) -> Option<(&str, Vec<String>)> {
    let (key, _) = line.split_once('=')?;
    let table: toml::Table = toml::from_str(line).ok()?;
    let toml::Value::Array(items) = table.get(key.trim())? else {
        return None;
    };
    let texts = items
        .iter()
        .map(|i| i.as_str().map(str::to_string))
        .collect::<Option<Vec<_>>>()?;
    Some((key.trim(), texts))
}

/// The settings `serve` runs with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub addr: SocketAddr,
    /// The node's own files: SQLite's database when there is no
    /// `database_url`, and always the search index and the rendered pages
    /// (a cache, rebuilt from the database).
    pub data: PathBuf,
    /// A `postgres://` URL: the database several nodes can share. `None`:
    /// SQLite in the data directory.
    pub database_url: Option<String>,
    /// `None` serves the built-in sample site.
    pub content: Option<PathBuf>,
    /// `None` derives it from the address the server listens on.
    pub site_url: Option<String>,
    pub log_format: LogFormat,
    pub limits: Limits,
    /// The optional sentence-embedding model for Ask, and its languages
    /// (`None`: those the model knows).
    pub ask_model: Option<PathBuf>,
    pub ask_model_langs: Option<String>,
}

/// clap's words for a value it refused, said of the environment variable
/// when the value came from one: clap names the flag (`invalid value 'x'
/// for '--comment-min-seconds <…>'`) even when no flag was typed, and the
/// operator then looks for a flag that is not there. `None` when the error
/// is another kind, or the flag was given on the command line (`args`).
pub fn from_environment(
    e: &clap::Error,
    cmd: &clap::Command,
    args: &[std::ffi::OsString],
) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if !matches!(
        e.kind(),
        ErrorKind::ValueValidation | ErrorKind::InvalidValue
    ) {
        return None;
    }
    let Some(ContextValue::String(arg)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    let long = arg.split_whitespace().next()?.strip_prefix("--")?;
    let flag = format!("--{long}");
    let typed = args.iter().skip(1).any(|a| {
        let a = a.to_string_lossy();
        a == flag || a.starts_with(&format!("{flag}="))
    });
    if typed {
        return None;
    }
    let var = env_of(cmd, long)?;
    std::env::var_os(&var)?;
    Some(e.render().to_string().replace(
        &format!("'{arg}'"),
        &format!("{var} (the environment variable of {flag})"),
    ))
}

/// The environment variable clap reads for the flag `--long`, in `cmd` or
/// any of its subcommands.
fn env_of(cmd: &clap::Command, long: &str) -> Option<String> {
    cmd.get_arguments()
        .find(|a| a.get_long() == Some(long))
        .and_then(|a| a.get_env())
        .map(|v| v.to_string_lossy().into_owned())
        .or_else(|| cmd.get_subcommands().find_map(|c| env_of(c, long)))
}

/// The environment variable of `database_url` (clap reads it into `--database`).
pub const DATABASE_URL_VAR: &str = "ASKAF_DATABASE_URL";

pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";
pub const DEFAULT_DATA: &str = "./askaf-data";

impl Default for Settings {
    fn default() -> Self {
        Settings {
            addr: DEFAULT_ADDR
                .parse()
                .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 8080))),
            data: PathBuf::from(DEFAULT_DATA),
            database_url: None,
            content: None,
            site_url: None,
            log_format: LogFormat::Text,
            limits: Limits::default(),
            ask_model: None,
            ask_model_langs: None,
        }
    }
}

/// What flags and environment variables said (clap reads both).
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub addr: Option<SocketAddr>,
    pub data: Option<PathBuf>,
    pub database_url: Option<String>,
    pub content: Option<PathBuf>,
    pub site_url: Option<String>,
    pub log_format: Option<LogFormat>,
    pub limits: Limits,
    pub ask_model: Option<PathBuf>,
    pub ask_model_langs: Option<String>,
}

impl Settings {
    pub fn load(config: Option<&Path>, overrides: Overrides) -> anyhow::Result<Settings> {
        let file = match config {
            Some(path) => {
                let text = askaf_content::read_text(path).map_err(|e| match e {
                    askaf_content::TextFileError::Unreadable { source, .. } => {
                        anyhow::Error::new(source)
                            .context(format!("cannot read the config file {}", path.display()))
                    }
                    not_utf8 => not_utf8.into(),
                })?;
                toml::from_str::<FileSettings>(&text).map_err(|e| {
                    let (line, message) = said_of_file(&text, &e);
                    anyhow::anyhow!("{}:{}: {}", path.display(), line, message)
                })?
            }
            None => FileSettings::default(),
        };
        let d = Settings::default();
        let blank = |u: &Option<String>| u.as_deref().is_some_and(|u| u.trim().is_empty());
        // Set and empty is a deploy's mistake (a variable whose value did
        // not arrive), never a way to ask for SQLite: leaving it unset is.
        if blank(&overrides.database_url) {
            let said = match std::env::var_os(DATABASE_URL_VAR) {
                Some(v) if v.to_string_lossy().trim().is_empty() => {
                    format!("{DATABASE_URL_VAR} is set but empty")
                }
                _ => "--database is given an empty URL".to_string(),
            };
            anyhow::bail!(
                "{said}: give a postgres:// URL, or unset it for SQLite in the data directory"
            );
        }
        // A URL the flag or its variable gave is said of the one it came
        // from (the variable, where it holds this very value).
        if let Some(url) = &overrides.database_url {
            let from_env = std::env::var(DATABASE_URL_VAR).is_ok_and(|v| &v == url);
            let (place, takes) = if from_env {
                (
                    DATABASE_URL_VAR,
                    format!(
                        "{DATABASE_URL_VAR} takes a postgres:// URL; for SQLite, unset it and \
                         name the data directory with ASKAF_DATA or --data"
                    ),
                )
            } else {
                (
                    "--database",
                    "--database takes a postgres:// URL; for SQLite, leave it out and name the \
                     data directory with --data"
                        .to_string(),
                )
            };
            database_url(url, &takes).map_err(|said| anyhow::anyhow!("{place}: {said}"))?;
        }
        if blank(&file.database_url) {
            anyhow::bail!(
                "database_url is empty in {}: give a postgres:// URL, or remove the key for \
                 SQLite in the data directory",
                config.map_or_else(String::new, |p| p.display().to_string())
            );
        }
        // Both were checked where they were read (the flag and its variable
        // by clap, the file's key with its line), and said of that place.
        let site_url = overrides.site_url.or(file.site_url);
        let settings = Settings {
            addr: overrides.addr.or(file.addr).unwrap_or(d.addr),
            data: overrides.data.or(file.data).unwrap_or(d.data),
            database_url: overrides.database_url.or(file.database_url),
            content: overrides
                .content
                .or(file.content)
                .map(content_dir)
                .transpose()
                .map_err(|e| anyhow::anyhow!("content: {e}"))?,
            site_url,
            log_format: overrides
                .log_format
                .or(file.log_format)
                .unwrap_or(d.log_format),
            limits: overrides.limits.or(Limits {
                trust_proxy: file.trust_proxy,
                comment_min_seconds: file.comment_min_seconds,
                comment_max_links: file.comment_max_links,
                comments_per_ip_per_hour: file.comments_per_ip_per_hour,
                comments_per_email_per_hour: file.comments_per_email_per_hour,
                refused_comments_per_ip_per_hour: file.refused_comments_per_ip_per_hour,
                ask_per_minute: file.ask_per_minute,
                page_cache_mb: file.page_cache_mb,
            }),
            ask_model: overrides.ask_model.or(file.ask_model),
            ask_model_langs: overrides.ask_model_langs.or(file.ask_model_langs),
        };
        settings.database()?;
        Ok(settings)
    }

    /// The database: `database_url`, else SQLite in the data directory.
    /// [`Settings::load`] has refused a `database_url` that names none,
    /// said of where it was given.
    pub fn database(&self) -> anyhow::Result<askaf_store::Location> {
        askaf_store::Location::of(&self.data, self.database_url.as_deref()).map_err(|e| {
            let said = url_refused(e, "`database_url` takes a postgres:// URL");
            anyhow::anyhow!("database_url: {said}")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One directory, however it is spelled, is one path; a parent (`..`)
    /// is kept, since it is the link's parent where the directory is one.
    #[test]
    fn a_content_directory_is_named_one_way() {
        let here = std::env::current_dir().unwrap().join("site");
        for spelled in [
            "site",
            "./site",
            "site/",
            "./site//",
            "site/.",
            &here.display().to_string(),
        ] {
            assert_eq!(content_dir(spelled.into()).unwrap(), here, "{spelled}");
        }
        assert_eq!(
            content_dir("/srv/site/../other/".into()).unwrap(),
            PathBuf::from("/srv/site/../other")
        );
    }

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
    fn the_database_is_sqlite_in_the_data_directory_unless_a_url_says_otherwise() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("askaf.toml");
        std::fs::write(&path, "database_url = \"postgres://askaf@db/askaf\"\n").unwrap();
        let s = Settings::load(Some(&path), Overrides::default()).unwrap();
        assert_eq!(
            s.database().unwrap(),
            askaf_store::Location::Postgres("postgres://askaf@db/askaf".into())
        );
        // The flag (or ASKAF_DATABASE_URL, which clap reads into it) wins.
        let s = Settings::load(
            Some(&path),
            Overrides {
                database_url: Some("postgresql://other/askaf".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(s.database_url.as_deref(), Some("postgresql://other/askaf"));
        let s = Settings::load(None, Overrides::default()).unwrap();
        assert_eq!(
            s.database().unwrap(),
            askaf_store::Location::Sqlite(PathBuf::from(DEFAULT_DATA))
        );
        let err = Settings::load(
            None,
            Overrides {
                database_url: Some("mysql://x/y".into()),
                ..Default::default()
            },
        )
        .unwrap_err()
        .to_string();
        // Said of the flag (or its variable), with what it takes.
        assert!(
            err.starts_with("--database: `mysql://x/y`") && err.contains("postgres://"),
            "{err}"
        );
    }

    /// A blank URL is refused, not taken for SQLite; the variable is named
    /// in the integration test `a_blank_database_url_is_an_error`.
    #[test]
    fn a_blank_database_url_is_refused() {
        let err = Settings::load(
            None,
            Overrides {
                database_url: Some(" ".into()),
                ..Default::default()
            },
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("empty") && err.contains("postgres://"),
            "{err}"
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("askaf.toml");
        std::fs::write(&path, "database_url = \"\"\n").unwrap();
        let err = Settings::load(Some(&path), Overrides::default())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("database_url is empty") && err.contains("askaf.toml"),
            "{err}"
        );
    }

    /// The site is served from the root of its host: every page links
    /// the others, its stylesheet and its forms from there (`/en/about`),
    /// so a `site_url` with a path is refused, saying so, where it was
    /// taken and led every such link outside the site.
    #[test]
    fn a_site_url_with_a_path_is_refused() {
        for url in [
            "https://example.org/askaf",
            "https://example.org/askaf/",
            "http://example.org:8080/a/b/",
        ] {
            let e = site_url(url).unwrap_err();
            assert!(
                e.starts_with(&format!("`{url}` has a path (/")) && e.contains("root of its host"),
                "{url}: {e}"
            );
        }
        for url in [
            "https://ask.example.org",
            "https://ask.example.org/",
            "http://[::1]:8080//",
        ] {
            assert_eq!(site_url(url).unwrap(), url.trim_end_matches('/'));
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("askaf.toml");
        std::fs::write(
            &path,
            "data = \"/srv\"\nsite_url = \"https://example.org/askaf/\"\n",
        )
        .unwrap();
        let e = Settings::load(Some(&path), Overrides::default())
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with(&format!("{}:2: ", path.display())) && e.contains("has a path (/askaf/)"),
            "{e}"
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
        // A value of the wrong kind names its key.
        std::fs::write(&path, "data = \"/srv\"\n\npage_cache_mb = \"lots\"\n").unwrap();
        let err = Settings::load(Some(&path), Overrides::default())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("askaf.toml:3: field `page_cache_mb`: invalid type"),
            "{err}"
        );
    }

    /// A value written without its quotes is said to need them, with the
    /// file's line and the line as it should be, where TOML said "invalid
    /// float" of `127.0.0.1:8080` (and "invalid string" or "expected
    /// newline" of a path or an address); a number or a switch is said to
    /// take one, since quotes would not do there; a key the file does not
    /// take is said as well.
    #[test]
    fn an_unquoted_value_is_said_to_need_its_quotes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("askaf.toml");
        let said = |text: &str| {
            std::fs::write(&path, text).unwrap();
            Settings::load(Some(&path), Overrides::default())
                .unwrap_err()
                .to_string()
        };
        for (line, fixed) in [
            ("addr = 127.0.0.1:8080", r#"addr = "127.0.0.1:8080""#),
            ("addr = localhost:8080", r#"addr = "localhost:8080""#),
            ("data = /srv/askaf-data", r#"data = "/srv/askaf-data""#),
            ("content = ./content", r#"content = "./content""#),
            (
                "site_url = https://ask.example.org",
                r#"site_url = "https://ask.example.org""#,
            ),
            (
                "database_url = postgres://askaf@db/askaf",
                r#"database_url = "postgres://askaf@db/askaf""#,
            ),
            ("log_format = json", r#"log_format = "json""#),
            ("ask_model_langs = en,fa", r#"ask_model_langs = "en,fa""#),
            ("ask_model = /opt/e5", r#"ask_model = "/opt/e5""#),
        ] {
            let key = line.split(' ').next().unwrap();
            let e = said(&format!("# askaf\n{line}\n"));
            assert_eq!(
                e,
                format!(
                    "{}:2: the value of `{key}` must be quoted: {fixed}",
                    path.display()
                ),
                "{line}"
            );
        }
        let e = said("address = 127.0.0.1:8080  # local\n");
        assert!(
            e.starts_with(&format!("{}:1: unknown field `address`", path.display()))
                && e.contains("`addr`")
                && e.ends_with(r#"and its value must be quoted: address = "127.0.0.1:8080""#),
            "{e}"
        );
        // A file with Windows line endings is said alike, and a list is
        // quoted as one text: no key of this file takes a list
        // (`askaf_content::with_line_quoted`, which front matter shares).
        let e = said("# askaf\r\ndata = /srv/askaf-data\r\nlog_format = json\r\n");
        assert_eq!(
            e,
            format!(
                r#"{}:2: the value of `data` must be quoted: data = "/srv/askaf-data""#,
                path.display()
            )
        );
        // A list where a directory goes is said to be one, not quoted
        // whole into a directory named `[content, more]`
        // ([`every_advised_line_loads`] says more).
        let e = said("content = [content, more]\n");
        assert_eq!(
            e,
            format!(
                "{}:1: `content` takes one directory in quotes, not a list",
                path.display()
            )
        );
        let e = said("page_cache_mb = 64MB\n");
        assert_eq!(
            e,
            format!(
                "{}:1: `page_cache_mb` takes a whole number, without quotes or a unit, not `64MB`",
                path.display()
            )
        );
        let e = said("trust_proxy = yes\n");
        assert_eq!(
            e,
            format!(
                "{}:1: `trust_proxy` takes true or false, without quotes, not `yes`",
                path.display()
            )
        );
    }

    /// The advice for a value written without quotes holds for every key
    /// the file takes ([`FileSettings::keys`], so a key added later is
    /// asked too): a key said to take a number reads `1`, one
    /// said to take true or false reads `true`, and one said to need
    /// quotes reads neither. The kinds were two lists kept by hand beside
    /// the struct, and a number key added to the struct alone would have
    /// been told to put its number in quotes.
    #[test]
    fn the_advice_for_an_unquoted_value_fits_every_key() {
        // The keys as serde names them to a key the file lacks: the same
        // as `keys`, which the help names.
        let unknown = toml::from_str::<FileSettings>("no_such_key = 1")
            .unwrap_err()
            .message()
            .to_string();
        let keys = FileSettings::keys();
        assert!(
            keys.len() >= 16 && keys.contains(&"page_cache_mb"),
            "{keys:?}"
        );
        assert_eq!(
            unknown.split_once("expected one of ").unwrap().1,
            keys.iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let reads = |line: String| toml::from_str::<FileSettings>(&line).is_ok();
        for key in keys {
            let text = format!("{key} = two words\n");
            let (_, said) =
                said_of_file(&text, &toml::from_str::<FileSettings>(&text).unwrap_err());
            let (number, switch) = (reads(format!("{key} = 1")), reads(format!("{key} = true")));
            if said.contains("takes a whole number") {
                assert!(number, "{key}: {said}");
            } else if said.contains("takes true or false") {
                assert!(switch, "{key}: {said}");
            } else {
                assert!(said.contains("must be quoted"), "{key}: {said}");
                assert!(
                    !number && !switch,
                    "{key} takes a number or a switch, but: {said}"
                );
            }
        }
    }

    /// Every line the settings file's errors advise, put in place of the
    /// line written, loads: `ask_model_langs = [en, fa]` was told to be
    /// `ask_model_langs = "[en, fa]"`, which was refused again (`[en` is
    /// no language), as were `log_format = "JSON"` and `addr =
    /// "localhost"`. Asked of every key with values an operator writes.
    #[test]
    fn every_advised_line_loads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("askaf.toml");
        let load = |text: &str| {
            std::fs::write(&path, text).unwrap();
            Settings::load(Some(&path), Overrides::default()).map_err(|e| e.to_string())
        };
        // The lists, advised as what the key takes.
        for (written, fixed) in [
            ("ask_model_langs = [en, fa]", r#"ask_model_langs = "en,fa""#),
            (
                "ask_model_langs = [en,fa,ps]",
                r#"ask_model_langs = "en,fa,ps""#,
            ),
            (
                r#"ask_model_langs = ["en", "fa"]"#,
                r#"ask_model_langs = "en,fa""#,
            ),
            ("log_format = [json]", r#"log_format = "json""#),
            (r#"log_format = ["json"]"#, r#"log_format = "json""#),
        ] {
            let e = load(&format!("# askaf\n{written}\n")).unwrap_err();
            let key = written.split(' ').next().unwrap();
            assert_eq!(
                e,
                format!(
                    "{}:2: `{key}` takes one text in quotes, not a list: {fixed}",
                    path.display()
                ),
                "{written}"
            );
            load(&format!("# askaf\n{fixed}\n")).unwrap();
        }
        // A list refused as one text too is said of that text, where the
        // list quoted whole was said of `[en`, and no line is advised.
        for written in [
            "ask_model_langs = [en, fr]",
            r#"ask_model_langs = ["en", "fr"]"#,
        ] {
            let e = load(&format!("# askaf\n{written}\n")).unwrap_err();
            assert_eq!(
                e,
                format!(
                    "{}:2: field `ask_model_langs`: `fr` in `en,fr` is not a language Ask knows: \
                     give one or more of en, fa and ps, comma-separated; `ask_model_langs` takes \
                     one text in quotes, not a list",
                    path.display()
                ),
                "{written}"
            );
        }
        // A key that takes one directory (`content`, `data`, `ask_model`)
        // is said to, for a list written unquoted or of texts: a list of
        // one is that one, and of more, no line is advised, since which
        // one is meant is the operator's to say. The list quoted whole was
        // advised (`content = "[a, b]"`), which loads, as a directory of
        // that strange name.
        for (written, fixed) in [
            ("content = [site]", Some(r#"content = "site""#)),
            (r#"content = ["site"]"#, Some(r#"content = "site""#)),
            (
                "data = [/srv/askaf-data]",
                Some(r#"data = "/srv/askaf-data""#),
            ),
            (
                r#"ask_model = ["/opt/e5"]"#,
                Some(r#"ask_model = "/opt/e5""#),
            ),
            ("content = [a, b]", None),
            (r#"content = ["a", "b"]"#, None),
            ("data = [/srv/a, /srv/b]", None),
            (r#"ask_model = ["/opt/a", "/opt/b"]"#, None),
        ] {
            let e = load(&format!("# askaf\n{written}\n")).unwrap_err();
            let key = written.split(' ').next().unwrap();
            let said = format!(
                "{}:2: `{key}` takes one directory in quotes, not a list",
                path.display()
            );
            match fixed {
                Some(fixed) => {
                    assert_eq!(e, format!("{said}: {fixed}"), "{written}");
                    load(&format!("# askaf\n{fixed}\n")).unwrap();
                }
                None => assert_eq!(e, said, "{written}"),
            }
        }
        // Any advice, for every key and value: the line advised loads, and
        // a value refused in quotes too is said without a line to write.
        let values = [
            "two words",
            "[en, fa]",
            "[json]",
            "[a]",
            "en fa",
            "JSON",
            "localhost",
            "127.0.0.1:8080",
            "/srv/askaf",
            "https://ask.example.org",
            "ask.example.org",
            "postgres://askaf@db/askaf",
            "mysql://db/askaf",
        ];
        for key in FileSettings::keys() {
            for value in values {
                let text = format!("# askaf\r\n{key} = {value}\r\n");
                let Err(said) = load(&text) else { continue };
                match said.rsplit_once(": ") {
                    Some((_, fixed)) if fixed.starts_with(&format!("{key} = ")) => {
                        // A list is never advised as one text of its
                        // brackets: no key takes `"[a]"` meaning that.
                        assert!(
                            !fixed.starts_with(&format!("{key} = \"[")),
                            "{key} = {value}: {said}"
                        );
                        let fixed_text = askaf_content::with_line(&text, 2, fixed);
                        if let Err(again) = load(&fixed_text) {
                            panic!("{key} = {value}: {said}\nadvised {fixed}, refused: {again}");
                        }
                    }
                    _ => assert!(
                        !said.contains(&format!("{key} = ")),
                        "{key} = {value}: {said}"
                    ),
                }
            }
        }
    }

    /// An operator writes `localhost:8080` as often as `127.0.0.1:8080`:
    /// both listen (the first said only "invalid socket address syntax").
    #[test]
    fn an_address_may_name_its_host() {
        assert_eq!(
            listen_addr("127.0.0.1:0").unwrap().to_string(),
            "127.0.0.1:0"
        );
        assert_eq!(listen_addr("[::1]:8080").unwrap().to_string(), "[::1]:8080");
        let local = listen_addr("localhost:8080").unwrap();
        assert!(local.ip().is_loopback() && local.port() == 8080, "{local}");
        for bad in ["localhost", ":8080", "localhost:http", "127.0.0.1"] {
            let e = listen_addr(bad).unwrap_err();
            assert!(e.contains("HOST:PORT"), "{bad}: {e}");
        }
        for bad in ["127.0.0.1:99999", "[::1]:65536", "localhost:123456789012"] {
            let e = listen_addr(bad).unwrap_err();
            assert!(
                e.contains("is out of range: a port is 0 to 65535"),
                "{bad}: {e}"
            );
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("askaf.toml");
        std::fs::write(&path, "addr = \"localhost:9000\"\n").unwrap();
        let s = Settings::load(Some(&path), Overrides::default()).unwrap();
        assert!(s.addr.ip().is_loopback() && s.addr.port() == 9000);
        std::fs::write(&path, "addr = \"localhost\"\n").unwrap();
        let e = Settings::load(Some(&path), Overrides::default())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("askaf.toml:1:") && e.contains("HOST:PORT"),
            "{e}"
        );
    }
}
