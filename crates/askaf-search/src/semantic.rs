//! Optional semantic re-ranking with a sentence encoder.
//!
//! Lexical ranking fails where a question paraphrases its answer in other
//! words, and most often where two passages of one article share the
//! question's words. A sentence-embedding model tells such passages apart.
//! How much to trust it depends on the model, so each says how it was
//! measured to work best ([`Tuning`]): a small symmetric sentence model
//! (all-MiniLM-L6-v2) is asked only when the two best lexical scores stand
//! close, and its similarity is added to theirs; a retrieval model trained
//! on questions against passages (multilingual-e5-small) re-ranks the
//! lexical top candidates of every question mostly by meaning, and its
//! similarity also says when the site holds no answer at all.
//! The site runs without a model; nothing here knows how one is run.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::Arc;

use askaf_content::Lang;

/// The role a text plays. Retrieval models (E5) are trained to be told a
/// question from a passage, and their similarities are only meaningful when
/// each side is encoded as what it is; symmetric sentence models ignore it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// A question or search query.
    Query,
    /// A passage (or one of its sentences) to be found.
    Passage,
}

/// Turns texts into unit-length vectors whose dot product says how close their meanings are.
pub trait Encoder: Send + Sync {
    /// Names the model; vectors cached on disk are kept apart by it.
    fn id(&self) -> &str;
    /// The languages the model was trained for: others are ranked lexically only.
    fn languages(&self) -> &[Lang];
    /// One unit vector per text, all of the same length, each text encoded in `role`.
    fn encode(&self, texts: &[&str], role: Role) -> Result<Vec<Vec<f32>>, EncodeError>;
    /// How Ask uses this model's similarities; the default suits a small
    /// symmetric sentence model such as all-MiniLM-L6-v2.
    fn tuning(&self) -> Tuning {
        Tuning::SENTENCE_MODEL
    }
}

/// How the engine uses a model, as measured for it with `askaf eval`; each
/// value can be overridden by the engine's `semantic_*` settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tuning {
    /// The model is asked only when the second lexical score is within this
    /// share of the first; `f32::INFINITY` asks it for every question.
    pub gate: f32,
    /// How many of the lexical top candidates are re-ranked (at least the
    /// number asked for).
    pub candidates: usize,
    /// Weight of the lexical score (divided by the best one) in the blend.
    pub lexical_weight: f32,
    /// Weight of the question's similarity to the whole passage.
    pub passage_weight: f32,
    /// Weight of its similarity to the passage's closest sentence; at 0 the
    /// sentences are not encoded at all (a retrieval model is trained on
    /// whole passages, and encoding every sentence too would double the cost).
    pub sentence_weight: f32,
    /// A question whose best passage is less similar than this has no
    /// answer on the site; `None` when the model's similarities are not
    /// calibrated enough to say.
    pub abstain_below: Option<f32>,
}

impl Tuning {
    /// all-MiniLM-L6-v2: asked for close calls only (about 4 questions in
    /// 10 on SQuAD), its similarities added to the lexical score, the
    /// closest sentence's counting double; the settings it was measured with.
    pub const SENTENCE_MODEL: Tuning = Tuning {
        gate: 0.2,
        candidates: 0,
        lexical_weight: 1.0,
        passage_weight: 0.5,
        sentence_weight: 1.0,
        abstain_below: None,
    };
}

/// A model that failed to encode; the message says why.
#[derive(Debug, thiserror::Error)]
#[error("sentence encoder: {0}")]
pub struct EncodeError(pub String);

/// Each passage's vector and its sentences' vectors, for the languages the encoder knows.
pub(crate) struct Semantic {
    pub encoder: Arc<dyn Encoder>,
    /// The model's tuning with the engine's settings applied.
    pub tuning: Tuning,
    pub passages: Vec<Option<Vec<f32>>>,
    pub sentences: Vec<Vec<Vec<f32>>>,
}

pub(crate) fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// A text's key in the vector cache.
fn key(text: &str) -> [u8; 16] {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(text.as_bytes());
    let mut k = [0u8; 16];
    k.copy_from_slice(&d[..16]);
    k
}

const MAGIC: &[u8; 8] = b"ASKVEC1\n";

/// Vectors already computed, by text: a restart or an edit to one article
/// encodes only the texts it has not seen. Every text in it is a passage or
/// a sentence of one, encoded in [`Role::Passage`]; questions are never cached.
#[derive(Default)]
pub(crate) struct VectorCache {
    dim: usize,
    vectors: HashMap<[u8; 16], Vec<f32>>,
}

impl VectorCache {
    /// Reads a cache file; a missing, truncated or foreign file is an empty cache.
    pub fn load(path: &Path) -> VectorCache {
        let mut bytes = Vec::new();
        let ok = std::fs::File::open(path)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .is_ok();
        let mut cache = VectorCache::default();
        if !ok || bytes.len() < 12 || &bytes[..8] != MAGIC {
            return cache;
        }
        let dim = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize;
        let record = 16 + 4 * dim;
        if dim == 0 || (bytes.len() - 12) % record != 0 {
            return cache;
        }
        cache.dim = dim;
        for r in bytes[12..].chunks_exact(record) {
            let mut k = [0u8; 16];
            k.copy_from_slice(&r[..16]);
            let v = r[16..]
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect();
            cache.vectors.insert(k, v);
        }
        cache
    }

