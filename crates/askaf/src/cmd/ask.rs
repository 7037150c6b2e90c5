use std::path::Path;
use std::process::ExitCode;

use askaf_content::Lang;
use askaf_search::{passages_from_site, Engine, EngineConfig, Synonyms};

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

pub fn run(question: &str, lang: &str, content: Option<&Path>) -> anyhow::Result<ExitCode> {
    let lang: Lang = lang.parse()?;
    let site = super::load_site(content)?;
    let engine = Engine::in_memory(
        passages_from_site(&site),
        &synonyms_for(content)?,
        EngineConfig::default(),
    )?;
    let answer = engine.answer(question, lang, 5)?;
    if answer.abstained {
        println!("No clear answer yet. (confidence {:.2})", answer.confidence);
    } else {
        for s in &answer.sentences {
            let p = &engine.passages()[s.passage];
            println!("{}\n  — {} <{}>", s.text, p.title, p.link());
        }
        println!("(confidence {:.2})", answer.confidence);
    }
    if !answer.hits.is_empty() {
        println!("\nRelated:");
        let mut seen = Vec::new();
        for h in &answer.hits {
            let p = &engine.passages()[h.passage];
            let key = (p.lang, p.article.clone());
            if !seen.contains(&key) {
                println!("  {} </{}/{}>", p.title, p.lang, p.article);
                seen.push(key);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
