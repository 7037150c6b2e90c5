//! The engine's tunable weights and cutoffs ([`EngineConfig`]), each
//! settable by name (`askaf eval --set`, `askaf serve` settings).

use askaf_content::Lang;

use crate::semantic::Tuning;

/// Tunable weights; the defaults are what `askaf eval` was measured with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EngineConfig {
    pub boost_question: f32,
    pub boost_title: f32,
    pub boost_headings: f32,
    /// Weight of question coverage when re-ranking passages.
    pub coverage_weight: f32,
    /// Weight of term proximity when re-ranking passages.
    pub proximity_weight: f32,
    /// Below this confidence the engine abstains when words are all it has
    /// (no sentence model, or one without a cutoff for the language), by
    /// language: English, Dari, Pashto. The confidence is the share of the
    /// question's weight the answer holds, and a share means less in
    /// Persian, whose questions carry colloquial forms, misspellings and
    /// joined words the articles never use. Calibrated with `askaf eval
    /// --offcorpus`: the cutoff at which a set's answerable questions are
    /// turned away at most about 4% of the time (docs/ask-measurements.md). English
    /// 0.38 took off-corpus abstention on SQuAD from 0.57 to 0.78 (answerable
    /// 0.011 → 0.035); 0.37 since [`Self::abstain_one_held`], which turns
    /// answerable questions away too, keeps both halves of SQuAD's test
    /// together within 0.05 (0.048; 0.052 at 0.38); Dari 0.27 brought the answerable questions turned away
    /// from 0.079 and 0.065 to 0.048 on ParsiNLU and PersianQA. Pashto has no
    /// public set: it takes Dari's value, its analysis being the closest.
    pub abstain_below: [f32; 3],
    /// With the rule by meaning (a model with a cutoff for the language),
    /// the words' cutoff, by language as [`Self::abstain_below`]: low,
    /// since the combined rule ([`Tuning::abstain_below`]) does the telling
    /// apart. 0.2 in every language. Dari and Pashto took it first: at 0.3
    /// the words alone turned away 0.079 of ParsiNLU's and 0.071 of
    /// PersianQA's answerable questions in the off-corpus test, most of
    /// them ones the meaning vouched for; at 0.2, 0.079 and 0.036, with
    /// PersianQA's answer accuracy 0.649 → 0.661 and the off-corpus
    /// questions turned away unchanged (0.839 and 0.974, docs/ask-measurements.md). English
    /// kept 0.3, with which the rule was fitted on the first half of
    /// SQuAD's off-corpus test, until the second half (`--offcorpus=second`)
    /// showed the words turning away twice as many of its answerable
    /// questions (0.067 in all): at 0.2, 0.044 → 0.037 and 0.067 → 0.059 on
    /// the two halves, answer accuracy up on both, for 0.007 and 0.002 of
    /// the off-corpus questions (docs/ask-measurements.md, "Both halves").
    pub abstain_below_with_meaning: [f32; 3],
    /// The engine abstains when the answer (its sentence, with the passage's
    /// title and headings) lacks one word of the question that carries this
    /// share of the question's weight or more. Words weigh by their rarity
    /// in the index, so this is a rare main word of the question that the
    /// answer does not hold: most often a name the site never uses
    /// ("How many provinces does Canada have?"). Measured with `askaf eval
    /// --offcorpus`: at 0.5 it abstains on more off-corpus questions at no
    /// cost in answer accuracy; lower, it turns away answerable questions
    /// that paraphrase a word, which short Persian questions often do.
    /// When a model's rule of meaning decides, this rule is not applied:
    /// that rule weighs the same share ([`Tuning::abstain_missing`]).
    pub abstain_missing: f32,
    /// When words are all it has, the engine abstains on a question of at
    /// most this many words (concepts) whose answer (its sentence, with the
    /// passage's title and headings) lacks any one of them, whatever their
    /// weights; by language as [`Self::abstain_below`]. With a model's rule
    /// of meaning, such a question is answered only when its similarity
    /// alone reaches that rule's cutoff. In a short question
    /// every word is a main one, and a word's rarity in a small site says
    /// little: "What is the capital of France?" was answered with "…a little
    /// larger than France…" because "France" occurs once in the built-in
    /// site and so outweighed "capital". Measured with `askaf eval
    /// --offcorpus --details` (docs/ask-measurements.md): in English, at 2 it turned
    /// away 0.013 more of SQuAD's off-corpus questions for 0.006 of its
    /// answerable ones, 17 of the 20 answered wrongly; in Persian it turned
    /// away 4 of ParsiNLU's 63 answerable questions (3 answered rightly) for
    /// 1 off-corpus one, as short Persian queries paraphrase or join their
    /// words, so Dari and Pashto keep 0 (off).
    pub abstain_short: [u32; 3],
    /// When words are all it has, the engine abstains on a question of at
    /// least this many words (concepts) whose answer (its sentence, with
    /// the passage's title and headings) holds only one of them, however
    /// heavy that one; by language as [`Self::abstain_below`], 0 for off.
    /// With a model's rule of meaning, such a question is answered only
    /// when its similarity alone reaches that rule's cutoff, as for
    /// [`Self::abstain_short`]. One word shared is a coincidence more
    /// often than an answer: "How do I apply for a US visa?" was answered
    /// "UN sanctions still apply." because "apply" is rarer in the
    /// built-in site than "visa". Measured with `askaf eval --offcorpus
    /// --details` on both halves of each public set without a model
    /// (docs/ask-measurements.md): in English at 3 it turned away 134 of SQuAD's
    /// 5,665 off-corpus questions for 30 answerable ones, 11 of them
    /// answered rightly, more than the words' cutoff turns away for as
    /// many answerable ones (with the cutoff one step lower to keep the
    /// same share, 0.842 of the off-corpus questions against 0.832); in Persian it cost more than it gained on
    /// ParsiNLU (15 answerable of 125, 8 answered rightly, for 31
    /// off-corpus), whose colloquial questions share one word with their
    /// passage and paraphrase the rest, so Dari and Pashto keep 0.
    pub abstain_one_held: [u32; 3],
    /// By language: in a language whose rule by meaning weighs the quoted
    /// passage (English), a question of at most this many words is still
    /// quoted only from a passage near the first in meaning
    /// ([`Tuning::quote_within`]). Two words tell little by themselves:
    /// "who is in charge of afghanistan" stood 0.882 from the article on who
    /// governs and was quoted, at confidence 1.0, from a passage 0.834 away
    /// on the International Criminal Court's "charges", which holds both.
    pub quote_near_words: [u32; 3],
    /// How many passages answer sentences are drawn from.
    pub answer_passages: usize,
    /// Weight of the passage's best sentence's coverage when re-ranking passages.
    pub sentence_weight: f32,
    /// When choosing the answer sentence, how much a question word that the
    /// passage's title or headings already hold counts: the topic is named
    /// in many sentences (or only by pronoun) and tells them apart poorly.
    pub topic_weight: f32,
    /// With a sentence encoder, each of these overrides the model's own
    /// [`Tuning`] (`None` keeps it): the model is asked only when the
    /// second passage's score is within this share of the first's (`inf`:
    /// always).
    pub semantic_gate: Option<f32>,
    /// How many lexical candidates the model re-ranks.
    pub semantic_candidates: Option<usize>,
    /// [`Tuning::added`].
    pub semantic_added: Option<usize>,
    /// Weight of the lexical score (divided by the best) in the blend.
    pub semantic_lexical_weight: Option<f32>,
    /// Weight of the question's similarity to the whole passage.
    pub semantic_passage_weight: Option<f32>,
    /// Weight of its similarity to the passage's closest sentence.
    pub semantic_sentence_weight: Option<f32>,
    /// [`Tuning::phrase_weight`].
    pub semantic_phrase_weight: Option<f32>,
    /// The cutoff of the rule by meaning ([`Tuning::abstain_below`]).
    pub semantic_abstain_below: Option<f32>,
    /// [`Tuning::across_below`].
    pub semantic_across_below: Option<f32>,
    /// [`Tuning::across_centered_below`].
    pub semantic_across_centered_below: Option<f32>,
    /// [`Tuning::abstain_confidence`].
    pub semantic_abstain_confidence: Option<f32>,
    /// [`Tuning::abstain_missing`].
    pub semantic_abstain_missing: Option<f32>,
    /// [`Tuning::prior_scale`].
    pub semantic_prior_scale: Option<f32>,
    /// [`Tuning::quote_within`]; 0 or less: any passage may be quoted from.
    pub semantic_quote_within: Option<f32>,
    /// [`Tuning::quoted_abstain_below`], by language as
    /// [`Self::abstain_below`]; 0 (or less) weighs the closest passage.
    pub semantic_quoted_abstain_below: [Option<f32>; 3],
    /// When choosing the answer sentence for a question that asks for a
    /// number ("how many", "چند"): added to sentences that hold one.
    pub number_bonus: f32,
    /// Added as well when the number counts one of the question's words.
    pub count_bonus: f32,
    /// When choosing the answer sentence: weight of the question's coverage
    /// by the sentence's opening words.
    pub opening_weight: f32,
    /// When choosing the answer sentence for "چندمین": added to sentences
    /// that hold an ordinal.
    pub ordinal_bonus: f32,
}

