//! A whole site: every article, validated together, or nothing.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::error::{Error, Problem, ProblemKind};
use crate::front::{parse_file, FrontMatter};
use crate::lang::{Lang, Slug};
use crate::markdown::{render_in, Rendered};
use crate::media::{MediaName, Uploads};

/// One article as the site knows it: its front matter and which version of
/// its file it is. The body is not kept here: a site of a hundred thousand
/// articles would hold gigabytes of text for the few pages being rendered.
/// Whoever needs it reads it ([`Body`]), from the store or the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub front: FrontMatter,
    /// The file it came from, as it was given (the content directory's path joined).
    pub file: PathBuf,
    /// Names this version of the article: a hash of its whole file. What is
    /// rendered from it (pages, passages) is kept under this name and reused
    /// until it changes.
    pub revision: String,
    /// Names what its translations follow of this version: its
    /// [`followed_revision`]. A translation records it as the revision it
    /// was made from ([`Site::stale_original`]).
    pub followed: String,
}

impl Article {
    /// Whether a translation that records `revision` as its original's
    /// (`translated_from`) was made from this version, or from one that
    /// differs from it in nothing the translation follows: `revision` is
    /// its [`Article::followed`], or (as translations recorded it until
    /// 7 December) its whole text's revision.
    pub fn is_followed_at(&self, revision: &str) -> bool {
        revision == self.followed || revision == self.revision
    }
}

impl Article {
    /// This version of the article as a number to add up: a hash of its
    /// language, slug and revision. A set of articles is named by the sum
    /// of their shares, whatever the order it was summed in, so a version
    /// of the site, or of one listing, that differs from the last by a few
    /// articles is named by counting those out and in, never by hashing
    /// every article again (at 100,000 articles that was 90 ms an edit for
    /// the listings, and as much again for the site).
    pub fn share(&self) -> u128 {
        let mut hash = Sha256::new();
        for part in [
            self.front.lang.code(),
            "/",
            self.front.slug.as_str(),
            " ",
            self.revision.as_str(),
        ] {
            hash.update(part.as_bytes());
        }
        let mut first = [0u8; 16];
        first.copy_from_slice(&hash.finalize()[..16]);
        u128::from_le_bytes(first)
    }
}

/// An article's Markdown body and what it renders to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub markdown: String,
    pub rendered: Rendered,
}

impl Body {
    /// Renders `markdown` (a body [`parse_article`] accepted) of an article in `lang`.
    pub fn from_markdown(markdown: String, lang: Lang) -> Body {
        let rendered = render_in(&markdown, lang);
        Body { markdown, rendered }
    }
}

/// The bodies of some published articles, by language and slug: those a
/// load or a change just parsed, for the store and the index.
pub type Bodies = HashMap<(Lang, Slug), Arc<Body>>;

impl Article {
    pub fn lang(&self) -> Lang {
        self.front.lang
    }
    pub fn slug(&self) -> &Slug {
        &self.front.slug
    }
    /// The site-relative address of the reading page.
    pub fn path(&self) -> String {
        format!("/{}/{}", self.front.lang, self.front.slug)
    }
}

/// A short hash of an article file's text: an article's revision, by which
/// a text can be recognised as the one the site serves.
pub fn revision_of(text: &str) -> String {
    short_hex(Sha256::new_with_prefix(text.as_bytes()))
}

/// The revision of an article that its translations follow: a hash of the
/// fields a translation says again in its own language (its title,
/// question, short answer, tags, sources and body, see
/// [`crate::ArticleFields::followed`]), not of its whole file.
///
/// Why not the file's [`revision_of`]: an original's file changes in ways
/// no translator has anything to follow, its `updated` date, a source's day
/// of access, the links to its translations, which the editor writes into
/// it at its first save once its translations are published. Each made
/// its translations out of date to the site, its readers and the
/// translators, while the editor said that none of what they follow had
/// changed (until 7 December). Hashing what is followed, and nothing else,
/// makes "out of date" mean what the translator is told: something to
/// translate again has changed. Leading and trailing blank space of each
/// field and of the body is not part of it: it shows nowhere.
pub fn followed_revision(front: &FrontMatter, body: &str) -> String {
    let fields = crate::ArticleFields::of(front, body);
    let mut hash = Sha256::new();
    for (name, value) in fields
        .followed()
        .iter()
        .map(|(n, v)| (*n, v.as_str()))
        .chain([("body", fields.body.trim())])
    {
        // Lengths first: no two sets of fields hash as one.
        for part in [name, value] {
            hash.update((part.len() as u64).to_le_bytes());
            hash.update(part.as_bytes());
        }
    }
    short_hex(hash)
}

/// Whether a translation that records `revision` as its original's was
/// made from the article file `text`, or from one that differs from it in
/// nothing a translation follows (see [`Article::is_followed_at`]): found
/// from its front matter and body alone, without rendering it, as a
/// history of an original's saves is searched.
pub fn text_is_followed_at(text: &str, revision: &str) -> bool {
    revision_of(text) == revision
        || parse_file(Path::new(""), text)
            .is_ok_and(|f| followed_revision(&f.front, &f.body) == revision)
}

/// The first 16 bytes of `hash`, in hex: the form of every revision and
/// fingerprint here.
fn short_hex(hash: Sha256) -> String {
    hex::encode(&hash.finalize()[..16])
}

/// The site's fingerprint: the sum of its published articles' shares
/// ([`Article::share`]).
fn fingerprint_of(articles: &[Arc<Article>]) -> u128 {
    articles
        .iter()
        .fold(0u128, |sum, a| sum.wrapping_add(a.share()))
}

/// The article a `linked_from` entry's link names: (language, slug).
fn link_target<'a>(articles: &'a [Arc<Article>], &(i, lang): &(u32, Lang)) -> (Lang, &'a str) {
    #[expect(
        clippy::expect_used,
        reason = "linked_from is built from the translations it names, in the same apply"
    )]
    let slug = articles[i as usize]
        .front
        .translations
        .get(&lang)
        .expect("a linked_from entry names one of its article's links");
    (lang, slug.as_str())
}

/// The largest article file read: far beyond any real article, small enough
/// that a stray dump in the content directory cannot stall the site.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// A set of articles that passed validation as a whole.
///
/// Articles are shared (`Arc`), and the site finds them through tables of
/// positions, not maps keyed by copies of their slugs: a new version of the
/// site after one edit ([`Site::apply`]) copies pointers and integers. At
/// 100,000 articles the maps of copied slugs were most of what an edit
/// allocated.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// Published articles, newest first.
    articles: Vec<Arc<Article>>,
    /// Drafts: validated with the rest, never served, kept so that a later
    /// edit is validated against them too.
    drafts: Vec<Arc<Article>>,
    /// Drafts and published articles together, in the order of their files'
    /// paths: what an edit looks a changed file up in.
    by_path: Vec<Arc<Article>>,
    /// Positions in `articles`, found by language and slug.
    by_key: KeyTable,
    /// For each article, the published articles whose `translations` name
    /// it: the other half of [`Site::translations_of`], so that it costs a
    /// lookup, not a pass over the whole site (the sitemap asks for every
    /// article's). Each entry is (position in `articles`, the language of
    /// its link), sorted by the link's target.
    linked_from: Vec<(u32, Lang)>,
    /// The sum of the published articles' shares; see [`Site::fingerprint`].
    fingerprint: u128,
    /// `fingerprint` written out.
    fingerprint_hex: String,
    /// What an original's translations followed of it
    /// ([`Article::followed`]) at whole-text revisions of it it has left
    /// that a translation records (as all recorded them until 7 December),
    /// by that revision: read from the version the site replaced
    /// ([`Site::apply`]), or from the store at a start
    /// ([`Site::learn_followed`]). With it, a translation made from a
    /// whole text is out of date when what it follows changed, not at the
    /// original's next save whatever it changed: until 7 December a save
    /// of its dates alone alarmed every such translation once. Only
    /// revisions a translation records are kept, and no translation
    /// records a whole text's revision any more: it stays small.
    followed_at: Arc<HashMap<String, String>>,
}

/// Positions of articles in a list, found by (language, slug) without a
/// copy of the slug: the table holds positions and hashes the article each
/// names.
#[derive(Clone, Default)]
struct KeyTable {
    table: hashbrown::HashTable<u32>,
}

impl std::fmt::Debug for KeyTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KeyTable({} articles)", self.table.len())
    }
}

fn key_hash(lang: Lang, slug: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one((lang, slug))
}

impl KeyTable {
    /// The table of `articles` (whose keys are distinct).
    fn of(articles: &[Arc<Article>]) -> KeyTable {
        let mut table = hashbrown::HashTable::with_capacity(articles.len());
        for (i, a) in articles.iter().enumerate() {
            #[expect(
                clippy::expect_used,
                reason = "the site holds far fewer than 2^32 articles"
            )]
            let i = u32::try_from(i).expect("fewer than 2^32 articles");
            table.insert_unique(key_hash(a.front.lang, a.front.slug.as_str()), i, |&j| {
                let b = &articles[j as usize];
                key_hash(b.front.lang, b.front.slug.as_str())
            });
        }
        KeyTable { table }
    }

    /// The position in `articles` (the list the table was made of) of the article `lang`/`slug`.
    fn get(&self, articles: &[Arc<Article>], lang: Lang, slug: &str) -> Option<usize> {
        self.table
            .find(key_hash(lang, slug), |&i| {
                let a = &articles[i as usize];
                a.front.lang == lang && a.front.slug.as_str() == slug
            })
            .map(|&i| i as usize)
    }
}

