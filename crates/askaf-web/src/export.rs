//! A static mirror of the public site: every page as a file, with `.gz` and
//! `.br` siblings, that nginx (`gzip_static`), a CDN or a USB stick serves.
//!
//! The mirror is made by asking the site itself for every page, through the
//! same router and page cache that serve it, so a mirror can never show what
//! the live site would not. What needs the live site is pointed at it: the
//! Ask box asks the live site, and the comment form becomes a link to the
//! article's form there.
//!
//! Files are named so that a root-relative link finds them with a plain
//! rule (`try_files $uri $uri.html $uri.json $uri/index.html`): `/en/slug`
//! is `en/slug.html`, `/en/` is `en/index.html`, its second page `/en/page/2`
//! is `en/page/2.html`, an API document
//! `/api/v1/articles/en/slug` is `api/v1/articles/en/slug.json`, and the
//! article list is its first page of every language, `api/v1/articles.json`
//! (a file has no query string). With
//! `relative`, links are rewritten to those files relative to each page, so
//! the mirror also works opened from a disk.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use askaf_content::Lang;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use sha2::{Digest, Sha256};
use tower::ServiceExt;

use crate::{assets, i18n, views, AppState};

/// How to write the mirror.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Rewrite links relative to each file, for a mirror opened from disk.
    pub relative: bool,
}

/// What an export did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportReport {
    /// Addresses exported.
    pub pages: usize,
    /// Files written (pages and their compressed siblings) because they
    /// were new or changed; a second run over the same site writes none.
    pub written: usize,
    /// Files of an earlier export that the site no longer has, removed.
    pub removed: usize,
}

/// What went wrong while exporting.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{address} answered {status}: the site cannot be exported whole")]
    Page { address: String, status: StatusCode },
    #[error(
        "{address}, shown on {page}, answered {status}: the site cannot be exported whole \
         (the mirror was left as it was)"
    )]
    Media {
        address: String,
        page: String,
        status: StatusCode,
    },
    #[error("cannot read the topics' names from the database: {0}")]
    Labels(String),
}

/// The list of what an earlier export wrote, with each file's hash.
const MANIFEST: &str = ".askaf-export.json";

/// Where an export writes what changed before any of it goes into place:
/// a page or image that fails leaves the mirror as it was, rather than
/// half new (new listings linking to a page whose images are missing).
/// Inside the mirror, so that moving a file into place is a rename on one
/// file system; one left by an export that was stopped is removed.
const STAGING: &str = ".askaf-export-staging";

/// Every public address of the site as it is now.
fn addresses(app: &AppState) -> Vec<String> {
    let live = app.site();
    let mut out: Vec<String> = vec![
        "/".into(),
        "/feed.atom".into(),
        "/comments.atom".into(),
        "/sitemap.xml".into(),
        "/robots.txt".into(),
        "/api/v1/articles".into(),
    ];
    for file in assets::NAMES {
        out.push(format!("/static/{file}"));
    }
    for n in 1..=crate::feeds::sitemap_parts(&live, crate::feeds::SITEMAP_MAX_URLS) {
        out.push(format!("/sitemaps/{n}.xml"));
    }
    for lang in Lang::ALL {
        let listing = live.listings().lang(lang);
        let home = format!("/{lang}/");
        for n in 1..=views::Page::pages_for(listing.count) {
            out.push(views::page_url(&home, n));
        }
        out.push(format!("/{lang}/about"));
        out.push(format!("/{lang}/feed.atom"));
        for (tag, t) in &listing.tags {
            let base = format!("/{lang}/tags/{tag}");
            for n in 1..=views::Page::pages_for(t.count) {
                out.push(views::page_url(&base, n));
            }
        }
    }
    for a in live.articles() {
        let p = a.path();
        out.push(p.clone());
        out.push(format!("{p}.txt"));
        out.push(format!("{p}/comments.atom"));
        out.push(format!("/api/v1/articles/{}/{}", a.lang(), a.slug()));
    }
    out
}

