//! Optional semantic re-ranking with a sentence encoder.
//!
//! Lexical ranking fails where a question paraphrases its answer in other
//! words, and most often where two passages of one article share the
//! question's words. A sentence-embedding model tells such passages apart.
//! How much to trust it depends on the model, so each says how it was
//! measured to work best ([`Tuning`]): a retrieval model trained on
//! questions against passages (multilingual-e5-small, the one Ask runs)
//! re-ranks the lexical top candidates of every question mostly by meaning,
//! and its similarity also says when the site holds no answer at all; a
//! small symmetric sentence model (all-MiniLM-L6-v2, which Ask ran before
//! it) is asked only when the two best lexical scores stand close, and its
//! similarity is added to theirs.
//! The site runs without a model; nothing here knows how one is run.

use std::sync::Arc;

use askaf_content::Lang;

use crate::vectors::Vectors;

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
    /// How Ask uses this model's similarities. The default is for a small
    /// symmetric sentence model asked for close calls only
    /// ([`Tuning::SENTENCE_MODEL`]), as all-MiniLM-L6-v2 was before it was
    /// retired; the one model served now, multilingual-e5-small, has a
    /// tuning of its own, and the default is left to the engine's tests'
    /// hand-made encoders, which try the close-call path.
    fn tuning(&self) -> Tuning {
        Tuning::SENTENCE_MODEL
    }
    /// [`Encoder::encode`] for the background worker ([`Vectors::start`]):
    /// a model that spreads its work over every core should use only the
    /// calling thread here, so that the worker (at the lowest priority)
    /// leaves the other cores to serving.
    fn encode_in_background(
        &self,
        texts: &[&str],
        role: Role,
    ) -> Result<Vec<Vec<f32>>, EncodeError> {
        self.encode(texts, role)
    }
}

