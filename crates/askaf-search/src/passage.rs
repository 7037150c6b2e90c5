use askaf_content::{Article, BlockKind, Bodies, Body, Lang, Site};

/// The unit the engine retrieves and quotes: one anchored block of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub lang: Lang,
    /// The article's slug (or, in evaluation, the set's article title).
    pub article: String,
    /// The paragraph's anchor on the article page, `p-3`.
    pub anchor: String,
    pub title: String,
    /// The question the article answers; empty where there is none.
    pub question: String,
    pub headings: Vec<String>,
    /// A paragraph, a table (whose sentences are its rows), and so on; an
    /// article's short answer is a paragraph.
    pub kind: BlockKind,
    pub text: String,
}

impl Passage {
    /// Where the passage is read: `/en/slug#p-3`.
    pub fn link(&self) -> String {
        format!("/{}/{}#{}", self.lang, self.article, self.anchor)
    }
}

/// The anchor of an article's short answer, which the article page puts on the summary paragraph.
pub const SUMMARY_ANCHOR: &str = "p-0";

/// Every published article's short answer (`p-0`) and anchored blocks, for
/// the articles `bodies` holds the body of (a site loaded whole has them all).
pub fn passages_from_site(site: &Site, bodies: &Bodies) -> Vec<Passage> {
    site.articles()
        .filter_map(|a| {
            let body = bodies.get(&(a.lang(), a.slug().clone()))?;
            Some(passages_of(a, body))
        })
        .flatten()
        .collect()
}

/// One article's short answer (`p-0`) and anchored blocks: what
/// [`Engine::update`](crate::Engine::update) takes for an edited article.
pub fn passages_of(a: &Article, body: &Body) -> Vec<Passage> {
    let mut out = vec![Passage {
        lang: a.lang(),
        article: a.slug().to_string(),
        anchor: SUMMARY_ANCHOR.to_string(),
        title: a.front.title.clone(),
        question: a.front.question.clone(),
        headings: vec![],
        kind: BlockKind::Paragraph,
        text: a.front.summary.clone(),
    }];
    for b in &body.rendered.blocks {
        if b.text.trim().is_empty() {
            continue;
        }
        out.push(Passage {
            lang: a.lang(),
            article: a.slug().to_string(),
            anchor: b.anchor.clone(),
            title: a.front.title.clone(),
            question: a.front.question.clone(),
            headings: b.headings.clone(),
            kind: b.kind,
            text: b.text.clone(),
        });
    }
    out
}
