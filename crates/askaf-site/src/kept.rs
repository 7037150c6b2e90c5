//! What this node knows of which uploads the store keeps, so that serving
//! one asks the store once rather than for every request of it or of its
//! copies (see [`crate::Served::upload_kept`]).
//!
//! "Kept" is remembered until the upload is deleted, here or on another
//! node ([`crate::Served::on_media_deleted`]), or on PostgreSQL until a
//! check of all of them at once finds it gone without a notice having said
//! so (see [`crate::follow()`]). "Not kept" is remembered briefly
//! ([`NOT_KEPT_FOR`]), so that a page or a bot asking again and again for
//! an image deleted (or never uploaded) does not ask the store each time;
//! it is dropped as soon as an upload of that name is heard of, made here
//! ([`crate::Served::keep_image`]) or on another node (its notice), so an
//! editor who uploads an image and opens the page at once is served it.
//! An upload's name is made of its bytes: a name comes to be kept only by
//! an upload of those bytes.

use std::num::NonZeroUsize;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The most uploads remembered as kept: the one asked for least recently
/// goes first, and is asked of the store again when next wanted. Uploads
/// are few beside pages, and a name is some 30 bytes: well under a
/// megabyte.
pub(crate) const KEPT_UPLOADS: NonZeroUsize = match NonZeroUsize::new(4096) {
    Some(n) => n,
    None => panic!("KEPT_UPLOADS is not zero"),
};

/// The most names remembered as not kept (a bot asking for many makes the
/// oldest go first).
pub(crate) const NOT_KEPT_UPLOADS: NonZeroUsize = match NonZeroUsize::new(1024) {
    Some(n) => n,
    None => panic!("NOT_KEPT_UPLOADS is not zero"),
};

/// How long the store's "not kept" is believed without asking again: what
/// an upload heard of does not drop (one imported on SQLite by a separate
/// `askaf import` while the server runs, notices missed on PostgreSQL
/// before the node reconnects) is served within this.
pub(crate) const NOT_KEPT_FOR: Duration = Duration::from_secs(60);

/// What [`KeptUploads::lookup`] knows of an upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lookup {
    /// Remembered as kept: the store need not be asked.
    Kept,
    /// The store said it does not keep it, less than [`NOT_KEPT_FOR`] ago,
    /// and no upload of it was heard of since.
    NotKept,
    /// Not remembered: ask the store, and give this back to
    /// [`KeptUploads::remember`] with what it said.
    Ask(u64),
}

/// The names (`ID-WxH.ext`, an original's) of the uploads found kept, and
/// of those found not kept a moment ago.
pub(crate) struct KeptUploads {
    inner: Mutex<Inner>,
}

struct Inner {
    names: lru::LruCache<String, ()>,
    /// When the store was asked about each name it said it does not keep.
    not_kept: lru::LruCache<String, Instant>,
    /// Counts what was forgotten or heard uploaded: an answer of the store
    /// asked before may be older than the deletion or the upload that
    /// changed it, so it is not remembered.
    generation: u64,
}

impl KeptUploads {
    pub(crate) fn new(kept: NonZeroUsize, not_kept: NonZeroUsize) -> KeptUploads {
        KeptUploads {
            inner: Mutex::new(Inner {
                names: lru::LruCache::new(kept),
                not_kept: lru::LruCache::new(not_kept),
                generation: 0,
            }),
        }
    }