/// How a setting of [`SETTINGS`] takes its value.
#[derive(Clone, Copy)]
enum Setter {
    /// Kept by language: `NAME_LANG` sets one language's, `NAME` every
    /// language's (listed as `NAME[_LANG]`).
    ByLang(fn(&mut EngineConfig, Lang, f32)),
    /// Kept by language and set one language at a time: `NAME_LANG` only
    /// (listed so).
    OneLang(fn(&mut EngineConfig, Lang, f32)),
    /// One value, for every language.
    One(fn(&mut EngineConfig, f32)),
}

impl Setter {
    /// The name as an unknown name's error lists it: `_LANG` stands for a
    /// language's code (`_en`, `_fa`, `_ps`), in brackets where it may be left out.
    fn listed(self, name: &str) -> String {
        match self {
            Setter::ByLang(_) => format!("{name}[_LANG]"),
            Setter::OneLang(_) => format!("{name}_LANG"),
            Setter::One(_) => name.to_string(),
        }
    }
}

/// Every setting `EngineConfig::set` takes, by name, with what it sets:
/// the one table both setting and an unknown name's list of names come
/// from, so neither can have a name the other lacks.
const SETTINGS: &[(&str, Setter)] = &[
    (
        "abstain_below",
        Setter::ByLang(|c, l, v| c.abstain_below[l.index()] = v),
    ),
    (
        "abstain_short",
        Setter::ByLang(|c, l, v| c.abstain_short[l.index()] = v.max(0.0) as u32),
    ),
    (
        "abstain_one_held",
        Setter::ByLang(|c, l, v| c.abstain_one_held[l.index()] = v.max(0.0) as u32),
    ),
    (
        "quote_near_words",
        Setter::ByLang(|c, l, v| c.quote_near_words[l.index()] = v.max(0.0) as u32),
    ),
    (
        "abstain_below_with_meaning",
        Setter::ByLang(|c, l, v| c.abstain_below_with_meaning[l.index()] = v),
    ),
    // 0 (or less) weighs the closest passage instead.
    (
        "semantic_quoted_abstain_below",
        Setter::OneLang(|c, l, v| c.semantic_quoted_abstain_below[l.index()] = Some(v)),
    ),
    ("boost_question", Setter::One(|c, v| c.boost_question = v)),
    ("boost_title", Setter::One(|c, v| c.boost_title = v)),
    ("boost_headings", Setter::One(|c, v| c.boost_headings = v)),
    ("coverage_weight", Setter::One(|c, v| c.coverage_weight = v)),
    (
        "proximity_weight",
        Setter::One(|c, v| c.proximity_weight = v),
    ),
    ("sentence_weight", Setter::One(|c, v| c.sentence_weight = v)),
    ("topic_weight", Setter::One(|c, v| c.topic_weight = v)),
    (
        "semantic_gate",
        Setter::One(|c, v| c.semantic_gate = Some(v)),
    ),
    (
        "semantic_candidates",
        Setter::One(|c, v| c.semantic_candidates = Some(v.max(0.0) as usize)),
    ),
    (
        "semantic_lexical_weight",
        Setter::One(|c, v| c.semantic_lexical_weight = Some(v)),
    ),
    (
        "semantic_passage_weight",
        Setter::One(|c, v| c.semantic_passage_weight = Some(v)),
    ),
    (
        "semantic_sentence_weight",
        Setter::One(|c, v| c.semantic_sentence_weight = Some(v)),
    ),
    (
        "semantic_phrase_weight",
        Setter::One(|c, v| c.semantic_phrase_weight = Some(v)),
    ),
    (
        "semantic_abstain_below",
        Setter::One(|c, v| c.semantic_abstain_below = Some(v)),
    ),
    (
        "semantic_across_below",
        Setter::One(|c, v| c.semantic_across_below = Some(v)),
    ),
    (
        "semantic_across_centered_below",
        Setter::One(|c, v| c.semantic_across_centered_below = Some(v)),
    ),
    (
        "semantic_abstain_confidence",
        Setter::One(|c, v| c.semantic_abstain_confidence = Some(v)),
    ),
    (
        "semantic_abstain_missing",
        Setter::One(|c, v| c.semantic_abstain_missing = Some(v)),
    ),
    (
        "semantic_prior_scale",
        Setter::One(|c, v| c.semantic_prior_scale = Some(v)),
    ),
    (
        "semantic_quote_within",
        Setter::One(|c, v| c.semantic_quote_within = Some(v)),
    ),
    ("number_bonus", Setter::One(|c, v| c.number_bonus = v)),
    ("count_bonus", Setter::One(|c, v| c.count_bonus = v)),
    ("opening_weight", Setter::One(|c, v| c.opening_weight = v)),
    ("ordinal_bonus", Setter::One(|c, v| c.ordinal_bonus = v)),
    ("abstain_missing", Setter::One(|c, v| c.abstain_missing = v)),
    (
        "semantic_added",
        Setter::One(|c, v| c.semantic_added = Some(v.max(0.0) as usize)),
    ),
    (
        "answer_passages",
        Setter::One(|c, v| c.answer_passages = v.max(1.0) as usize),
    ),
];

