//! An image taken into the media store: the one path every way in goes
//! through (an upload at `/admin/media`, a WordPress import's `--uploads`),
//! so that an image kept is always one `askaf_media::accept` checked and
//! stripped, named by its bytes, and logged the same way. And the one way
//! out ([`Served::delete_image`]): never while an article shows it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use askaf_content::media::MediaName;
use askaf_content::{Article, Bodies, Lang, Uploads};
use askaf_media::MediaError;
use askaf_store::{Detail, MediaDeletion, MediaShown, Store};

use crate::{Doing, Error, Served};

/// An image as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub name: MediaName,
    /// False when the store had these bytes already (the same picture
    /// uploaded twice, or shown by two imported posts): kept once.
    pub new: bool,
}

/// Checks `bytes` and keeps what [`askaf_media::accept`] makes of them,
/// logging it as `action` by `by` (`original` is the file's own name, shown
/// on the media page). The outer error is ours (the store, the task); the
/// inner one says why the file itself was refused, for the person who sent it.
pub async fn keep_image(
    store: &Store,
    bytes: Vec<u8>,
    by: &str,
    original: &str,
    action: &str,
) -> Result<Result<Kept, MediaError>, Error> {
    // Decoding and encoding a photograph takes a good part of a second.
    let accepted = tokio::task::spawn_blocking(move || askaf_media::accept(&bytes))
        .await
        .map_err(|e| Error::Task(e.to_string()))?;
    let accepted = match accepted {
        Ok(a) => a,
        Err(refused) => return Ok(Err(refused)),
    };
    let file = accepted.name.file_name();
    let new = store
        .add_media(&file, &accepted.bytes, by, original)
        .await
        .doing("keeping the upload")?;
    if new {
        store
            .log_action(
                action,
                &Detail::Image {
                    file: file.clone(),
                    original: original.to_string(),
                },
                by,
            )
            .await
            .doing("noting the upload in the moderation log")?;
    }
    Ok(Ok(Kept {
        name: accepted.name,
        new,
    }))
}

/// An article that shows an upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownIn {
    pub lang: Lang,
    pub slug: String,
    pub title: String,
}

/// What [`Served::delete_image`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deletion {
    /// Deleted, with its copies; `original` is the file name it was uploaded as.
    Deleted { original: String },
    /// Not deleted: these articles show it (as served, as a draft, or in
    /// the text the editor opens), each once, by language and slug; these
    /// content files, which the site refused (it serves the version last
    /// accepted from each, or none), show it as they are on disk, and
    /// would once fixed; and these content files, which this node does
    /// not serve as the catalogue records them, show it as it does
    /// (another node's: one reading a content directory this one does
    /// not; or left out of this site for a conflict with the rest).
    InUse {
        articles: Vec<ShownIn>,
        files: Vec<PathBuf>,
        catalogued: Vec<PathBuf>,
    },
    /// No upload of that name is kept (deleted already).
    NotKept,
}

impl Served {
    /// Whether the store keeps the upload `name` (or the one `name` is a
    /// copy of). Asked of the store the first time; an upload found kept is
    /// remembered (the 4,096 asked for most recently), so the requests
    /// for it and its copies after that ask nothing, until it is deleted
    /// ([`Served::delete_image`] here, a notice from another node, or on
    /// PostgreSQL [`follow()`]'s check of them all, which finds one gone
    /// without a notice). One not kept is remembered for a minute (the
    /// 1,024 asked for most recently), unless an upload of it is made
    /// meanwhile ([`Served::keep_image`] here, a notice from another node).
    ///
    /// [`follow()`]: crate::follow()
    pub async fn upload_kept(&self, name: &MediaName) -> Result<bool, Error> {
        let file = name.original().file_name();
        let asked = std::time::Instant::now();
        let generation = match self.kept_uploads.lookup(&file, asked) {
            crate::kept::Lookup::Kept => return Ok(true),
            crate::kept::Lookup::NotKept => return Ok(false),
            crate::kept::Lookup::Ask(generation) => generation,
        };
        let kept = self
            .store
            .has_media(&file)
            .await
            .doing("asking whether an upload is kept")?;
        self.kept_uploads.remember(file, kept, generation, asked);
        Ok(kept)
    }

    /// What this node remembers of whether the store keeps the upload
    /// `name` (see [`Served::upload_kept`]), without asking the store:
    /// for a request that leaves it alone while it is not answering.
    pub fn upload_remembered(&self, name: &MediaName) -> Option<bool> {
        let file = name.original().file_name();
        match self.kept_uploads.lookup(&file, std::time::Instant::now()) {
            crate::kept::Lookup::Kept => Some(true),
            crate::kept::Lookup::NotKept => Some(false),
            crate::kept::Lookup::Ask(_) => None,
        }
    }

