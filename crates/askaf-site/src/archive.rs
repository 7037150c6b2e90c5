//! Every article as the content file it would be: what `askaf export
//! --markdown` writes, so that an archive kept in the store (articles
//! written in the browser, files since deleted from the server) can live in
//! git and come back with `askaf serve --content DIR`.
//!
//! An article's text is taken exactly as it was written wherever the text
//! is still at hand: the editor's revision, the content file, the built-in
//! sample. Which of those the site serves is known by the article's
//! revision, the hash of its file's text, so a file edited on disk after the
//! editor's save is never mistaken for the editor's version. Only when no
//! such text is left is the file written again from the front matter and
//! the body the store recorded.

use std::collections::HashMap;
use std::path::PathBuf;

use askaf_content::{revision_of, Article, ArticleFields, Lang, Site};
use askaf_store::Store;

use crate::{Content, Doing, Error};

/// One article as a content file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleFile {
    /// Where it goes, relative to the export directory: `LANG/SLUG.md`.
    pub path: PathBuf,
    pub text: String,
    /// Whether `text` is the article exactly as written (not written again
    /// from its front matter and body).
    pub verbatim: bool,
}

/// What [`article_files`] found.
#[derive(Debug, Default)]
pub struct Archive {
    /// Every article: published ones, drafts, and the editor's articles that
    /// are not served (never published, or unpublished) as drafts.
    pub files: Vec<ArticleFile>,
    /// Articles whose newest revision in the editor is a draft not yet
    /// published: the file holds the published text, the draft stays in
    /// the store.
    pub pending: Vec<(Lang, String)>,
    /// Articles whose text could not be found anywhere, with why.
    pub missing: Vec<(Lang, String, String)>,
}

/// The path of an article's file in an export.
fn file_of(lang: Lang, slug: &str) -> PathBuf {
    PathBuf::from(lang.code()).join(format!("{slug}.md"))
}

/// `source` with `draft = true` in its front matter, unless it says so
/// already: an article the site does not serve must not be published by
/// serving the exported directory.
fn as_draft(source: &str) -> String {
    let Some(rest) = source.strip_prefix("+++\n") else {
        return source.to_string();
    };
    // The front matter's top-level keys come before its first table.
    let already = rest
        .lines()
        .take_while(|l| l.trim() != "+++" && !l.trim_start().starts_with('['))
        .any(|l| l.split_whitespace().collect::<String>() == "draft=true");
    if already {
        source.to_string()
    } else {
        format!("+++\ndraft = true\n{rest}")
    }
}

/// Every article of `site` (as loaded from `content` and the store) as its
/// content file.
pub async fn article_files(
    store: &Store,
    site: &Site,
    content: &Content,
) -> Result<Archive, Error> {
    let mut archive = Archive::default();
    let mut editor = HashMap::new();
    for state in store
        .editor_states()
        .await
        .doing("reading the articles the editor has touched")?
    {
        if let Ok(lang) = state.lang.parse::<Lang>() {
            editor.insert((lang, state.slug.clone()), state);
        }
    }
    let builtin: HashMap<&PathBuf, &String> = match content {
        Content::Files(files) => files.iter().map(|(p, t)| (p, t)).collect(),
        Content::Dir(_) => HashMap::new(),
    };
    let mut exported = std::collections::HashSet::new();
    for a in site.articles().chain(site.drafts()) {
        let key = (a.lang(), a.slug().to_string());
        let state = editor.get(&key);
        let mut candidates: Vec<String> = Vec::new();
        if let Some(state) = state {
            if let Some(id) = state.published_id {
                if id != state.head.id {
                    archive.pending.push(key.clone());
                    if let Some(edit) = store.edit(id).await.doing("reading a saved revision")? {
                        candidates.push(edit.source);
                    }
                }
            }
            candidates.push(state.head.source.clone());
        }
        if let Some(text) = builtin.get(&a.file) {
            candidates.push((*text).clone());
        } else if !crate::is_editor_path(&a.file) {
            if let Ok(Some(text)) = askaf_content::read_article(&a.file) {
                candidates.push(text);
            }
        }
        let file = match candidates
            .into_iter()
            .find(|t| revision_of(t) == a.revision)
        {
            Some(text) => Some(ArticleFile {
                path: file_of(a.lang(), a.slug().as_str()),
                text,
                verbatim: true,
            }),
            None => rewritten(store, a).await?,
        };
        match file {
            Some(f) => archive.files.push(f),
            None => archive.missing.push((
                key.0,
                key.1.clone(),
                format!("no text of revision {} is left", a.revision),
            )),
        }
        exported.insert(key);
    }
    // The editor's articles the site does not serve: kept, as drafts.
    for (key, state) in &editor {
        if exported.contains(key) {
            continue;
        }
        archive.files.push(ArticleFile {
            path: file_of(key.0, &key.1),
            text: as_draft(&state.head.source),
            verbatim: false,
        });
    }
    archive.files.sort_by(|a, b| a.path.cmp(&b.path));
    archive.pending.sort();
    Ok(archive)
}

/// An article's file written again from its front matter and the body the
/// store recorded for its revision; `None` when the store has no body.
async fn rewritten(store: &Store, a: &Article) -> Result<Option<ArticleFile>, Error> {
    let Some(body) = store
        .article_markdown(a.lang(), a.slug().as_str(), &a.revision)
        .await
        .doing("reading an article's served text")?
    else {
        return Ok(None);
    };
    let text = ArticleFields::of(&a.front, &body).write().source;
    Ok(Some(ArticleFile {
        path: file_of(a.lang(), a.slug().as_str()),
        text: if a.front.draft { as_draft(&text) } else { text },
        verbatim: false,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_mark_is_added_once() {
        let text = "+++\nslug = \"a\"\n+++\n\nBody.\n";
        assert_eq!(
            as_draft(text),
            "+++\ndraft = true\nslug = \"a\"\n+++\n\nBody.\n"
        );
        let full = "+++\nslug = \"a\"\nlang = \"en\"\ntitle = \"A\"\nquestion = \"Q?\"\nsummary = \"S.\"\ntags = []\npublished = 2025-01-01\nupdated = 2025-01-01\ndraft = true\n+++\n\nBody.\n";
        assert_eq!(as_draft(full), full);
    }
}
