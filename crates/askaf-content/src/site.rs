//! A whole site: every article, validated together, or nothing.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::error::{Error, Problem};
use crate::front::{parse_file, FrontMatter};
use crate::lang::{Lang, Slug};
use crate::markdown::{render, Rendered};

/// One published article, rendered and ready to serve.
#[derive(Debug, Clone)]
pub struct Article {
    pub front: FrontMatter,
    pub markdown: String,
    pub rendered: Rendered,
    /// The file it came from, relative to the content directory.
    pub file: PathBuf,
}

impl Article {
    pub fn lang(&self) -> Lang {
        self.front.lang
    }
    pub fn slug(&self) -> &Slug {
        &self.front.slug
    }
    /// The site-relative address of the reading page.
    pub fn path(&self) -> String {
        format!("/{}/{}", self.front.lang, self.front.slug)
    }
}

/// A set of articles that passed validation as a whole.
#[derive(Debug, Clone, Default)]
pub struct Site {
    articles: Vec<Article>,
    by_key: HashMap<(Lang, Slug), usize>,
}

impl Site {
    /// Validates files given as (path relative to the content root, text).
    ///
    /// Every problem in every file is collected; if there is any, no site is
    /// returned, so a server never runs half a site.
    pub fn from_files<I>(files: I) -> Result<Site, Error>
    where
        I: IntoIterator<Item = (PathBuf, String)>,
    {
        let mut problems = Vec::new();
        let mut articles = Vec::new();
        for (path, text) in files {
            match parse_file(&path, &text) {
                Ok(parsed) => {
                    let rendered = render(&parsed.body);
                    for offset in &rendered.raw_html_at {
                        let line = parsed.body_line + parsed.body[..*offset].matches('\n').count();
                        problems.push(Problem {
                            file: path.clone(),
                            line,
                            message: "raw HTML is not allowed in articles: write it in Markdown"
                                .into(),
                        });
                    }
                    if parsed.body.trim().is_empty() {
                        problems.push(Problem {
                            file: path.clone(),
                            line: parsed.body_line,
                            message: "the article has no body".into(),
                        });
                    }
                    articles.push(Article {
                        front: parsed.front,
                        markdown: parsed.body,
                        rendered,
                        file: path,
                    });
                }
                Err(mut p) => problems.append(&mut p),
            }
        }

        // Newest first is the order every listing wants; ties broken by slug for stability.
        articles.sort_by(|a, b| {
            b.front
                .updated
                .cmp(&a.front.updated)
                .then_with(|| a.front.lang.cmp(&b.front.lang))
                .then_with(|| a.front.slug.cmp(&b.front.slug))
        });

        let mut by_key = HashMap::new();
        for (i, a) in articles.iter().enumerate() {
            let key = (a.front.lang, a.front.slug.clone());
            if let Some(&first) = by_key.get(&key) {
                let first: &Article = &articles[first];
                problems.push(Problem {
                    file: a.file.clone(),
                    line: 1,
                    message: format!(
                        "duplicate slug `{}` in language `{}`: {} has it too",
                        a.front.slug,
                        a.front.lang,
                        first.file.display()
                    ),
                });
            } else {
                by_key.insert(key, i);
            }
        }
        for a in &articles {
            for (lang, slug) in &a.front.translations {
                if !by_key.contains_key(&(*lang, slug.clone())) {
                    problems.push(Problem {
                        file: a.file.clone(),
                        line: a.front.translation_lines.get(lang).copied().unwrap_or(1),
                        message: format!("translation `{lang}` points to /{lang}/{slug}, which is not an article"),
                    });
                }
            }
        }

        for a in &articles {
            for (lang, slug) in &a.front.translations {
                if let Some(&t) = by_key.get(&(*lang, slug.clone())) {
                    if articles[t].front.draft && !a.front.draft {
                        problems.push(Problem {
                            file: a.file.clone(),
                            line: a.front.translation_lines.get(lang).copied().unwrap_or(1),
                            message: format!("translation `{lang}` points to /{lang}/{slug}, which is still a draft"),
                        });
                    }
                }
            }
        }

        if problems.is_empty() {
            // Drafts were validated with the rest; readers never see them.
            articles.retain(|a| !a.front.draft);
            let by_key = articles
                .iter()
                .enumerate()
                .map(|(i, a)| ((a.front.lang, a.front.slug.clone()), i))
                .collect();
            Ok(Site { articles, by_key })
        } else {
            problems.sort_by(|a, b| a.file.cmp(&b.file).then(a.line.cmp(&b.line)));
            Err(Error::Invalid(problems))
        }
    }

    /// Loads every `*.md` file under `dir` (README.md excepted), recursively.
    pub fn load_dir(dir: &Path) -> Result<Site, Error> {
        let mut files = Vec::new();
        collect_markdown(dir, dir, &mut files)?;
        files.sort();
        let mut loaded = Vec::with_capacity(files.len());
        for rel in files {
            let full = dir.join(&rel);
            let bytes = std::fs::read(&full).map_err(|source| Error::Io {
                path: full.clone(),
                source,
            })?;
            match String::from_utf8(bytes) {
                Ok(text) => loaded.push((full, text)),
                Err(e) => {
                    let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                    let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
                    return Err(Error::Invalid(vec![Problem {
                        file: full,
                        line,
                        message: "the file is not valid UTF-8".into(),
                    }]));
                }
            }
        }
        Site::from_files(loaded)
    }

    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    pub fn get(&self, lang: Lang, slug: &str) -> Option<&Article> {
        let slug = Slug::parse(slug).ok()?;
        self.by_key.get(&(lang, slug)).map(|&i| &self.articles[i])
    }

