//! A static mirror of the public site: every page as a file, with `.gz` and
//! `.br` siblings, that nginx (`gzip_static`), a CDN or a USB stick serves.
//!
//! The mirror is made by asking the site itself for every page, through the
//! same router and page cache that serve it, so a mirror can never show what
//! the live site would not. What needs the live site is pointed at it: the
//! Ask box asks the live site, and the comment form becomes a link to the
//! article's form there.
//!
//! A second export into the same directory asks each address what its page
//! is made from, directly (the page cache's dependencies, in the words its
//! handler keys the page with: `crate::deps`), and makes again, through the
//! router, only the pages whose answer differs from the one its manifest
//! recorded (`Entry::deps`, what the handler said when it made the page: see
//! `probed`); a listing depends on the articles it shows, so it is made
//! again when one of them changes. Work staged by an export that was
//! stopped is taken up by the next (`JOURNAL`). What the site no longer has
//! is removed, but for the stylesheet, script and icon the last export's
//! pages linked, kept until they change again (`superseded`).
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

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use askaf_content::Lang;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tower::ServiceExt;

use crate::deps::Deps;
use crate::{assets, i18n, views, AppState, Live};

/// How to write the mirror.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// Rewrite links relative to each file, for a mirror opened from disk.
    pub relative: bool,
    /// The content files the site was loaded from, to keep in the
    /// manifest for the next export ([`Sources`]); `None` keeps none.
    pub sources: Option<Sources>,
}

/// What an export with no database of its own (a scratch store that goes
/// with it) keeps of its content files in the manifest, so that the next
/// one need not read and parse them all again: each file's size and time,
/// as the store's catalogue records them ([`askaf_store::CatalogueEntry`]),
/// with its article's revision and front matter. The next export puts
/// them in its scratch store's catalogue before loading, and the load
/// reads again only the files whose size or time differ, as a server's
/// start does with its database's catalogue.
///
/// The manifest is a file of the mirror, which a web server serves: it
/// keeps only files whose article the mirror shows (no draft, nothing left
/// out), under paths relative to the content directory (which it does not
/// name). Any other file is read each time.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// The content directory the entries' paths are in.
    pub dir: PathBuf,
    pub files: Vec<askaf_store::CatalogueEntry>,
}

/// A content file as the manifest keeps it ([`Sources`]), by its path
/// under the content directory, `/` between its parts.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Source {
    size: u64,
    mtime_ns: i64,
    revision: String,
    front: askaf_content::FrontMatter,
    /// See [`askaf_store::CatalogueEntry::followed`]: absent from a
    /// manifest written before, whose files are then read again.
    #[serde(default)]
    followed: Option<String>,
}

impl Sources {
    /// What the manifest of the mirror in `mirror` keeps of the content
    /// files in `content`: none when it has no manifest, or one that keeps
    /// none.
    pub fn read(mirror: &Path, content: &Path) -> Sources {
        /// The manifest's sources alone; the rest is skipped unread.
        #[derive(Deserialize)]
        struct Only {
            #[serde(default)]
            sources: BTreeMap<String, Source>,
        }
        let sources = std::fs::read(mirror.join(MANIFEST))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Only>(&bytes).ok())
            .map(|only| only.sources)
            .unwrap_or_default();
        let files = sources
            .into_iter()
            .map(|(path, s)| askaf_store::CatalogueEntry {
                path: content.join(path),
                size: s.size,
                mtime_ns: s.mtime_ns,
                revision: s.revision,
                front: s.front,
                // Read only where no database is at hand, so no upload is
                // checked ([`askaf_content::Uploads::Unknown`]).
                uploads: None,
                followed: s.followed,
            })
            .collect();
        Sources {
            dir: content.to_path_buf(),
            files,
        }
    }

    /// The entries the manifest may keep: those of articles `live` shows
    /// as their file has them, by their path under the content directory.
    fn shown(&self, live: &Live) -> BTreeMap<String, Source> {
        self.files
            .iter()
            .filter(|e| e.mtime_ns >= 0 && !e.front.draft)
            .filter(|e| {
                live.get(e.front.lang, e.front.slug.as_str())
                    .is_some_and(|a| a.file == e.path && a.revision == e.revision)
            })
            .filter_map(|e| {
                let under = e.path.strip_prefix(&self.dir).ok()?;
                let parts: Vec<&str> = under
                    .components()
                    .map(|c| match c {
                        std::path::Component::Normal(part) => part.to_str(),
                        _ => None,
                    })
                    .collect::<Option<_>>()?;
                let source = Source {
                    size: e.size,
                    mtime_ns: e.mtime_ns,
                    revision: e.revision.clone(),
                    front: e.front.clone(),
                    followed: e.followed.clone(),
                };
                Some((parts.join("/"), source))
            })
            .collect()
    }
}

/// What an export did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportReport {
    /// Addresses exported.
    pub pages: usize,
    /// Files written (pages and their compressed siblings) because they
    /// were new or changed; a second run over the same site writes none.
    pub written: usize,
    /// Files of an earlier export that the site no longer has, removed
    /// (pages with their `.gz` and `.br`, images), by their path in the
    /// mirror: what a CDN in front of it should forget.
    pub removed: Vec<String>,
    /// Addresses asked of the site whole (made, or an image read): those
    /// new, or whose page is made from something else than when the last
    /// export wrote it. The others are kept without being made again.
    pub made: usize,
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
    #[error("{0} is a file, not a directory: give the directory to write the mirror into")]
    NotADirectory(PathBuf),
    /// The directory given cannot be looked into or written in (its
    /// permissions, a read-only file system): said of that directory,
    /// before anything is made, not of the first file the export would
    /// have written there (its staging directory's journal).
    #[error("cannot export into {}: {}", dir.display(), unusable(source))]
    Dir {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Said before anything is written: the mirror's files would land
    /// among the directory's own, over a `robots.txt` or an `index.html`.
    #[error(
        "{0} holds files that no export wrote (it has no {MANIFEST}): give a new or empty \
         directory for the mirror, or the directory of an earlier export; nothing was written"
    )]
    NotAMirror(PathBuf),
}

