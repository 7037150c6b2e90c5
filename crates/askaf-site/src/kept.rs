//! The uploads this node has found kept in the store, so that serving one
//! asks the store once rather than for every request of it or of its
//! copies (see [`crate::Served::upload_kept`]).
//!
//! Only "kept" is remembered: a name the store does not keep is asked
//! again each time (it may be uploaded meanwhile). A name is forgotten
//! when its upload is deleted, here or on another node
//! ([`crate::Served::on_media_deleted`]), and on PostgreSQL when a check
//! of all of them at once finds it gone without a notice having said so
//! (see [`crate::follow()`]).

use std::num::NonZeroUsize;
use std::sync::Mutex;

/// The most uploads remembered: the one asked for least recently goes
/// first, and is asked of the store again when next wanted. Uploads are
/// few beside pages, and a name is some 30 bytes: well under a megabyte.
pub(crate) const KEPT_UPLOADS: NonZeroUsize = match NonZeroUsize::new(4096) {
    Some(n) => n,
    None => panic!("KEPT_UPLOADS is not zero"),
};

/// What [`KeptUploads::lookup`] knows of an upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lookup {
    /// Remembered as kept: the store need not be asked.
    Kept,
    /// Not remembered: ask the store, and give this back to
    /// [`KeptUploads::remember`] with what it said.
    Ask(u64),
}

/// The names (`ID-WxH.ext`, an original's) of the uploads found kept.
pub(crate) struct KeptUploads {
    inner: Mutex<Inner>,
}

struct Inner {
    names: lru::LruCache<String, ()>,
    /// Counts what was forgotten: an answer of the store asked before a
    /// name was forgotten may be older than the deletion that made it
    /// forgotten, so it is not remembered.
    generation: u64,
}

impl KeptUploads {
    pub(crate) fn new(capacity: NonZeroUsize) -> KeptUploads {
        KeptUploads {
            inner: Mutex::new(Inner {
                names: lru::LruCache::new(capacity),
                generation: 0,
            }),
        }
    }

    fn inner(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether `file` is remembered as kept; else what to hand
    /// [`KeptUploads::remember`] once the store has said so.
    pub(crate) fn lookup(&self, file: &str) -> Lookup {
        let mut inner = self.inner();
        if inner.names.get(file).is_some() {
            Lookup::Kept
        } else {
            Lookup::Ask(inner.generation)
        }
    }

    /// Remembers `file` as kept, as the store said when asked after
    /// [`KeptUploads::lookup`] returned `Ask(generation)`: unless a name
    /// was forgotten since, which may have been this one, deleted while the
    /// store was being asked.
    pub(crate) fn remember(&self, file: String, generation: u64) {
        let mut inner = self.inner();
        if inner.generation == generation {
            inner.names.put(file, ());
        }
    }

    /// Forgets `file`: its upload is deleted, or may be.
    pub(crate) fn forget(&self, file: &str) {
        let mut inner = self.inner();
        inner.names.pop(file);
        inner.generation += 1;
    }

    /// Every name remembered, to check them all at once.
    pub(crate) fn names(&self) -> Vec<String> {
        self.inner().names.iter().map(|(n, ())| n.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_remembered_until_forgotten_and_an_answer_older_than_a_deletion_is_not() {
        let kept = KeptUploads::new(KEPT_UPLOADS);
        let Lookup::Ask(g) = kept.lookup("a.jpg") else {
            panic!("nothing is remembered at first")
        };
        kept.remember("a.jpg".into(), g);
        assert_eq!(kept.lookup("a.jpg"), Lookup::Kept);
        kept.forget("a.jpg");
        assert!(matches!(kept.lookup("a.jpg"), Lookup::Ask(_)), "forgotten");

        // The store said "kept" of b before a deletion was heard: b may be
        // what was deleted, so that answer is not remembered.
        let Lookup::Ask(before) = kept.lookup("b.jpg") else {
            panic!()
        };
        kept.forget("b.jpg");
        kept.remember("b.jpg".into(), before);
        assert!(matches!(kept.lookup("b.jpg"), Lookup::Ask(_)));
        assert!(kept.names().is_empty());
        // One asked in the same generation is remembered.
        let Lookup::Ask(now) = kept.lookup("b.jpg") else {
            panic!()
        };
        kept.remember("b.jpg".into(), now);
        assert_eq!(kept.names(), vec!["b.jpg".to_string()]);
    }

    #[test]
    fn no_more_than_the_capacity_is_remembered_and_the_least_recently_asked_goes() {
        let kept = KeptUploads::new(NonZeroUsize::new(2).unwrap());
        for name in ["a", "b"] {
            let Lookup::Ask(g) = kept.lookup(name) else {
                panic!()
            };
            kept.remember(name.into(), g);
        }
        assert_eq!(kept.lookup("a"), Lookup::Kept, "a asked again: b is older");
        let Lookup::Ask(g) = kept.lookup("c") else {
            panic!()
        };
        kept.remember("c".into(), g);
        let mut names = kept.names();
        names.sort();
        assert_eq!(names, vec!["a".to_string(), "c".to_string()]);
    }
}
