//! `askaf import --wxr FILE`: a WordPress site brought in.
//!
//! Articles become content files (`DIR/LANG/SLUG.md`, what `askaf export
//! --markdown` writes and `askaf serve --content DIR` serves, or what a
//! running server's watch picks up); comments go into the database with
//! their times and states. A file already there is never overwritten (an
//! editor may have changed it since an earlier import) and a comment already
//! there is not added twice, so the import can be run again. Everything that
//! did not come across is reported by line of the export.
//!
//! With `--uploads DIR` (the site's copy of `wp-content/uploads`), an image
//! a post shows is read from DIR and kept in the media store the way an
//! upload at `/admin/media` is ([`askaf_site::keep_image`]), and the article
//! shows it as `![alt](/media/…)`; what cannot be (no alt text, no file, not
//! an image) stays a link to its old address, and the report says why.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use askaf_content::media::MediaName;
use askaf_content::Lang;
use askaf_import::{convert, parse, uploads_files, Article, CommentState, Note, Options};
use askaf_store::{ImportedComment, Location, Status, Store};

/// Refuses folders that cannot be what they are given as, before anything
/// is written: an `--uploads` that is not there would leave every image a
/// link in the files written, which a second import, with the right
/// folder, keeps as they are.
fn folders(content: &Path, uploads: Option<&Path>) -> anyhow::Result<()> {
    anyhow::ensure!(
        !content.exists() || content.is_dir(),
        "--content {} is a file, not a directory: give the directory the articles are written into",
        content.display()
    );
    if let Some(dir) = uploads {
        anyhow::ensure!(
            dir.exists(),
            "--uploads {}: there is no such directory: give the site's copy of wp-content/uploads",
            dir.display()
        );
        anyhow::ensure!(
            dir.is_dir(),
            "--uploads {} is a file, not a directory: give the site's copy of wp-content/uploads",
            dir.display()
        );
    }
    Ok(())
}