/// The file an address is kept in, relative to the mirror's root.
pub fn file_for(address: &str) -> String {
    let path = address.split(['?', '#']).next().unwrap_or("/");
    let path = path.trim_start_matches('/');
    if path.is_empty() {
        "index.html".into()
    } else if path.ends_with('/') {
        format!("{path}index.html")
    } else if path.starts_with("api/") {
        format!("{path}.json")
    } else if path.starts_with("static/")
        || path.starts_with("media/")
        || [".atom", ".xml", ".txt"].iter().any(|e| path.ends_with(e))
    {
        path.to_string()
    } else {
        format!("{path}.html")
    }
}

/// `target` split into its path and its fragment (`#…`, or empty), without
/// its query: a query means nothing to a file (one file per address), a
/// fragment still does.
fn path_and_fragment(target: &str) -> (&str, &str) {
    let (path, rest) = match target.find(['#', '?']) {
        Some(i) => target.split_at(i),
        None => (target, ""),
    };
    let fragment = if rest.starts_with('?') {
        rest.find('#').map_or("", |i| &rest[i..])
    } else {
        rest
    };
    (path, fragment)
}

/// `target` (a root-relative address) as seen from the file `from`.
fn relative_to(from: &str, target: &str) -> String {
    let (path, fragment) = path_and_fragment(target);
    let depth = from.matches('/').count();
    format!("{}{}{fragment}", "../".repeat(depth), file_for(path))
}

/// Addresses only the live site can answer: questions, replies, editing.
fn live_only(target: &str) -> bool {
    target.starts_with("/ask")
        || target.starts_with("/api/v1/ask")
        || target.starts_with("/admin")
        || (target.contains("/comments/") && target.ends_with("/reply"))
}

/// Makes a page fit for the mirror: the Ask box, replies and the comment
/// form go to the live site; with `relative`, every other root-relative
/// link is made relative to `file`.
fn mirror_html(html: &str, file: &str, address: &str, site_url: &str, relative: bool) -> String {
    let mut html = html.to_string();
    if let Some(start) = html.find("<form class=\"comment-form\"") {
        if let Some(len) = html[start..].find("</form>") {
            let lang = address
                .split('/')
                .nth(1)
                .and_then(|l| l.parse::<Lang>().ok())
                .unwrap_or(Lang::En);
            let link = format!(
                "<p class=\"comment-live\"><a href=\"{site_url}{address}#comment-form\">{}</a></p>",
                crate::markup::escape(&i18n::text(lang, "comment-on-live-site", &[]))
            );
            html.replace_range(start..start + len + "</form>".len(), &link);
        }
    }
    for attr in ["href", "src", "action"] {
        html = crate::markup::map_root_relative(&html, attr, |target| {
            if live_only(target) {
                format!("{site_url}{target}")
            } else if relative {
                relative_to(file, target)
            } else {
                // The file of the address without its query: the footer's
                // `/api/v1/articles?lang=fa` is the article list's file,
                // every language's, which is what a mirror can hold.
                let (path, fragment) = path_and_fragment(target);
                format!("{path}{fragment}")
            }
        });
    }
    if relative {
        // An image's copies: `srcset="/media/a-480.jpg 480w, /media/a.jpg 1200w"`.
        html = crate::markup::map_root_relative(&html, "srcset", |value| {
            value
                .split(", ")
                .map(|candidate| match candidate.split_once(' ') {
                    Some((url, width)) => format!("{} {width}", relative_to(file, url)),
                    None => relative_to(file, candidate),
                })
                .collect::<Vec<_>>()
                .join(", ")
        });
    }
    html
}

/// The uploads a page shows (`src` and `srcset`), by address, each with the
/// first page that shows it (`page`), which an error names.
fn media_in(html: &str, page: &str, into: &mut BTreeMap<String, String>) {
    let mut rest = html;
    while let Some(at) = rest.find(askaf_content::media::MEDIA_PREFIX) {
        let tail = &rest[at + askaf_content::media::MEDIA_PREFIX.len()..];
        let end = tail
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
            .unwrap_or(tail.len());
        if let Some(m) = askaf_content::media::MediaName::parse(&tail[..end]) {
            into.entry(m.url()).or_insert_with(|| page.to_string());
        }
        rest = &tail[end..];
    }
}