    /// [`keep_image`], through this node: an upload of that name is served
    /// at once, though the name was asked for (and found not kept) a
    /// moment before. The other nodes hear of it by the store's notice.
    pub async fn keep_image(
        &self,
        bytes: Vec<u8>,
        by: &str,
        original: &str,
        action: &str,
    ) -> Result<Result<Kept, MediaError>, Error> {
        let kept = keep_image(&self.store, bytes, by, original, action).await?;
        if let Ok(k) = &kept {
            self.upload_added(&k.name);
        }
        Ok(kept)
    }

    /// An upload `name` was made, here or on another node: no longer taken
    /// for not kept.
    pub(crate) fn upload_added(&self, name: &MediaName) {
        self.kept_uploads.added(&name.original().file_name());
    }

    /// Uploads may have been made that no notice told this node of (it was
    /// not listening): every name taken for not kept is asked again.
    pub(crate) fn forget_uploads_not_kept(&self) {
        self.kept_uploads.forget_not_kept();
    }

    /// Asks the store, at once, about every upload remembered as kept
    /// ([`Served::upload_kept`]); one it no longer keeps is heard of as
    /// deleted, as its notice would have said (forgotten, its files
    /// removed). For what no notice told this node: notices sent while
    /// it was not listening, and a database replaced under it (a
    /// `pg_restore` or `copy-db --replace` of an older one).
    pub async fn recheck_uploads(&self) -> Result<(), Error> {
        let names = self.kept_uploads.names();
        if names.is_empty() {
            return Ok(());
        }
        let kept = self
            .answered(
                "asking which remembered uploads are kept",
                self.store.media_kept_among(&names),
            )
            .await?;
        for file in names.iter().filter(|n| !kept.contains(*n)) {
            if let Some(name) = MediaName::parse(file) {
                tracing::info!(
                    upload = file,
                    "an upload this node served is no longer kept; its files go"
                );
                self.media_deleted(&name);
            }
        }
        Ok(())
    }

    /// Deletes the upload `name` (or the one `name` is a copy of), asked by
    /// `by`, unless something shows it: its row and bytes in the store,
    /// logged as "image deleted", and every copy kept of it, here by the
    /// media listeners ([`Served::on_media_deleted`]) and on the other nodes
    /// by their notice. Pages need nothing dropped, since none shows it; the
    /// static mirror's next export leaves its files out, for the same reason.
    ///
    /// What shows an upload is one rule, and what [`Deletion::InUse`]
    /// lists: what the store records, for every node (each content file's
    /// version as the catalogue records it, whichever node read it, unless
    /// the editor's version is served over it; the editor's texts), and
    /// what only this node can see (its drafts, read from their files; its
    /// refused files, as they are on disk).
    ///
    /// This node's part is looked at under the change lock, so that no
    /// change applies here meanwhile and none can start to show the upload
    /// unseen. The refused files are not read under it: such a file may be
    /// of any size (refused for being over the limit, or not text at all),
    /// and every change (the watch's, an editor's save, a scheduled
    /// publication) waited while a huge one was read through. They are
    /// read first; under the lock only which files are refused is looked at
    /// again, and a file refused since is read in another round (see
    /// `READ_ROUNDS`). A refused file's text on disk is not what the lock
    /// guards: it may change at any moment, and the change is applied
    /// after the deletion, checked against the uploads then kept, so a fix
    /// that shows the deleted upload is refused for it.
    ///
    /// The other nodes' changes are not held back by this node's lock. The
    /// store's part is checked again in the statement that deletes
    /// ([`Store::delete_media_unless_shown`]), so a file catalogued or a
    /// text saved by another node between the look and the deletion keeps
    /// the upload, and is listed. An editor's publish another node checked
    /// (finding the upload kept) before the deletion is checked again in
    /// the transaction that saves it, which the deletion's waits for, or
    /// which waits for it ([`Store::save_edit`]): refused, it never serves
    /// the image deleted. So is a content file another node checked before
    /// the deletion and catalogues after it: its catalogue write checks
    /// the uploads again ([`Store::record_changed_files`]), and that node
    /// checks the change again and refuses the file for the upload it
    /// shows, as its start would ([`crate::load`]); until 7 December it
    /// served it with a broken image until then. A start names an
    /// editor's version served whose upload is gone too (a database
    /// restored without it).
    pub async fn delete_image(&self, name: &MediaName, by: &str) -> Result<Deletion, Error> {
        let (name, by) = (name.clone(), by.to_string());
        self.to_the_end(|served| async move { served.delete_image_now(&name, &by).await })
            .await
    }

