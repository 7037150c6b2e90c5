//! multilingual-e5-small (4-bit) against the package's own engine: its
//! `e5.c`, shipped beside the model by `scripts/fetch-model.sh e5` and compiled
//! here with `cc`, gives the reference token ids and vectors. The model is
//! found through ASKAF_TEST_E5; without it these tests say so and pass,
//! unless ASKAF_REQUIRE_EXTERNAL=1 (as in CI), when they fail. The tests of
//! broken files need no model.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use askaf_content::Lang;
use askaf_embed::{E5Error, E5Model, Role, E5_FILE};
use askaf_search::Encoder;

fn model_dir() -> Option<PathBuf> {
    super::model_dir("ASKAF_TEST_E5", E5_FILE, "bash scripts/fetch-model.sh e5")
}

/// Loaded once for all tests: loading expands 21 M weights.
fn model() -> Option<&'static E5Model> {
    static MODEL: OnceLock<Option<E5Model>> = OnceLock::new();
    MODEL
        .get_or_init(|| {
            model_dir().map(|d| {
                E5Model::load(&d, &[Lang::En, Lang::Fa, Lang::Ps]).expect("the E5 model loads")
            })
        })
        .as_ref()
}

/// English, Dari, Pashto and mixed texts, with the characters that trip
/// tokenizers: ZWNJ, the Arabic-keyboard ي and ك, Persian and Arabic digits.
const TEXTS: &[&str] = &[
    "What is the capital of Afghanistan?",
    "How many people live in Kabul?",
    "پایتخت افغانستان کجاست؟",
    "پايتخت افغانستان كجاست؟",
    "می‌خواهم درباره‌ی تاریخ کابل بیشتر بدانم.",
    "کابل پایتخت و بزرگ‌ترین شهر افغانستان است.",
    "د افغانستان پلازمېنه چېرته ده؟",
    "ښځې او نارینه په ټولنه کې ډېر کار کوي: ګ ږ ځ څ ړ ڼ ۍ ئ ې ښ ټ ډ",
    "Kabul had 4,601,789 people in 2021; کابل ۴٬۶۰۱٬۷۸۹ نفر جمعیت داشت (١٢٣).",
    "Is the افغانی (AFN) still the currency of Afghanistan?",
    "  spaces   between\twords  ",
    "Ünïcödé “quotes” — and ﬁ ligatures, ½ and ２０２４",
];

struct Reference {
    ids: Vec<u32>,
    vector: Vec<f32>,
}

/// Compiles the package's engine with the harness beside this file and runs it on `texts`.
fn reference(dir: &Path, texts: &[&str], role: Role) -> Vec<Reference> {
    static BIN: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_keep, bin) = BIN.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let bin = tmp.path().join("e5_reference");
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/e5_reference.c");
        let status = Command::new(std::env::var("CC").unwrap_or_else(|_| "cc".into()))
            .args(["-O2", "-D_GNU_SOURCE", "-I"])
            .arg(dir)
            .arg(&src)
            .arg("-o")
            .arg(&bin)
            .arg("-lm")
            .status()
            .expect("a C compiler (cc) runs");
        assert!(status.success(), "compiling {} failed", src.display());
        (tmp, bin)
    });
    let mut child = Command::new(bin)
        .arg(dir.join(E5_FILE))
        .arg(match role {
            Role::Query => "query",
            Role::Passage => "passage",
        })
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = String::new();
    for t in texts {
        assert!(!t.contains('\n'));
        input.push_str(t);
        input.push('\n');
    }
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "the reference engine failed");
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2 * texts.len());
    lines
        .chunks(2)
        .map(|pair| {
            let nums = |l: &str, tag: &str| -> Vec<String> {
                let rest = l.strip_prefix(tag).unwrap();
                rest.split_whitespace().map(str::to_owned).collect()
            };
            Reference {
                ids: nums(pair[0], "ids ")
                    .iter()
                    .map(|s| s.parse().unwrap())
                    .collect(),
                vector: nums(pair[1], "vec ")
                    .iter()
                    .map(|s| s.parse().unwrap())
                    .collect(),
            }
        })
        .collect()
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot = |x: &[f32], y: &[f32]| x.iter().zip(y).map(|(p, q)| p * q).sum::<f32>();
    dot(a, b) / (dot(a, a).sqrt() * dot(b, b).sqrt())
}

fn matches_the_reference(role: Role, texts: &[&str]) {
    let Some(m) = model() else { return };
    let dir = model_dir().unwrap();
    let want = reference(&dir, texts, role);
    let got = m.encode_as(texts, role).unwrap();
    for (i, t) in texts.iter().enumerate() {
        assert_eq!(m.token_ids(t, role), want[i].ids, "token ids of {t:?}");
        assert_eq!(got[i].len(), 384);
        let norm: f32 = got[i].iter().map(|x| x * x).sum();
        assert!((norm - 1.0).abs() < 1e-4, "norm² {norm} for {t:?}");
        let c = cosine(&got[i], &want[i].vector);
        assert!(c >= 0.999, "cosine {c} with the reference for {t:?}");
    }
}