/// What one file becomes when parsed on its own: the article and its
/// body, or every problem the file has by itself (not those between
/// articles, which [`Site`] finds). Its images' upload addresses are taken
/// on trust: see [`parse_article_with`].
pub fn parse_article(path: &Path, text: &str) -> Result<(Article, Body), Vec<Problem>> {
    parse_article_with(path, text, &Uploads::Unknown)
}

/// [`parse_article`], with an image at an upload's address `uploads` does
/// not keep refused as well ([`ProblemKind::ImageNotKept`]): what the
/// editor, the content watch, a start and `askaf check` with the site's
/// database hold a file to.
pub fn parse_article_with(
    path: &Path,
    text: &str,
    uploads: &Uploads,
) -> Result<(Article, Body), Vec<Problem>> {
    // The limit a file on disk is held to ([`read_article`]) holds for a
    // text from the editor or an import too, so that what one accepts the
    // other can read back (`askaf export --markdown`, then `check`).
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(vec![Problem::new(
            path,
            1,
            ProblemKind::FileTooLarge {
                limit: MAX_FILE_BYTES,
            },
        )]);
    }
    let parsed = match parse_file(path, text) {
        Ok(parsed) => parsed,
        // The body's problems too, when the fences say where it is: one
        // save, or one `askaf check`, shows every problem the file has.
        Err(mut problems) => {
            if let Ok(fenced) = crate::front::fenced(text) {
                let lang = fenced.lang();
                let rendered = render_in(fenced.body, lang.unwrap_or(Lang::En));
                let at = |offset: usize| body_line_of(fenced.body, fenced.body_line(), offset);
                problems.extend(body_problems(
                    path,
                    fenced.body,
                    &rendered,
                    lang,
                    uploads,
                    at,
                ));
            }
            return Err(problems);
        }
    };
    let rendered = render_in(&parsed.body, parsed.front.lang);
    let problems = body_problems(
        path,
        &parsed.body,
        &rendered,
        Some(parsed.front.lang),
        uploads,
        |offset| parsed.line_of(offset),
    );
    if !problems.is_empty() {
        return Err(problems);
    }
    let followed = followed_revision(&parsed.front, &parsed.body);
    Ok((
        Article {
            front: parsed.front,
            file: path.to_path_buf(),
            revision: revision_of(text),
            followed,
        },
        Body {
            markdown: parsed.body,
            rendered,
        },
    ))
}

/// The line of a file that holds byte `offset` of its body, which starts
/// on line `body_line`.
pub(crate) fn body_line_of(body: &str, body_line: usize, offset: usize) -> usize {
    body_line + body[..offset].matches('\n').count()
}

/// The problems of an article's body by itself: raw HTML, links and
/// images it may not have (an upload's address `uploads` does not keep
/// among them), or no text at all. `lang` is the article's language when
/// the front matter names one (alt text is checked against it); `line_of`
/// finds a body offset's line in the file.
fn body_problems(
    path: &Path,
    body: &str,
    rendered: &Rendered,
    lang: Option<Lang>,
    uploads: &Uploads,
    line_of: impl Fn(usize) -> usize,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    // Once a line: `<script>…</script>` on one line is two pieces of HTML.
    let mut html_lines: Vec<usize> = rendered.raw_html_at.iter().map(|o| line_of(*o)).collect();
    html_lines.dedup();
    for line in html_lines {
        problems.push(Problem::new(path, line, ProblemKind::RawHtml));
    }
    for (at, url) in &rendered.links_refused {
        problems.push(Problem::new(
            path,
            line_of(*at),
            ProblemKind::LinkNotAllowed { url: url.clone() },
        ));
    }
    for image in &rendered.images {
        let line = line_of(image.at);
        let mut problem = |kind: ProblemKind| problems.push(Problem::new(path, line, kind));
        match MediaName::from_url(&image.url) {
            None => problem(ProblemKind::ImageNotUploaded {
                url: image.url.clone(),
            }),
            Some(name) if !uploads.keeps(&name) => problem(ProblemKind::ImageNotKept {
                url: image.url.clone(),
            }),
            Some(_) => {}
        }
        if image.alt.is_empty() {
            problem(ProblemKind::ImageAltMissing);
        } else if let Some(lang) = lang.filter(|l| !alt_in_language(&image.alt, *l)) {
            problem(ProblemKind::ImageAltLanguage { lang });
        }
    }
    if let Some((at, fence)) = &rendered.unclosed_fence {
        problems.push(Problem::new(
            path,
            line_of(*at),
            ProblemKind::UnclosedCodeFence {
                fence: fence.clone(),
            },
        ));
    }
    if body.trim().is_empty() {
        problems.push(Problem::new(path, line_of(0), ProblemKind::NoBody));
    }
    problems
}

/// The uploads an article file's body shows, whatever its front matter
/// says: those [`parse_article_with`] asks its [`Uploads`] about, for
/// whoever must learn which of them the site keeps before the check.
/// Found by parsing the body alone, without rendering it.
pub fn uploads_named(text: &str) -> Vec<MediaName> {
    let Ok(fenced) = crate::front::fenced(text) else {
        return Vec::new();
    };
    crate::markdown::image_urls(fenced.body)
        .iter()
        .filter_map(|url| MediaName::from_url(url))
        .collect()
}

/// Whether alt text is written in `lang`'s script: most of its letters
/// Arabic for Dari and Pashto, Latin for English (a name in the other
/// script, `Kabul` in a Dari sentence, is fine). Public for the importer,
/// which must know before it writes an image whether `askaf check` takes it.
pub fn alt_in_language(alt: &str, lang: Lang) -> bool {
    let (mut arabic, mut latin) = (0usize, 0usize);
    for c in alt.chars().filter(|c| c.is_alphabetic()) {
        if ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{FB50}'..='\u{FEFF}').contains(&c) {
            arabic += 1;
        } else if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
            latin += 1;
        }
    }
    match lang {
        Lang::En => latin > arabic,
        Lang::Fa | Lang::Ps => arabic > latin,
    }
}

/// The problems between articles: duplicate slugs, translations that point
/// nowhere or to a draft. Of two files with one slug, the one blamed is the
/// later in path order, but a file `changed` says was just changed is
/// blamed before one that was not: the change is what is refused, never the
/// article the site already serves under that slug.
fn cross_problems(articles: &[Arc<Article>], changed: impl Fn(&Path) -> bool) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut by_key: HashMap<(Lang, &Slug), &Article> = HashMap::new();
    // Files unchanged first, each part in path order, so "the later file"
    // of two with one slug is stable.
    let mut in_order: Vec<(bool, &Article)> =
        articles.iter().map(|a| (changed(&a.file), &**a)).collect();
    in_order.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.file.cmp(&b.1.file)));
    let in_order: Vec<&Article> = in_order.into_iter().map(|(_, a)| a).collect();
    for a in &in_order {
        let key = (a.front.lang, &a.front.slug);
        if let Some(first) = by_key.get(&key) {
            problems.push(Problem::new(
                &a.file,
                a.front.slug_line.max(1),
                ProblemKind::DuplicateSlug {
                    slug: a.front.slug.to_string(),
                    lang: a.front.lang,
                    other: first.file.clone(),
                },
            ));
        } else {
            by_key.insert(key, a);
        }
    }
    for a in &in_order {
        for (lang, slug) in &a.front.translations {
            let line = a.front.translation_lines.get(lang).copied().unwrap_or(1);
            match by_key.get(&(*lang, slug)) {
                None => problems.push(Problem::new(
                    &a.file,
                    line,
                    ProblemKind::TranslationNotAnArticle {
                        lang: *lang,
                        slug: slug.clone(),
                    },
                )),
                Some(t) if t.front.draft && !a.front.draft => problems.push(Problem::new(
                    &a.file,
                    line,
                    ProblemKind::TranslationIsDraft {
                        lang: *lang,
                        slug: slug.clone(),
                    },
                )),
                Some(_) => {}
            }
        }
    }
    problems
}

/// Where the file `path` is in `by_path` (articles in the order of their
/// files' paths), or where it would go.
fn find_file(by_path: &[Arc<Article>], path: &Path) -> Result<usize, usize> {
    by_path.binary_search_by(|a| a.file.as_path().cmp(path))
}

/// Makes `article` the file `path`'s in `by_path`, kept in path order;
/// `None` takes the file out.
fn put_file(by_path: &mut Vec<Arc<Article>>, article: Option<Arc<Article>>, path: &Path) {
    match (find_file(by_path, path), article) {
        (Ok(i), Some(a)) => by_path[i] = a,
        (Ok(i), None) => {
            by_path.remove(i);
        }
        (Err(i), Some(a)) => by_path.insert(i, a),
        (Err(_), None) => {}
    }
}

