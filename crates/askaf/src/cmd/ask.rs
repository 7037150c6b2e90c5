use std::path::Path;
use std::process::ExitCode;

use askaf_content::Lang;
use std::sync::Arc;

use askaf_embed::SentenceModel;
use askaf_search::{passages_from_site, Encoder, Engine, EngineConfig, Synonyms};

/// The editors' synonyms shipped with the built-in site.
pub fn builtin_synonyms() -> anyhow::Result<Synonyms> {
    Ok(Synonyms::parse(super::BUILTIN_SYNONYMS)?)
}

/// Synonyms for a content directory: its `synonyms.txt` if it has one, else the built-in list.
pub fn synonyms_for(content: Option<&Path>) -> anyhow::Result<Synonyms> {
    match content.map(|d| d.join("synonyms.txt")) {
        Some(path) if path.exists() => {
            let text = std::fs::read_to_string(&path)?;
            Synonyms::parse(&text)
                .map_err(|e| anyhow::anyhow!("{}:{}: {}", path.display(), e.line, e.message))
        }
        _ => builtin_synonyms(),
    }
}

/// The sentence encoder `model` names, if any.
pub fn load_model(model: &crate::ModelArgs) -> anyhow::Result<Option<Arc<dyn Encoder>>> {
    match &model.dir {
        Some(dir) => Ok(Some(open_model(
            dir,
            model
                .langs
                .as_deref()
                .unwrap_or(crate::settings::DEFAULT_MODEL_LANGS),
        )?)),
        None => Ok(None),
    }
}

/// Loads the model in `dir` for the comma-separated `langs`.
pub fn open_model(dir: &Path, langs: &str) -> anyhow::Result<Arc<dyn Encoder>> {
    let langs = langs
        .split(',')
        .map(|l| l.trim().parse::<Lang>())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| anyhow::anyhow!("model languages `{langs}`: {e}"))?;
    Ok(Arc::new(SentenceModel::load(dir, &langs)?))
}

pub fn run(
    question: &str,
    lang: &str,
    content: Option<&Path>,
    model: &crate::ModelArgs,
) -> anyhow::Result<ExitCode> {
    let lang: Lang = lang.parse()?;
    let (site, bodies) = super::load_site_with_bodies(content)?;
    let mut engine = Engine::in_memory(
        passages_from_site(&site, &bodies),
        &synonyms_for(content)?,
        EngineConfig::default(),
    )?;
    if let Some(encoder) = load_model(model)? {
        engine = engine.with_encoder(encoder, None)?;
    }
    let answer = engine.answer(question, lang, 5)?;
    if answer.abstained {
        println!("No clear answer yet. (confidence {:.2})", answer.confidence);
    } else {
        for s in &answer.sentences {
            let Some(p) = engine.passage(s.passage) else {
                continue;
            };
            println!("{}\n  — {} <{}>", s.text, p.title, p.link());
        }
        println!("(confidence {:.2})", answer.confidence);
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
