use std::fmt;
use std::path::PathBuf;

/// One problem in one content file, located well enough for an editor to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    /// 1-based line; the front matter's opening `+++` when the problem is a missing field.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

/// Everything wrong with a content directory.
///
/// Loading collects every problem rather than stopping at the first, so an
/// editor fixes a batch in one pass; a site with any problem is never served.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}", render_problems(.0))]
    Invalid(Vec<Problem>),
}

impl Error {
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::Invalid(p) => p,
            Error::Io { .. } => &[],
        }
    }
}

fn render_problems(problems: &[Problem]) -> String {
    let mut out = format!(
        "{} problem{} in the content:",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    for p in problems {
        out.push_str("\n  ");
        out.push_str(&p.to_string());
    }
    out
}