impl EngineConfig {
    /// Applies `name=value` settings, for tuning from the command line
    /// (an unknown name's error lists them all).
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        let v: f32 = value
            .parse()
            .map_err(|_| format!("`{value}` is not a number"))?;
        // The cutoffs kept by language: `NAME_en` sets one language's,
        // `NAME` (where it is allowed) every language's.
        let (base, lang) = match name.rsplit_once('_') {
            Some((base, code)) => match code.parse::<Lang>() {
                Ok(lang) => (base, Some(lang)),
                Err(_) => (name, None),
            },
            None => (name, None),
        };
        for &(known, setter) in SETTINGS {
            match (setter, lang) {
                (Setter::ByLang(set), Some(l)) if known == base => set(self, l, v),
                (Setter::ByLang(set), None) if known == base => {
                    Lang::ALL.iter().for_each(|&l| set(self, l, v))
                }
                (Setter::OneLang(set), Some(l)) if known == base => set(self, l, v),
                (Setter::One(set), _) if known == name => set(self, v),
                _ => continue,
            }
            return Ok(());
        }
        let listed: Vec<String> = SETTINGS
            .iter()
            .map(|&(known, setter)| setter.listed(known))
            .collect();
        Err(format!(
            "unknown setting `{name}`; the settings are {}",
            listed.join(", ")
        ))
    }

    /// The words' cutoff for a question in `lang` ([`Self::abstain_below`]).
    pub fn lexical_cutoff(&self, lang: Lang) -> f32 {
        self.abstain_below[lang.index()]
    }

    /// A model's tuning with these settings' overrides applied.
    pub fn tuning(&self, model: Tuning) -> Tuning {
        Tuning {
            gate: self.semantic_gate.unwrap_or(model.gate),
            candidates: self.semantic_candidates.unwrap_or(model.candidates),
            added: self.semantic_added.unwrap_or(model.added),
            lexical_weight: self.semantic_lexical_weight.unwrap_or(model.lexical_weight),
            passage_weight: self.semantic_passage_weight.unwrap_or(model.passage_weight),
            sentence_weight: self
                .semantic_sentence_weight
                .unwrap_or(model.sentence_weight),
            phrase_weight: self.semantic_phrase_weight.unwrap_or(model.phrase_weight),
            abstain_below: self.semantic_abstain_below.or(model.abstain_below),
            across_below: self.semantic_across_below.or(model.across_below),
            across_centered_below: self
                .semantic_across_centered_below
                .or(model.across_centered_below),
            abstain_confidence: self
                .semantic_abstain_confidence
                .unwrap_or(model.abstain_confidence),
            abstain_missing: self
                .semantic_abstain_missing
                .unwrap_or(model.abstain_missing),
            prior_scale: self.semantic_prior_scale.or(model.prior_scale),
            quote_within: set_or_off(self.semantic_quote_within, model.quote_within),
            quoted_abstain_below: std::array::from_fn(|i| {
                set_or_off(
                    self.semantic_quoted_abstain_below[i],
                    model.quoted_abstain_below[i],
                )
            }),
        }
    }
}

