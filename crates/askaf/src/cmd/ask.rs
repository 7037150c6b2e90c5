use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use askaf_content::Lang;
use askaf_store::Location;

use askaf_search::{passages_from_site, Decision, Encoder, Engine, EngineConfig, Synonyms};

/// The editors' synonyms shipped with the built-in site.
pub fn builtin_synonyms() -> anyhow::Result<Synonyms> {
    Ok(Synonyms::parse(super::BUILTIN_SYNONYMS)?)
}

/// Synonyms for a content directory: its `synonyms.txt` if it has one, else the built-in list.
pub fn synonyms_for(content: Option<&Path>) -> anyhow::Result<Synonyms> {
    match content.map(|d| d.join("synonyms.txt")) {
        Some(path) if path.exists() => Ok(Synonyms::read(&path)?),
        _ => builtin_synonyms(),
    }
}

/// The sentence encoder `model` names, if any.
pub fn load_model(model: &crate::ModelArgs) -> anyhow::Result<Option<Arc<dyn Encoder>>> {
    match &model.dir {
        Some(dir) => Ok(Some(open_model(dir, model.langs.as_deref())?)),
        None => Ok(None),
    }
}

/// As [`load_model`], but a model that cannot be loaded is reported through
/// `warn` and left out: a question is still answered, by its words alone.
pub fn load_model_or_warn(
    model: &crate::ModelArgs,
    warn: impl FnOnce(&anyhow::Error),
) -> Option<Arc<dyn Encoder>> {
    load_model(model).unwrap_or_else(|e| {
        warn(&e);
        None
    })
}

/// Loads multilingual-e5-small from `path` (its file, or a directory that
/// holds it: [`askaf_embed::E5_FILE`]) for the comma-separated `langs`, by
/// default en, fa and ps. A sentence-transformers directory (the
/// all-MiniLM-L6-v2 Ask ran before E5, retired in December 2026) is named
/// as such, so that an operator who still points at one learns what to fetch.
#[cfg(feature = "model")]
pub fn open_model(path: &Path, langs: Option<&str>) -> anyhow::Result<Arc<dyn Encoder>> {
    use askaf_embed::{E5Model, E5_FILE};
    anyhow::ensure!(
        path.exists(),
        "the Ask model {} does not exist",
        path.display()
    );
    let e5 = path.is_file() || path.join(E5_FILE).exists();
    anyhow::ensure!(
        e5 || !path.join("config.json").exists(),
        "the Ask model directory {} holds a sentence-transformers model (such as \
         all-MiniLM-L6-v2), which Ask no longer runs: it runs multilingual-e5-small, \
         `bash scripts/fetch-model.sh` prints its directory",
        path.display()
    );
    let langs = langs.unwrap_or("en,fa,ps");
    let langs = langs
        .split(',')
        .map(|l| l.trim().parse::<Lang>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| anyhow::anyhow!("model languages `{langs}`: {e}"))?;
    Ok(Arc::new(E5Model::load(path, &langs)?))
}

/// Without the `model` feature there is no model to load: the binary says
/// how to build one that has it, and (through [`load_model_or_warn`]) the
/// site answers by words.
#[cfg(not(feature = "model"))]
pub fn open_model(path: &Path, _langs: Option<&str>) -> anyhow::Result<Arc<dyn Encoder>> {
    anyhow::bail!(
        "this askaf was built without the sentence model, so it cannot load {}: \
         build it with `cargo build --release --features model`",
        path.display()
    )
}

/// What `askaf ask` was asked, and of which site.
pub struct Asked<'a> {
    pub question: &'a str,
    pub lang: Lang,
    /// The content directory; the built-in site without one.
    pub content: Option<&'a Path>,
    /// The site's database: the site as `askaf serve` serves it, the
    /// editor's articles over the content files ([`served_engine`]).
    pub database: Option<&'a Location>,
    /// The site's data directory, where a server keeps the model's
    /// passage vectors ([`askaf_search::vector_file`]): read, so that only
    /// what the server has not encoded is encoded for the question.
    pub data: Option<&'a Path>,
    pub model: &'a crate::ModelArgs,
    pub explain: bool,
}