/// The fewest passages with vectors a language needs before its mean
/// passage vector is taken to stand for the language
/// ([`Tuning::across_centered_below`]): the mean of a few paragraphs is
/// mostly what they say. The built-in site's Pashto has 26.
pub(crate) const MEAN_MIN_PASSAGES: usize = 20;

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
    /// How many passages closest in meaning, among those the words did not
    /// find, join the candidates. It needs similarities comparable across
    /// passages (a retrieval model), and compares every passage of the
    /// language, so a symmetric model that is asked only for close calls
    /// adds none.
    pub added: usize,
    /// Weight of the lexical score (divided by the best one) in the blend.
    pub lexical_weight: f32,
    /// Weight of the question's similarity to the whole passage.
    pub passage_weight: f32,
    /// Weight of its similarity to the passage's closest sentence; at 0 the
    /// sentences are not encoded at all (a retrieval model is trained on
    /// whole passages, and encoding every sentence too would double the cost).
    pub sentence_weight: f32,
    /// Weight of the share of the question's neighbouring words that the
    /// passage holds as neighbours, as far apart ("capital of Afghanistan"
    /// in "Kabul, the capital of Afghanistan"), each pair weighed by its
    /// lighter word. A pooled vector and a bag of words both miss word
    /// order, which is most of what tells apart two paragraphs of one
    /// article that share the question's words.
    pub phrase_weight: f32,
    /// A question has no answer on the site when its similarity to its
    /// best passage, plus `abstain_confidence` × the lexical confidence,
    /// minus `abstain_missing` × the share of its heaviest word the answer
    /// lacks, stands below this; `None` when the model's similarities are
    /// not calibrated enough to say.
    pub abstain_below: Option<f32>,
    /// A passage in another language is quoted only when its similarity
    /// alone stands at this (`None`: at [`Self::abstain_below`]). It shares
    /// no words with the question, so nothing vouches for it but its
    /// meaning, and a cutoff that suits the reader's own language, where
    /// the words add their part, can be too low for it.
    pub across_below: Option<f32>,
    /// A passage in another language is also quoted when its similarity
    /// to the question, each taken from its own language's mean passage
    /// vector, stands at this, as high as the reader's language's best so
    /// taken (`None`: never). A multilingual model puts a language's
    /// texts close to one another whatever they say, so a question stands
    /// closer to a passage of its own language on another subject than to
    /// one in another language that answers it (multilingual-e5-small: a
    /// Dari question on the 2025 earthquake 0.839 from a Dari paragraph on
    /// provinces, 0.794 from the English one on the earthquake); taken
    /// from their languages' means, the two stand 0.28 and 0.29, and a
    /// Dari question on the flag 0.28 and 0.43 (docs/ask-measurements.md,
    /// "Taken from its language's mean"). Only for languages with at least
    /// 20 passages with vectors, whose mean stands for the language rather
    /// than for a few paragraphs.
    pub across_centered_below: Option<f32>,
    /// How much the lexical confidence (0 to 1) adds to the similarity
    /// when deciding to abstain: the words vouch for a passage the model
    /// rates lower than it should, which short Persian questions meet.
    pub abstain_confidence: f32,
    /// How much the share of the question's weight on the heaviest word
    /// the answer lacks takes from it: a name the site never uses ("the
    /// capital of France") is the commonest mark of an off-site question.
    pub abstain_missing: f32,
    /// When choosing the answer sentence among passages ranked by this
    /// model: how fast a passage's preference falls with its score's
    /// distance from the best (`1 - scale × gap`, at least 0); `None` keeps
    /// the lexical ratio of scores. Similarities stand close together, and
    /// their ratio would hardly prefer the best passage at all; a large
    /// scale (E5's 1000) leaves the preference to the first passage alone.
    pub prior_scale: Option<f32>,
    /// When choosing the answer sentence among passages ranked by this
    /// model, in a language whose rule by meaning weighs the closest
    /// passage (no [`Self::quoted_abstain_below`]): a passage whose
    /// similarity to the question stands more than this below the first
    /// passage's is not quoted from, however much more of the question's
    /// words its sentence holds (`None`: any may be). There nothing else
    /// checks the quoted passage's meaning: "چه کسی افغانستان را اداره
    /// می‌کند؟" (who runs Afghanistan?) stood 0.880 from the article of
    /// that title and was quoted from a passage 0.842 away, the currency
    /// article's "…the Taliban's appointees run it (اداره می‌کنند)", which
    /// holds every word. Where the rule weighs the quoted passage
    /// (English), a far one is turned away by it instead, but for a
    /// question of very few words (`EngineConfig::quote_near_words`), which
    /// is quoted only from within this of the passage closest in meaning.
    pub quote_within: Option<f32>,
    /// By language (English, Dari, Pashto): the languages whose rule by
    /// meaning weighs the passage the answer is quoted from, with this
    /// cutoff in place of [`Self::abstain_below`], rather than the closest
    /// passage found. The words may pick their sentence from a passage the
    /// meaning does not vouch for: "How do I apply for a US visa?" stood
    /// close to the travel article and was answered from a paragraph on
    /// sanctions ("UN sanctions still apply.").
    pub quoted_abstain_below: [Option<f32>; 3],
}

impl Tuning {
    /// A small symmetric sentence model, as all-MiniLM-L6-v2 was measured
    /// (Ask ran it before multilingual-e5-small): asked for close calls
    /// only (about 4 questions in 10 on SQuAD), its similarities added to
    /// the lexical score, the closest sentence's counting double.
    pub const SENTENCE_MODEL: Tuning = Tuning {
        gate: 0.2,
        candidates: 0,
        added: 0,
        lexical_weight: 1.0,
        passage_weight: 0.5,
        sentence_weight: 1.0,
        phrase_weight: 0.0,
        abstain_below: None,
        across_below: None,
        across_centered_below: None,
        abstain_confidence: 0.0,
        abstain_missing: 0.0,
        prior_scale: None,
        quote_within: None,
        quoted_abstain_below: [None; 3],
    };
}

/// A model that failed to encode; the message says why.
#[derive(Debug, thiserror::Error)]
#[error("sentence encoder: {0}")]
pub struct EncodeError(pub String);

/// The model, how it is used, and the vectors of the texts it encoded so
/// far, by text ([`Vectors`]): a passage without one is ranked by its words.
pub(crate) struct Semantic {
    pub encoder: Arc<dyn Encoder>,
    /// The model's tuning with the engine's settings applied.
    pub tuning: Tuning,
    pub vectors: Arc<Vectors>,
}

/// The dot product: the cosine of two unit vectors.
pub(crate) fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}