/// Refuses each file of `touched` that conflicts with the rest of `by_path`
/// (a slug another file has, a translation to nowhere): its version before
/// (`before`, `None` for a file new to the site) is put back, which may in
/// turn resolve or expose another conflict, until none of the touched
/// files has one (each round puts back at least one, so this ends). The
/// one rule for a change ([`Site::apply`]) and a start
/// ([`Site::from_articles_refusing`]). Returns the conflicts, then the
/// problems left in files not touched.
fn settle(
    by_path: &mut Vec<Arc<Article>>,
    mut touched: HashSet<&Path>,
    before: impl Fn(&Path) -> Option<Arc<Article>>,
) -> (Vec<Problem>, Vec<Problem>) {
    let mut refused = Vec::new();
    loop {
        // In path order, as cross_problems wants them.
        let (conflicts, others): (Vec<Problem>, Vec<Problem>) =
            cross_problems(by_path, |f| touched.contains(f))
                .into_iter()
                .partition(|p| touched.contains(p.file.as_path()));
        if conflicts.is_empty() {
            return (refused, others);
        }
        for p in &conflicts {
            put_file(by_path, before(&p.file), &p.file);
            touched.remove(p.file.as_path());
        }
        refused.extend(conflicts);
    }
}

/// What changed between two versions of a site, by article: what a cache
/// of pages or an index must redo.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Published articles that are new or whose text changed.
    pub changed: Vec<(Lang, Slug)>,
    /// Published articles that are gone (file deleted, slug changed, made a draft).
    pub removed: Vec<(Lang, Slug)>,
    /// Problems in the files that were refused; their previous version stays.
    pub problems: Vec<Problem>,
    /// The body of each article in `changed`, as just parsed.
    pub bodies: Bodies,
    /// Each draft a changed file holds now, with its body, by path: not
    /// served, so in neither `changed` nor `bodies`, but what the file is
    /// all the same (the catalogue of content files records it).
    pub drafts: Vec<(Arc<Article>, Arc<Body>)>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty()
    }
}

impl Site {
    /// Validates files given as (path, text).
    ///
    /// Every problem in every file is collected; if there is any, no site is
    /// returned, so a server never starts on half a site.
    pub fn from_files<I>(files: I) -> Result<Site, Error>
    where
        I: IntoIterator<Item = (PathBuf, String)>,
    {
        Self::parse_all(files, false, &Uploads::Unknown).map(|(site, _)| site)
    }

    /// [`Site::from_files`], with the bodies of the published articles.
    pub fn from_files_with_bodies<I>(files: I) -> Result<(Site, Bodies), Error>
    where
        I: IntoIterator<Item = (PathBuf, String)>,
    {
        Self::parse_all(files, true, &Uploads::Unknown)
    }

    /// Parses every file, one at a time (a file's text is let go once
    /// parsed), keeping bodies only when asked.
    fn parse_all<I>(files: I, keep_bodies: bool, uploads: &Uploads) -> Result<(Site, Bodies), Error>
    where
        I: IntoIterator<Item = (PathBuf, String)>,
    {
        let mut problems = Vec::new();
        let mut articles = Vec::new();
        let mut bodies = Bodies::new();
        for (path, text) in files {
            match parse_article_with(&path, &text, uploads) {
                Ok((a, body)) => {
                    if keep_bodies && !a.front.draft {
                        bodies.insert((a.front.lang, a.front.slug.clone()), Arc::new(body));
                    }
                    articles.push(Arc::new(a));
                }
                Err(mut p) => problems.append(&mut p),
            }
        }
        if !problems.is_empty() {
            problems.extend(cross_problems(&articles, |_| false));
            problems.sort_by(|a, b| a.file.cmp(&b.file).then(a.line.cmp(&b.line)));
            return Err(Error::Invalid(problems));
        }
        Ok((Self::from_articles(articles)?, bodies))
    }

    /// The site of articles already parsed (drafts and published together),
    /// validated together: duplicate slugs, translations to nowhere.
    pub fn from_articles(articles: Vec<Arc<Article>>) -> Result<Site, Error> {
        let mut problems = cross_problems(&articles, |_| false);
        if problems.is_empty() {
            Ok(Site::assemble(articles))
        } else {
            problems.sort_by(|a, b| a.file.cmp(&b.file).then(a.line.cmp(&b.line)));
            Err(Error::Invalid(problems))
        }
    }

    /// The site a server keeps serving when articles it already accepted
    /// one at a time no longer hold together as a whole: the editor's
    /// versions over the files at a start, after an original with
    /// translations was unpublished in the editor, or a file changed while
    /// the server was down. It is the site [`Site::apply`] would have made:
    /// of two articles with one slug the later in path order is left out,
    /// and an article whose translation link points nowhere is served with
    /// that link hidden (pages show only translations that exist). Every
    /// problem is returned for the operator; [`Site::from_articles`] stays
    /// the strict check for files read alone.
    pub fn from_articles_serving(mut articles: Vec<Arc<Article>>) -> (Site, Vec<Problem>) {
        let is_duplicate = |p: &Problem| matches!(p.kind, ProblemKind::DuplicateSlug { .. });
        let mut problems = cross_problems(&articles, |_| false);
        // Leaving the later of each pair out settles every duplicate at
        // once; the links are then checked again against what is left.
        if problems.iter().any(is_duplicate) {
            problems.retain(is_duplicate);
            articles.retain(|a| !problems.iter().any(|p| p.file == a.file));
            let links = cross_problems(&articles, |_| false);
            problems.extend(links);
        }
        problems.sort_by(|a, b| a.file.cmp(&b.file).then(a.line.cmp(&b.line)));
        (Site::assemble(articles), problems)
    }

    /// The site a server starts with, as the content watch would have left
    /// it: `articles` as found (drafts and published together), of which
    /// the files `changed` names were read anew, each with the version the
    /// site last accepted from it (`None` for a file new to the site). A
    /// changed file that conflicts with the rest (a slug another file has,
    /// a translation to nowhere) is refused as [`Site::apply`] refuses it:
    /// its previous version is put back, or it is left out. What is left
    /// between files not changed is served as
    /// [`Site::from_articles_serving`] serves it. Every problem is
    /// returned, the refused files' among them.
    pub fn from_articles_refusing(
        mut articles: Vec<Arc<Article>>,
        changed: &HashMap<&Path, Option<Arc<Article>>>,
    ) -> (Site, Vec<Problem>) {
        articles.sort_by(|a, b| a.file.cmp(&b.file));
        let touched: HashSet<&Path> = changed.keys().copied().collect();
        let (mut problems, others) = settle(&mut articles, touched, |path| {
            changed.get(path).cloned().flatten()
        });
        // Most starts: nothing left, and no second pass over the site.
        let site = if others.is_empty() {
            Site::assemble(articles)
        } else {
            let (site, rest) = Site::from_articles_serving(articles);
            problems.extend(rest);
            site
        };
        problems.sort_by(|a, b| a.file.cmp(&b.file).then(a.line.cmp(&b.line)));
        (site, problems)
    }

    /// The site of validated `all` (drafts and published together).
    fn assemble(all: Vec<Arc<Article>>) -> Site {
        let mut site = Self::assemble_unnamed(all);
        site.name(fingerprint_of(&site.articles));
        site
    }

    fn name(&mut self, fingerprint: u128) {
        self.fingerprint = fingerprint;
        self.fingerprint_hex = format!("{fingerprint:032x}");
    }

    /// [`Site::assemble`] but for the fingerprint, which an edit counts
    /// from the last version's rather than from every article.
    fn assemble_unnamed(mut all: Vec<Arc<Article>>) -> Site {
        // Already in path order when an edit made it: then this is one pass.
        all.sort_by(|a, b| a.file.cmp(&b.file));
        let (drafts, mut articles): (Vec<_>, Vec<_>) =
            all.iter().cloned().partition(|a| a.front.draft);
        // Newest first is the order every listing wants; ties broken by slug for stability.
        articles.sort_by(|a, b| {
            b.front
                .updated
                .cmp(&a.front.updated)
                .then_with(|| a.front.lang.cmp(&b.front.lang))
                .then_with(|| a.front.slug.cmp(&b.front.slug))
        });
        let by_key = KeyTable::of(&articles);
        let mut linked_from: Vec<(u32, Lang)> = articles
            .iter()
            .enumerate()
            .flat_map(|(i, a)| {
                let i = i as u32;
                a.front.translations.keys().map(move |&lang| (i, lang))
            })
            .collect();
        linked_from.sort_by(|x, y| link_target(&articles, x).cmp(&link_target(&articles, y)));
        Site {
            articles,
            drafts,
            by_path: all,
            by_key,
            linked_from,
            fingerprint: 0,
            fingerprint_hex: String::new(),
            followed_at: Arc::default(),
        }
    }

    /// Position in `articles` of the published article `lang`/`slug`.
    fn position(&self, lang: Lang, slug: &str) -> Option<usize> {
        self.by_key.get(&self.articles, lang, slug)
    }

    /// A new version of the site with some files changed: `Some(text)` for
    /// a file written, `None` for a file deleted (paths as the articles'
    /// `file`). Only the changed files are parsed and rendered; every other
    /// article is shared with `self`.
    ///
    /// A changed file with a problem of its own, or one that conflicts with
    /// the rest (a slug another file has, a translation to nowhere), is
    /// refused: its previous version stays (or it stays absent, if new), and
    /// its problems are in [`Changes::problems`]. The other changes apply.
    /// A change that makes an untouched file wrong (deleting the target of
    /// its translation link) applies, and the untouched file's problem is
    /// reported too.
    ///
    /// Images at upload addresses are taken on trust: see [`Site::apply_with`].
    pub fn apply(&self, files: Vec<(PathBuf, Option<String>)>) -> (Site, Changes) {
        self.apply_with(files, &Uploads::Unknown)
    }

