//! An image taken into the media store: the one path every way in goes
//! through (an upload at `/admin/media`, a WordPress import's `--uploads`),
//! so that an image kept is always one `askaf_media::accept` checked and
//! stripped, named by its bytes, and logged the same way.

use askaf_content::media::MediaName;
use askaf_media::MediaError;
use askaf_store::{Detail, Store};

use crate::Error;

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

/// Removes the smaller copies of the upload `name` (any of its sizes)
/// kept in `dir` (`DATA/media`), where the server keeps them once made:
/// a copy not there is no error. Returns how many were removed.
pub fn remove_copies(dir: &std::path::Path, name: &MediaName) -> std::io::Result<usize> {
    let mut removed = 0;
    for copy in name
        .original()
        .sizes()
        .iter()
        .filter(|s| s.variant.is_some())
    {
        match std::fs::remove_file(dir.join(copy.file_name())) {
            Ok(()) => removed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(removed)
}

/// The images `source` (an article file, at `path`) shows by an upload's
/// address that the store does not keep, as problems by line: checked
/// where the store is at hand, by the editor before a save and by `askaf
/// check --data`, since a file alone cannot tell.
pub async fn missing_uploads(
    store: &Store,
    path: &std::path::Path,
    source: &str,
) -> Result<Vec<askaf_content::Problem>, Error> {
    let mut problems = Vec::new();
    for (line, name, url) in askaf_content::uploads_shown(path, source) {
        if !store.has_media(&name.file_name()).await? {
            problems.push(askaf_content::Problem::new(
                path,
                line,
                askaf_content::ProblemKind::ImageNotKept { url },
            ));
        }
    }
    Ok(problems)
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
        let missing = missing_uploads(&store, std::path::Path::new("maps.md"), &text)
            .await
            .unwrap();
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
}