    /// [`Served::delete_image`], in the task that runs it to its end
    /// ([`Served::to_the_end`]).
    async fn delete_image_now(&self, name: &MediaName, by: &str) -> Result<Deletion, Error> {
        let name = name.original();
        let stem = name.address_stem();
        // Whether each refused file read shows it.
        let mut read: BTreeMap<PathBuf, bool> = BTreeMap::new();
        let mut round = 1;
        let (_one_at_a_time, refused) = loop {
            let unread = self.refused_paths_except(&read);
            read.extend(files_holding(unread, &stem).await?);
            let lock = self.applying.lock().await;
            let unread = self.refused_paths_except(&read);
            if unread.is_empty() {
                break (lock, self.refused_paths());
            }
            if round == READ_ROUNDS {
                read.extend(files_holding(unread, &stem).await?);
                break (lock, self.refused_paths());
            }
            drop(lock);
            round += 1;
        };
        let files: Vec<PathBuf> = refused
            .into_iter()
            .filter(|path| read.get(path) == Some(&true))
            .collect();
        let mut round = 1;
        let original = loop {
            let (articles, catalogued) = self.shown_in(&name).await?;
            if !articles.is_empty() || !files.is_empty() || !catalogued.is_empty() {
                return Ok(Deletion::InUse {
                    articles,
                    files,
                    catalogued,
                });
            }
            match (self.store.delete_media_unless_shown(&name).await).doing("deleting an upload")? {
                MediaDeletion::Deleted(original) => break original,
                // Deleted already: through another node whose notice this
                // one may not have had yet, so heard of here.
                MediaDeletion::NotKept => {
                    self.media_deleted(&name);
                    return Ok(Deletion::NotKept);
                }
                // Shown since it was looked at, through another node: the
                // next round lists what.
                MediaDeletion::Shown if round < SHOWN_ROUNDS => round += 1,
                MediaDeletion::Shown => {
                    return Ok(Deletion::InUse {
                        articles,
                        files,
                        catalogued,
                    })
                }
            }
        };
        self.store
            .log_action(
                "image deleted",
                &Detail::Image {
                    file: name.file_name(),
                    original: original.clone(),
                },
                by,
            )
            .await
            .doing("noting the deletion in the moderation log")?;
        self.media_deleted(&name);
        Ok(Deletion::Deleted { original })
    }

    /// The content files whose last change was refused (see
    /// [`Deletion::InUse`]), by path.
    fn refused_paths(&self) -> Vec<PathBuf> {
        self.refused_files
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .keys()
            .cloned()
            .collect()
    }

    /// [`Served::refused_paths`] but those `read` holds.
    fn refused_paths_except(&self, read: &BTreeMap<PathBuf, bool>) -> Vec<PathBuf> {
        let mut paths = self.refused_paths();
        paths.retain(|p| !read.contains_key(p));
        paths
    }

    /// What shows the upload `name`, but the refused files: the articles
    /// whose text as served, as a draft, or as the editor opens it shows
    /// it, and the content files catalogued as showing it that this node
    /// does not serve at that version (see [`Deletion::InUse`]).
    async fn shown_in(&self, name: &MediaName) -> Result<(Vec<ShownIn>, Vec<PathBuf>), Error> {
        let live = self.current();
        let mut shown: BTreeMap<(Lang, String), String> = BTreeMap::new();
        let mut catalogued: Vec<(PathBuf, String)> = Vec::new();
        for s in
            (self.store.media_shown_in(name).await).doing("asking which articles show an upload")?
        {
            match s {
                MediaShown::Editor { lang, slug, title } => {
                    shown.entry((lang, slug)).or_insert(title);
                }
                MediaShown::File { path, revision } => catalogued.push((path, revision)),
            }
        }
        // A file this node serves (or holds as a draft) at the version
        // catalogued is its article.
        if !catalogued.is_empty() {
            let site = &live.site;
            let by_path: HashMap<&Path, &Article> = (site.articles().chain(site.drafts()))
                .map(|a| (a.file.as_path(), a))
                .collect();
            catalogued.retain(|(path, revision)| match by_path.get(path.as_path()) {
                Some(a) if &a.revision == revision => {
                    let key = (a.lang(), a.slug().to_string());
                    shown.entry(key).or_insert_with(|| a.front.title.clone());
                    false
                }
                _ => true,
            });
        }
        // A draft in a content file, which the store may not hold.
        let stem = name.address_stem();
        for a in live.site.drafts() {
            let key = (a.lang(), a.slug().to_string());
            if shown.contains_key(&key) {
                continue;
            }
            let body = crate::body_of(&self.store, &Bodies::new(), a).await?;
            if body.is_some_and(|b| b.markdown.contains(&stem)) {
                shown.insert(key, a.front.title.clone());
            }
        }
        let articles = shown
            .into_iter()
            .map(|((lang, slug), title)| ShownIn { lang, slug, title })
            .collect();
        Ok((articles, catalogued.into_iter().map(|(p, _)| p).collect()))
    }
}