    /// [`Site::apply`], a file that shows an upload `uploads` does not keep
    /// refused as well, as one with any other problem of its own is.
    pub fn apply_with(
        &self,
        files: Vec<(PathBuf, Option<String>)>,
        uploads: &Uploads,
    ) -> (Site, Changes) {
        let mut changes = Changes::default();
        // Every article in path order, pointers copied: a touched file is
        // found, replaced, added or taken out by binary search.
        let mut by_path: Vec<Arc<Article>> = self.by_path.clone();
        // What each touched file was before, to put back on a conflict.
        let mut before: HashMap<&Path, Option<Arc<Article>>> = HashMap::new();
        let mut touched: HashSet<&Path> = HashSet::new();
        let mut parsed: HashMap<PathBuf, (Arc<Article>, Arc<Body>)> = HashMap::new();
        for (path, text) in &files {
            let old = find_file(&by_path, path).ok().map(|i| by_path[i].clone());
            match text {
                None => {
                    put_file(&mut by_path, None, path);
                    before.entry(path).or_insert(old);
                    touched.insert(path);
                }
                Some(text) => match parse_article_with(path, text, uploads) {
                    Ok((a, body)) => {
                        let a = Arc::new(a);
                        put_file(&mut by_path, Some(a.clone()), path);
                        parsed.insert(path.clone(), (a, Arc::new(body)));
                        before.entry(path).or_insert(old);
                        touched.insert(path);
                    }
                    Err(mut p) => changes.problems.append(&mut p),
                },
            }
        }
        // What remains once the touched files in conflict are put back is
        // in files nobody touched, made wrong by a change elsewhere (a
        // translation whose target was deleted). The change stands, since a
        // deleted file must unpublish its article; pages show only
        // translations that exist; the problem is reported.
        let (conflicts, others) = settle(&mut by_path, touched, |path| {
            before.get(path).cloned().flatten()
        });
        changes.problems.extend(conflicts);
        changes.problems.extend(others);
        let mut site = Site::assemble_unnamed(by_path);
        site.followed_at = self.followed_at.clone();
        // Only a touched file can add, change or take out a published
        // article: the keys its old and new versions have are all that can
        // differ between the two sites (every other article is the same
        // `Arc`). In the order a pass over each site would find them.
        let mut keys: Vec<(Lang, &Slug)> = before
            .iter()
            .flat_map(|(path, old)| {
                let new = find_file(&site.by_path, path)
                    .ok()
                    .map(|i| &site.by_path[i]);
                [old.as_ref(), new]
            })
            .flatten()
            .filter(|a| !a.front.draft)
            .map(|a| (a.front.lang, &a.front.slug))
            .collect();
        keys.sort();
        keys.dedup();
        let mut in_old: Vec<(usize, Option<usize>)> = Vec::new();
        let mut only_new: Vec<usize> = Vec::new();
        for &(lang, slug) in &keys {
            match (
                self.position(lang, slug.as_str()),
                site.position(lang, slug.as_str()),
            ) {
                (Some(i), new) => in_old.push((i, new)),
                (None, Some(j)) => only_new.push(j),
                (None, None) => {}
            }
        }
        in_old.sort_unstable();
        only_new.sort_unstable();
        let mut fingerprint = self.fingerprint;
        // The versions this change replaced or took out, whose whole
        // text's revision a translation may record (see `followed_at`).
        let mut left = Vec::new();
        for (i, j) in in_old {
            let old = &self.articles[i];
            let key = (old.front.lang, old.front.slug.clone());
            match j.map(|j| &site.articles[j]) {
                None => {
                    fingerprint = fingerprint.wrapping_sub(old.share());
                    changes.removed.push(key);
                    left.push(old);
                }
                Some(new) if new.revision != old.revision => {
                    fingerprint = fingerprint
                        .wrapping_sub(old.share())
                        .wrapping_add(new.share());
                    changes.changed.push(key);
                    left.push(old);
                }
                Some(_) => {}
            }
        }
        for old in left {
            // A version whose followed fields are not known (a changed
            // file's previous version catalogued before they were) teaches
            // nothing: its revision is placed from the store at a start.
            if !old.followed.is_empty() && site.is_recorded(old) {
                site.learn_followed(old.revision.clone(), old.followed.clone());
            }
        }
        for j in only_new {
            let new = &site.articles[j];
            fingerprint = fingerprint.wrapping_add(new.share());
            changes
                .changed
                .push((new.front.lang, new.front.slug.clone()));
        }
        site.name(fingerprint);
        for key in &changes.changed {
            let body = site
                .position(key.0, key.1.as_str())
                .and_then(|i| parsed.get(&site.articles[i].file));
            if let Some((_, body)) = body {
                changes.bodies.insert(key.clone(), body.clone());
            }
        }
        // A draft as parsed, not one a conflict put back.
        for (path, (a, body)) in &parsed {
            let now = find_file(&site.by_path, path)
                .ok()
                .map(|i| &site.by_path[i]);
            if a.front.draft && now.is_some_and(|now| Arc::ptr_eq(now, a)) {
                changes.drafts.push((a.clone(), body.clone()));
            }
        }
        changes.drafts.sort_by(|x, y| x.0.file.cmp(&y.0.file));
        changes
            .problems
            .sort_by(|a, b| a.file.cmp(&b.file).then(a.line.cmp(&b.line)));
        (site, changes)
    }

    /// Loads every `*.md` file under `dir` (README.md excepted), recursively.
    pub fn load_dir(dir: &Path) -> Result<Site, Error> {
        Self::read_dir(dir, false, &Uploads::Unknown).map(|(site, _)| site)
    }

    /// [`Site::load_dir`], with the bodies of the published articles; an
    /// article that shows an upload `uploads` does not keep is a problem.
    pub fn load_dir_with_bodies(dir: &Path, uploads: &Uploads) -> Result<(Site, Bodies), Error> {
        Self::read_dir(dir, true, uploads)
    }

    /// Reads and parses the files one at a time, so that memory holds one
    /// file's text, not the directory's.
    fn read_dir(dir: &Path, keep_bodies: bool, uploads: &Uploads) -> Result<(Site, Bodies), Error> {
        let mut unreadable = Vec::new();
        let files = article_files(dir)?;
        let texts = files
            .into_iter()
            .filter_map(|full| match read_article(&full) {
                Ok(Some(text)) => Some((full, text)),
                // Deleted while we listed the directory: not part of the site.
                Ok(None) => None,
                Err(p) => {
                    unreadable.push(p);
                    None
                }
            });
        let parsed = Site::parse_all(texts, keep_bodies, uploads);
        if !unreadable.is_empty() {
            let mut problems = unreadable;
            if let Err(Error::Invalid(more)) = parsed {
                problems.extend(more);
            }
            problems.sort_by(|a, b| a.file.cmp(&b.file).then(a.line.cmp(&b.line)));
            return Err(Error::Invalid(problems));
        }
        parsed
    }