/// A setting that may turn the model's value off: the model's value when
/// not set, the value set when above 0, and none at 0 or less.
fn set_or_off(set: Option<f32>, model: Option<f32>) -> Option<f32> {
    match set {
        Some(v) => (v > 0.0).then_some(v),
        None => model,
    }
}

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig {
            boost_question: 2.0,
            boost_title: 1.5,
            boost_headings: 1.2,
            coverage_weight: 1.0,
            proximity_weight: 0.3,
            abstain_below: [0.37, 0.27, 0.27],
            abstain_below_with_meaning: [0.2, 0.2, 0.2],
            abstain_missing: 0.5,
            abstain_short: [2, 0, 0],
            abstain_one_held: [3, 0, 0],
            quote_near_words: [2, 0, 0],
            answer_passages: 5,
            sentence_weight: 0.5,
            topic_weight: 0.2,
            semantic_gate: None,
            semantic_candidates: None,
            semantic_added: None,
            semantic_lexical_weight: None,
            semantic_passage_weight: None,
            semantic_sentence_weight: None,
            semantic_phrase_weight: None,
            semantic_abstain_below: None,
            semantic_across_below: None,
            semantic_across_centered_below: None,
            semantic_abstain_confidence: None,
            semantic_abstain_missing: None,
            semantic_prior_scale: None,
            semantic_quote_within: None,
            semantic_quoted_abstain_below: [None; 3],
            number_bonus: 0.15,
            count_bonus: 0.15,
            opening_weight: 0.2,
            ordinal_bonus: 0.3,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names an unknown name's error lists are the names `set` takes.
    #[test]
    fn every_listed_setting_is_taken_and_an_unknown_one_lists_them() {
        for &(name, setter) in SETTINGS {
            let listed = setter.listed(name);
            let mut config = EngineConfig::default();
            let forms: Vec<String> = match listed.strip_suffix("[_LANG]") {
                Some(base) => vec![base.to_string(), format!("{base}_fa")],
                None => vec![listed.replace("_LANG", "_ps")],
            };
            for name in forms {
                assert_eq!(config.set(&name, "0.5"), Ok(()), "{name}");
            }
        }
        let err = EngineConfig::default().set("foo", "1").unwrap_err();
        assert_eq!(
            err,
            "unknown setting `foo`; the settings are abstain_below[_LANG], abstain_short[_LANG], \
             abstain_one_held[_LANG], quote_near_words[_LANG], \
             abstain_below_with_meaning[_LANG], \
             semantic_quoted_abstain_below_LANG, boost_question, boost_title, boost_headings, \
             coverage_weight, proximity_weight, sentence_weight, topic_weight, semantic_gate, \
             semantic_candidates, semantic_lexical_weight, semantic_passage_weight, \
             semantic_sentence_weight, semantic_phrase_weight, semantic_abstain_below, \
             semantic_across_below, semantic_across_centered_below, \
             semantic_abstain_confidence, semantic_abstain_missing, \
             semantic_prior_scale, semantic_quote_within, number_bonus, count_bonus, \
             opening_weight, ordinal_bonus, abstain_missing, semantic_added, answer_passages"
        );
        // A name by language, or with another language's code, is not one
        // that is set once; nor one set by language without its code.
        for name in [
            "boost_title_en",
            "semantic_quoted_abstain_below",
            "abstain_below_de",
        ] {
            let err = EngineConfig::default().set(name, "1").unwrap_err();
            assert!(
                err.starts_with(&format!("unknown setting `{name}`")),
                "{err}"
            );
        }
    }

    /// Each name sets a field of its own: none leaves the settings as they
    /// were, and no two set the same.
    #[test]
    fn every_setting_sets_a_field_of_its_own() {
        let mut seen: Vec<(String, EngineConfig)> = Vec::new();
        for &(name, setter) in SETTINGS {
            let name = match setter {
                Setter::One(_) => name.to_string(),
                Setter::ByLang(_) | Setter::OneLang(_) => format!("{name}_ps"),
            };
            let mut config = EngineConfig::default();
            assert_eq!(config.set(&name, "7"), Ok(()), "{name}");
            assert_ne!(config, EngineConfig::default(), "{name} changed nothing");
            for (other, before) in &seen {
                assert_ne!(&config, before, "{name} sets what {other} sets");
            }
            seen.push((name, config));
        }
    }
}