fn write_file(path: &Path, data: &[u8]) -> Result<(), ExportError> {
    let io = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    std::fs::write(path, data).map_err(io)
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = enc.write_all(data);
    enc.finish().unwrap_or_default()
}

fn brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    // A window just larger than the file (2^lgwin − 16 bytes, from 2^10 to
    // brotli's 2^22) compresses it the same as the largest, without making
    // and clearing 4 MB of tables for each 30 KB page.
    let lgwin = (data.len() + 16)
        .next_power_of_two()
        .trailing_zeros()
        .clamp(10, 22);
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, lgwin);
        let _ = w.write_all(data);
    }
    out
}

/// What the manifest keeps of a file: its hash, then the lengths of its
/// `.gz` and `.br` siblings as written (`HASH GZ BR`; a manifest of an
/// earlier version has the hash alone).
struct Recorded<'a> {
    hash: &'a str,
    siblings: Option<(u64, u64)>,
}

impl<'a> Recorded<'a> {
    fn read(value: &'a str) -> Recorded<'a> {
        let mut parts = value.split(' ');
        let hash = parts.next().unwrap_or("");
        let mut len = || parts.next().and_then(|n| n.parse::<u64>().ok());
        let siblings = len().zip(len());
        Recorded { hash, siblings }
    }
}

/// The length of the file at `path`, if there is one.
fn length(path: &Path) -> Option<u64> {
    std::fs::metadata(path).ok().map(|m| m.len())
}

/// `file`'s siblings as they are under `dir` (their lengths), when both are there.
fn sibling_lengths(dir: &Path, file: &str) -> Option<(u64, u64)> {
    length(&dir.join(format!("{file}.gz"))).zip(length(&dir.join(format!("{file}.br"))))
}

/// Whether `file` under `dir` is still as the last export wrote it (the
/// manifest says its bytes did not change): there, of the length of
/// `bytes`, with its compressed siblings, when it has them, of the lengths
/// the manifest recorded (not empty, with a manifest that recorded none).
/// A file removed, truncated or overwritten since is written again. Told
/// by the file system's sizes alone, without reading a mirror of many
/// gigabytes back: damage that keeps a file's length is not seen.
fn in_place(dir: &Path, file: &str, bytes: &[u8], siblings: Option<Option<(u64, u64)>>) -> bool {
    length(&dir.join(file)) == Some(bytes.len() as u64)
        && match siblings {
            None => true,
            Some(recorded) => match (sibling_lengths(dir, file), recorded) {
                (Some(now), Some(recorded)) => now == recorded,
                (Some((gz, br)), None) => gz > 0 && br > 0,
                (None, _) => false,
            },
        }
}

/// Removes `file`'s directories under `dir` that are left empty, deepest first.
fn remove_empty_parents(dir: &Path, file: &str) {
    let mut at = Path::new(file).parent();
    while let Some(sub) = at.filter(|p| !p.as_os_str().is_empty()) {
        if std::fs::remove_dir(dir.join(sub)).is_err() {
            break;
        }
        at = sub.parent();
    }
}

/// Writes the whole public site under `dir`; `progress(done, total)` is
/// called after each address. Files whose bytes did not change since the
/// last export into `dir` are left alone, and files the site no longer has
/// are removed. Nothing in `dir` changes until every page and image has
/// been fetched: an export that fails leaves the mirror as it was.
pub async fn export(
    app: &AppState,
    dir: &Path,
    options: &ExportOptions,
    mut progress: impl FnMut(usize, usize),
) -> Result<ExportReport, ExportError> {
    let manifest_path = dir.join(MANIFEST);
    let before: BTreeMap<String, String> = std::fs::read(&manifest_path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    let staging = dir.join(STAGING);
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ExportError::Io { path, source }
    };
    match std::fs::remove_dir_all(&staging) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(&staging)(e)),
        _ => {}
    }
    let staged = fetch_all(app, dir, &staging, &before, options, &mut progress).await;
    let (after, changed, mut report) = match staged {
        Ok(staged) => staged,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    // Everything fetched: now into place.
    for file in &changed {
        let to = dir.join(file);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::rename(staging.join(file), &to).map_err(io(&to))?;
    }
    let _ = std::fs::remove_dir_all(&staging);
    for gone in before.keys().filter(|f| !after.contains_key(*f)) {
        for name in [gone.clone(), format!("{gone}.gz"), format!("{gone}.br")] {
            if std::fs::remove_file(dir.join(&name)).is_ok() {
                report.removed += 1;
            }
        }
        remove_empty_parents(dir, gone);
    }
    let manifest = serde_json::to_vec_pretty(&after).unwrap_or_default();
    let manifest_new = staging.with_extension("json");
    write_file(&manifest_new, &manifest)?;
    std::fs::rename(&manifest_new, &manifest_path).map_err(io(&manifest_path))?;
    Ok(report)
}