    /// Names this version of the whole site: it changes when any article
    /// is added, changed or removed. Listings record it when rendered.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint_hex
    }

    /// Drafts: validated with the rest, never served.
    pub fn drafts(&self) -> impl ExactSizeIterator<Item = &Article> + Clone {
        self.drafts.iter().map(|a| &**a)
    }

    /// Published articles, newest first.
    pub fn articles(&self) -> impl ExactSizeIterator<Item = &Article> + Clone {
        self.articles.iter().map(|a| &**a)
    }

    /// The draft (`draft = true` in its file) in `lang` at `slug`. Drafts
    /// are kept in a list of their own, without the published articles'
    /// index by address, so it is looked for along that list.
    pub fn draft(&self, lang: Lang, slug: &str) -> Option<&Article> {
        self.drafts()
            .find(|a| a.lang() == lang && a.slug().as_str() == slug)
    }

    pub fn get(&self, lang: Lang, slug: &str) -> Option<&Article> {
        self.position(lang, slug).map(|i| &*self.articles[i])
    }

    /// The article itself, shared: for work that outlives this version of the site.
    pub fn get_shared(&self, lang: Lang, slug: &str) -> Option<Arc<Article>> {
        self.position(lang, slug).map(|i| self.articles[i].clone())
    }

    /// Articles in one language, newest first.
    pub fn in_lang(&self, lang: Lang) -> impl Iterator<Item = &Article> {
        self.articles().filter(move |a| a.front.lang == lang)
    }

    /// Tags used in a language, with how many articles carry each, by name.
    pub fn tags(&self, lang: Lang) -> BTreeMap<&str, usize> {
        let mut tags = BTreeMap::new();
        for a in self.in_lang(lang) {
            for t in &a.front.tags {
                *tags.entry(t.as_str()).or_insert(0) += 1;
            }
        }
        tags
    }

    pub fn tagged<'a>(
        &'a self,
        lang: Lang,
        tag: &'a str,
    ) -> impl Iterator<Item = &'a Article> + 'a {
        self.in_lang(lang)
            .filter(move |a| a.front.tags.iter().any(|t| t.as_str() == tag))
    }

    /// Every other-language version of an article, whichever side declared
    /// the link, and the versions those are linked with in turn: a Dari and
    /// a Pashto translation that each name only their English original are
    /// versions of each other too, as `hreflang` wants every version to name
    /// every other. The nearest link wins where two articles of one
    /// language are reachable; sorted by language.
    pub fn translations_of(&self, article: &Article) -> Vec<&Article> {
        let own = (article.front.lang, article.front.slug.as_str());
        let mut found: BTreeMap<Lang, &Article> = BTreeMap::new();
        let mut seen: BTreeSet<(Lang, &str)> = BTreeSet::from([own]);
        let mut next = vec![own];
        while !next.is_empty() && found.len() < Lang::ALL.len() - 1 {
            let mut linked: Vec<(Lang, &str)> = Vec::new();
            for key in std::mem::take(&mut next) {
                let Some(a) = self.get(key.0, key.1) else {
                    continue;
                };
                linked.extend(a.front.translations.iter().map(|(l, s)| (*l, s.as_str())));
                let first = self
                    .linked_from
                    .partition_point(|link| link_target(&self.articles, link) < key);
                linked.extend(
                    self.linked_from[first..]
                        .iter()
                        .take_while(|link| link_target(&self.articles, link) == key)
                        .map(|&(i, _)| {
                            let a = &self.articles[i as usize];
                            (a.front.lang, a.front.slug.as_str())
                        }),
                );
            }
            linked.sort();
            for key in linked {
                if key.0 == own.0 || found.contains_key(&key.0) || !seen.insert(key) {
                    continue;
                }
                if let Some(t) = self.get(key.0, key.1) {
                    found.insert(key.0, t);
                    next.push(key);
                }
            }
        }
        found.into_values().collect()
    }

    /// The published original of a translation (`front`'s
    /// `translated_from`) when what the translation follows of it has
    /// changed since the translation was made: the revision recorded is
    /// not the original's [`Article::followed`] (nor, as recorded until
    /// 7 December, its whole text's, see [`Article::is_followed_at`]).
    /// `None` for an article that is no translation, one made from the
    /// original's current revision or one that differs from it only in
    /// what a translation does not follow, or one whose original is not
    /// published (there is nothing newer a reader could be sent to).
    pub fn stale_original(&self, front: &FrontMatter) -> Option<&Article> {
        let (lang, slug, revision) = front.original()?;
        let original = self.get(lang, slug.as_str())?;
        (!self.follows(original, revision)).then_some(original)
    }

    /// Whether a translation that records `revision` as `original`'s was
    /// made from a version of it that differs from this one in nothing a
    /// translation follows: [`Article::is_followed_at`], or `revision` is a
    /// whole text's revision the original has left whose followed fields
    /// were these ([`Site::learn_followed`]).
    pub fn follows(&self, original: &Article, revision: &str) -> bool {
        original.is_followed_at(revision)
            || self
                .followed_at
                .get(revision)
                .is_some_and(|followed| *followed == original.followed)
    }

    /// The translations (published or drafts) that record a revision of
    /// an original which [`Site::follows`] cannot place: neither the
    /// original's nor one the site learned. As (the original's language,
    /// its slug, the revision): what a start asks the store's record of
    /// served revisions about ([`Site::learn_followed`]).
    pub fn unplaced_originals(&self) -> Vec<(Lang, Slug, String)> {
        let mut unplaced: Vec<(Lang, Slug, String)> = self
            .articles
            .iter()
            .chain(&self.drafts)
            .filter_map(|t| {
                let (lang, slug, revision) = t.front.original()?;
                let original = self.get(lang, slug.as_str())?;
                (!self.follows(original, revision) && !self.followed_at.contains_key(revision))
                    .then(|| (lang, slug.clone(), revision.to_string()))
            })
            .collect();
        unplaced.sort();
        unplaced.dedup();
        unplaced
    }

    /// Records that an original's translations followed `followed` of it
    /// at its whole text's revision `revision` (see [`Site::follows`]).
    pub fn learn_followed(&mut self, revision: String, followed: String) {
        Arc::make_mut(&mut self.followed_at).insert(revision, followed);
    }

    /// Whether a translation in this site (published, or a draft) records
    /// `original`'s revision as the one it was made from.
    fn is_recorded(&self, original: &Article) -> bool {
        let key = (original.front.lang, original.front.slug.as_str());
        let first = self
            .linked_from
            .partition_point(|link| link_target(&self.articles, link) < key);
        let published = self.linked_from[first..]
            .iter()
            .take_while(|link| link_target(&self.articles, link) == key)
            .map(|&(i, _)| &self.articles[i as usize]);
        published.chain(self.drafts.iter()).any(|t| {
            t.front.original()
                == Some((
                    original.front.lang,
                    &original.front.slug,
                    &original.revision,
                ))
        })
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }
}

/// Every article file under `dir`, sorted: `*.md` but `README.md` and
/// hidden files, as full paths.
pub fn article_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    collect_markdown(dir, dir, &mut files)?;
    let mut full: Vec<PathBuf> = files.into_iter().map(|f| dir.join(f)).collect();
    full.sort();
    Ok(full)
}

/// Reads one article file: its text, `None` if it no longer exists, or the
/// problem that stops it being read (too large, not UTF-8, unreadable),
/// naming the file and, where there is one, the line.
pub fn read_article(path: &Path) -> Result<Option<String>, Problem> {
    let problem = |line: usize, kind: ProblemKind| Problem::new(path, line, kind);
    let unreadable = |e: std::io::Error| {
        problem(
            1,
            ProblemKind::Unreadable {
                error: e.to_string(),
            },
        )
    };
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(unreadable(e)),
    };
    let mut bytes = Vec::new();
    // One byte past the limit tells a file at the limit from a larger one,
    // without reading a huge file whole.
    use std::io::Read;
    if let Err(e) = file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes) {
        return Err(unreadable(e));
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(problem(
            1,
            ProblemKind::FileTooLarge {
                limit: MAX_FILE_BYTES,
            },
        ));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| problem(not_utf8_line(&e), ProblemKind::NotUtf8))
}

/// The line (from 1) of the first byte that is not UTF-8, for a message
/// that names the file and line, as every file the site reads is named.
fn not_utf8_line(e: &std::string::FromUtf8Error) -> usize {
    let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
    1 + valid.iter().filter(|&&b| b == b'\n').count()
}

/// Why a file of text (the synonyms, a settings file, a question set, a
/// text to import) could not be read as text.
#[derive(Debug, thiserror::Error)]
pub enum TextFileError {
    #[error("cannot read {path}: {source}")]
    Unreadable {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: the file is not valid UTF-8")]
    NotUtf8 { path: PathBuf, line: usize },
}

/// The whole file at `path` as text; one that is not UTF-8 is named with
/// the line of its first bad byte, as an article is.
pub fn read_text(path: &Path) -> Result<String, TextFileError> {
    let bytes = std::fs::read(path).map_err(|source| TextFileError::Unreadable {
        path: path.to_path_buf(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| TextFileError::NotUtf8 {
        path: path.to_path_buf(),
        line: not_utf8_line(&e),
    })
}

fn collect_markdown(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect_markdown(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "md")
            && !name.eq_ignore_ascii_case("README.md")
        {
            out.push(path.strip_prefix(root).unwrap_or(&path).to_path_buf());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(slug: &str, lang: &str, translations: &str) -> String {
        format!(
            "+++\nslug = \"{slug}\"\nlang = \"{lang}\"\ntitle = \"T\"\nquestion = \"Q?\"\nsummary = \"S.\"\ntags = [\"history\"]\npublished = 2026-01-01\nupdated = 2026-01-02\ntranslations = {{ {translations} }}\n\n[[sources]]\ntitle = \"Src\"\nurl = \"https://example.org/\"\naccessed = 2026-01-01\n+++\n\nBody.\n"
        )
    }

    /// A text over the files' limit is refused wherever it comes from.
    #[test]
    fn a_text_over_the_files_limit_is_refused_as_a_file_would_be() {
        let text = article("a", "en", "")
            .replace("Body.", &"Body. ".repeat(MAX_FILE_BYTES as usize / 6 + 1));
        let problems = parse_article(Path::new("en/a.md"), &text).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .to_string()
                .starts_with("en/a.md:1: the file is larger than 2 MB"),
            "{}",
            problems[0]
        );
    }

    /// A file in a language's folder is of that language, said at its
    /// `lang` line; a file elsewhere (the editor's, a test's) may be any.
    #[test]
    fn a_file_in_another_language_s_folder_is_refused_at_its_lang_line() {
        let problems =
            parse_article(Path::new("content/fa/a.md"), &article("a", "en", "")).unwrap_err();
        let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            lines,
            ["content/fa/a.md:3: field `lang`: `en`, but the file is in the folder of `fa`: move it to en/, or write lang = \"fa\""]
        );
        assert!(parse_article(Path::new("content/en/a.md"), &article("a", "en", "")).is_ok());
        assert!(parse_article(Path::new("drafts/a.md"), &article("a", "en", "")).is_ok());
    }

    /// A link the page would drop (a script, a `data:` address) is refused
    /// at its line; the web, mail, a phone, the site's own pages and
    /// anchors are kept.
    #[test]
    fn a_link_the_page_cannot_keep_is_refused_at_its_line() {
        let text = article("a", "en", "").replace(
            "Body.",
            "Body with [a page](/en/b), [a part](#p-2), [mail](mailto:a@example.org),\n\
             [a hotline](tel:+93700123456) and [the web](https://example.org/a:b).\n\n\
             [click](javascript:alert(1)) and [more](JavaScript:void(0)) [data](data:text/html,x)\n",
        );
        let problems = parse_article(Path::new("en/a.md"), &text).unwrap_err();
        let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(
            lines[0].starts_with("en/a.md:21: the link `javascript:alert(1)` cannot be kept"),
            "{lines:?}"
        );
        assert!(lines[2].contains("`data:text/html,x`"), "{lines:?}");
        for allowed in [
            "/en/b",
            "#p-2",
            "b",
            "./a:b",
            "https://x.org",
            "HTTP://x.org",
            "mailto:a@b",
            "?q=a:b",
        ] {
            assert!(crate::markdown::link_allowed(allowed), "{allowed}");
        }
        for refused in [
            "javascript:x",
            " JAVASCRIPT:x",
            "java\tscript:x",
            "vbscript:x",
            "file:///etc/passwd",
            "data:x",
        ] {
            assert!(!crate::markdown::link_allowed(refused), "{refused}");
        }
    }

    /// A title or question of invisible marks alone shows nothing: empty,
    /// as one of spaces is. A ZWNJ inside a word is its spelling.
    #[test]
    fn a_field_of_invisible_marks_alone_is_empty() {
        for blank in ["\u{200c}\u{200c}", " \u{200b} ", "\u{200f}\u{feff}"] {
            let text =
                article("a", "fa", "").replace("title = \"T\"", &format!("title = \"{blank}\""));
            let problems = parse_article(Path::new("fa/a.md"), &text).unwrap_err();
            let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            assert_eq!(lines, ["fa/a.md:4: field `title` is empty"], "{blank:?}");
        }
        let text = article("a", "fa", "").replace("title = \"T\"", "title = \"می\u{200c}خواهم\"");
        assert!(parse_article(Path::new("fa/a.md"), &text).is_ok());
    }

    #[test]
    fn links_translations_both_ways() {
        let site = Site::from_files([
            (PathBuf::from("en/a.md"), article("a", "en", "fa = \"a\"")),
            (PathBuf::from("fa/a.md"), article("a", "fa", "")),
        ])
        .unwrap();
        let fa = site.get(Lang::Fa, "a").unwrap();
        let t = site.translations_of(fa);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].path(), "/en/a");
        assert_eq!(site.tags(Lang::En).get("history"), Some(&1));
    }