    /// Articles in one language, newest first.
    pub fn in_lang(&self, lang: Lang) -> impl Iterator<Item = &Article> {
        self.articles.iter().filter(move |a| a.front.lang == lang)
    }

    /// Tags used in a language, with how many articles carry each, by name.
    pub fn tags(&self, lang: Lang) -> BTreeMap<&str, usize> {
        let mut tags = BTreeMap::new();
        for a in self.in_lang(lang) {
            for t in &a.front.tags {
                *tags.entry(t.as_str()).or_insert(0) += 1;
            }
        }
        tags
    }

    pub fn tagged<'a>(
        &'a self,
        lang: Lang,
        tag: &'a str,
    ) -> impl Iterator<Item = &'a Article> + 'a {
        self.in_lang(lang)
            .filter(move |a| a.front.tags.iter().any(|t| t.as_str() == tag))
    }

    /// Every other-language version of an article, whichever side declared the link.
    pub fn translations_of(&self, article: &Article) -> Vec<&Article> {
        let mut found: BTreeSet<(Lang, Slug)> = article
            .front
            .translations
            .iter()
            .map(|(l, s)| (*l, s.clone()))
            .collect();
        for other in &self.articles {
            if other.front.translations.get(&article.front.lang) == Some(&article.front.slug) {
                found.insert((other.front.lang, other.front.slug.clone()));
            }
        }
        found.remove(&(article.front.lang, article.front.slug.clone()));
        found
            .into_iter()
            .filter_map(|(l, s)| self.by_key.get(&(l, s)).map(|&i| &self.articles[i]))
            .collect()
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }
}

fn collect_markdown(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect_markdown(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "md")
            && !name.eq_ignore_ascii_case("README.md")
        {
            out.push(path.strip_prefix(root).unwrap_or(&path).to_path_buf());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(slug: &str, lang: &str, translations: &str) -> String {
        format!(
            "+++\nslug = \"{slug}\"\nlang = \"{lang}\"\ntitle = \"T\"\nquestion = \"Q?\"\nsummary = \"S.\"\ntags = [\"history\"]\npublished = 2026-01-01\nupdated = 2026-01-02\ntranslations = {{ {translations} }}\n\n[[sources]]\ntitle = \"Src\"\nurl = \"https://example.org/\"\naccessed = 2026-01-01\n+++\n\nBody.\n"
        )
    }

    #[test]
    fn links_translations_both_ways() {
        let site = Site::from_files([
            (PathBuf::from("en/a.md"), article("a", "en", "fa = \"a\"")),
            (PathBuf::from("fa/a.md"), article("a", "fa", "")),
        ])
        .unwrap();
        let fa = site.get(Lang::Fa, "a").unwrap();
        let t = site.translations_of(fa);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].path(), "/en/a");
        assert_eq!(site.tags(Lang::En).get("history"), Some(&1));
    }

    #[test]
    fn refuses_duplicates_and_dangling_translations_naming_file_and_line() {
        let err = Site::from_files([
            (
                PathBuf::from("en/a.md"),
                article("a", "en", "ps = \"missing\""),
            ),
            (PathBuf::from("en/b.md"), article("a", "en", "")),
        ])
        .unwrap_err();
        let lines: Vec<String> = err.problems().iter().map(|p| p.to_string()).collect();
        assert!(
            lines.contains(
                &"en/a.md:10: translation `ps` points to /ps/missing, which is not an article"
                    .to_string()
            ),
            "{lines:?}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l.contains(".md:1: duplicate slug `a` in language `en`")),
            "{lines:?}"
        );
    }

    #[test]
    fn refuses_raw_html_with_its_line() {
        let text =
            article("a", "en", "").replace("Body.\n", "Body.\n\n<script>alert(1)</script>\n");
        let err = Site::from_files([(PathBuf::from("a.md"), text)]).unwrap_err();
        assert_eq!(
            err.problems()[0].to_string(),
            "a.md:20: raw HTML is not allowed in articles: write it in Markdown"
        );
    }

    /// The fuzz target `front_matter` (fuzz/fuzz_targets/front_matter.rs)
    /// makes exactly this call; its committed seeds are replayed here on
    /// stable, so a seed that panics or a call that stops compiling fails CI.
    #[test]
    fn every_front_matter_fuzz_seed_loads_or_names_its_problems() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/seeds/front_matter");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).expect("the seed directory") {
            let path = entry.unwrap().path();
            let Ok(text) = String::from_utf8(std::fs::read(&path).unwrap()) else {
                continue;
            };
            match Site::from_files([(PathBuf::from("en/fuzz.md"), text)]) {
                Ok(_) => {}
                Err(Error::Invalid(problems)) => {
                    assert!(!problems.is_empty(), "{}", path.display());
                    for p in problems {
                        assert_eq!(
                            p.file,
                            PathBuf::from("en/fuzz.md"),
                            "{}: {p}",
                            path.display()
                        );
                        assert!(p.line >= 1, "{}: {p}", path.display());
                    }
                }
                Err(e) => panic!("{}: {e}", path.display()),
            }
            seen += 1;
        }
        assert!(seen >= 4, "only {seen} seeds in {dir}");
    }
}