/// Why a directory cannot take the mirror, in the system's words (which
/// also name the cause, so it is said once), and what to do about it
/// ([`ExportError::Dir`]).
fn unusable(e: &std::io::Error) -> String {
    let what_to_do = match e.kind() {
        std::io::ErrorKind::PermissionDenied => {
            "; give a directory this user may write in, or export as a user who may"
        }
        std::io::ErrorKind::ReadOnlyFilesystem => "; give a directory on a writable file system",
        _ => "",
    };
    format!("{e}{what_to_do}")
}

/// The list of what an earlier export wrote ([`Manifest`]).
const MANIFEST: &str = ".askaf-export.json";

/// Where an export writes what changed before any of it goes into place:
/// a page or image that fails leaves the mirror as it was, rather than
/// half new (new listings linking to a page whose images are missing).
/// Inside the mirror, so that moving a file into place is a rename on one
/// file system. One left by an export that was stopped is taken up by the
/// next ([`JOURNAL`], [`COMMIT`]); one of an export that failed is removed.
const STAGING: &str = ".askaf-export-staging";

/// Every public address of `live`, each with what its page is made from
/// by the kind its handler says it is ([`Deps`]): the export asks that
/// directly, without the router, to tell whether the page it has holds.
fn addresses(live: &Live) -> Vec<(String, Deps)> {
    let site = |comments| Deps::Site { comments };
    let mut out: Vec<(String, Deps)> = vec![
        ("/".into(), Deps::Fixed),
        ("/feed.atom".into(), site(false)),
        ("/comments.atom".into(), site(true)),
        ("/sitemap.xml".into(), site(false)),
        ("/robots.txt".into(), Deps::Fixed),
        ("/api/v1/articles".into(), site(true)),
        (API_NOT_FOUND.into(), Deps::Fixed),
    ];
    for file in assets::NAMES {
        out.push((format!("/static/{file}"), Deps::Fixed));
        // As the pages link it, kept under a name of its bytes
        // ([`versioned_asset`]).
        out.push((
            format!("/static/{file}?v={}", views::asset_version()),
            Deps::Fixed,
        ));
    }
    for n in 1..=crate::feeds::sitemap_parts(live, crate::feeds::SITEMAP_MAX_URLS) {
        out.push((format!("/sitemaps/{n}.xml"), site(false)));
    }
    for lang in Lang::ALL {
        let listing = live.listings().lang(lang);
        let home = format!("/{lang}/");
        for n in 1..=views::Page::pages_for(listing.count) {
            out.push((views::page_url(&home, n), Deps::Lang(lang)));
        }
        out.push((format!("/{lang}/about"), Deps::Fixed));
        out.push((not_found_page(lang), Deps::Fixed));
        out.push((api_not_found_in(lang), Deps::Fixed));
        out.push((format!("/{lang}/feed.atom"), Deps::LangFeed(lang)));
        for (tag, t) in &listing.tags {
            let base = format!("/{lang}/tags/{tag}");
            for n in 1..=views::Page::pages_for(t.count) {
                out.push((views::page_url(&base, n), Deps::Tag(lang, tag.clone())));
            }
        }
    }
    for a in live.articles() {
        let p = a.path();
        let (lang, slug) = (a.lang(), a.slug().to_string());
        out.push((p.clone(), Deps::Article(lang, slug.clone())));
        out.push((format!("{p}.txt"), Deps::Text(lang, slug.clone())));
        out.push((
            format!("{p}/comments.atom"),
            Deps::Article(lang, slug.clone()),
        ));
        out.push((
            format!("/api/v1/articles/{lang}/{slug}"),
            Deps::Article(lang, slug),
        ));
    }
    out
}

/// The address whose page, a 404 in `lang`, the mirror keeps for its web
/// server to answer a missing address with (`error_page 404
/// /fa/404.html;`), rather than the server's own English one. No article
/// can take it: `404` is a reserved slug.
fn not_found_page(lang: Lang) -> String {
    format!("/{lang}/{}", askaf_content::NOT_FOUND_SLUG)
}

/// Whether `address` is one of the 404 pages the mirror keeps for its web
/// server to answer a missing address with ([`not_found_page`],
/// [`API_NOT_FOUND`]).
fn is_not_found(address: &str) -> bool {
    address == API_NOT_FOUND
        || Lang::ALL
            .iter()
            .any(|l| address == not_found_page(*l) || address == api_not_found_in(*l))
}

/// The address whose document, the API's JSON 404 in `lang`, the mirror
/// keeps for its web server to answer a missing article's API address in
/// that language with (`/api/v1/articles/fa/…`: `error_page 404
/// /api/v1/articles/fa/404.json;`): the live API says that 404 in the
/// article's language whatever the reader's `Accept-Language`, so the
/// mirror can answer it word for word, where it answered the English
/// [`API_NOT_FOUND`]. No article can take it: `404` is a reserved slug,
/// and the live API answers this very address with this document.
fn api_not_found_in(lang: Lang) -> String {
    format!("/api/v1/articles/{lang}/{}", askaf_content::NOT_FOUND_SLUG)
}

/// The address whose document, the API's JSON 404, the mirror keeps for
/// its web server to answer a missing address under `/api/` with
/// (`error_page 404 /api/404.json;`), as the live API answers it, rather
/// than with a page of HTML a script cannot read. In English: what the
/// live API answers a program that sends neither `lang=` nor
/// `Accept-Language`, and a static host can read neither. Not the three
/// languages in one document: `errors` is a list of problems, and three
/// entries would read as three; an article's address, which names its
/// language, has the 404 of that language ([`api_not_found_in`]).
const API_NOT_FOUND: &str = "/api/404";