pub fn run(
    file: &Path,
    content: &Path,
    lang: Option<Lang>,
    dry_run: bool,
    uploads: Option<&Path>,
    database: anyhow::Result<Location>,
) -> anyhow::Result<ExitCode> {
    folders(content, uploads)?;
    let text = askaf_content::read_text(file)?;
    let export = parse(&text);
    let plan = convert(
        &export,
        &Options {
            lang,
            today: chrono::Utc::now().date_naive(),
            uploads: uploads.is_some(),
        },
    );
    let mut notes = plan.notes.clone();
    let mut not_imported = plan.not_imported;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let has_comments = plan.articles.iter().any(|a| !a.comments.is_empty());
    let store = if !dry_run && (uploads.is_some() || has_comments) {
        let database = database?;
        super::site_or_new(&database)?;
        Some(runtime.block_on(async {
            super::open_store(&database, "import", super::Access::Writes).await
        })?)
    } else {
        None
    };
    let mut images = uploads.map(|dir| Images {
        dir,
        store: store.as_ref(),
        runtime: &runtime,
        kept: HashMap::new(),
    });

    // The articles already in the content directory, by language and slug.
    let mut existing: HashMap<(Lang, String), PathBuf> = HashMap::new();
    if content.is_dir() {
        for path in askaf_content::article_files(content)? {
            if let Ok(Some(text)) = askaf_content::read_article(&path) {
                if let Ok(parsed) = askaf_content::parse_file(&path, &text) {
                    existing.insert((parsed.front.lang, parsed.front.slug.to_string()), path);
                }
            }
        }
    }

    let (mut written, mut kept, mut drafts) = (0, 0, 0);
    let mut comments = Vec::new();
    for a in &plan.articles {
        let path = content.join(a.lang.code()).join(format!("{}.md", a.slug));
        match existing.get(&(a.lang, a.slug.to_string())) {
            Some(other) if *other != path => {
                not_imported += 1;
                notes.push(askaf_import::Note {
                    line: a.line,
                    message: format!(
                        "“{}”: not imported: {} already has the slug /{}/{}",
                        a.title,
                        other.display(),
                        a.lang,
                        a.slug
                    ),
                });
                continue;
            }
            Some(_) => {
                let same = std::fs::read_to_string(&path).is_ok_and(|t| t == a.source);
                if !same {
                    notes.push(askaf_import::Note {
                        line: a.line,
                        message: format!(
                            "“{}”: {} is already there with other text: kept as it is",
                            a.title,
                            path.display()
                        ),
                    });
                }
                kept += 1;
            }
            None => {
                let mut a = a.clone();
                if let Some(images) = &mut images {
                    notes.extend(images.bring(&mut a)?);
                }
                if !dry_run {
                    write_new(&path, &a.source)?;
                }
                written += 1;
                drafts += usize::from(a.draft);
            }
        }
        for c in &a.comments {
            comments.push((a, c));
        }
    }

    notes.sort_by_key(|n| n.line);
    let mut out = std::io::stdout().lock();
    for n in &notes {
        writeln!(out, "{}:{}: {}", file.display(), n.line, n.message)?;
    }
    let verb = if dry_run { "would write" } else { "wrote" };
    writeln!(
        out,
        "{verb} {written} article(s) ({drafts} draft(s)) to {}; {kept} already there; {not_imported} post(s) not imported",
        content.display()
    )?;

    if let Some(images) = &images {
        let stored = images.kept.values().filter(|k| k.is_ok()).count();
        let verb = if dry_run { "would keep" } else { "kept" };
        writeln!(
            out,
            "{verb} {stored} image(s) from {} in the media store",
            images.dir.display()
        )?;
    }
    if let (Some(store), false) = (&store, comments.is_empty()) {
        let count = runtime.block_on(async {
            let rendered: Vec<_> = comments
                .iter()
                .map(|(_, c)| {
                    (
                        askaf_comments::render(&c.body).html,
                        askaf_comments::fingerprint(&c.body),
                        "WordPress",
                    )
                })
                .collect();
            let rows: Vec<ImportedComment> = comments
                .iter()
                .zip(&rendered)
                .map(|((a, c), (html, fingerprint, source))| ImportedComment {
                    lang: a.lang,
                    slug: a.slug.as_str(),
                    key: c.wp_id,
                    parent_key: c.wp_parent,
                    name: &c.author,
                    email: c.email.as_deref(),
                    ip: c.ip.as_deref(),
                    body: &c.body,
                    body_html: html,
                    fingerprint,
                    status: match c.state {
                        CommentState::Approved => Status::Approved,
                        CommentState::Pending => Status::Pending,
                        CommentState::Spam => Status::Spam,
                    },
                    created_at: &c.created_at,
                    created_unix: c.created_unix,
                    source,
                })
                .collect();
            anyhow::Ok(store.import_comments(&rows).await?)
        })?;
        writeln!(
            out,
            "added {} comment(s) to the database ({} already there); a running server shows them after a restart",
            count.added, count.present
        )?;
    } else if dry_run {
        writeln!(out, "would add up to {} comment(s)", comments.len())?;
    }

    // The directory as a whole: what `askaf serve --content` will load.
    if !dry_run && written > 0 {
        match super::load_site(Some(content)) {
            Ok(_) => {}
            Err(askaf_content::Error::Invalid(problems)) => {
                for p in &problems {
                    writeln!(out, "{p}")?;
                }
                writeln!(
                    out,
                    "the content directory has {} problem(s) now: fix them before serving it",
                    problems.len()
                )?;
                return Ok(ExitCode::FAILURE);
            }
            Err(e) => return Err(e.into()),
        }
    }
    if written + kept == 0 && !plan.articles.is_empty() || export.items.is_empty() {
        writeln!(out, "nothing was imported")?;
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes a new file whole or not at all: a temporary file, synced, renamed.
fn write_new(path: &Path, text: &str) -> anyhow::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let tmp = path.with_extension("md.importing");
    let mut f =
        std::fs::File::create(&tmp).with_context(|| format!("cannot write {}", tmp.display()))?;
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Who the media page and the log say brought an imported image in.
const ACTOR: &str = "askaf import (command line)";

/// The images of the posts, brought in from a copy of `wp-content/uploads`.
struct Images<'a> {
    dir: &'a Path,
    /// None in a dry run: the files are checked, not kept.
    store: Option<&'a Store>,
    runtime: &'a tokio::runtime::Runtime,
    /// Each file of `dir` tried, and what came of it: kept under a name, or
    /// why not. A file two posts show is read and kept once.
    kept: HashMap<PathBuf, Result<MediaName, String>>,
}

impl Images<'_> {
    /// Shows the images of `a` that can be as uploads, and says, for each
    /// that cannot, why it stays a link.
    fn bring(&mut self, a: &mut Article) -> anyhow::Result<Vec<Note>> {
        let mut notes = Vec::new();
        let (line, title) = (a.line, a.title.clone());
        let mut note = |message: String| {
            notes.push(Note {
                line,
                message: format!("“{title}”: {message}"),
            })
        };
        let mut seen = std::collections::HashSet::new();
        for image in a.images.clone() {
            if !seen.insert((image.src.clone(), image.alt.clone())) {
                continue;
            }
            let files = uploads_files(&image.src);
            if files.is_empty() {
                note(format!(
                    "the image {} is not in wp-content/uploads: left as a link to it",
                    image.src
                ));
                continue;
            }
            let Some((file, path)) = files
                .iter()
                .map(|f| (f, self.dir.join(f)))
                .find(|(_, p)| p.is_file())
            else {
                note(format!(
                    "the image {} was not brought in: {} is not in {}; left as a link to it",
                    image.src,
                    files.join(" or "),
                    self.dir.display()
                ));
                continue;
            };
            let kept = match self.kept.get(&path) {
                Some(k) => k.clone(),
                None => {
                    let k = self.keep(&path, file)?;
                    self.kept.insert(path.clone(), k.clone());
                    k
                }
            };
            match kept {
                Ok(name) => {
                    if let Err(why) = a.show_upload(&image, &name.url()) {
                        note(format!(
                            "the image {file} is kept as {} but left as a link to its old address: {why}; write it as an image, ![what it shows]({}), with alt text in the article's language",
                            name.url(),
                            name.url()
                        ));
                    }
                }
                Err(why) => note(format!(
                    "the image {} was not brought in: {file}: {why}; left as a link to it",
                    image.src
                )),
            }
        }
        Ok(notes)
    }

    /// Reads `path` and keeps it as an upload is kept (in a dry run, only
    /// checks it): its name, or why the file is refused. An error is the
    /// store's, and ends the import.
    fn keep(&self, path: &Path, file: &str) -> anyhow::Result<Result<MediaName, String>> {
        // A file over the limit is refused by its length, not read whole
        // first (a video renamed .jpg can be gigabytes).
        if let Ok(size) = std::fs::metadata(path).map(|m| m.len()) {
            if size > askaf_media::MAX_BYTES as u64 {
                let size = usize::try_from(size).unwrap_or(usize::MAX);
                return Ok(Err(askaf_media::MediaError::TooLarge { size }.to_string()));
            }
        }
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => return Ok(Err(format!("cannot read it ({e})"))),
        };
        let Some(store) = self.store else {
            return Ok(askaf_media::accept(&bytes)
                .map(|a| a.name)
                .map_err(|e| e.to_string()));
        };
        let kept = self.runtime.block_on(askaf_site::keep_image(
            store,
            bytes,
            ACTOR,
            file,
            "image imported",
        ))?;
        Ok(kept.map(|k| k.name).map_err(|e| e.to_string()))
    }
}