    #[test]
    fn refuses_duplicates_and_dangling_translations_naming_file_and_line() {
        let err = Site::from_files([
            (
                PathBuf::from("en/a.md"),
                article("a", "en", "ps = \"missing\""),
            ),
            (PathBuf::from("en/b.md"), article("a", "en", "")),
        ])
        .unwrap_err();
        let lines: Vec<String> = err.problems().iter().map(|p| p.to_string()).collect();
        assert!(
            lines.contains(
                &"en/a.md:10: translation `ps` points to /ps/missing, which is not an article"
                    .to_string()
            ),
            "{lines:?}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l.contains(".md:2: duplicate slug `a` in language `en`")),
            "{lines:?}"
        );
    }

    /// A duplicate slug is reported on the line that holds it, wherever it
    /// stands in the front matter; an article read back from the store's
    /// catalogue of an older version, which kept no line, at its first.
    #[test]
    fn a_duplicate_slug_is_reported_at_its_line() {
        let moved = article("a", "en", "")
            .replacen("slug = \"a\"\n", "", 1)
            .replacen("summary = \"S.\"\n", "summary = \"S.\"\nslug = \"a\"\n", 1);
        let said = |e: Error| {
            e.problems()
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
        };
        let problems = said(
            Site::from_files([
                (PathBuf::from("en/a.md"), article("a", "en", "")),
                (PathBuf::from("en/b.md"), moved.clone()),
            ])
            .unwrap_err(),
        );
        assert_eq!(
            problems,
            ["en/b.md:6: duplicate slug `a` in language `en`: en/a.md has it too"]
        );

        let (mut old, _) = parse_article(Path::new("en/b.md"), &moved).unwrap();
        let mut json: serde_json::Value = serde_json::to_value(&old.front).unwrap();
        json.as_object_mut().unwrap().remove("slug_line");
        old.front = serde_json::from_value(json).unwrap();
        let first = parse_article(Path::new("en/a.md"), &article("a", "en", ""))
            .unwrap()
            .0;
        let problems = said(Site::from_articles(vec![Arc::new(first), Arc::new(old)]).unwrap_err());
        assert!(
            problems[0].starts_with("en/b.md:1: duplicate slug"),
            "{problems:?}"
        );
    }