/// What [`fetch_all`] gives: every file of the mirror with its hash, the
/// files (siblings included) written under the staging directory because
/// they are new or changed, and the report so far.
type Staged = (BTreeMap<String, String>, Vec<String>, ExportReport);

/// Asks the site for every address, then for every image the pages show,
/// and writes what is not in `dir` already under `staging`; the pages'
/// compressed siblings are made beside it ([`Squeezer`]).
async fn fetch_all(
    app: &AppState,
    dir: &Path,
    staging: &Path,
    before: &BTreeMap<String, String>,
    options: &ExportOptions,
    progress: &mut impl FnMut(usize, usize),
) -> Result<Staged, ExportError> {
    let mut squeezer = Squeezer::new(staging);
    // The fetching in a block of its own, so that when it fails the
    // compressions it started are still waited for below.
    let fetched: Result<Staged, ExportError> = async {
        let mut after: BTreeMap<String, String> = BTreeMap::new();
        let mut changed = Vec::new();
        app.load_tag_labels()
            .await
            .map_err(|e| ExportError::Labels(e.to_string()))?;
        let router = crate::router(app.clone());
        let mut list = addresses(app);
        let mut report = ExportReport {
            pages: list.len(),
            ..ExportReport::default()
        };
        // Each image with the first page that shows it.
        let mut media: BTreeMap<String, String> = BTreeMap::new();
        let mut shown_on: BTreeMap<String, String> = BTreeMap::new();
        let mut i = 0;
        while i < list.len() {
            let address = &list[i];
            let failed = |status| match shown_on.get(address) {
                // Named as the article wrote it: its original, not the
                // smaller copy the page's `srcset` asked for first.
                Some(page) => ExportError::Media {
                    address: address
                        .strip_prefix(askaf_content::media::MEDIA_PREFIX)
                        .and_then(askaf_content::media::MediaName::parse)
                        .map_or_else(|| address.clone(), |m| m.original().url()),
                    page: page.clone(),
                    status,
                },
                None => ExportError::Page {
                    address: address.clone(),
                    status,
                },
            };
            let request = Request::get(address.as_str())
                .header(header::ACCEPT_ENCODING, "identity")
                .body(Body::empty())
                .map_err(|_| failed(StatusCode::BAD_REQUEST))?;
            let response = router
                .clone()
                .oneshot(request)
                .await
                .map_err(|_| failed(StatusCode::INTERNAL_SERVER_ERROR))?;
            if response.status() != StatusCode::OK {
                return Err(failed(response.status()));
            }
            let is_html = response
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|t| t.starts_with("text/html"));
            let body = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .map_err(|_| failed(StatusCode::INTERNAL_SERVER_ERROR))?;
            let file = file_for(address);
            let bytes = if is_html {
                let html = String::from_utf8_lossy(&body);
                media_in(&html, address, &mut media);
                mirror_html(&html, &file, address, app.url(), options.relative).into_bytes()
            } else {
                body.to_vec()
            };
            // Images are compressed already: no `.gz` or `.br` beside them.
            let siblings = !address.starts_with(askaf_content::media::MEDIA_PREFIX);
            let hash: String = Sha256::digest(&bytes)[..16]
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            let recorded = before.get(&file).map(|v| Recorded::read(v));
            let unchanged = recorded.as_ref().is_some_and(|r| {
                r.hash == hash && in_place(dir, &file, &bytes, siblings.then_some(r.siblings))
            });
            let mut lengths = None;
            let mut squeezing = false;
            if unchanged {
                // As recorded, or, from a manifest that recorded none, as they are.
                lengths = recorded
                    .and_then(|r| r.siblings)
                    .or_else(|| sibling_lengths(dir, &file));
            } else {
                write_file(&staging.join(&file), &bytes)?;
                changed.push(file.clone());
                if siblings {
                    changed.push(format!("{file}.gz"));
                    changed.push(format!("{file}.br"));
                    // Its manifest entry comes with the siblings' lengths.
                    squeezer.add(file.clone(), hash.clone(), bytes).await?;
                    squeezing = true;
                }
            }
            if !squeezing {
                let value = match lengths.filter(|_| siblings) {
                    Some((gz, br)) => format!("{hash} {gz} {br}"),
                    None => hash,
                };
                after.insert(file, value);
            }
            i += 1;
            if i == list.len() {
                // The pages are done: then the images they show.
                shown_on = std::mem::take(&mut media);
                list.extend(shown_on.keys().cloned());
                report.pages = list.len();
            }
            progress(i, list.len());
        }
        report.written = changed.len();
        Ok((after, changed, report))
    }
    .await;
    // Every compression ends before the staging directory can be removed.
    let squeezed = squeezer.finish().await;
    let (mut after, changed, report) = fetched?;
    for (file, hash, gz, br) in squeezed? {
        after.insert(file, format!("{hash} {gz} {br}"));
    }
    Ok((after, changed, report))
}

