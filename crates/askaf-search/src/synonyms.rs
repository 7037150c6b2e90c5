//! The editors' synonyms: lines of comma-separated phrases that mean the same
//! thing to a reader (`Taliban, Islamic Emirate`), in any of the site's languages.

use std::path::{Path, PathBuf};

use askaf_text::{analyze, Language};

/// A problem in the synonyms file, with its line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("synonyms line {line}: {message}")]
pub struct SynonymsError {
    pub line: usize,
    pub message: String,
}

/// Why a synonyms file cannot be used, named by file and line as
/// `askaf check` names an article's problems.
#[derive(Debug, thiserror::Error)]
pub enum SynonymsFileError {
    #[error(transparent)]
    Read(#[from] askaf_content::TextFileError),
    #[error("{path}:{}: {}", .error.line, .error.message)]
    Invalid { path: PathBuf, error: SynonymsError },
}

/// What parts the phrases of a group: a comma, and as Dari and Pashto
/// editors type a list, the Arabic comma `،` and the Arabic semicolon `؛`
/// (as the editor's tags field takes them). Until 7 December `؛` was taken
/// as part of a phrase. The Latin semicolon is not one: a file written
/// before may hold it within a phrase.
const PHRASE_SEPARATORS: [char; 3] = [',', '،', '؛'];

/// Groups of phrases; each phrase kept as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Synonyms {
    groups: Vec<Vec<String>>,
}

impl Synonyms {
    /// Parses the file: one group per line, phrases separated by commas (or the
    /// Arabic comma `،`, or the Arabic semicolon `؛`, as `PHRASE_SEPARATORS`
    /// says), `#` starts a comment.
    pub fn parse(text: &str) -> Result<Synonyms, SynonymsError> {
        let mut groups = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let phrases: Vec<String> = line
                .split(PHRASE_SEPARATORS)
                .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|p| !p.is_empty())
                .collect();
            if phrases.len() < 2 {
                return Err(SynonymsError {
                    line: i + 1,
                    message: "a group needs at least two phrases separated by commas".into(),
                });
            }
            groups.push(phrases);
        }
        Ok(Synonyms { groups })
    }

    /// Reads and parses the synonyms file at `path`.
    pub fn read(path: &Path) -> Result<Synonyms, SynonymsFileError> {
        let text = askaf_content::read_text(path)?;
        Synonyms::parse(&text).map_err(|error| SynonymsFileError::Invalid {
            path: path.to_path_buf(),
            error,
        })
    }

    pub fn groups(&self) -> &[Vec<String>] {
        &self.groups
    }

    /// The groups as analyzed term sequences in `lang`; phrases that analyze
    /// to nothing (only stop words) are dropped, and so are groups left with
    /// fewer than two.
    pub fn analyzed(&self, lang: Language) -> Vec<AnalyzedGroup> {
        self.groups
            .iter()
            .map(|g| AnalyzedGroup {
                name: g[0].to_lowercase(),
                phrases: g
                    .iter()
                    .map(|p| {
                        analyze(p, lang)
                            .into_iter()
                            .map(|t| t.term)
                            .collect::<Vec<_>>()
                    })
                    .filter(|terms| !terms.is_empty())
                    .collect::<Vec<_>>(),
            })
            .filter(|g| g.phrases.len() >= 2)
            .collect()
    }
}

/// One group of synonyms analyzed in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzedGroup {
    /// The group's first phrase as written, lower-cased: the same in every
    /// language, so questions that use any of its phrases, in any language,
    /// can be told apart from others by it.
    pub name: String,
    /// Each phrase's analyzed terms.
    pub phrases: Vec<Vec<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_groups_and_names_bad_lines() {
        let s = Synonyms::parse(
            "# comment\nTaliban, Islamic Emirate\n\nDari ، Farsi, Persian  # languages\n",
        )
        .unwrap();
        assert_eq!(s.groups().len(), 2);
        assert_eq!(s.groups()[1], ["Dari", "Farsi", "Persian"]);
        let e = Synonyms::parse("a, b\nlonely\n").unwrap_err();
        assert_eq!(e.line, 2);
    }

    /// The Arabic semicolon `؛` parts phrases as a comma does, as a Dari
    /// or Pashto editor may type a list (the tags' field takes it too):
    /// until 7 December `طالبان؛ امارت اسلامی` was one phrase, and the line
    /// refused as a group of one.
    #[test]
    fn an_arabic_semicolon_parts_phrases_as_a_comma_does() {
        let s = Synonyms::parse("طالبان؛ امارت اسلامی\nDari ، Farsi؛Persian\n").unwrap();
        assert_eq!(
            s.groups(),
            [
                vec!["طالبان", "امارت اسلامی"],
                vec!["Dari", "Farsi", "Persian"]
            ]
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("synonyms.txt");
        std::fs::write(&path, "طالبان؛ امارت اسلامی\n\nکابل؛ \n").unwrap();
        assert_eq!(
            Synonyms::read(&path).unwrap_err().to_string(),
            format!(
                "{}:3: a group needs at least two phrases separated by commas",
                path.display()
            )
        );
    }

    #[test]
    fn a_file_is_named_with_the_line_of_its_problem() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("synonyms.txt");
        let said = |bytes: &[u8]| {
            std::fs::write(&path, bytes).unwrap();
            Synonyms::read(&path).unwrap_err().to_string()
        };
        let p = path.display();
        assert_eq!(
            said(b"a, b\nc, \xff\n"),
            format!("{p}:2: the file is not valid UTF-8")
        );
        assert_eq!(
            said(b"a, b\n\nlonely\n"),
            format!("{p}:3: a group needs at least two phrases separated by commas")
        );
        std::fs::remove_file(&path).unwrap();
        std::fs::create_dir(&path).unwrap();
        assert!(Synonyms::read(&path)
            .unwrap_err()
            .to_string()
            .starts_with(&format!("cannot read {p}: ")),);
    }
}