pub fn run(asked: Asked<'_>) -> anyhow::Result<ExitCode> {
    let Asked {
        question,
        lang,
        content,
        database,
        data,
        model,
        explain,
    } = asked;
    // As the site says it: nothing to load a site for.
    anyhow::ensure!(
        question.chars().any(|c| c.is_alphanumeric()),
        "type a question to ask: it needs at least one word"
    );
    let mut engine = match database {
        Some(database) => served_engine(database, content)?,
        None => {
            let (site, bodies) = super::load_site_with_bodies(content)?;
            Engine::in_memory(
                passages_from_site(&site, &bodies),
                &synonyms_for(content)?,
                EngineConfig::default(),
            )?
        }
    };
    // As the site does, a model that cannot be loaded is reported and the
    // question answered by its words.
    let encoder = load_model_or_warn(model, |e| {
        eprintln!(
            "warning: {}; answering by the question's words alone",
            crate::said(e)
        )
    });
    if let Some(encoder) = encoder {
        let started = std::time::Instant::now();
        let stored = data.map(|dir| askaf_search::vector_file(dir, encoder.as_ref()));
        engine = match &stored {
            Some(file) => engine.with_encoder_reading(encoder, file)?,
            None => engine.with_encoder(encoder, None)?,
        };
        // Encoding the site's passages is most of the wait: say why.
        let encoded = engine.vectors().map_or(0, |v| v.encoded());
        if encoded > 0 {
            let seconds = started.elapsed().as_secs_f32();
            match &stored {
                Some(file) => eprintln!(
                    "note: the model encoded {encoded} text(s) of the site in {seconds:.1} s, \
                     which {} does not hold yet (`askaf serve` keeps them there as it encodes \
                     them in the background)",
                    file.display()
                ),
                None => eprintln!(
                    "note: the model encoded {encoded} text(s) of the site in {seconds:.1} s; \
                     asked of a site's data directory (--data) where `askaf serve` has run, \
                     its stored vectors are read instead"
                ),
            }
        }
    }
    let answer = engine.answer(question, lang, 5)?;
    if answer.abstained {
        println!("No clear answer yet. (confidence {:.2})", answer.confidence);
    } else {
        if let Some(from) = answer.from_lang {
            if answer.decision == Decision::AnsweredAcross {
                println!("(nothing in {lang} answers this; quoted from the {from} article)");
            } else {
                println!("(asked in {from}; quoted from the {from} article)");
            }
        }
        for s in &answer.sentences {
            let Some(p) = engine.passage(s.passage) else {
                continue;
            };
            // A table's row with its columns named: "English: Thank you | …".
            println!("{}\n  — {} <{}>", s.labelled(), p.title, p.link());
        }
        println!("(confidence {:.2})", answer.confidence);
    }
    if explain {
        print_explanation(&engine, &answer);
    }
    if !answer.hits.is_empty() {
        println!("\nRelated:");
        let mut seen = Vec::new();
        for h in &answer.hits {
            let Some(p) = engine.passage(h.passage) else {
                continue;
            };
            let key = (p.lang, p.article.clone());
            if !seen.contains(&key) {
                println!("  {} </{}/{}>", p.title, p.lang, p.article);
                seen.push(key);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The site as `askaf serve` serves it from `database` when it starts:
/// loaded as a start loads it ([`askaf_site::load_read_only`]: the content
/// files, the editor's versions over them, a file with problems served at
/// its last good version), so that an editor asking why Ask answered a
/// reader sees the articles written in the browser.
///
/// It only reads the live database, with no copy of it: from one snapshot
/// ([`askaf_store::Store::snapshot`]: on PostgreSQL one read-only
/// REPEATABLE READ transaction, so a node writing meanwhile changes
/// nothing it sees; SQLite opened read-only, and immutable where no
/// server has it open, so that no `-wal` or `-shm` is made:
/// [`super::read_once`]), never taking the server's lock nor
/// touching its index and pages; the index is built in memory. So it may
/// run while the server does, and writes nothing anywhere.
///
/// A database behind the content files (a file written while no server
/// ran, which a start would record) is said on standard error, and the
/// site asked as a start would serve it, the files' text with it: that is
/// what the next start serves, and what an editor who has just edited a
/// file means to ask.
fn served_engine(database: &Location, content: Option<&Path>) -> anyhow::Result<Engine> {
    super::existing_site(database)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let served = runtime.block_on(super::read_once(database, "ask", async |store| {
        read_served(store, content)
            .await
            .with_context(|| format!("cannot read the site from the database {database}"))
    }))?;
    // Said once, of the read answered from: a read given up for a server
    // that started meanwhile said them too.
    for note in &served.notes {
        eprintln!("note: {note}");
    }
    Ok(served.engine)
}

/// The site read from the database ([`read_served`]), and what to say of it.
struct Served {
    engine: Engine,
    notes: Vec<String>,
}

/// [`served_engine`] from the open `store`, saying nothing.
async fn read_served(store: &askaf_store::Store, content: Option<&Path>) -> anyhow::Result<Served> {
    let snapshot = store.snapshot().await?;
    let loaded = askaf_site::load_read_only(&snapshot, super::content_source(content)).await?;
    let mut notes = Vec::new();
    if loaded.files_unrecorded > 0 {
        notes.push(format!(
            "the database is behind the content directory by {} file(s), new, changed \
             or deleted since a server last read them (or --content reaches the directory \
             through another link than the server's): asked as a start would serve them now (`askaf \
             serve` records them when it starts, or when its content watch sees them)",
            loaded.files_unrecorded
        ));
    }
    if !loaded.problems.is_empty() {
        notes.push(format!(
            "{} problem(s) in the content, which the server reports too \
             (`askaf check`): the site is asked as it serves them",
            loaded.problems.len()
        ));
    }
    let synonyms = synonyms_for(content)?;
    let (engine, missing) =
        askaf_site::engine_read_only(&snapshot, &loaded.site, &loaded.bodies, &synonyms).await?;
    for a in &missing {
        notes.push(format!(
            "the database has no text of the version of {}/{} served ({}), nor does \
             its file: not asked, as the server leaves it out of its index",
            a.lang(),
            a.slug(),
            a.file.display()
        ));
    }
    snapshot.close().await?;
    Ok(Served { engine, notes })
}

/// The question's words the sentence lacks, and the shares of the
/// question's weight it and its passage hold: two lines of
/// [`print_explanation`].
/// The sentence's coverage is given alone, then with the title and
/// headings above it, which count as part of it.
fn shares(s: &askaf_search::Signals) -> String {
    format!(
        "  question words: {}, lacking from that sentence: {} (heaviest lacking: {} of the weight)\n\
         \x20 coverage: sentence {}, sentence with its title and headings {}, passage {}\n",
        s.words,
        s.words_missing,
        share(s.missing),
        share(s.sentence_only),
        share(s.sentence_coverage),
        share(s.passage_coverage)
    )
}

/// A share to two places; one that rounds to zero is 0.00, whatever the
/// sign of the sums it came from (`-0.0`, `-0.001`).
fn share(v: f32) -> String {
    let said = format!("{v:.2}");
    match said.strip_prefix('-') {
        Some(unsigned) if unsigned.bytes().all(|b| b == b'0' || b == b'.') => unsigned.to_string(),
        _ => said,
    }
}

/// What the answer was decided on (`askaf ask --explain`), in the engine's
/// own terms, so that an editor can see which signal turned a question away
/// or let it through.
fn print_explanation(engine: &Engine, answer: &askaf_search::Answer) {
    let s = &answer.signals;
    println!("\nWhy:");
    let link = |c: &askaf_search::AnswerSentence| {
        engine
            .passage(c.passage)
            .map(|p| p.link())
            .unwrap_or_default()
    };
    match &answer.candidate {
        // Quoted by meaning from another language: the figures below are
        // those of the reader's language's best sentence, which it replaced.
        Some(c) if answer.decision == Decision::AnsweredAcross => {
            println!(
                "  quoted by meaning from another language: <{}>, closeness {:.3}",
                link(c),
                answer.confidence
            );
            println!("  first weighed, in the reader's language (if any):");
        }
        Some(c) => println!("  sentence the words chose: {} <{}>", c.labelled(), link(c)),
        None => println!("  no sentence holds any of the question's words"),
    }
    print!("{}", shares(s));
    let show = |v: Option<f32>| v.map_or_else(|| "no model".to_string(), |v| format!("{v:.3}"));
    println!(
        "  closeness in meaning: best passage {}, the sentence's passage {}",
        show(s.similarity),
        show(s.answer_similarity)
    );
    let decision = match answer.decision {
        Decision::NoWords => "no clear answer: no passage holds any of the question's words".to_string(),
        Decision::TooLittleCovered => {
            "no clear answer: the sentence covers too little of the question".to_string()
        }
        Decision::LacksMainWord => {
            "no clear answer: the sentence lacks the question's main word".to_string()
        }
        Decision::ShortAndLacking => {
            "no clear answer: a short question, and the sentence lacks one of its words".to_string()
        }
        Decision::OneWordHeld => {
            "no clear answer: the sentence holds only one of the question's words".to_string()
        }
        Decision::FarInMeaning => {
            "no clear answer: the words match, but the question stands too far in meaning from the passages"
                .to_string()
        }
        Decision::Answered => "answered".to_string(),
        Decision::AnsweredAcross => format!(
            "answered from the {} article, closer in meaning than any clear answer in the reader's language",
            answer.from_lang.map(|l| l.code()).unwrap_or("other")
        ),
    };
    println!("  decision: {decision}");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A share that is zero, however its sign came out of the sums, prints
    /// as 0.00, and the coverage that counts the title and headings says so.
    #[test]
    fn the_explanation_prints_no_negative_zero_and_names_each_coverage() {
        let signals = askaf_search::Signals {
            missing: -0.0,
            sentence_only: -0.001,
            sentence_coverage: 0.5,
            passage_coverage: 0.75,
            ..Default::default()
        };
        let said = shares(&signals);
        assert!(!said.contains("-0.00"), "{said}");
        assert!(
            said.contains("heaviest lacking: 0.00 of the weight"),
            "{said}"
        );
        assert!(
            said.contains("sentence 0.00, sentence with its title and headings 0.50, passage 0.75"),
            "{said}"
        );
    }
}
