//! Every term the engine has numbered, and per-language counts by term id.
//!
//! A large site has hundreds of thousands of distinct terms. Held as one
//! `Arc<str>` each, keyed in hash maps once for the ids and again for each
//! language's counts, they cost about as much memory as the rest of the
//! engine together (some 150 MB at 100,000 articles). Here a term's text is
//! written once, into one string; the table from text to id holds only ids
//! (it finds a term's text through the id); and counts are plain vectors
//! indexed by id, four bytes a term.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

/// The terms, numbered 0, 1, 2, … in the order they were first seen.
#[derive(Default)]
pub(crate) struct Terms {
    /// Every term's text, one after another.
    text: String,
    /// Where each term's text ends in `text`; it starts where the one before ends.
    ends: Vec<u32>,
    /// Term ids, found by their text's hash.
    table: HashTable<u32>,
    hasher: FxBuildHasher,
}

impl Terms {
    /// How many terms are numbered.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// The text of term `id`. Panics for an id not numbered here.
    pub fn text(&self, id: u32) -> &str {
        term_text(&self.text, &self.ends, id)
    }

    /// The id of `term`, if it has one.
    pub fn get(&self, term: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(term);
        self.table.find(hash, |&id| self.text(id) == term).copied()
    }

    /// The id of `term`, numbering it if it has none.
    pub fn intern(&mut self, term: &str) -> u32 {
        if let Some(id) = self.get(term) {
            return id;
        }
        let id = super::codec::u32_of(self.ends.len());
        self.text.push_str(term);
        self.ends.push(super::codec::u32_of(self.text.len()));
        let hash = self.hasher.hash_one(term);
        let (text, ends, hasher) = (&self.text, &self.ends, &self.hasher);
        self.table.insert_unique(hash, id, |&other| {
            hasher.hash_one(term_text(text, ends, other))
        });
        id
    }

    /// Every term with its id, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &str)> + '_ {
        (0..self.ends.len() as u32).map(|id| (id, self.text(id)))
    }

    /// Room for `terms` more terms of `bytes` bytes in all, so a restore
    /// that knows its sizes grows nothing by doubling.
    pub fn reserve(&mut self, terms: usize, bytes: usize) {
        self.text.reserve(bytes);
        self.ends.reserve(terms);
        let (text, ends, hasher) = (&self.text, &self.ends, &self.hasher);
        self.table.reserve(terms, |&other| {
            hasher.hash_one(term_text(text, ends, other))
        });
    }
}

impl Terms {
    /// Gives back what [`Self::reserve`] overestimated: a restore reserves
    /// the text room of the record's remaining bytes, several times the
    /// terms' text.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
    }
}

/// Term `id`'s text in `text`, where `ends` says where each term ends.
/// Apart from [`Terms::text`] so that the table, while it moves ids as it
/// grows, can hash their text with only the string and the ends borrowed.
fn term_text<'a>(text: &'a str, ends: &[u32], id: u32) -> &'a str {
    let i = id as usize;
    let start = if i == 0 { 0 } else { ends[i - 1] as usize };
    &text[start..ends[i] as usize]
}

/// A count per term id; 0 for a term not counted. The number of terms
/// with a count is kept alongside, since a term's absence means something
/// (the articles never use the word) and the log reports it.
#[derive(Default, Clone)]
pub(crate) struct Counts {
    by_id: Vec<u32>,
    counted: usize,
}

impl Counts {
    pub fn get(&self, id: u32) -> u32 {
        self.by_id.get(id as usize).copied().unwrap_or(0)
    }

    /// Counts `id` once more; true when it was not counted before.
    pub fn increment(&mut self, id: u32) -> bool {
        let i = id as usize;
        if self.by_id.len() <= i {
            self.by_id.resize(i + 1, 0);
        }
        self.by_id[i] += 1;
        let new = self.by_id[i] == 1;
        self.counted += usize::from(new);
        new
    }

    /// Counts `id` once less; true when it is no longer counted.
    pub fn decrement(&mut self, id: u32) -> bool {
        match self.by_id.get_mut(id as usize) {
            Some(n) if *n > 0 => {
                *n -= 1;
                let gone = *n == 0;
                self.counted -= usize::from(gone);
                gone
            }
            _ => false,
        }
    }

    /// Sets a count read back from the record.
    pub fn set(&mut self, id: u32, n: u32) {
        let i = id as usize;
        if self.by_id.len() <= i {
            self.by_id.resize(i + 1, 0);
        }
        match (self.by_id[i], n) {
            (0, 0) => {}
            (0, _) => self.counted += 1,
            (_, 0) => self.counted -= 1,
            _ => {}
        }
        self.by_id[i] = n;
    }

    /// How many terms have a count.
    pub fn len(&self) -> usize {
        self.counted
    }

    /// Each counted term's id and count, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, u32)> + Clone + '_ {
        self.by_id
            .iter()
            .enumerate()
            .filter(|(_, &n)| n > 0)
            .map(|(i, &n)| (i as u32, n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_keep_their_ids_and_text_as_the_table_grows() {
        let mut terms = Terms::default();
        let words: Vec<String> = (0..5000)
            .map(|i| format!("w{i}"))
            .chain(["", "کابل", "ولایت"].map(String::from))
            .collect();
        let ids: Vec<u32> = words.iter().map(|w| terms.intern(w)).collect();
        assert_eq!(ids, (0..words.len() as u32).collect::<Vec<_>>());
        for (w, &id) in words.iter().zip(&ids) {
            assert_eq!(terms.get(w), Some(id));
            assert_eq!(terms.text(id), w);
            assert_eq!(terms.intern(w), id, "interning again keeps the id");
        }
        assert_eq!(terms.get("کابلی"), None);
        assert_eq!(terms.len(), words.len());
        assert!(terms.iter().all(|(id, t)| t == words[id as usize]));
    }

    #[test]
    fn counts_know_how_many_terms_they_count() {
        let mut c = Counts::default();
        assert!(c.increment(7));
        assert!(!c.increment(7));
        assert!(c.increment(2));
        assert_eq!((c.get(7), c.get(2), c.get(3), c.get(900)), (2, 1, 0, 0));
        assert_eq!(c.len(), 2);
        assert!(!c.decrement(7));
        assert!(c.decrement(7));
        assert!(!c.decrement(7), "a count at 0 stays there");
        assert_eq!(c.len(), 1);
        c.set(9, 4);
        c.set(2, 0);
        assert_eq!(c.iter().collect::<Vec<_>>(), vec![(9, 4)]);
        assert_eq!(c.len(), 1);
    }
}