/// The file an address is kept in, relative to the mirror's root.
pub fn file_for(address: &str) -> String {
    if let Some(asset) = versioned_asset(address) {
        return asset.trim_start_matches('/').to_string();
    }
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

/// The address in the mirror of a static file as the pages link it,
/// `/static/site.css?v=…`: the file named by its bytes,
/// `/static/site.0123456789ab.css` ([`assets::hashed_name`]). The live
/// site's `?v=` changes its address when its bytes change, so that a cache
/// may keep it a year; a file has no query, and a mirror that left it out
/// gave a CDN in front of it the same address for new bytes. `None` for
/// any other address, a static file's without `v=` included (a bare link
/// is the file of that name, kept too).
fn versioned_asset(target: &str) -> Option<String> {
    let (path, rest) = target.split_once('?')?;
    let query = rest.split('#').next().unwrap_or("");
    if !query.split('&').any(|pair| pair.starts_with("v=")) {
        return None;
    }
    let name = path.strip_prefix("/static/")?;
    Some(format!("/static/{}", assets::hashed_name(name)?))
}

/// The file of [`assets::NAMES`] that `file`, a path in the mirror, is a
/// version of when it is one named by its bytes
/// (`static/site.0123456789ab.css` is one of `site.css`), whatever bytes
/// its name says: one of an earlier build's too.
fn asset_version_of(file: &str) -> Option<&'static str> {
    let name = file.strip_prefix("static/")?;
    let (rest, ext) = name.rsplit_once('.')?;
    let (stem, hex) = rest.rsplit_once('.')?;
    let hashed = hex.len() == 12 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    assets::NAMES
        .into_iter()
        .find(|n| hashed && n.strip_suffix(ext).and_then(|n| n.strip_suffix('.')) == Some(stem))
}

/// The stylesheets, scripts and icons named by their bytes that the mirror
/// keeps though its pages, as exported now (`now`), no longer link them:
/// of each of [`assets::NAMES`], the version the last export's pages
/// linked when its bytes have changed since, else the one the last export
/// kept. A page exported before the stylesheet, script or icon changed,
/// which a CDN, a proxy, a browser or an offline copy may still hold
/// (pages are revalidated, but not every copy is), then finds the files it
/// links; the version before that goes at the next change, and is named
/// with what else went. Counted in changes of the file, not in exports or
/// days: a mirror exported every minute keeps the old stylesheet as long
/// as one exported once a week, and each file is at most two in the
/// mirror. One no longer in place as it was written is not kept.
fn superseded(
    dir: &Path,
    before: &Manifest,
    now: &BTreeMap<String, Entry>,
) -> BTreeMap<String, Entry> {
    let mut kept = BTreeMap::new();
    for name in assets::NAMES {
        let unlinked = |files: &'_ BTreeMap<String, Entry>| -> Vec<(String, Entry)> {
            files
                .iter()
                .filter(|(f, _)| asset_version_of(f) == Some(name) && !now.contains_key(*f))
                .map(|(f, e)| (f.clone(), e.clone()))
                .collect()
        };
        let replaced = unlinked(&before.files);
        let versions = if replaced.is_empty() {
            unlinked(&before.superseded)
        } else {
            replaced
        };
        kept.extend(
            versions
                .into_iter()
                .filter(|(f, e)| in_place(dir, f, None, e, true)),
        );
    }
    kept
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
    let (_, fragment) = path_and_fragment(target);
    let depth = from.matches('/').count();
    format!("{}{}{fragment}", "../".repeat(depth), file_for(target))
}

/// Addresses only the live site can answer: questions (`/ask`, and
/// `/{lang}/ask`, which sends a reader there), replies, editing.
fn live_only(target: &str) -> bool {
    let (path, _) = path_and_fragment(target);
    let lang_ask = path
        .strip_suffix("/ask")
        .and_then(|lang| lang.strip_prefix('/'))
        .is_some_and(|lang| lang.parse::<Lang>().is_ok());
    target.starts_with("/ask")
        || lang_ask
        || target.starts_with("/api/v1/ask")
        || target.starts_with("/admin")
        || (target.contains("/comments/") && target.ends_with("/reply"))
}

/// Makes a page fit for the mirror: the Ask box, replies and the comment
/// form go to the live site; with `relative`, every other root-relative
/// link is made relative to `file`, but on a 404 page.
///
/// A 404 page keeps its links from the root in a `relative` mirror too.
/// It is only ever shown by a web server (`error_page 404 /fa/404.html`),
/// never opened from a disk, and the server shows it at the address that
/// was missing, at any depth: links relative to its own file
/// (`../static/…` from `fa/404.html`) led nowhere from `/fa/a/b/c`.
/// Links from the root are right wherever the server shows it, when the
/// mirror is the server's root, as in the README's block. A `<base
/// href="/">` would do the same for its links, but would also send its
/// "skip to the content" link (`#main`) to the home page, and the site's
/// `Content-Security-Policy` (`base-uri 'none'`), which a mirror's server
/// may send as well, refuses it.
fn mirror_html(html: &str, file: &str, address: &str, site_url: &str, relative: bool) -> String {
    let relative = relative && !is_not_found(address);
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
                versioned_asset(target).unwrap_or_else(|| format!("{path}{fragment}"))
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

/// What the manifest keeps of a file of the mirror.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    /// The first 16 bytes of its SHA-256, in hex.
    hash: String,
    /// Its length as written (none in a manifest of an earlier version).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    len: Option<u64>,
    /// The lengths of its `.gz` and `.br` as written; an image has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    gz: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    br: Option<u64>,
    /// What the page was made from: its dependencies in the page cache
    /// (the article's revision, its comments' version, a listing's
    /// fingerprint of the articles it shows, ...). While they are the same
    /// and the file is in place, the page is not made again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    deps: Option<String>,
    /// The uploads the page shows, which the mirror keeps while it does.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    media: Vec<String>,
}

impl Entry {
    /// An entry of an earlier version's manifest: `HASH GZ BR`, or the hash alone.
    fn legacy(value: &str) -> Entry {
        let mut parts = value.split(' ');
        let hash = parts.next().unwrap_or("").to_string();
        let mut len = || parts.next().and_then(|n| n.parse::<u64>().ok());
        let siblings = len().zip(len());
        Entry {
            hash,
            len: None,
            gz: siblings.map(|(gz, _)| gz),
            br: siblings.map(|(_, br)| br),
            deps: None,
            media: Vec::new(),
        }
    }