    /// Writes the cache whole to a temporary file, then renames it into place.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if self.dim == 0 {
            return Ok(());
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension("tmp");
        {
            let mut f = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
            f.write_all(MAGIC)?;
            f.write_all(&(self.dim as u32).to_le_bytes())?;
            let mut keys: Vec<&[u8; 16]> = self.vectors.keys().collect();
            keys.sort();
            for k in keys {
                f.write_all(k)?;
                for x in &self.vectors[k] {
                    f.write_all(&x.to_le_bytes())?;
                }
            }
            f.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        }
        std::fs::rename(&tmp, path)
    }

    /// Takes a vector computed before for `text`: an engine that replaces
    /// an article's passages hands over the old ones' vectors, so that the
    /// paragraphs an edit left alone are not encoded again.
    pub fn remember(&mut self, text: &str, vector: Vec<f32>) {
        if self.dim == 0 {
            self.dim = vector.len();
        }
        if vector.len() == self.dim {
            self.vectors.insert(key(text), vector);
        }
    }

    /// Vectors for `texts`, encoding only those not cached, a batch at a
    /// time. The cache then holds these texts' vectors only: those of
    /// paragraphs since edited or deleted would otherwise pile up in the file.
    pub fn vectors(
        &mut self,
        encoder: &dyn Encoder,
        texts: &[&str],
    ) -> Result<Vec<Vec<f32>>, EncodeError> {
        let keys: Vec<[u8; 16]> = texts.iter().map(|t| key(t)).collect();
        let wanted: std::collections::HashSet<&[u8; 16]> = keys.iter().collect();
        self.vectors.retain(|k, _| wanted.contains(k));
        let mut missing: Vec<usize> = Vec::new();
        let mut queued = std::collections::HashSet::new();
        for (i, k) in keys.iter().enumerate() {
            if !self.vectors.contains_key(k) && queued.insert(*k) {
                missing.push(i);
            }
        }
        for chunk in missing.chunks(256) {
            let batch: Vec<&str> = chunk.iter().map(|&i| texts[i]).collect();
            let vs = encoder.encode(&batch, Role::Passage)?;
            if vs.len() != batch.len() {
                return Err(EncodeError(format!(
                    "{} vectors for {} texts",
                    vs.len(),
                    batch.len()
                )));
            }
            for (&i, v) in chunk.iter().zip(vs) {
                if self.dim == 0 {
                    self.dim = v.len();
                }
                if v.len() != self.dim {
                    return Err(EncodeError(format!(
                        "a vector of {} numbers where {} were expected",
                        v.len(),
                        self.dim
                    )));
                }
                self.vectors.insert(keys[i], v);
            }
        }
        Ok(keys.iter().map(|k| self.vectors[k].clone()).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Letter counts, normalized: enough to test the cache's bookkeeping.
    struct Letters {
        calls: AtomicUsize,
    }

    impl Encoder for Letters {
        fn id(&self) -> &str {
            "letters"
        }
        fn languages(&self) -> &[Lang] {
            &[Lang::En]
        }
        fn encode(&self, texts: &[&str], _: Role) -> Result<Vec<Vec<f32>>, EncodeError> {
            self.calls.fetch_add(texts.len(), Ordering::SeqCst);
            Ok(texts
                .iter()
                .map(|t| {
                    let mut v = vec![0f32; 26];
                    for c in t.chars().filter(char::is_ascii_lowercase) {
                        v[(c as u8 - b'a') as usize] += 1.0;
                    }
                    let n = dot(&v, &v).sqrt().max(f32::EPSILON);
                    v.into_iter().map(|x| x / n).collect()
                })
                .collect())
        }
    }

    #[test]
    fn the_cache_encodes_each_text_once_and_survives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.bin");
        let enc = Letters {
            calls: AtomicUsize::new(0),
        };
        let mut cache = VectorCache::load(&path);
        let a = cache.vectors(&enc, &["kabul", "herat", "kabul"]).unwrap();
        assert_eq!(enc.calls.load(Ordering::SeqCst), 2);
        assert_eq!(a[0], a[2]);
        cache.save(&path).unwrap();
        let mut again = VectorCache::load(&path);
        let b = again.vectors(&enc, &["herat", "kabul", "balkh"]).unwrap();
        assert_eq!(enc.calls.load(Ordering::SeqCst), 3, "only balkh is new");
        assert_eq!(b[1], a[0]);
        // An edit that drops "kabul": its vector leaves the file too.
        again.vectors(&enc, &["herat", "balkh"]).unwrap();
        assert_eq!(enc.calls.load(Ordering::SeqCst), 3);
        again.save(&path).unwrap();
        assert_eq!(VectorCache::load(&path).vectors.len(), 2);
        std::fs::write(&path, b"ASKVEC1\n\x03\0\0\0garbage").unwrap();
        assert!(VectorCache::load(&path).vectors.is_empty());
    }
}