    /// What the strict check refuses, a server already serving keeps
    /// serving as a change would leave it: the later of two with one slug
    /// left out, a link to nowhere hidden, each problem named.
    #[test]
    fn a_site_that_no_longer_holds_together_is_served_without_what_is_at_fault() {
        let parse =
            |path: &str, text: String| Arc::new(parse_article(Path::new(path), &text).unwrap().0);
        let (site, problems) = Site::from_articles_serving(vec![
            parse("en/a.md", article("a", "en", "ps = \"missing\"")),
            parse("en/b.md", article("a", "en", "")),
            parse("en/c.md", article("c", "en", "")),
        ]);
        let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines[0].starts_with("en/a.md:10: translation `ps`"),
            "{lines:?}"
        );
        assert!(
            lines[1].starts_with("en/b.md:2: duplicate slug `a`"),
            "{lines:?}"
        );
        let a = site
            .get(Lang::En, "a")
            .expect("the first with the slug stays");
        assert_eq!(a.file, Path::new("en/a.md"));
        assert!(site.translations_of(a).is_empty());
        assert!(site.get(Lang::En, "c").is_some());
        assert_eq!(site.len(), 2);
    }

    /// A start refuses what the content watch would have refused: of two
    /// files with one slug the one read anew, not the one the site serves
    /// (even where it comes first in path order); a file read anew that
    /// links to nowhere, its previous version put back; a new file in
    /// conflict, left out. A file not read anew is served as it was.
    #[test]
    fn a_start_refuses_the_files_read_anew_that_conflict_as_a_change_would() {
        let parse =
            |path: &str, text: String| Arc::new(parse_article(Path::new(path), &text).unwrap().0);
        let served_b = parse("en/b.md", article("b", "en", ""));
        let old_c = parse("en/c.md", article("c", "en", ""));
        let articles = vec![
            // New, first in path order, with the slug b.md has served.
            parse("en/a.md", article("b", "en", "")),
            served_b.clone(),
            // Read anew: now linking to an article that is not there.
            parse("en/c.md", article("c", "en", "fa = \"nowhere\"")),
            // New, and linking to nowhere too.
            parse("en/d.md", article("d", "en", "ps = \"nowhere\"")),
            parse("en/e.md", article("e", "en", "")),
        ];
        let changed: HashMap<&Path, Option<Arc<Article>>> = [
            (Path::new("en/a.md"), None),
            (Path::new("en/c.md"), Some(old_c.clone())),
            (Path::new("en/d.md"), None),
            (Path::new("en/e.md"), None),
        ]
        .into_iter()
        .collect();
        let (site, problems) = Site::from_articles_refusing(articles, &changed);
        let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(
            lines[0].starts_with("en/a.md:2: duplicate slug `b`"),
            "{lines:?}"
        );
        assert!(
            lines[1].starts_with("en/c.md:10: translation `fa`"),
            "{lines:?}"
        );
        assert!(
            lines[2].starts_with("en/d.md:10: translation `ps`"),
            "{lines:?}"
        );
        assert!(Arc::ptr_eq(
            &site.get_shared(Lang::En, "b").unwrap(),
            &served_b
        ));
        assert!(Arc::ptr_eq(
            &site.get_shared(Lang::En, "c").unwrap(),
            &old_c
        ));
        assert!(site.get(Lang::En, "d").is_none());
        assert!(site.get(Lang::En, "e").is_some());
        assert_eq!(site.len(), 3);
    }

    #[test]
    fn a_translation_is_stale_once_its_original_changes() {
        let site = two();
        let en = site.get(Lang::En, "a").unwrap().clone();
        let fa = |revision: &str| {
            article("a", "fa", "en = \"a\"").replace(
                "\n\n[[sources]]",
                &format!("\ntranslated_from = {{ lang = \"en\", revision = \"{revision}\" }}\n\n[[sources]]"),
            )
        };
        let (site, changes) = site.apply(vec![(PathBuf::from("fa/a.md"), Some(fa(&en.revision)))]);
        assert!(changes.problems.is_empty(), "{:?}", changes.problems);
        let tr = site.get(Lang::Fa, "a").unwrap();
        assert_eq!(
            site.stale_original(&tr.front),
            None,
            "made from the current text"
        );
        let changed = article("a", "en", "fa = \"a\"").replace("Body.", "A newer body.");
        let (site, _) = site.apply(vec![(PathBuf::from("en/a.md"), Some(changed))]);
        let tr = site.get(Lang::Fa, "a").unwrap();
        let stale = site.stale_original(&tr.front).expect("out of date");
        assert_eq!(stale.path(), "/en/a");
        assert_ne!(stale.revision, en.revision);
        // Recording the current revision makes it up to date again.
        let current = stale.revision.clone();
        let (site, _) = site.apply(vec![(PathBuf::from("fa/a.md"), Some(fa(&current)))]);
        assert_eq!(
            site.stale_original(&site.get(Lang::Fa, "a").unwrap().front),
            None
        );
        // An original taken off the site leaves nothing newer to point to.
        let (site, _) = site.apply(vec![
            (PathBuf::from("fa/a.md"), Some(fa(&en.revision))),
            (PathBuf::from("en/a.md"), None),
        ]);
        assert_eq!(
            site.stale_original(&site.get(Lang::Fa, "a").unwrap().front),
            None
        );
    }

    /// A translation follows its original's title, question, short answer,
    /// tags, sources and body, and is out of date only when one of them
    /// changed: not its dates, a source's day of access or its links to
    /// its translations, which the editor writes at an original's first
    /// save once its translations are published (until 7 December that
    /// save made them all out of date). One that recorded the whole
    /// file's revision, as all did until then, is too: until 7 December
    /// it was out of date at any change of the original.
    #[test]
    fn a_translation_follows_what_it_translates_of_its_original() {
        let site = Site::from_files([
            (PathBuf::from("en/a.md"), article("a", "en", "")),
            (PathBuf::from("en/b.md"), article("b", "en", "")),
        ])
        .unwrap();
        let en = site.get(Lang::En, "a").unwrap().clone();
        assert_ne!(en.followed, en.revision);
        let fa = |revision: &str| {
            article("a", "fa", "en = \"a\"").replace(
                "\n\n[[sources]]",
                &format!("\ntranslated_from = {{ lang = \"en\", revision = \"{revision}\" }}\n\n[[sources]]"),
            )
        };
        let stale_after = |recorded: &str, original: String| {
            let (site, changes) = site.apply(vec![
                (PathBuf::from("fa/a.md"), Some(fa(recorded))),
                (PathBuf::from("en/a.md"), Some(original)),
            ]);
            assert!(changes.problems.is_empty(), "{:?}", changes.problems);
            site.stale_original(&site.get(Lang::Fa, "a").unwrap().front)
                .is_some()
        };
        let now = article("a", "en", "");
        assert!(!stale_after(&en.followed, now.clone()));
        for unfollowed in [
            now.replace("translations = {  }", "translations = { fa = \"a\" }"),
            now.replace("updated = 2026-01-02", "updated = 2026-01-09"),
            now.replace("accessed = 2026-01-01", "accessed = 2026-01-05"),
            now.replace("Body.", "Body.\n\n"),
        ] {
            assert_ne!(unfollowed, now);
            assert!(
                !stale_after(&en.followed, unfollowed.clone()),
                "{unfollowed}"
            );
            // Recorded as the whole file's revision, as until 7 December:
            // the same, that version's followed fields being these.
            assert!(
                !stale_after(&en.revision, unfollowed.clone()),
                "{unfollowed}"
            );
        }
        for followed in [
            now.replace("title = \"T\"", "title = \"T2\""),
            now.replace("question = \"Q?\"", "question = \"Q2?\""),
            now.replace("summary = \"S.\"", "summary = \"S2.\""),
            now.replace("tags = [\"history\"]", "tags = [\"history\", \"war\"]"),
            now.replace("title = \"Src\"", "title = \"Src2\""),
            now.replace("https://example.org/", "https://example.org/2"),
            now.replace("Body.", "A newer body."),
        ] {
            assert!(stale_after(&en.followed, followed.clone()), "{followed}");
            assert!(stale_after(&en.revision, followed.clone()), "{followed}");
        }
    }

    #[test]
    fn refuses_raw_html_with_its_line() {
        let text =
            article("a", "en", "").replace("Body.\n", "Body.\n\n<script>alert(1)</script>\n");
        let err = Site::from_files([(PathBuf::from("a.md"), text)]).unwrap_err();
        let lines: Vec<String> = err.problems().iter().map(|p| p.to_string()).collect();
        assert_eq!(
            lines,
            ["a.md:20: raw HTML is not allowed in articles: write it in Markdown"],
            "once a line"
        );
    }

    #[test]
    fn images_must_be_uploads_with_alt_text_in_the_article_s_language() {
        let with = |lang: &str, images: &str| {
            article("a", lang, "").replace("Body.\n", &format!("Body.\n\n{images}\n"))
        };
        let upload = "/media/3fa2c19be0d54e71-1200x800.jpg";
        let ok = Site::from_files([
            (
                PathBuf::from("a.md"),
                with("en", &format!("![The Salang tunnel in winter]({upload})")),
            ),
            (
                PathBuf::from("fa/a.md"),
                with("fa", &format!("![تونل سالنگ در Salang زمستان]({upload})")),
            ),
        ]);
        assert!(ok.is_ok(), "{:?}", ok.err().map(|e| e.problems().to_vec()));
        let err = Site::from_files([(
            PathBuf::from("a.md"),
            with(
                "en",
                &format!(
                    "![](https://example.org/x.jpg)\n\n![]({upload})\n\n![تونل سالنگ]({upload})"
                ),
            ),
        )])
        .unwrap_err();
        let lines: Vec<String> = err.problems().iter().map(|p| p.to_string()).collect();
        assert_eq!(lines.len(), 4, "{lines:?}");
        assert!(
            lines[0].starts_with("a.md:20: the image `https://example.org/x.jpg` is not an upload"),
            "{lines:?}"
        );
        assert!(
            lines[1].starts_with("a.md:20: the image needs alt text"),
            "{lines:?}"
        );
        assert!(
            lines[2].starts_with("a.md:22: the image needs alt text"),
            "{lines:?}"
        );
        assert!(
            lines[3].starts_with(
                "a.md:24: the image's alt text is not in the article's language (English)"
            ),
            "{lines:?}"
        );
    }

    /// An upload's address the site does not keep is a problem of its
    /// file, with its line, beside every other the file has, wherever the
    /// uploads are known; where they are not, it is taken on trust.
    /// The uploads a text names are those its rendering shows, found
    /// without rendering it: an editor's publish asks three times, and
    /// each rendered the whole body (a third of a publish of 1.5 MB in a
    /// debug build, until 7 December).
    #[test]
    fn the_uploads_a_text_names_are_its_renderings_found_without_rendering() {
        let a = "/media/3fa2c19be0d54e71-1200x800.jpg";
        let b = "/media/3fa2c19be0d54e72-640x480.png";
        for body in [
            format!("![A]({a})\n\nText ![B]({b}) and ![A again]({a})."),
            format!("# A heading ![A]({a})\n\n> ![B]({b})\n\n- ![A]({a})"),
            format!("| x |\n|---|\n| ![A]({a}) |\n\n[![B]({b})](https://example.org/)"),
            format!("![outer ![inner]({b})]({a})\n\n![Elsewhere](https://example.org/x.jpg)"),
            format!("`![code]({a})`\n\n    ![indented]({b})\n\n![ref][r]\n\n[r]: {a}"),
            "No image at all.".to_string(),
        ] {
            let text = article("a", "en", "").replace("Body.\n", &format!("{body}\n"));
            let before = crate::markdown::RENDERS.with(|n| n.get());
            let named = uploads_named(&text);
            assert_eq!(crate::markdown::RENDERS.with(|n| n.get()), before, "{body}");
            let rendered: Vec<MediaName> = crate::markdown::render(&body).uploads().collect();
            assert_eq!(named, rendered, "{body}");
        }
    }

    #[test]
    fn an_upload_the_site_does_not_keep_is_refused_where_the_uploads_are_known() {
        let kept = "/media/3fa2c19be0d54e71-1200x800.jpg";
        let typo = "/media/3fa2c19be0d54e72-1200x800.jpg";
        let text = article("a", "en", "").replace(
            "Body.\n",
            &format!("Body.\n\n![The Salang tunnel]({kept})\n\n![The Salang pass]({typo})\n"),
        );
        let path = Path::new("en/a.md");
        assert_eq!(
            uploads_named(&text),
            [kept, typo].map(|u| MediaName::from_url(u).unwrap())
        );
        let uploads = Uploads::Kept(["3fa2c19be0d54e71-1200x800.jpg".to_string()].into());
        let problems = parse_article_with(path, &text, &uploads).unwrap_err();
        let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            lines,
            [format!(
                "en/a.md:22: the image `{typo}` is not among the uploads: upload it at /admin/media, or correct its address"
            )]
        );
        assert!(parse_article(path, &text).is_ok(), "unknown: on trust");
        // With the front matter's problems, at once.
        let both = text.replace("question = \"Q?\"\n", "");
        let kinds: Vec<ProblemKind> = parse_article_with(path, &both, &uploads)
            .unwrap_err()
            .into_iter()
            .map(|p| p.kind)
            .collect();
        assert!(
            kinds.contains(&ProblemKind::ImageNotKept { url: typo.into() })
                && kinds.contains(&ProblemKind::MissingField { field: "question" }),
            "{kinds:?}"
        );
        // A change that shows it is refused; the previous version stays.
        let site = Site::from_files([(path.to_path_buf(), article("a", "en", ""))]).unwrap();
        let (next, changes) =
            site.apply_with(vec![(path.to_path_buf(), Some(text.clone()))], &uploads);
        assert!(changes.is_empty(), "{changes:?}");
        assert_eq!(changes.problems.len(), 1, "{:?}", changes.problems);
        assert_eq!(
            next.get(Lang::En, "a").unwrap().revision,
            site.get(Lang::En, "a").unwrap().revision
        );
        let (_, changes) = site.apply(vec![(path.to_path_buf(), Some(text))]);
        assert_eq!(changes.changed.len(), 1, "{changes:?}");
    }

    fn two() -> Site {
        Site::from_files([
            (PathBuf::from("en/a.md"), article("a", "en", "fa = \"a\"")),
            (PathBuf::from("fa/a.md"), article("a", "fa", "")),
            (PathBuf::from("en/b.md"), article("b", "en", "")),
        ])
        .unwrap()
    }

    #[test]
    fn an_edit_changes_that_article_and_shares_the_rest() {
        let site = two();
        let edited = article("b", "en", "").replace("Body.", "New body.");
        let (next, changes) = site.apply(vec![(PathBuf::from("en/b.md"), Some(edited))]);
        assert_eq!(changes.changed, vec![(Lang::En, Slug::parse("b").unwrap())]);
        assert!(changes.removed.is_empty() && changes.problems.is_empty());
        let key = (Lang::En, Slug::parse("b").unwrap());
        assert!(changes.bodies[&key].markdown.contains("New body."));
        assert_eq!(changes.bodies.len(), 1, "only the changed article's body");
        assert_ne!(next.fingerprint(), site.fingerprint());
        // The others are the very same articles, not copies.
        assert!(Arc::ptr_eq(
            &site.get_shared(Lang::En, "a").unwrap(),
            &next.get_shared(Lang::En, "a").unwrap()
        ));
        // Writing the same text again changes nothing.
        let (again, none) = next.apply(vec![(
            PathBuf::from("en/b.md"),
            Some(article("b", "en", "").replace("Body.", "New body.")),
        )]);
        assert!(none.is_empty());
        assert_eq!(again.fingerprint(), next.fingerprint());
    }

    #[test]
    fn a_deleted_file_unpublishes_its_article() {
        let (next, changes) = two().apply(vec![(PathBuf::from("en/b.md"), None)]);
        assert_eq!(changes.removed, vec![(Lang::En, Slug::parse("b").unwrap())]);
        assert!(next.get(Lang::En, "b").is_none());
        assert_eq!(next.len(), 2);
    }

    #[test]
    fn a_bad_edit_keeps_the_previous_version_and_names_the_problem() {
        let site = two();
        let broken = "+++\nslug = \"b\"\n+++\n".to_string();
        let fine = article("c", "en", "");
        let (next, changes) = site.apply(vec![
            (PathBuf::from("en/b.md"), Some(broken)),
            (PathBuf::from("en/c.md"), Some(fine)),
        ]);
        assert_eq!(
            next.get(Lang::En, "b").unwrap().revision,
            site.get(Lang::En, "b").unwrap().revision
        );
        assert!(next.get(Lang::En, "c").is_some(), "the good change applies");
        assert_eq!(changes.changed, vec![(Lang::En, Slug::parse("c").unwrap())]);
        assert!(changes
            .problems
            .iter()
            .all(|p| p.file == Path::new("en/b.md")));
        assert!(!changes.problems.is_empty());
    }

    #[test]
    fn conflicting_files_are_refused_and_the_site_stays_whole() {
        let site = two();
        // A second file claiming /en/a, and a new article translated into nothing.
        let (next, changes) = site.apply(vec![
            (PathBuf::from("en/z.md"), Some(article("a", "en", ""))),
            (
                PathBuf::from("en/d.md"),
                Some(article("d", "en", "ps = \"nowhere\"")),
            ),
        ]);
        assert!(changes.is_empty(), "{changes:?}");
        assert_eq!(next.len(), 3);
        assert_eq!(next.get(Lang::En, "a").unwrap().file, Path::new("en/a.md"));
        let text: Vec<String> = changes.problems.iter().map(|p| p.to_string()).collect();
        assert!(
            text.iter()
                .any(|t| t.starts_with("en/z.md:2: duplicate slug `a`")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|t| t.starts_with("en/d.md:10: translation `ps`")),
            "{text:?}"
        );
        // Deleting the target of another file's translation: the deletion
        // stands, the link is reported, and is shown no more.
        let (next, changes) = site.apply(vec![(PathBuf::from("fa/a.md"), None)]);
        assert!(next.get(Lang::Fa, "a").is_none());
        assert_eq!(changes.removed, vec![(Lang::Fa, Slug::parse("a").unwrap())]);
        assert!(changes.problems[0]
            .to_string()
            .starts_with("en/a.md:10: translation `fa`"));
        assert!(next
            .translations_of(next.get(Lang::En, "a").unwrap())
            .is_empty());
    }

    #[test]
    fn an_edit_into_a_conflict_keeps_the_previous_revision() {
        let site = two();
        // en/b.md now claims /en/a too: the later file in path order is the
        // one refused, and the b it was stays, the very same article.
        let (next, changes) = site.apply(vec![(
            PathBuf::from("en/b.md"),
            Some(article("a", "en", "")),
        )]);
        assert!(
            changes.changed.is_empty() && changes.removed.is_empty(),
            "{changes:?}"
        );
        assert!(Arc::ptr_eq(
            &site.get_shared(Lang::En, "b").unwrap(),
            &next.get_shared(Lang::En, "b").unwrap()
        ));
        assert_eq!(next.fingerprint(), site.fingerprint());
        assert_eq!(changes.problems.len(), 1, "{:?}", changes.problems);
        assert!(changes.problems[0]
            .to_string()
            .starts_with("en/b.md:2: duplicate slug `a`"));
        // A new file earlier in path order claiming /en/a is refused too:
        // the article served under that slug stays, and only once.
        let (next, changes) = site.apply(vec![(
            PathBuf::from("en/0.md"),
            Some(article("a", "en", "")),
        )]);
        assert!(changes.is_empty(), "{changes:?}");
        assert_eq!(next.len(), site.len());
        assert!(Arc::ptr_eq(
            &site.get_shared(Lang::En, "a").unwrap(),
            &next.get_shared(Lang::En, "a").unwrap()
        ));
        assert_eq!(next.fingerprint(), site.fingerprint());
        assert_eq!(changes.problems.len(), 1, "{:?}", changes.problems);
        assert!(
            changes.problems[0]
                .to_string()
                .starts_with("en/0.md:2: duplicate slug `a` in language `en`: en/a.md has it too"),
            "{:?}",
            changes.problems
        );
    }

    /// The fingerprint an edit counts from the last version's is the one
    /// a fresh site of the same files has, through an edit, a new file, a
    /// deletion, a draft and a slug moved from one file to another; and it
    /// is the sum of the published articles' shares.
    #[test]
    fn an_edit_names_the_site_as_a_fresh_load_would() {
        let files = vec![
            (PathBuf::from("en/a.md"), article("a", "en", "")),
            (PathBuf::from("fa/a.md"), article("a", "fa", "")),
            (PathBuf::from("en/b.md"), article("b", "en", "")),
        ];
        let mut site = Site::from_files(files.clone()).unwrap();
        let mut on_disk: BTreeMap<PathBuf, String> = files.into_iter().collect();
        let steps: Vec<Vec<(PathBuf, Option<String>)>> = vec![
            vec![(
                PathBuf::from("en/a.md"),
                Some(article("a", "en", "").replace("Body", "Body, again")),
            )],
            vec![(PathBuf::from("en/c.md"), Some(article("c", "en", "")))],
            vec![(PathBuf::from("fa/a.md"), None)],
            vec![(
                PathBuf::from("en/b.md"),
                Some(article("b", "en", "").replace("tags = ", "draft = true\ntags = ")),
            )],
            vec![
                (PathBuf::from("en/c.md"), None),
                (PathBuf::from("en/d.md"), Some(article("c", "en", ""))),
            ],
        ];
        for files in steps {
            for (path, text) in &files {
                match text {
                    Some(t) => on_disk.insert(path.clone(), t.clone()),
                    None => on_disk.remove(path),
                };
            }
            let (next, changes) = site.apply(files);
            assert!(changes.problems.is_empty(), "{:?}", changes.problems);
            let fresh = Site::from_files(on_disk.clone()).unwrap();
            assert_eq!(next.fingerprint(), fresh.fingerprint());
            let sum = next
                .articles()
                .fold(0u128, |s, a| s.wrapping_add(a.share()));
            assert_eq!(next.fingerprint(), format!("{sum:032x}"));
            site = next;
        }
    }

    #[test]
    fn reading_a_file_names_what_is_wrong_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.md");
        std::fs::write(&bad, b"+++\nslug = \"x\"\n\xff\xfe\n").unwrap();
        let p = read_article(&bad).unwrap_err();
        assert_eq!(p.line, 3);
        assert!(
            p.to_string()
                .contains("bad.md:3: the file is not valid UTF-8"),
            "{p}"
        );
        let huge = dir.path().join("huge.md");
        std::fs::write(&huge, vec![b'a'; (MAX_FILE_BYTES + 10) as usize]).unwrap();
        assert!(read_article(&huge)
            .unwrap_err()
            .message()
            .contains("larger than"));
        assert_eq!(read_article(&dir.path().join("gone.md")).unwrap(), None);
    }

    /// The fuzz target `front_matter` (fuzz/fuzz_targets/front_matter.rs)
    /// makes exactly this call; its committed seeds are replayed here on
    /// stable, so a seed that panics or a call that stops compiling fails CI.
    #[test]
    fn every_front_matter_fuzz_seed_loads_or_names_its_problems() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/seeds/front_matter");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).expect("the seed directory") {
            let path = entry.unwrap().path();
            let Ok(text) = String::from_utf8(std::fs::read(&path).unwrap()) else {
                continue;
            };
            match Site::from_files([(PathBuf::from("en/fuzz.md"), text)]) {
                Ok(_) => {}
                Err(Error::Invalid(problems)) => {
                    assert!(!problems.is_empty(), "{}", path.display());
                    for p in problems {
                        assert_eq!(
                            p.file,
                            PathBuf::from("en/fuzz.md"),
                            "{}: {p}",
                            path.display()
                        );
                        assert!(p.line >= 1, "{}: {p}", path.display());
                    }
                }
                Err(e) => panic!("{}: {e}", path.display()),
            }
            seen += 1;
        }
        assert!(seen >= 4, "only {seen} seeds in {dir}");
    }
}