    fn siblings(&self) -> Option<(u64, u64)> {
        self.gz.zip(self.br)
    }
}

/// The list of what an earlier export wrote, and what from.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    /// The program, site address and options that made the files
    /// ([`build_key`]): pages made by another are made again (and written
    /// only if their bytes differ).
    build: String,
    files: BTreeMap<String, Entry>,
    /// Stylesheets, scripts and icons that earlier exports' pages linked,
    /// kept though no page links them now ([`superseded`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    superseded: BTreeMap<String, Entry>,
    /// The content files the site was loaded from ([`Sources`]).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    sources: BTreeMap<String, Source>,
}

impl Manifest {
    fn read(path: &Path) -> Manifest {
        let Ok(bytes) = std::fs::read(path) else {
            return Manifest::default();
        };
        if let Ok(manifest) = serde_json::from_slice::<Manifest>(&bytes) {
            return manifest;
        }
        // An earlier version's: each file with `HASH GZ BR`.
        let old: BTreeMap<String, String> = serde_json::from_slice(&bytes).unwrap_or_default();
        Manifest {
            build: String::new(),
            superseded: BTreeMap::new(),
            sources: BTreeMap::new(),
            files: old
                .into_iter()
                .map(|(file, value)| {
                    let entry = Entry::legacy(&value);
                    (file, entry)
                })
                .collect(),
        }
    }
}

/// What, besides what a page is made from, decides its bytes in the
/// mirror: the program (its templates), the site's address, the form of
/// the links, and the year (the footer's copyright).
fn build_key(app: &AppState, options: &ExportOptions) -> String {
    use chrono::Datelike;
    format!(
        "{} relative={} year={}",
        crate::cache::build_id(app.url(), app.config().comments.max_links).trim_end(),
        options.relative,
        chrono::Utc::now().year()
    )
}

/// The length of the file at `path`, if there is one.
fn length(path: &Path) -> Option<u64> {
    std::fs::metadata(path).ok().map(|m| m.len())
}

/// `file`'s siblings as they are under `dir` (their lengths), when both are there.
fn sibling_lengths(dir: &Path, file: &str) -> Option<(u64, u64)> {
    length(&dir.join(format!("{file}.gz"))).zip(length(&dir.join(format!("{file}.br"))))
}

/// Whether `file` under `dir` is still as `entry` says it was written:
/// there, of length `len` (else the recorded one), with its compressed
/// siblings, when it has them, of the lengths recorded (not empty, with an
/// entry that recorded none). A file removed, truncated or overwritten
/// since is written again. Told by the file system's sizes alone, without
/// reading a mirror of many gigabytes back: damage that keeps a file's
/// length is not seen.
fn in_place(dir: &Path, file: &str, len: Option<u64>, entry: &Entry, siblings: bool) -> bool {
    len.or(entry.len)
        .is_some_and(|len| length(&dir.join(file)) == Some(len))
        && (!siblings
            || match (sibling_lengths(dir, file), entry.siblings()) {
                (Some(now), Some(recorded)) => now == recorded,
                (Some((gz, br)), None) => gz > 0 && br > 0,
                (None, _) => false,
            })
}

/// Whether the export writes `file` (a path in the mirror) with `.gz` and
/// `.br` siblings: every page does, an image (compressed already) never.
fn has_siblings(file: &str) -> bool {
    !file.starts_with(askaf_content::media::MEDIA_PREFIX.trim_start_matches('/'))
}

/// `file` and, with `siblings`, its `.gz` and `.br`.
fn with_siblings(file: &str, siblings: bool) -> Vec<String> {
    if siblings {
        vec![file.to_string(), format!("{file}.gz"), format!("{file}.br")]
    } else {
        vec![file.to_string()]
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

/// The staging directory's record of what it holds: a first line naming
/// the build, then one line for each file staged whole (with its
/// siblings), written after it. An export that is stopped (Ctrl-C, a kill,
/// a crash) leaves the directory and its record; the next export of the
/// same build takes from it every file still made from what it is made
/// from now, rather than making and compressing it again.
const JOURNAL: &str = ".journal";

/// Written into the staging directory once every file is staged, before
/// the first is moved into place: what goes where and the new manifest.
/// An export stopped while moving files is finished by the next one
/// before anything else, so a stop leaves the mirror old, or new but for a
/// few files until the next export starts.
const COMMIT: &str = ".commit";

/// What [`COMMIT`] holds.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Commit {
    manifest: Manifest,
    /// Files staged, to move into place.
    changed: Vec<String>,
    /// Files of the last export the site no longer has, to remove.
    gone: Vec<String>,
}

/// Moves what `commit` names into place, removes what it says went, and
/// writes its manifest; then the staging directory goes. Files already
/// moved (by an export stopped halfway through this) are not in the
/// staging directory any more, and are passed over. Returns the files
/// removed: of each file gone, it and the siblings the export wrote beside
/// it (an image has none: a `.gz` beside one is not the export's).
fn apply(dir: &Path, staging: &Path, commit: &Commit) -> Result<Vec<String>, ExportError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ExportError::Io { path, source }
    };
    for file in &commit.changed {
        let from = staging.join(file);
        if !from.exists() {
            continue;
        }
        let to = dir.join(file);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::rename(&from, &to).map_err(io(&to))?;
    }
    let mut removed = Vec::new();
    for gone in &commit.gone {
        for name in with_siblings(gone, has_siblings(gone)) {
            if std::fs::remove_file(dir.join(&name)).is_ok() {
                removed.push(name);
            }
        }
        remove_empty_parents(dir, gone);
    }
    let manifest_path = dir.join(MANIFEST);
    let manifest = serde_json::to_vec_pretty(&commit.manifest).unwrap_or_default();
    crate::cache::write_atomically(&manifest_path, &manifest).map_err(io(&manifest_path))?;
    match std::fs::remove_dir_all(staging) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(staging)(e)),
        _ => Ok(removed),
    }
}