    fn inner(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// What is remembered of `file` at `now`; else what to hand
    /// [`KeptUploads::remember`] once the store has said.
    pub(crate) fn lookup(&self, file: &str, now: Instant) -> Lookup {
        let mut inner = self.inner();
        if inner.names.get(file).is_some() {
            return Lookup::Kept;
        }
        match inner.not_kept.get(file) {
            Some(asked) if now.saturating_duration_since(*asked) < NOT_KEPT_FOR => Lookup::NotKept,
            Some(_) => {
                inner.not_kept.pop(file);
                Lookup::Ask(inner.generation)
            }
            None => Lookup::Ask(inner.generation),
        }
    }

    /// Remembers whether the store keeps `file`, as it said when asked at
    /// `asked` after [`KeptUploads::lookup`] returned `Ask(generation)`:
    /// unless a name was forgotten or heard uploaded since, which may have
    /// been this one, deleted or uploaded while the store was being asked.
    pub(crate) fn remember(&self, file: String, kept: bool, generation: u64, asked: Instant) {
        let mut inner = self.inner();
        if inner.generation != generation {
            return;
        }
        if kept {
            inner.names.put(file, ());
        } else {
            inner.not_kept.put(file, asked);
        }
    }

    /// Forgets `file` was kept: its upload is deleted, or may be.
    pub(crate) fn forget(&self, file: &str) {
        let mut inner = self.inner();
        inner.names.pop(file);
        inner.generation += 1;
    }

    /// Forgets `file` was not kept: an upload of it was made.
    pub(crate) fn added(&self, file: &str) {
        let mut inner = self.inner();
        inner.not_kept.pop(file);
        inner.generation += 1;
    }

    /// Forgets every name found not kept: uploads may have been made that
    /// this node heard nothing of.
    pub(crate) fn forget_not_kept(&self) {
        let mut inner = self.inner();
        inner.not_kept.clear();
        inner.generation += 1;
    }

    /// Every name remembered as kept, to check them all at once.
    pub(crate) fn names(&self) -> Vec<String> {
        self.inner().names.iter().map(|(n, ())| n.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memory() -> KeptUploads {
        KeptUploads::new(KEPT_UPLOADS, NOT_KEPT_UPLOADS)
    }

    /// Asks about `file` at `now` and remembers the store's answer `kept`.
    fn asked(uploads: &KeptUploads, file: &str, kept: bool, now: Instant) {
        let Lookup::Ask(g) = uploads.lookup(file, now) else {
            panic!("{file} is remembered already")
        };
        uploads.remember(file.into(), kept, g, now);
    }

    #[test]
    fn a_name_is_remembered_until_forgotten_and_an_answer_older_than_a_deletion_is_not() {
        let kept = memory();
        let now = Instant::now();
        asked(&kept, "a.jpg", true, now);
        assert_eq!(kept.lookup("a.jpg", now), Lookup::Kept);
        kept.forget("a.jpg");
        assert!(
            matches!(kept.lookup("a.jpg", now), Lookup::Ask(_)),
            "forgotten"
        );

        // The store said "kept" of b before a deletion was heard: b may be
        // what was deleted, so that answer is not remembered.
        let Lookup::Ask(before) = kept.lookup("b.jpg", now) else {
            panic!()
        };
        kept.forget("b.jpg");
        kept.remember("b.jpg".into(), true, before, now);
        assert!(matches!(kept.lookup("b.jpg", now), Lookup::Ask(_)));
        assert!(kept.names().is_empty());
        // One asked in the same generation is remembered.
        asked(&kept, "b.jpg", true, now);
        assert_eq!(kept.names(), vec!["b.jpg".to_string()]);
    }

    #[test]
    fn no_more_than_the_capacity_is_remembered_and_the_least_recently_asked_goes() {
        let two = NonZeroUsize::new(2).unwrap();
        let kept = KeptUploads::new(two, two);
        let now = Instant::now();
        for name in ["a", "b"] {
            asked(&kept, name, true, now);
        }
        assert_eq!(
            kept.lookup("a", now),
            Lookup::Kept,
            "a asked again: b is older"
        );
        asked(&kept, "c", true, now);
        let mut names = kept.names();
        names.sort();
        assert_eq!(names, vec!["a".to_string(), "c".to_string()]);

        // Names not kept alike, apart from those kept.
        for name in ["x", "y", "z"] {
            asked(&kept, name, false, now);
        }
        assert!(
            matches!(kept.lookup("x", now), Lookup::Ask(_)),
            "x went first"
        );
        assert_eq!(kept.lookup("z", now), Lookup::NotKept);
        assert_eq!(kept.names().len(), 2);
    }

    /// "Not kept" is believed for a minute, then asked again; an upload
    /// of the name heard of drops it at once, and an answer asked before
    /// that upload was heard of is not remembered.
    #[test]
    fn a_name_not_kept_is_remembered_a_minute_unless_an_upload_of_it_is_heard_of() {
        let uploads = memory();
        let t0 = Instant::now();
        asked(&uploads, "gone.jpg", false, t0);
        let almost = t0 + NOT_KEPT_FOR - Duration::from_millis(1);
        assert_eq!(uploads.lookup("gone.jpg", almost), Lookup::NotKept);
        assert!(
            matches!(
                uploads.lookup("gone.jpg", t0 + NOT_KEPT_FOR),
                Lookup::Ask(_)
            ),
            "a minute later the store is asked again"
        );
        asked(&uploads, "gone.jpg", false, t0 + NOT_KEPT_FOR);
        assert_eq!(
            uploads.lookup("gone.jpg", almost + NOT_KEPT_FOR),
            Lookup::NotKept
        );

        // Uploaded: asked again at once, whatever the clock says.
        asked(&uploads, "new.jpg", false, t0);
        uploads.added("new.jpg");
        assert!(matches!(uploads.lookup("new.jpg", t0), Lookup::Ask(_)));
        assert_eq!(
            uploads.lookup("gone.jpg", almost + NOT_KEPT_FOR),
            Lookup::NotKept,
            "the others stay"
        );

        // The store said "not kept" of c before its upload was heard of:
        // the answer may be older than the upload, so it is not kept.
        let Lookup::Ask(before) = uploads.lookup("c.jpg", t0) else {
            panic!()
        };
        uploads.added("c.jpg");
        uploads.remember("c.jpg".into(), false, before, t0);
        assert!(matches!(uploads.lookup("c.jpg", t0), Lookup::Ask(_)));

        // Notices may have been missed: every "not kept" goes, "kept" stays.
        asked(&uploads, "kept.jpg", true, t0);
        uploads.forget_not_kept();
        assert!(matches!(
            uploads.lookup("gone.jpg", almost + NOT_KEPT_FOR),
            Lookup::Ask(_)
        ));
        assert_eq!(uploads.lookup("kept.jpg", t0), Lookup::Kept);
    }
}
