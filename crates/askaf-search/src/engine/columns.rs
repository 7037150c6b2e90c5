//! A table's row quoted with the names of its columns: "Thank you | تشکر |
//! مننه" says little until it reads "English: Thank you | Dari: تشکر |
//! Pashto: مننه". The header row is never quoted as an answer; it comes
//! with each row quoted ([`AnswerSentence::header`]).

use std::ops::Range;

use askaf_content::TABLE_CELL_SEPARATOR;

use super::answer::AnswerSentence;

/// A table's header row, quoted with a row of it ([`AnswerSentence::header`]).
#[derive(Debug, Clone, PartialEq)]
pub struct TableHeader {
    /// The column names, apart by a tab.
    pub text: String,
    /// Byte ranges, within `text`, of the words that matched the question.
    pub highlights: Vec<Range<usize>>,
}

/// Some text of a quote, with the question's words in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked<'a> {
    pub text: &'a str,
    /// Byte ranges, within `text`, of the words that matched the question.
    pub highlights: Vec<Range<usize>>,
}

/// A cell of a quoted table row ([`AnswerSentence::cells`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell<'a> {
    /// The name of its column: the header's cell above it, `None` where
    /// that cell is empty or the header has none there.
    pub column: Option<Marked<'a>>,
    pub value: Marked<'a>,
}

impl AnswerSentence {
    /// A table's row as its cells, each under its column's name, for a
    /// quote that says which is which; the empty cells are left out
    /// ("Status: Banned" where a row leaves its level empty). `None` for a
    /// sentence quoted without a header: any other sentence, or a row of a
    /// table whose header cells are all empty.
    pub fn cells(&self) -> Option<Vec<Cell<'_>>> {
        let header = self.header.as_ref()?;
        let names = split(&header.text, &header.highlights);
        Some(
            split(&self.text, &self.highlights)
                .into_iter()
                .enumerate()
                .filter(|(_, value)| !value.text.trim().is_empty())
                .map(|(i, value)| Cell {
                    column: names
                        .get(i)
                        .filter(|name| !name.text.trim().is_empty())
                        .cloned(),
                    value,
                })
                .collect(),
        )
    }

    /// The quote as plain text: a table's row as "column: cell", its cells
    /// apart by " | " (what the command line prints); any other sentence
    /// as it is.
    pub fn labelled(&self) -> String {
        let Some(cells) = self.cells() else {
            return self.text.clone();
        };
        cells
            .iter()
            .map(|c| match &c.column {
                Some(name) => format!("{}: {}", name.text, c.value.text),
                None => c.value.text.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" | ")
    }
}

/// A row's cells, with the highlights that fall in each.
fn split<'a>(text: &'a str, highlights: &[Range<usize>]) -> Vec<Marked<'a>> {
    let mut out = Vec::new();
    let mut start = 0;
    for cell in text.split(TABLE_CELL_SEPARATOR) {
        let end = start + cell.len();
        out.push(Marked {
            text: cell,
            highlights: highlights
                .iter()
                .filter(|r| r.start >= start && r.end <= end)
                .map(|r| r.start - start..r.end - start)
                .collect(),
        });
        start = end + TABLE_CELL_SEPARATOR.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Byte ranges as pairs: `(start, end)`.
    type Spans<'a> = &'a [(usize, usize)];

    fn ranges(spans: Spans) -> Vec<Range<usize>> {
        spans.iter().map(|&(a, b)| a..b).collect()
    }

    fn spans(ranges: &[Range<usize>]) -> Vec<(usize, usize)> {
        ranges.iter().map(|r| (r.start, r.end)).collect()
    }

    fn row(text: &str, highlights: Spans, header: Option<(&str, Spans)>) -> AnswerSentence {
        AnswerSentence {
            passage: 0,
            range: 0..text.len(),
            text: text.into(),
            highlights: ranges(highlights),
            header: header.map(|(text, highlights)| TableHeader {
                text: text.into(),
                highlights: ranges(highlights),
            }),
        }
    }

    /// Each cell under its column's name, with the words marked in each;
    /// an empty cell left out, a cell with no name kept without one.
    #[test]
    fn a_rows_cells_stand_under_their_columns() {
        let r = row(
            "Thank you\tتشکر\tمننه",
            &[(0, 5), (10, 18)],
            Some(("English\tDari\tPashto", &[(13, 19)])),
        );
        let cells = r.cells().unwrap();
        let names: Vec<Option<&str>> = cells
            .iter()
            .map(|c| c.column.as_ref().map(|n| n.text))
            .collect();
        assert_eq!(names, [Some("English"), Some("Dari"), Some("Pashto")]);
        let values: Vec<&str> = cells.iter().map(|c| c.value.text).collect();
        assert_eq!(values, ["Thank you", "تشکر", "مننه"]);
        let marked: Vec<Vec<(usize, usize)>> =
            cells.iter().map(|c| spans(&c.value.highlights)).collect();
        assert_eq!(marked, [vec![(0, 5)], vec![(0, 8)], vec![]]);
        let named: Vec<Vec<(usize, usize)>> = cells
            .iter()
            .map(|c| spans(&c.column.as_ref().unwrap().highlights))
            .collect();
        assert_eq!(named, [vec![], vec![], vec![(0, 6)]]);
        assert_eq!(
            r.labelled(),
            "English: Thank you | Dari: تشکر | Pashto: مننه"
        );
        let r = row("\tBanned\tsince 2022", &[], Some(("Level\tStatus", &[])));
        assert_eq!(r.labelled(), "Status: Banned | since 2022");
        let r = row("\tBanned", &[], Some(("\tStatus", &[])));
        assert_eq!(r.labelled(), "Status: Banned");
        let plain = row("Kabul is the capital.", &[(0, 5)], None);
        assert_eq!(plain.cells(), None);
        assert_eq!(plain.labelled(), "Kabul is the capital.");
    }
}