/// The journal of the staging directory, appended to from the threads
/// that compress.
#[derive(Clone)]
struct Journal {
    path: PathBuf,
    file: std::sync::Arc<std::sync::Mutex<std::fs::File>>,
}

impl Journal {
    /// Opens the staging directory's journal for `build`, with the files
    /// staged by an export of that build that was stopped; a staging
    /// directory of another build (or without a journal) is emptied.
    fn open(
        staging: &Path,
        build: &str,
    ) -> Result<(Journal, BTreeMap<String, Entry>), ExportError> {
        let path = staging.join(JOURNAL);
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| ExportError::Io { path, source }
        };
        let mut staged = BTreeMap::new();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let mut lines = text.lines();
        let same = lines
            .next()
            .and_then(|l| serde_json::from_str::<String>(l).ok())
            .is_some_and(|b| b == build);
        if same {
            // The last line of a stopped export may be torn: left out.
            for line in lines {
                if let Ok((file, entry)) = serde_json::from_str::<(String, Entry)>(line) {
                    staged.insert(file, entry);
                }
            }
        } else {
            match std::fs::remove_dir_all(staging) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(staging)(e)),
                _ => {}
            }
        }
        // Written again whole, without a torn line to append to.
        let mut whole = serde_json::to_string(build).unwrap_or_default();
        whole.push('\n');
        for (file, entry) in &staged {
            whole.push_str(&serde_json::to_string(&(file, entry)).unwrap_or_default());
            whole.push('\n');
        }
        crate::cache::write_atomically(&path, whole.as_bytes()).map_err(io(&path))?;
        let file = std::fs::File::options()
            .append(true)
            .open(&path)
            .map_err(io(&path))?;
        let journal = Journal {
            path,
            file: std::sync::Arc::new(std::sync::Mutex::new(file)),
        };
        Ok((journal, staged))
    }

    /// Records `file` as staged whole.
    fn add(&self, file: &str, entry: &Entry) -> Result<(), ExportError> {
        let mut line = serde_json::to_string(&(file, entry)).unwrap_or_default();
        line.push('\n');
        let mut out = self.file.lock().unwrap_or_else(|p| p.into_inner());
        out.write_all(line.as_bytes())
            .map_err(|source| ExportError::Io {
                path: self.path.clone(),
                source,
            })
    }
}

/// Refuses a `dir` the mirror cannot go into, or must not: a file, or a
/// directory holding files that no export wrote (neither a manifest nor a
/// staging directory). Hidden entries (a `.git`) do not count: a mirror
/// kept in git starts as a directory holding only that.
fn check_dir(dir: &Path) -> Result<(), ExportError> {
    let io = |source| ExportError::Dir {
        dir: dir.to_path_buf(),
        source,
    };
    match std::fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io(e)),
        Ok(m) if !m.is_dir() => return Err(ExportError::NotADirectory(dir.to_path_buf())),
        Ok(_) => {}
    }
    if dir.join(MANIFEST).exists() || dir.join(STAGING).exists() {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir).map_err(io)? {
        if !entry
            .map_err(io)?
            .file_name()
            .to_string_lossy()
            .starts_with('.')
        {
            return Err(ExportError::NotAMirror(dir.to_path_buf()));
        }
    }
    Ok(())
}

/// Writes the whole public site under `dir`; `progress(done, total)` is
/// called after each address. A page still made from what it was made
/// from when the last export into `dir` wrote it (and still there) is not
/// made again; files the site no longer has are removed. Nothing in `dir`
/// changes until every page and image has been made: an export that fails
/// leaves the mirror as it was, and one that is stopped leaves what it
/// made for the next one to take up. A `dir` that is a file, or a
/// directory of other files ([`ExportError::NotAMirror`]), is refused
/// before anything is written.
pub async fn export(
    app: &AppState,
    dir: &Path,
    options: &ExportOptions,
    mut progress: impl FnMut(usize, usize),
) -> Result<ExportReport, ExportError> {
    check_dir(dir)?;
    let staging = dir.join(STAGING);
    // The first thing written: a directory that may not be written in is
    // said as such, before anything is made.
    std::fs::create_dir_all(&staging).map_err(|source| ExportError::Dir {
        dir: dir.to_path_buf(),
        source,
    })?;
    // An export stopped while moving its files into place: finished first.
    if let Some(commit) = std::fs::read(staging.join(COMMIT))
        .ok()
        .and_then(|b| serde_json::from_slice::<Commit>(&b).ok())
    {
        apply(dir, &staging, &commit)?;
    }
    let before = Manifest::read(&dir.join(MANIFEST));
    let build = build_key(app, options);
    let (journal, staged) = Journal::open(&staging, &build)?;
    let made = Made {
        dir,
        staging: &staging,
        before: &before,
        same_build: before.build == build,
        staged: &staged,
        journal,
    };
    let (files, changed, mut report) = match made.fetch_all(app, options, &mut progress).await {
        Ok(staged) => staged,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    // Everything made: recorded, then into place.
    let superseded = superseded(dir, &before, &files);
    let commit = Commit {
        gone: before
            .files
            .keys()
            .chain(before.superseded.keys())
            .filter(|f| !files.contains_key(*f) && !superseded.contains_key(*f))
            .cloned()
            .collect(),
        manifest: Manifest {
            build,
            files,
            superseded,
            sources: options
                .sources
                .as_ref()
                .map(|s| s.shown(&app.site()))
                .unwrap_or_default(),
        },
        changed,
    };
    let commit_path = staging.join(COMMIT);
    let io = |source| ExportError::Io {
        path: commit_path.clone(),
        source,
    };
    crate::cache::write_atomically(
        &commit_path,
        &serde_json::to_vec(&commit).unwrap_or_default(),
    )
    .map_err(io)?;
    report.removed = apply(dir, &staging, &commit)?;
    Ok(report)
}

/// What [`Made::fetch_all`] gives: every file of the mirror with its
/// entry, the files (siblings included) under the staging directory to
/// move into place, and the report so far.
type Staged = (BTreeMap<String, Entry>, Vec<String>, ExportReport);

/// Asks the site for `address` through its router, as a reader would:
/// the response, and what the page was made from when it went through the
/// page cache (what its handler recorded, which the manifest keeps).
async fn ask(
    router: &axum::Router,
    address: &str,
) -> Result<(axum::response::Response, Option<String>), StatusCode> {
    let request = Request::get(address)
        .header(header::ACCEPT_ENCODING, "identity")
        .body(Body::empty())
        .map_err(|_| StatusCode::BAD_REQUEST)?;
    let probe = Probe {
        seen: RefCell::new(None),
    };
    let (response, seen) = PROBE
        .scope(probe, async {
            let response = router.clone().oneshot(request).await;
            (response, PROBE.with(|p| p.seen.take()))
        })
        .await;
    let response = response.map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok((response, seen))
}

/// How the export learns, of a page it asks through the router, what the
/// page cache made it from (see [`AppState::entry`](crate::AppState)).
struct Probe {
    seen: RefCell<Option<String>>,
}

tokio::task_local! {
    static PROBE: Probe;
}

/// Whether this request is the export's (which asks each page once, and
/// wants it made, not taken from memory).
pub(crate) fn probing() -> bool {
    PROBE.try_with(|_| ()).is_ok()
}

/// Tells the export, if this request is its, what the page is made from.
pub(crate) fn probed(deps: &str) {
    let _ = PROBE.try_with(|p| *p.seen.borrow_mut() = Some(deps.to_string()));
}

/// Whether the site keeps the upload the image `file` (its original, or a
/// smaller copy of it) is made from.
async fn upload_kept(app: &AppState, file: &str) -> bool {
    let prefix = askaf_content::media::MEDIA_PREFIX.trim_start_matches('/');
    let Some(name) = file
        .strip_prefix(prefix)
        .and_then(askaf_content::media::MediaName::parse)
    else {
        return false;
    };
    let original = name.original().file_name();
    app.store().has_media(&original).await.unwrap_or(false)
}

/// One export's view of the mirror, its last manifest and its staging directory.
struct Made<'a> {
    dir: &'a Path,
    staging: &'a Path,
    before: &'a Manifest,
    /// Whether the last export was made by the same program and options.
    same_build: bool,
    /// Files a stopped export of the same build left in the staging directory.
    staged: &'a BTreeMap<String, Entry>,
    journal: Journal,
}