/// A page's file, its hash, and the lengths of its `.gz` and `.br`.
type Squeezed = (String, String, u64, u64);

/// Makes pages' `.gz` and `.br` siblings on blocking threads, as many at
/// once as the machine has cores, while the next pages are fetched: brotli
/// at its best is most of an export's time, and it ran on one core between
/// two pages.
struct Squeezer {
    staging: PathBuf,
    tasks: tokio::task::JoinSet<Result<Squeezed, ExportError>>,
    done: Vec<Squeezed>,
    limit: usize,
}

impl Squeezer {
    fn new(staging: &Path) -> Squeezer {
        Squeezer {
            staging: staging.to_path_buf(),
            tasks: tokio::task::JoinSet::new(),
            done: Vec::new(),
            limit: std::thread::available_parallelism().map_or(2, |n| n.get()),
        }
    }

    /// Compresses `bytes` (the staged `file`) once a thread is free.
    async fn add(&mut self, file: String, hash: String, bytes: Vec<u8>) -> Result<(), ExportError> {
        while self.tasks.len() >= self.limit {
            if let Some(joined) = self.tasks.join_next().await {
                self.done.push(Self::joined(joined)?);
            }
        }
        let staging = self.staging.clone();
        self.tasks.spawn_blocking(move || {
            let (gz, br) = (gzip(&bytes), brotli(&bytes));
            write_file(&staging.join(format!("{file}.gz")), &gz)?;
            write_file(&staging.join(format!("{file}.br")), &br)?;
            Ok((file, hash, gz.len() as u64, br.len() as u64))
        });
        Ok(())
    }

    /// Waits for every compression; the first failure, if any.
    async fn finish(mut self) -> Result<Vec<Squeezed>, ExportError> {
        let mut failed = None;
        while let Some(joined) = self.tasks.join_next().await {
            match Self::joined(joined) {
                Ok(squeezed) => self.done.push(squeezed),
                Err(e) => {
                    failed.get_or_insert(e);
                }
            }
        }
        failed.map_or(Ok(self.done), Err)
    }