/// Removes the files of the upload `name` (any of its sizes) kept in `dir`
/// (`DATA/media`), where the server writes its original and its smaller
/// copies once served: a file not there is no error. Returns how many were
/// removed.
pub fn remove_files(dir: &std::path::Path, name: &MediaName) -> std::io::Result<usize> {
    let mut removed = 0;
    for size in name.original().sizes() {
        match std::fs::remove_file(dir.join(size.file_name())) {
            Ok(()) => removed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(removed)
}

/// Which of the uploads `texts` (article files) show the store keeps: what
/// a change is checked with ([`askaf_content::parse_article_with`]), an
/// editor's save and a file the watch read alike, so that one rule refuses
/// an upload's address the site does not keep. The uploads shown are
/// asked of the store together ([`Store::media_kept_among`]), not every
/// upload kept, nor each shown one in a query of its own.
pub async fn uploads_kept_for<'a>(
    store: &Store,
    texts: impl IntoIterator<Item = &'a str>,
) -> Result<Uploads, Error> {
    let shown: Vec<String> = texts
        .into_iter()
        .flat_map(askaf_content::uploads_named)
        .map(|name| name.file_name())
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect();
    Ok(Uploads::Kept(
        store
            .media_kept_among(&shown)
            .await
            .doing("asking which uploads the texts show are kept")?,
    ))
}

/// Every upload the store keeps, in one question: what a start checks the
/// files it reads with, before it reads them ([`crate::load`]).
pub async fn uploads_kept(store: &Store) -> Result<Uploads, Error> {
    crate::load::Reads::Store(store).uploads_kept().await
}

/// How many times [`Served::delete_image`] reads the files refused while it
/// read the others before it reads those under the change lock: a file is
/// refused while another is read only when a change to it applies in that
/// time, so a second round is rare, and a third rarer still; the bound
/// keeps a content directory that changes without end from putting the
/// deletion off for ever.
const READ_ROUNDS: usize = 3;

/// How many times [`Served::delete_image`] looks at what shows an upload
/// when the store finds, as it deletes, something shown since the last
/// look: another node's change made meanwhile, so a second look is rare.
/// The bound keeps a use that comes and goes faster than it is looked at
/// from putting the deletion off for ever.
const SHOWN_ROUNDS: usize = 3;

/// Whether each file of `paths` shows the upload whose address starts
/// with `stem` ([`file_holds`]), read on a blocking thread.
async fn files_holding(paths: Vec<PathBuf>, stem: &str) -> Result<Vec<(PathBuf, bool)>, Error> {
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    let stem = stem.to_string();
    tokio::task::spawn_blocking(move || {
        paths
            .into_iter()
            .map(|path| {
                let holds = file_holds(&path, stem.as_bytes());
                (path, holds)
            })
            .collect()
    })
    .await
    .map_err(|e| Error::Task(e.to_string()))
}

/// Whether the file at `path` holds `needle`, its bytes read a block at a
/// time: a file refused because it cannot be read as an article (not
/// UTF-8, larger than the limit) shows an upload as much as one refused
/// for its front matter does. A file that cannot be opened holds nothing.
fn file_holds(path: &Path, needle: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let mut block = vec![0u8; 64 * 1024];
    // The end of the last block, in case the needle straddles two.
    let mut carried: Vec<u8> = Vec::new();
    loop {
        let n = match file.read(&mut block) {
            Ok(0) | Err(_) => return false,
            Ok(n) => n,
        };
        carried.extend_from_slice(&block[..n]);
        if carried.windows(needle.len()).any(|w| w == needle) {
            return true;
        }
        let keep = needle.len().saturating_sub(1).min(carried.len());
        carried.drain(..carried.len() - keep);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let image = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 7]));
        let mut out = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(image)
            .write_to(&mut out, image::ImageFormat::Png)
            .unwrap();
        out.into_inner()
    }

    /// A site of no article served from a content directory, in a
    /// temporary directory that holds its store too.
    async fn empty_site() -> (tempfile::TempDir, PathBuf, std::sync::Arc<Served>) {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir(&content).unwrap();
        let served = crate::tests::open_served(&dir.path().join("data"), &content).await;
        (dir, content, served)
    }

    /// [`empty_site`], with an upload kept (`a.png`).
    async fn empty_site_with_upload() -> (tempfile::TempDir, PathBuf, std::sync::Arc<Served>, Kept)
    {
        let (dir, content, served) = empty_site().await;
        let kept = keep_image(served.store(), png(30, 20), "ana", "a.png", "x")
            .await
            .unwrap()
            .unwrap();
        (dir, content, served, kept)
    }

    /// An article published in the editor whose upload is gone (deleted
    /// through one node while another published it, or a database
    /// restored without it): a start serves it all the same, as an article
    /// is never taken down for an image, and names the missing image among
    /// its problems, for the log and the health check's count. Until 7
    /// December it was served with a broken image, unsaid.
    #[tokio::test]
    async fn a_start_names_an_editor_article_whose_upload_is_gone() {
        let (_dir, content, served, kept) = empty_site_with_upload().await;
        let shows = format!("![A map of Kabul]({})", kept.name.url());
        let edit = crate::EditRequest {
            lang: Lang::En,
            slug: "maps".into(),
            new: true,
            source: crate::tests::article("maps", &shows),
            author: "ana".into(),
            base: None,
            action: askaf_store::EditAction::Publish,
            then: crate::Then::Nothing,
        };
        let saved = served.apply_edit(edit).await.unwrap();
        assert!(
            matches!(saved, crate::EditOutcome::Saved { .. }),
            "{saved:?}"
        );
        let store = served.store().clone();
        drop(served);
        // As the race leaves it: the text published, the upload deleted.
        let file = kept.name.file_name();
        store.delete_media(&file).await.unwrap().unwrap();

        let loaded = crate::load(&store, crate::Content::Dir(content))
            .await
            .unwrap();
        assert!(loaded.site.get(Lang::En, "maps").is_some(), "still served");
        assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
        let said = loaded.problems[0].to_string();
        assert!(
            said.contains("editor:en/maps.md")
                && said.contains(&file)
                && said.contains("not among the uploads"),
            "{said}"
        );
    }

    #[tokio::test]
    async fn one_picture_is_kept_once_and_a_file_that_is_none_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).await.unwrap();
        let first = keep_image(&store, png(30, 20), "ana", "a.png", "image uploaded")
            .await
            .unwrap()
            .unwrap();
        assert!(first.new);
        assert_eq!((first.name.width, first.name.height), (30, 20));
        // The same picture again, under another name and by someone else.
        let again = keep_image(&store, png(30, 20), "import", "b.png", "image imported")
            .await
            .unwrap()
            .unwrap();
        assert_eq!((again.name, again.new), (first.name.clone(), false));
        let refused = keep_image(&store, b"not a picture".to_vec(), "ana", "c.png", "x")
            .await
            .unwrap();
        assert_eq!(refused, Err(MediaError::NotAnImage));
        // An article showing it, and another upload's address not kept.
        let text = format!(
            "{}\n![A map of Kabul]({})\n\n![A map of Herat](/media/ffffffffffffffff-30x20.png)\n",
            crate::tests::article("maps", "Two maps."),
            first.name.url()
        );
        let uploads = uploads_kept_for(&store, [text.as_str()]).await.unwrap();
        assert_eq!(uploads, uploads_kept(&store).await.unwrap());
        let missing =
            askaf_content::parse_article_with(Path::new("maps.md"), &text, &uploads).unwrap_err();
        assert_eq!(missing.len(), 1, "{missing:?}");
        assert!(
            missing[0]
                .to_string()
                .contains("ffffffffffffffff-30x20.png"),
            "{}",
            missing[0]
        );
        assert_eq!(missing[0].line, text.lines().count(), "the last line");
        let listed = store.media_list(10).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(
            (listed[0].name.as_str(), listed[0].uploaded_by.as_str()),
            (first.name.file_name().as_str(), "ana")
        );
    }

    #[tokio::test]
    async fn an_upload_an_article_shows_is_not_deleted_and_one_none_shows_is() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir(&content).unwrap();
        let other = crate::tests::article("rivers", "Of rivers.");
        std::fs::write(content.join("rivers.md"), &other).unwrap();
        let served = crate::tests::open_served(&dir.path().join("data"), &content).await;
        let deleted = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let heard = deleted.clone();
        served.on_media_deleted(Box::new(move |name| {
            heard.lock().unwrap().push(name.file_name());
        }));
        let kept = keep_image(
            served.store(),
            png(30, 20),
            "ana",
            "a.png",
            "image uploaded",
        )
        .await
        .unwrap()
        .unwrap();
        let shows = format!("![A map of Kabul]({})", kept.name.url());
        let draft = crate::tests::article("later", &shows)
            .replace("\n\n[[sources]]", "\ndraft = true\n\n[[sources]]");
        // As the watch applies files written (a draft's text is read from
        // its file: the store holds what is served).
        let maps = crate::tests::article("maps", &shows);
        std::fs::write(content.join("maps.md"), &maps).unwrap();
        std::fs::write(content.join("later.md"), &draft).unwrap();
        let changes = served
            .apply(vec![
                (content.join("maps.md"), Some(maps)),
                (content.join("later.md"), Some(draft)),
            ])
            .await
            .unwrap();
        assert!(changes.problems.is_empty(), "{:?}", changes.problems);
        assert_eq!(served.current().drafts().count(), 1);
        let refused = served.delete_image(&kept.name, "ed").await.unwrap();
        let shown = |slug: &str| ShownIn {
            lang: Lang::En,
            slug: slug.into(),
            title: format!("About {slug}"),
        };
        assert_eq!(
            refused,
            Deletion::InUse {
                articles: vec![shown("later"), shown("maps")],
                files: vec![],
                catalogued: vec![],
            }
        );
        assert!(served
            .store()
            .has_media(&kept.name.file_name())
            .await
            .unwrap());
        assert!(deleted.lock().unwrap().is_empty());

        // Taken out of the one, the other file gone: deleted, and told.
        served
            .apply(vec![
                (
                    content.join("maps.md"),
                    Some(crate::tests::article("maps", "No map.")),
                ),
                (content.join("later.md"), None),
            ])
            .await
            .unwrap();
        let done = served.delete_image(&kept.name, "ed").await.unwrap();
        assert_eq!(
            done,
            Deletion::Deleted {
                original: "a.png".into()
            }
        );
        assert!(!served
            .store()
            .has_media(&kept.name.file_name())
            .await
            .unwrap());
        assert_eq!(*deleted.lock().unwrap(), vec![kept.name.file_name()]);
        let again = served.delete_image(&kept.name, "ed").await.unwrap();
        assert_eq!(again, Deletion::NotKept);

        // Its files in the media directory go with `remove_files`, and only
        // its: another upload's stay.
        let files = dir.path().join("media");
        std::fs::create_dir(&files).unwrap();
        let big = MediaName::parse("0123456789abcdef-1200x800.jpg").unwrap();
        let other = files.join("fedcba9876543210-1200x800-480.jpg");
        std::fs::write(&other, b"jpeg").unwrap();
        for size in big.sizes() {
            std::fs::write(files.join(size.file_name()), b"jpeg").unwrap();
        }
        let copy = MediaName::parse("0123456789abcdef-1200x800-960.jpg").unwrap();
        assert_eq!(
            remove_files(&files, &copy).unwrap(),
            3,
            "from a copy's name"
        );
        assert_eq!(remove_files(&files, &big).unwrap(), 0);
        assert!(!files.join(big.file_name()).exists(), "the original too");
        assert!(other.exists());
    }

    /// The catalogue is what every node knows of the uploads each content
    /// file shows: a draft changed while serving is recorded as it is now
    /// (one that no longer shows an upload no longer keeps it), and a file
    /// only another node reads keeps the upload it shows, named as such.
    /// Until 7 December a change left a draft's entry as the last start
    /// recorded it, and another node's files were not looked at.
    #[tokio::test]
    async fn the_catalogue_says_what_every_content_file_shows() {
        let (_dir, content, served, kept) = empty_site_with_upload().await;
        let shows = format!("![A map of Kabul]({})", kept.name.url());
        let draft = |body: &str| {
            crate::tests::article("later", body)
                .replace("\n\n[[sources]]", "\ndraft = true\n\n[[sources]]")
        };
        let later = content.join("later.md");
        for (body, start) in [(shows.as_str(), true), ("No map.", false)] {
            std::fs::write(&later, draft(body)).unwrap();
            let changes = served
                .apply(vec![(later.clone(), Some(draft(body)))])
                .await
                .unwrap();
            assert!(changes.problems.is_empty(), "{:?}", changes.problems);
            if start {
                // As a start catalogues it.
                crate::load(served.store(), crate::Content::Dir(content.clone()))
                    .await
                    .unwrap();
            }
        }
        let front = served.current().site.drafts().next().unwrap().front.clone();
        let elsewhere = PathBuf::from("/srv/elsewhere/en/maps.md");
        let entry = askaf_store::CatalogueEntry {
            path: elsewhere.clone(),
            size: 1,
            mtime_ns: 1,
            revision: "not-served-here".into(),
            front,
            uploads: Some(vec![kept.name.file_name()]),
            followed: None,
        };
        served.store().record_files(&[entry], &[]).await.unwrap();
        // Another node reads /srv/elsewhere.
        let store = served.store();
        store
            .record_content_look(Path::new("/srv/elsewhere"))
            .await
            .unwrap();
        assert_eq!(
            served.delete_image(&kept.name, "ed").await.unwrap(),
            Deletion::InUse {
                articles: vec![],
                files: vec![],
                catalogued: vec![elsewhere.clone()],
            }
        );
        served
            .store()
            .record_files(&[], &[elsewhere])
            .await
            .unwrap();
        assert_eq!(
            served.delete_image(&kept.name, "ed").await.unwrap(),
            Deletion::Deleted {
                original: "a.png".into()
            }
        );
    }

    /// A file's bytes are looked through a block at a time: an address
    /// across two blocks is found, in a file that is not UTF-8 too.
    #[test]
    fn an_address_is_found_in_any_file_across_its_blocks() {
        let dir = tempfile::tempdir().unwrap();
        let needle = b"/media/0123456789abcdef-30x20";
        for at in [0, 64 * 1024 - 5, 64 * 1024, 200 * 1024] {
            let mut bytes = vec![0xE9u8; 300 * 1024];
            bytes[at..at + needle.len()].copy_from_slice(needle);
            let path = dir.path().join(format!("{at}.md"));
            std::fs::write(&path, &bytes).unwrap();
            assert!(file_holds(&path, needle), "at {at}");
            assert!(!file_holds(&path, b"/media/fedcba9876543210-30x20"));
        }
        assert!(!file_holds(&dir.path().join("gone.md"), needle));
    }

    #[tokio::test]
    async fn a_content_file_refused_with_problems_that_shows_an_upload_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir(&content).unwrap();
        let maps = content.join("maps.md");
        std::fs::write(&maps, crate::tests::article("maps", "No map yet.")).unwrap();
        let served = crate::tests::open_served(&dir.path().join("data"), &content).await;
        let kept = keep_image(served.store(), png(30, 20), "ana", "a.png", "x")
            .await
            .unwrap()
            .unwrap();
        let shows = format!("![A map of Kabul]({})", kept.name.url());
        // The map added, with a mistake in the front matter: refused, the
        // previous version (no map) served; and a new file as mistaken.
        let broken =
            |slug: &str| crate::tests::article(slug, &shows).replace("title = ", "titel = ");
        let roads = content.join("roads.md");
        let mut written = Vec::new();
        for (path, text) in [(&maps, broken("maps")), (&roads, broken("roads"))] {
            std::fs::write(path, &text).unwrap();
            written.push((path.clone(), Some(text)));
        }
        let changes = served.apply(written).await.unwrap();
        assert_eq!(changes.problems.len(), 2, "{:?}", changes.problems);
        assert!(served.current().site.get(Lang::En, "maps").is_some());
        let refused = served.delete_image(&kept.name, "ed").await.unwrap();
        assert_eq!(
            refused,
            Deletion::InUse {
                articles: vec![],
                files: vec![maps.clone(), roads.clone()],
                catalogued: vec![],
            },
            "fixed, they would show it"
        );
        // Fixed without the map, and the other deleted: nothing shows it.
        let fixed = crate::tests::article("maps", "No map after all.");
        std::fs::write(&maps, &fixed).unwrap();
        std::fs::remove_file(&roads).unwrap();
        let changes = served
            .apply(vec![(maps.clone(), Some(fixed)), (roads.clone(), None)])
            .await
            .unwrap();
        assert!(changes.problems.is_empty(), "{:?}", changes.problems);
        let done = served.delete_image(&kept.name, "ed").await.unwrap();
        assert_eq!(
            done,
            Deletion::Deleted {
                original: "a.png".into()
            }
        );
    }

    /// A refused file is read through without holding changes back: a file
    /// as slow to read as a huge one (a pipe whose writer waits) leaves a
    /// change free to apply meanwhile, and the deletion is still refused
    /// once the file turns out to show the upload, as for a file refused
    /// while it was read (looked for again once no change can apply).
    /// Until 7 December the file was read under the change lock, so every
    /// change (the watch's, an editor's save, a scheduled publication)
    /// waited for the read: some 30 ms a megabyte in a test build.
    #[tokio::test]
    async fn a_refused_file_is_read_while_changes_apply() {
        let (_dir, content, served, kept) = empty_site_with_upload().await;
        let slow = content.join("slow.md");
        let made = std::process::Command::new("mkfifo")
            .arg(&slow)
            .status()
            .unwrap();
        assert!(made.success());
        served.refuse_files([slow.clone()], &[]);
        // The writer's open returns once the deletion has opened the pipe
        // to read it; the text comes when the test says.
        let (opened_tx, opened) = std::sync::mpsc::channel();
        let (go, go_rx) = std::sync::mpsc::channel::<()>();
        let shows = format!("![A map of Kabul]({})", kept.name.url());
        let writer = {
            let (slow, text) = (slow.clone(), crate::tests::article("slow", &shows));
            std::thread::spawn(move || {
                use std::io::Write;
                let mut pipe = std::fs::OpenOptions::new().write(true).open(&slow).unwrap();
                opened_tx.send(()).unwrap();
                let _ = go_rx.recv();
                pipe.write_all(text.as_bytes()).unwrap();
            })
        };
        let deleting = {
            let (served, name) = (served.clone(), kept.name.clone());
            tokio::spawn(async move { served.delete_image(&name, "ed").await })
        };
        let reading = tokio::task::spawn_blocking(move || {
            opened.recv_timeout(std::time::Duration::from_secs(30))
        });
        reading.await.unwrap().expect("the deletion reads the file");

        // A change meanwhile: an article, and a file refused for a mistake
        // in its front matter that shows the upload, which the deletion
        // reads in a second round.
        let (rivers, roads) = (content.join("rivers.md"), content.join("roads.md"));
        let text = crate::tests::article("rivers", "Of rivers.");
        let broken = crate::tests::article("roads", &shows).replace("title = ", "titel = ");
        std::fs::write(&rivers, &text).unwrap();
        std::fs::write(&roads, &broken).unwrap();
        let applied = tokio::time::timeout(
            std::time::Duration::from_secs(10),
            served.apply(vec![(rivers, Some(text)), (roads.clone(), Some(broken))]),
        )
        .await;
        go.send(()).unwrap();
        writer.join().unwrap();
        let deleted = deleting.await.unwrap().unwrap();
        assert!(applied.is_ok(), "the change waited for the file's read");
        assert!(served.current().site.get(Lang::En, "rivers").is_some());
        assert_eq!(
            deleted,
            Deletion::InUse {
                articles: vec![],
                files: vec![roads, slow],
                catalogued: vec![],
            }
        );
    }

    /// An upload found kept is remembered: the store is not asked again,
    /// even once it has lost the upload behind the site's back, until the
    /// check of every remembered upload finds it gone (heard as a deletion:
    /// forgotten, the listeners told), or a deletion through the site says
    /// there is none (deleted already, by another node).
    #[tokio::test]
    async fn an_upload_found_kept_is_remembered_until_the_store_is_found_to_have_lost_it() {
        let (_dir, _, served) = empty_site().await;
        let heard = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let told = heard.clone();
        served.on_media_deleted(Box::new(move |name| {
            told.lock().unwrap().push(name.file_name());
        }));
        let mut kept = Vec::new();
        for (w, name) in [(30, "a.png"), (40, "b.png")] {
            let k = keep_image(served.store(), png(w, 20), "ana", name, "image uploaded")
                .await
                .unwrap()
                .unwrap();
            kept.push(k.name);
        }
        let copy = |n: &MediaName| MediaName {
            variant: Some(480),
            ..n.clone()
        };
        for name in &kept {
            assert!(served.upload_kept(&copy(name)).await.unwrap());
        }
        let never = MediaName::parse("0123456789abcdef-1200x800.jpg").unwrap();
        assert!(!served.upload_kept(&never).await.unwrap());

        // Lost behind the site's back (a database replaced by an older one):
        // still remembered, until the check finds it gone.
        let files: Vec<String> = kept.iter().map(|n| n.file_name()).collect();
        served.store().delete_media(&files[0]).await.unwrap();
        assert!(served.upload_kept(&kept[0]).await.unwrap(), "remembered");
        served.recheck_uploads().await.unwrap();
        assert!(!served.upload_kept(&kept[0]).await.unwrap());
        assert!(
            served.upload_kept(&kept[1]).await.unwrap(),
            "the other stays"
        );
        assert_eq!(*heard.lock().unwrap(), vec![files[0].clone()]);

        // Deleted by another node whose notice has not come: deleting it
        // here finds none, and forgets it too.
        served.store().delete_media(&files[1]).await.unwrap();
        assert!(served.upload_kept(&kept[1]).await.unwrap(), "remembered");
        let again = served.delete_image(&kept[1], "ed").await.unwrap();
        assert_eq!(again, Deletion::NotKept);
        assert!(!served.upload_kept(&kept[1]).await.unwrap());
        assert_eq!(*heard.lock().unwrap(), files);
    }

    /// A name the store said it does not keep is believed for a while
    /// (the store is not asked again, though it has the upload now, made
    /// behind the site's back), and an upload of it made through the site
    /// is found kept at once.
    #[tokio::test]
    async fn a_name_found_not_kept_is_found_kept_once_uploaded_through_the_site() {
        let (_dir, _, served) = empty_site().await;
        let upload = || keep_image(served.store(), png(30, 20), "ana", "a.png", "x");
        let name = upload().await.unwrap().unwrap().name;
        served
            .store()
            .delete_media(&name.file_name())
            .await
            .unwrap();
        assert!(!served.upload_kept(&name).await.unwrap());

        assert!(upload().await.unwrap().unwrap().new, "behind its back");
        assert!(
            !served.upload_kept(&name).await.unwrap(),
            "believed for now"
        );
        let through = served
            .keep_image(png(30, 20), "ana", "a.png", "image uploaded")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(through.name, name);
        assert!(served.upload_kept(&name).await.unwrap());
    }
}