impl Made<'_> {
    /// The entry of `file` that still holds, without making it: in the
    /// mirror or staged by a stopped export. A page holds while it is made
    /// from what its entry recorded (`now`: asked of the site directly,
    /// see [`addresses`]); an entry that recorded nothing is made again.
    /// An image's name changes with its bytes: one in place is kept while
    /// the site keeps its original (an upload the site lost is asked for,
    /// and fails as in a fresh export).
    async fn kept(&self, app: &AppState, file: &str, now: Option<&str>) -> Kept<'_> {
        // Only an image is made from nothing the site can name.
        let image = now.is_none();
        let old =
            self.before.files.get(file).filter(|e| {
                (self.same_build || image) && in_place(self.dir, file, None, e, !image)
            });
        let staged = self
            .staged
            .get(file)
            .filter(|e| in_place(self.staging, file, None, e, !image));
        let holds = |e: &&Entry| match now {
            Some(now) => e.deps.as_deref() == Some(now),
            None => true,
        };
        let (old, staged) = (old.filter(holds), staged.filter(holds));
        if image && (old.is_some() || staged.is_some()) && !upload_kept(app, file).await {
            return Kept::No;
        }
        match (old, staged) {
            (Some(e), _) => Kept::InPlace(e),
            (None, Some(e)) => Kept::Staged(e),
            (None, None) => Kept::No,
        }
    }

    /// Asks the site for every address, then for every image the pages
    /// show, and writes what is not in the mirror already under the
    /// staging directory; the pages' compressed siblings are made beside
    /// it ([`Squeezer`]).
    async fn fetch_all(
        &self,
        app: &AppState,
        options: &ExportOptions,
        progress: &mut impl FnMut(usize, usize),
    ) -> Result<Staged, ExportError> {
        let mut squeezer = Squeezer::new(self.staging, self.journal.clone());
        // The fetching in a block of its own, so that when it fails the
        // compressions it started are still waited for below.
        let fetched: Result<Staged, ExportError> = async {
            let mut after: BTreeMap<String, Entry> = BTreeMap::new();
            let mut changed = Vec::new();
            app.load_tag_labels()
                .await
                .map_err(|e| ExportError::Labels(e.to_string()))?;
            let router = crate::router(app.clone());
            // One version of the site for every address, and the year
            // its pages name.
            let live = app.site();
            let year = chrono::Datelike::year(&chrono::Utc::now());
            let mut list: Vec<(String, Option<Deps>)> = addresses(&live)
                .into_iter()
                .map(|(address, deps)| (address, Some(deps)))
                .collect();
            let mut report = ExportReport {
                pages: list.len(),
                ..ExportReport::default()
            };
            // Each image with the first page that shows it.
            let mut media: BTreeMap<String, String> = BTreeMap::new();
            let mut shown_on: BTreeMap<String, String> = BTreeMap::new();
            let mut i = 0;
            while i < list.len() {
                let (address, deps) = &list[i];
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
                let file = file_for(address);
                let siblings = has_siblings(&file);
                // What the page is made from now, asked of the site
                // directly: no router, no rendering.
                let now = deps
                    .as_ref()
                    .map(|d| crate::cache::with_year(d.of(app, &live), year));
                let (kept, staged) = match self.kept(app, &file, now.as_deref()).await {
                    Kept::InPlace(entry) => (Some(entry), false),
                    Kept::Staged(entry) => (Some(entry), true),
                    Kept::No => (None, false),
                };
                if let Some(entry) = kept {
                    // Not made again: the images it shows are still wanted.
                    for m in &entry.media {
                        media.entry(m.clone()).or_insert_with(|| address.clone());
                    }
                    if staged {
                        changed.extend(with_siblings(&file, siblings));
                    }
                    after.insert(file.clone(), entry.clone());
                } else {
                    report.made += 1;
                    // Made through the router, as a reader would have it;
                    // recorded with what its handler made it from.
                    let (response, deps) = ask(&router, address).await.map_err(failed)?;
                    let not_found = is_not_found(address);
                    let wanted = if not_found {
                        StatusCode::NOT_FOUND
                    } else {
                        StatusCode::OK
                    };
                    if response.status() != wanted {
                        return Err(failed(response.status()));
                    }
                    // An error page is made without the page cache, which
                    // records what a page is made from: it is made from
                    // nothing the site holds, as its address says.
                    let deps = if not_found { deps.or(now) } else { deps };
                    let is_html = response
                        .headers()
                        .get(header::CONTENT_TYPE)
                        .and_then(|v| v.to_str().ok())
                        .is_some_and(|t| t.starts_with("text/html"));
                    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
                        .await
                        .map_err(|_| failed(StatusCode::INTERNAL_SERVER_ERROR))?;
                    let mut shows = BTreeMap::new();
                    let bytes = if is_html {
                        let html = String::from_utf8_lossy(&body);
                        media_in(&html, address, &mut shows);
                        mirror_html(&html, &file, address, app.url(), options.relative).into_bytes()
                    } else {
                        body.to_vec()
                    };
                    for m in shows.keys() {
                        media.entry(m.clone()).or_insert_with(|| address.clone());
                    }
                    let mut entry = Entry {
                        hash: hex::encode(&Sha256::digest(&bytes)[..16]),
                        len: Some(bytes.len() as u64),
                        gz: None,
                        br: None,
                        deps,
                        media: shows.into_keys().collect(),
                    };
                    let same = |e: &&Entry, dir: &Path| {
                        e.hash == entry.hash && in_place(dir, &file, entry.len, e, siblings)
                    };
                    if let Some(old) = self.before.files.get(&file).filter(|e| same(e, self.dir)) {
                        // The same bytes as in place: kept, with what they
                        // are made from now (or, from a manifest that
                        // recorded none, the siblings as they are).
                        if siblings {
                            (entry.gz, entry.br) = old
                                .siblings()
                                .or_else(|| sibling_lengths(self.dir, &file))
                                .unzip();
                        }
                        after.insert(file, entry);
                    } else if let Some(staged) =
                        self.staged.get(&file).filter(|e| same(e, self.staging))
                    {
                        // Staged by a stopped export: not compressed again.
                        (entry.gz, entry.br) = (staged.gz, staged.br);
                        self.journal.add(&file, &entry)?;
                        changed.extend(with_siblings(&file, siblings));
                        after.insert(file, entry);
                    } else {
                        write_file(&self.staging.join(&file), &bytes)?;
                        changed.extend(with_siblings(&file, siblings));
                        if siblings {
                            // Its entry comes with the siblings' lengths.
                            squeezer.add(file, entry, bytes).await?;
                        } else {
                            self.journal.add(&file, &entry)?;
                            after.insert(file, entry);
                        }
                    }
                }
                i += 1;
                if i == list.len() {
                    // The pages are done: then the images they show.
                    shown_on = std::mem::take(&mut media);
                    list.extend(shown_on.keys().map(|m| (m.clone(), None)));
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
        after.extend(squeezed?);
        Ok((after, changed, report))
    }
}

/// Whether a file of the mirror holds without being made again.
enum Kept<'a> {
    /// In the mirror as the last export wrote it.
    InPlace(&'a Entry),
    /// In the staging directory, as a stopped export left it.
    Staged(&'a Entry),
    /// To be made.
    No,
}

/// Makes pages' `.gz` and `.br` siblings on blocking threads, as many at
/// once as the machine has cores, while the next pages are fetched: brotli
/// at its best is most of an export's time, and it ran on one core between
/// two pages. Each page is recorded in the journal once its siblings are
/// written.
struct Squeezer {
    staging: PathBuf,
    journal: Journal,
    tasks: tokio::task::JoinSet<Result<(String, Entry), ExportError>>,
    done: Vec<(String, Entry)>,
    limit: usize,
}

impl Squeezer {
    fn new(staging: &Path, journal: Journal) -> Squeezer {
        Squeezer {
            staging: staging.to_path_buf(),
            journal,
            tasks: tokio::task::JoinSet::new(),
            done: Vec::new(),
            limit: std::thread::available_parallelism().map_or(2, |n| n.get()),
        }
    }

    /// Compresses `bytes` (the staged `file`) once a thread is free.
    async fn add(&mut self, file: String, entry: Entry, bytes: Vec<u8>) -> Result<(), ExportError> {
        while self.tasks.len() >= self.limit {
            if let Some(joined) = self.tasks.join_next().await {
                self.done.push(Self::joined(joined)?);
            }
        }
        let staging = self.staging.clone();
        let journal = self.journal.clone();
        self.tasks.spawn_blocking(move || {
            let (gz, br) = (gzip(&bytes), brotli(&bytes));
            write_file(&staging.join(format!("{file}.gz")), &gz)?;
            write_file(&staging.join(format!("{file}.br")), &br)?;
            let entry = Entry {
                gz: Some(gz.len() as u64),
                br: Some(br.len() as u64),
                ..entry
            };
            journal.add(&file, &entry)?;
            Ok((file, entry))
        });
        Ok(())
    }

    /// Waits for every compression; the first failure, if any.
    async fn finish(mut self) -> Result<Vec<(String, Entry)>, ExportError> {
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
        joined: Result<Result<(String, Entry), ExportError>, tokio::task::JoinError>,
    ) -> Result<(String, Entry), ExportError> {
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
        let css = assets::hashed_name("site.css").unwrap();
        assert_eq!(
            relative_to("en/tags/x.html", "/static/site.css?v=0a1b"),
            format!("../../static/{css}")
        );
    }

    /// A static file as the pages link it, with the live site's `?v=`, is
    /// kept under a name of its bytes; bare, under its own name.
    #[test]
    fn a_linked_static_file_is_named_by_its_bytes() {
        let css = assets::hashed_name("site.css").unwrap();
        assert!(
            css.len() == "site..css".len() + 12
                && css.starts_with("site.")
                && css.ends_with(".css"),
            "{css}"
        );
        assert_ne!(Some(css), assets::hashed_name("site.js"));
        assert_eq!(file_for("/static/site.css?v=0a1b"), format!("static/{css}"));
        assert_eq!(file_for("/static/site.css"), "static/site.css");
        assert_eq!(file_for("/static/nothing.css?v=0a1b"), "static/nothing.css");
        let page = r#"<link rel="stylesheet" href="/static/site.css?v=0a1b"><a href="/api/v1/articles?lang=fa">API</a>"#;
        let plain = mirror_html(page, "en/a.html", "/en/a", "https://askaf.example", false);
        assert!(
            plain.contains(&format!(r#"href="/static/{css}""#)),
            "{plain}"
        );
        assert!(plain.contains(r#"href="/api/v1/articles""#), "{plain}");
    }

    /// A file named by the bytes of a static file, of this build or
    /// another, is told from every other file of the mirror.
    #[test]
    fn a_static_files_versions_are_told_by_their_names() {
        assert_eq!(
            asset_version_of("static/site.0123456789ab.css"),
            Some("site.css")
        );
        assert_eq!(
            asset_version_of("static/site.0123456789ab.js"),
            Some("site.js")
        );
        for name in assets::NAMES {
            let now = format!("static/{}", assets::hashed_name(name).unwrap());
            assert_eq!(asset_version_of(&now), Some(name));
        }
        for other in [
            "static/site.css",
            "static/site.0123456789AB.css",
            "static/site.0123456789a.css",
            "static/site.0123456789abc.css",
            "static/other.0123456789ab.css",
            "static/site.0123456789ab.svg",
            "static/site.0123456789ab.css.gz",
            "en/site.0123456789ab.css",
            "static/a/site.0123456789ab.css",
        ] {
            assert_eq!(asset_version_of(other), None, "{other}");
        }
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

    /// `/{lang}/ask` is the live site's (it sends a reader to its Ask
    /// page): a link to it in an article goes there, not to a file the
    /// mirror never has; an article's address that starts alike stays.
    #[test]
    fn ask_under_a_language_is_the_live_sites() {
        let page = r#"<a href="/fa/ask?q=%D8%A2">x</a><a href="/ps/ask">y</a><a href="/en/asking">z</a><a href="/en/ask/x">w</a>"#;
        let out = mirror_html(page, "fa/a.html", "/fa/a", "https://askaf.example", true);
        assert!(
            out.contains(r#"href="https://askaf.example/fa/ask?q=%D8%A2""#)
                && out.contains(r#"href="https://askaf.example/ps/ask""#),
            "{out}"
        );
        assert!(out.contains(r#"href="../en/asking.html""#), "{out}");
        assert!(out.contains(r#"href="../en/ask/x.html""#), "{out}");
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
    /// An export stopped while moving its files into place left its
    /// commit: the next export moves what is still staged (not what was
    /// moved already), removes what went and writes the manifest.
    #[test]
    fn a_commit_stopped_halfway_is_finished() {
        let dir = tempfile::tempdir().unwrap();
        let staging = dir.path().join(STAGING);
        write_file(&dir.path().join("en/stays.html"), b"stays").unwrap();
        write_file(&dir.path().join("en/gone.html"), b"gone").unwrap();
        write_file(&dir.path().join("en/gone.html.gz"), b"g").unwrap();
        // Two pages staged, one of them moved before the stop.
        write_file(&staging.join("en/new.html"), b"new").unwrap();
        write_file(&dir.path().join("en/moved.html"), b"moved").unwrap();
        let entry = Entry::legacy("abc 1 2");
        let commit = Commit {
            manifest: Manifest {
                build: "b".into(),
                files: [
                    ("en/stays.html".to_string(), entry.clone()),
                    ("en/new.html".to_string(), entry.clone()),
                    ("en/moved.html".to_string(), entry),
                ]
                .into(),
                superseded: BTreeMap::new(),
                sources: BTreeMap::new(),
            },
            changed: vec!["en/new.html".into(), "en/moved.html".into()],
            gone: vec!["en/gone.html".into()],
        };
        write_file(&staging.join(COMMIT), &serde_json::to_vec(&commit).unwrap()).unwrap();
        let read: Commit =
            serde_json::from_slice(&std::fs::read(staging.join(COMMIT)).unwrap()).unwrap();
        assert_eq!(
            apply(dir.path(), &staging, &read).unwrap(),
            ["en/gone.html", "en/gone.html.gz"]
        );
        let file = |f: &str| std::fs::read(dir.path().join(f)).ok();
        assert_eq!(file("en/new.html").as_deref(), Some(&b"new"[..]));
        assert_eq!(file("en/moved.html").as_deref(), Some(&b"moved"[..]));
        assert_eq!(file("en/stays.html").as_deref(), Some(&b"stays"[..]));
        assert_eq!(file("en/gone.html"), None);
        assert_eq!(file("en/gone.html.gz"), None);
        assert!(!staging.exists());
        let manifest = Manifest::read(&dir.path().join(MANIFEST));
        assert_eq!(manifest.build, "b");
        assert_eq!(manifest.files.len(), 3);
    }

    /// A manifest of an earlier version is read: each file with its hash
    /// and its siblings' lengths, nothing of what it was made from.
    #[test]
    fn an_earlier_manifest_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(MANIFEST);
        std::fs::write(&path, r#"{"index.html": "00ff 10 20", "robots.txt": "ab"}"#).unwrap();
        let m = Manifest::read(&path);
        assert_eq!(m.build, "");
        assert_eq!(m.files["index.html"].siblings(), Some((10, 20)));
        assert_eq!(m.files["index.html"].hash, "00ff");
        assert_eq!(m.files["robots.txt"].siblings(), None);
        assert!(m
            .files
            .values()
            .all(|e| e.deps.is_none() && e.len.is_none()));
    }
}