    fn joined(
        joined: Result<Result<Squeezed, ExportError>, tokio::task::JoinError>,
    ) -> Result<Squeezed, ExportError> {
        joined.map_err(|e| ExportError::Io {
            path: PathBuf::from(STAGING),
            source: std::io::Error::other(format!("compressing a page failed: {e}")),
        })?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_map_to_files_a_plain_rule_finds() {
        assert_eq!(file_for("/"), "index.html");
        assert_eq!(file_for("/fa/"), "fa/index.html");
        assert_eq!(file_for("/en/who-governs"), "en/who-governs.html");
        assert_eq!(file_for("/en/who-governs.txt"), "en/who-governs.txt");
        assert_eq!(file_for("/en/feed.atom"), "en/feed.atom");
        assert_eq!(file_for("/static/site.css"), "static/site.css");
        assert_eq!(
            file_for("/api/v1/articles/en/a"),
            "api/v1/articles/en/a.json"
        );
        assert_eq!(file_for("/en/tags/history#top"), "en/tags/history.html");
        assert_eq!(file_for("/en/page/2"), "en/page/2.html");
        assert_eq!(
            file_for("/fa/tags/history/page/3"),
            "fa/tags/history/page/3.html"
        );
        assert_eq!(file_for("/sitemaps/2.xml"), "sitemaps/2.xml");
    }

    #[test]
    fn links_become_relative_to_the_page() {
        assert_eq!(relative_to("index.html", "/en/a"), "en/a.html");
        assert_eq!(relative_to("en/a.html", "/en/b#p-2"), "../en/b.html#p-2");
        assert_eq!(
            relative_to("en/tags/x.html", "/static/site.css"),
            "../../static/site.css"
        );
        assert_eq!(relative_to("en/a.html", "/en/?x=1#y"), "../en/index.html#y");
    }

    #[test]
    fn the_mirror_sends_questions_and_comments_to_the_live_site() {
        let page = r#"<form class="ask-form" action="/ask" method="get"></form><a href="//other.example/x">x</a><a href="/en/b">b</a><a href="/en/a/comments/4/reply">Reply</a><form class="comment-form" id="comment-form" method="post" action="/en/a/comments"><input name="x"></form><script src="/static/site.js"></script>"#;
        let out = mirror_html(page, "en/a.html", "/en/a", "https://askaf.example", true);
        assert!(
            out.contains(r#"action="https://askaf.example/ask""#),
            "{out}"
        );
        assert!(out.contains(r#"href="../en/b.html""#), "{out}");
        assert!(
            out.contains(r#"href="https://askaf.example/en/a/comments/4/reply""#),
            "{out}"
        );
        assert!(!out.contains("method=\"post\""), "{out}");
        assert!(
            out.contains(r#"href="https://askaf.example/en/a#comment-form""#),
            "{out}"
        );
        assert!(out.contains(r#"src="../static/site.js""#), "{out}");
        assert!(out.contains(r#"href="//other.example/x""#), "{out}");
        let plain = mirror_html(page, "en/a.html", "/en/a", "https://askaf.example", false);
        assert!(plain.contains(r#"href="/en/b""#), "{plain}");
    }

    /// One file per address: a link with a query (the footer's API link on
    /// a Dari page) goes to the file the mirror has, in either form.
    #[test]
    fn a_link_with_a_query_goes_to_the_file_the_mirror_has() {
        let page = r#"<a href="/api/v1/articles?lang=fa">API</a><a href="/fa/?x=1#top">x</a>"#;
        let plain = mirror_html(page, "fa/a.html", "/fa/a", "https://askaf.example", false);
        assert!(plain.contains(r#"href="/api/v1/articles""#), "{plain}");
        assert!(plain.contains(r#"href="/fa/#top""#), "{plain}");
        let relative = mirror_html(page, "fa/a.html", "/fa/a", "https://askaf.example", true);
        assert!(
            relative.contains(r#"href="../api/v1/articles.json""#),
            "{relative}"
        );
    }
}
