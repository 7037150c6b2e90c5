//! An image taken into the media store: the one path every way in goes
//! through (an upload at `/admin/media`, a WordPress import's `--uploads`),
//! so that an image kept is always one `askaf_media::accept` checked and
//! stripped, named by its bytes, and logged the same way. And the one way
//! out ([`Served::delete_image`]): never while an article shows it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use askaf_content::media::MediaName;
use askaf_content::{Bodies, Lang, Uploads};
use askaf_media::MediaError;
use askaf_store::{Detail, Store};

use crate::{Error, Served};

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
        .await?;
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
            .await?;
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
    /// the text the editor opens), each once, by language and slug; and
    /// these content files, whose last change the site refused (it serves
    /// their previous version, or none), show it as they are on disk, and
    /// would once fixed.
    InUse {
        articles: Vec<ShownIn>,
        files: Vec<PathBuf>,
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
        let kept = self.store.has_media(&file).await?;
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
        let kept = crate::hang::answered(
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
    /// `by`, unless an article shows it: its row and bytes in the store,
    /// logged as "image deleted", and every copy kept of it, here by the
    /// media listeners ([`Served::on_media_deleted`]) and on the other nodes
    /// by their notice. Pages need nothing dropped, since none shows it; the
    /// static mirror's next export leaves its files out, for the same reason.
    pub async fn delete_image(&self, name: &MediaName, by: &str) -> Result<Deletion, Error> {
        let name = name.original();
        // No change applies meanwhile: none can start to show it unseen.
        let _one_at_a_time = self.applying.lock().await;
        let articles = self.articles_showing(&name).await?;
        let files = self.refused_files_showing(&name).await?;
        if !articles.is_empty() || !files.is_empty() {
            return Ok(Deletion::InUse { articles, files });
        }
        let file = name.file_name();
        let Some(original) = self.store.delete_media(&file).await? else {
            // Deleted already: through another node whose notice this one
            // may not have had yet, so heard of here.
            self.media_deleted(&name);
            return Ok(Deletion::NotKept);
        };
        self.store
            .log_action(
                "image deleted",
                &Detail::Image {
                    file,
                    original: original.clone(),
                },
                by,
            )
            .await?;
        self.media_deleted(&name);
        Ok(Deletion::Deleted { original })
    }

    /// The content files whose last change was refused (see
    /// [`Deletion::InUse`]) whose text on disk shows the upload `name`,
    /// those that could not be read as text included.
    async fn refused_files_showing(&self, name: &MediaName) -> Result<Vec<PathBuf>, Error> {
        let refused: Vec<PathBuf> = self
            .refused_files
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .keys()
            .cloned()
            .collect();
        let stem = name.address_stem();
        tokio::task::spawn_blocking(move || {
            refused
                .into_iter()
                .filter(|path| file_holds(path, stem.as_bytes()))
                .collect()
        })
        .await
        .map_err(|e| Error::Task(e.to_string()))
    }

    /// The articles whose text as served, as a draft, or as the editor
    /// opens it shows the upload `name`.
    async fn articles_showing(&self, name: &MediaName) -> Result<Vec<ShownIn>, Error> {
        let live = self.current();
        let mut shown: BTreeMap<(Lang, String), String> = BTreeMap::new();
        for s in self.store.media_shown_in(name).await? {
            // A revision the site served once counts while it is served.
            let current = match &s.revision {
                None => true,
                Some(revision) => live
                    .site
                    .get(s.lang, &s.slug)
                    .is_some_and(|a| &a.revision == revision),
            };
            if current {
                shown.entry((s.lang, s.slug)).or_insert(s.title);
            }
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
        Ok(shown
            .into_iter()
            .map(|((lang, slug), title)| ShownIn { lang, slug, title })
            .collect())
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
    Ok(Uploads::Kept(store.media_kept_among(&shown).await?))
}

/// Every upload the store keeps, in one question: what a start checks the
/// files it reads with, before it reads them ([`crate::load`]).
pub async fn uploads_kept(store: &Store) -> Result<Uploads, Error> {
    Ok(Uploads::Kept(
        store.media_names().await?.into_iter().collect(),
    ))
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

    /// An upload found kept is remembered: the store is not asked again,
    /// even once it has lost the upload behind the site's back, until the
    /// check of every remembered upload finds it gone (heard as a deletion:
    /// forgotten, the listeners told), or a deletion through the site says
    /// there is none (deleted already, by another node).
    #[tokio::test]
    async fn an_upload_found_kept_is_remembered_until_the_store_is_found_to_have_lost_it() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir(&content).unwrap();
        let served = crate::tests::open_served(&dir.path().join("data"), &content).await;
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
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir(&content).unwrap();
        let served = crate::tests::open_served(&dir.path().join("data"), &content).await;
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