#[test]
fn questions_match_the_packages_engine() {
    matches_the_reference(Role::Query, TEXTS);
}

#[test]
fn passages_match_the_packages_engine() {
    matches_the_reference(Role::Passage, TEXTS);
}

#[test]
fn a_passage_longer_than_one_window_matches_the_packages_engine() {
    let long = "Kabul, at about 1,800 metres in a valley of the Hindu Kush, is the capital and the largest city of Afghanistan; کابل پایتخت افغانستان است. ".repeat(24);
    let Some(m) = model() else { return };
    assert!(m.token_ids(&long, Role::Passage).len() > 600);
    matches_the_reference(Role::Passage, &[long.trim_end()]);
}

#[test]
fn the_same_meaning_in_dari_pashto_and_english_is_closer_than_another_topic() {
    let Some(m) = model() else { return };
    let en = [
        "Kabul is the capital and the largest city of Afghanistan.",
        "The afghani is the currency issued by the central bank.",
    ];
    let fa = [
        "کابل پایتخت و بزرگ‌ترین شهر افغانستان است.",
        "افغانی پولی است که بانک مرکزی چاپ می‌کند.",
    ];
    let e = m.encode_as(&en, Role::Passage).unwrap();
    let f = m.encode_as(&fa, Role::Passage).unwrap();
    for i in 0..2 {
        let same = cosine(&e[i], &f[i]);
        let other = cosine(&e[i], &f[1 - i]);
        assert!(
            same > other,
            "{:?}: same meaning {same}, other topic {other}",
            en[i]
        );
    }
    // The Pashto question finds the Dari and the English answer before the other topic.
    let q = m
        .encode(&["د افغانستان پلازمېنه چېرته ده؟"], Role::Query)
        .unwrap()
        .remove(0);
    let q = &q;
    assert!(cosine(q, &f[0]) > cosine(q, &f[1]));
    assert!(cosine(q, &e[0]) > cosine(q, &e[1]));
}

#[test]
fn a_truncated_copy_of_the_model_is_refused_naming_the_file() {
    let Some(_) = model() else { return };
    let full = std::fs::read(model_dir().unwrap().join(E5_FILE)).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    for cut in [full.len() - 1, full.len() / 2, 5_000_000, 1000] {
        let path = tmp.path().join(format!("cut-{cut}.bin"));
        std::fs::write(&path, &full[..cut]).unwrap();
        let e = E5Model::load(&path, &[Lang::En]).err().unwrap();
        let shown = e.to_string();
        assert!(matches!(e, E5Error::Invalid { .. }), "{shown}");
        assert!(shown.contains(&path.display().to_string()), "{shown}");
        assert!(shown.contains("truncated"), "{shown}");
    }
}

#[test]
fn a_file_that_is_not_a_model_is_refused_naming_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let cases: [(&str, Vec<u8>, &str); 3] = [
        ("empty.bin", vec![], "truncated"),
        (
            "weights.safetensors",
            b"{\"__metadata__\":{}}".to_vec(),
            "E5S1",
        ),
        (
            "short.bin",
            [&b"E5S1"[..], &1u32.to_le_bytes(), &384i32.to_le_bytes()].concat(),
            "truncated: the layer count",
        ),
    ];
    for (name, bytes, says) in cases {
        let path = tmp.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let shown = E5Model::load(&path, &[Lang::En]).err().unwrap().to_string();
        assert!(shown.contains(&path.display().to_string()), "{shown}");
        assert!(shown.contains(says), "{shown}");
    }
}

/// The states `piece_states` gives (for the late-interaction measurement,
/// `examples/late_interaction.rs`): one per piece between `<s>` and `</s>`,
/// of unit length, and a word the question and a passage share finds its
/// own piece as its closest in the passage.
#[test]
fn piece_states_are_one_unit_vector_per_piece_and_shared_words_find_each_other() {
    let Some(m) = model() else { return };
    let q = "What is the capital of Afghanistan?";
    let p = "Kabul is the capital and the largest city of Afghanistan.";
    let (qs, ps) = (
        m.piece_states(q, Role::Query).unwrap(),
        m.piece_states(p, Role::Passage).unwrap(),
    );
    let (qi, pi) = (m.token_ids(q, Role::Query), m.token_ids(p, Role::Passage));
    assert_eq!(qs.len(), qi.len() - 2);
    assert_eq!(ps.len(), pi.len() - 2);
    for s in qs.iter().chain(&ps) {
        let norm = s.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4, "{norm}");
    }
    // "capital" and "Afghanistan" (the last two pieces before "?"), and
    // the prefixes' pieces aside.
    let (qi, pi) = (&qi[1..qi.len() - 1], &pi[1..pi.len() - 1]);
    for i in [qi.len() - 4, qi.len() - 2] {
        let closest = (0..ps.len())
            .max_by(|&a, &b| cosine(&qs[i], &ps[a]).total_cmp(&cosine(&qs[i], &ps[b])))
            .unwrap();
        assert_eq!(pi[closest], qi[i], "piece {i} of {qi:?} against {pi:?}");
    }
}
