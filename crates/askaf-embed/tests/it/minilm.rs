//! The real model: all-MiniLM-L6-v2 from `scripts/fetch-model.sh`, found
//! through ASKAF_TEST_MODEL. Without it these tests say so and pass, unless
//! ASKAF_REQUIRE_EXTERNAL=1 (as in CI), when they fail.

use std::sync::Arc;

use askaf_content::Lang;
use askaf_embed::{ModelError, SentenceModel};
use askaf_search::{Encoder, Engine, EngineConfig, Passage, Role, Synonyms};

fn model() -> Option<SentenceModel> {
    let dir = super::model_dir(
        "ASKAF_TEST_MODEL",
        "model.safetensors",
        "bash scripts/fetch-model.sh",
    )?;
    Some(SentenceModel::load(&dir, &[Lang::En]).expect("the model loads"))
}

#[test]
fn vectors_are_unit_length_and_a_paraphrase_is_closer_than_another_topic() {
    let Some(m) = model() else { return };
    let v = m
        .encode(
            &[
                "How many people live in Kabul?",
                "Kabul has a population of about five million.",
                "The afghani is the currency issued by the central bank.",
            ],
            Role::Query,
        )
        .unwrap();
    assert_eq!(v.len(), 3);
    for x in &v {
        assert_eq!(x.len(), 384);
        let n: f32 = x.iter().map(|a| a * a).sum();
        assert!((n - 1.0).abs() < 1e-4, "norm² {n}");
    }
    let dot = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>();
    let near = dot(&v[0], &v[1]);
    let far = dot(&v[0], &v[2]);
    assert!(near > far + 0.1, "paraphrase {near}, other topic {far}");
}

#[test]
fn padding_in_a_batch_does_not_change_a_vector() {
    let Some(m) = model() else { return };
    let texts = [
        "Kabul is the capital.",
        "Kabul, at about 1,800 metres in a valley of the Hindu Kush, is the capital and the largest city of Afghanistan.",
    ];
    let batch = m.encode_batch(&texts).unwrap();
    for (i, t) in texts.iter().enumerate() {
        let alone = m.encode(&[t], Role::Passage).unwrap().remove(0);
        let diff = alone
            .iter()
            .zip(&batch[i])
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f32::max);
        assert!(diff < 1e-4, "text {i} differs by {diff} when padded");
    }
}

#[test]
fn re_ranks_by_meaning_where_words_alone_are_close() {
    let Some(m) = model() else { return };
    let passage = |anchor: &str, text: &str| Passage {
        lang: Lang::En,
        article: "kabul".into(),
        anchor: anchor.into(),
        title: "Kabul".into(),
        question: String::new(),
        headings: vec![],
        text: text.into(),
    };
    let passages = vec![
        passage("p-1", "Kabul lies in a high valley of the Hindu Kush."),
        passage(
            "p-2",
            "About five million people live in Kabul, which has grown fast since 2001.",
        ),
    ];
    let q = "What is the population of Kabul?";
    let lexical = Engine::in_memory(
        passages.clone(),
        &Synonyms::default(),
        EngineConfig::default(),
    )
    .unwrap();
    assert_eq!(lexical.search(q, Lang::En, 2).unwrap()[0].passage, 0);
    let semantic = Engine::in_memory(passages, &Synonyms::default(), EngineConfig::default())
        .unwrap()
        .with_encoder(Arc::new(m), None)
        .unwrap();
    assert_eq!(semantic.search(q, Lang::En, 2).unwrap()[0].passage, 1);
}

#[test]
fn a_directory_without_a_model_says_which_file_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let e = SentenceModel::load(dir.path(), &[Lang::En]).err().unwrap();
    assert!(
        matches!(
            e,
            ModelError::Missing {
                file: "config.json",
                ..
            }
        ),
        "{e}"
    );
    assert!(e.to_string().contains("config.json is missing"), "{e}");
}
