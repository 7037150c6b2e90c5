//! An article as the editor's form holds it: one text per front matter key
//! and the body, turned into the content file `askaf check` reads, and back.
//!
//! The form is validated by writing the file and parsing it with the same
//! code as every content file, so the editor shows the same rules and words
//! as `askaf check`. Each key is written on a line of its own, which is how
//! a problem's line finds the field it belongs to ([`Written::field_of`]).

use std::collections::BTreeMap;

use crate::error::Problem;
use crate::front::FrontMatter;
use crate::lang::Lang;

/// One source as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SourceFields {
    pub title: String,
    pub url: String,
    pub accessed: String,
}

impl SourceFields {
    /// A row with neither title nor address cites nothing, whatever its
    /// date: the form dates every empty row today, for the one an editor
    /// fills in, and the rows left empty are not sources.
    pub fn is_blank(&self) -> bool {
        self.title.trim().is_empty() && self.url.trim().is_empty()
    }
}

/// What sets apart the tags typed in the form's one field: a comma or a
/// semicolon, Latin or, as Dari and Pashto editors type them, Arabic (`،`
/// and `؛`). None of them can be in a tag (a web address's ASCII letters,
/// digits and hyphens). A content file lists its tags in a TOML array, and
/// is never split.
const TAG_SEPARATORS: [char; 4] = [',', ';', '،', '؛'];

/// The tags typed in the form's one field, each trimmed, the empty ones
/// left out: apart at any of [`TAG_SEPARATORS`]. The one place tags typed
/// as a list are split (the content file's are a TOML array).
pub(crate) fn typed_tags(typed: &str) -> impl Iterator<Item = &str> {
    typed
        .split(TAG_SEPARATORS)
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// A day as the editor's form writes it in an article of `lang`, where
/// nobody typed it (a content file's date, a new article's today): in Dari
/// and Pashto, whose editors and readers date by the Solar Hijri calendar,
/// that calendar's `YYYY-MM-DD` in Persian digits (`۱۴۰۵-۰۹-۱۶`), the
/// form the date fields' labels give first there; it reads left to right
/// as those fields do, and is the same in both languages, where a month's
/// name is not. In English, and for a day outside the years converted,
/// the Gregorian `2026-12-07`.
pub fn form_day(lang: Lang, day: chrono::NaiveDate) -> String {
    match (lang, crate::calendar::SolarDate::from_gregorian(day)) {
        (Lang::Fa | Lang::Ps, Some(solar)) => askaf_text::persian_digits(&solar.to_string()),
        _ => day.to_string(),
    }
}

/// Every field of the editor's form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ArticleFields {
    pub lang: String,
    pub slug: String,
    pub title: String,
    pub question: String,
    pub summary: String,
    /// Apart at commas and semicolons, Latin and Arabic (`typed_tags`).
    pub tags: String,
    pub published: String,
    pub updated: String,
    /// The slug of the translation in each other language ("" for none).
    pub translations: BTreeMap<String, String>,
    /// For a translation: the original's language ("" for none) and its
    /// revision the translation was made from (`translated_from`).
    pub translated_from_lang: String,
    pub translated_from_revision: String,
    pub sources: Vec<SourceFields>,
    pub body: String,
}

/// The field names a problem can be shown next to.
pub const FIELDS: [&str; 13] = [
    "lang",
    "slug",
    "title",
    "question",
    "summary",
    "tags",
    "published",
    "updated",
    "translations",
    "translated_from",
    "sources",
    "body",
    "general",
];

/// A form written as a content file, with which field each line holds.
#[derive(Debug, Clone)]
pub struct Written {
    pub source: String,
    lines: Vec<&'static str>,
}

fn quoted(s: &str) -> String {
    toml::Value::String(s.trim().to_string()).to_string()
}

impl ArticleFields {
    /// The fields of an article as it is: its front matter and its body.
    pub fn of(front: &FrontMatter, body: &str) -> ArticleFields {
        ArticleFields {
            lang: front.lang.code().to_string(),
            slug: front.slug.to_string(),
            title: front.title.clone(),
            question: front.question.clone(),
            summary: front.summary.clone(),
            tags: front
                .tags
                .iter()
                .map(|t| t.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            published: front.published.to_string(),
            updated: front.updated.to_string(),
            translations: front
                .translations
                .iter()
                .map(|(l, s)| (l.code().to_string(), s.to_string()))
                .collect(),
            translated_from_lang: front
                .translated_from
                .as_ref()
                .map(|t| t.lang.code().to_string())
                .unwrap_or_default(),
            translated_from_revision: front
                .translated_from
                .as_ref()
                .map(|t| t.revision.clone())
                .unwrap_or_default(),
            sources: front
                .sources
                .iter()
                .map(|s| SourceFields {
                    title: s.title.clone(),
                    url: s.url.clone(),
                    accessed: s.accessed.to_string(),
                })
                .collect(),
            body: body.trim_start_matches('\n').to_string(),
        }
    }

    /// The fields of an original that its translations follow, but the
    /// body ([`crate::followed_revision`] adds it): each by the name the
    /// editor's diff heads it with, in the form's order. Its sources one to
    /// a line, each by its title and address: the day one was read is not
    /// the translator's to follow. What is not here (dates, the links to
    /// the translations, the revision a translation was made from) is
    /// nothing a translation says, and changes none.
    pub fn followed(&self) -> [(&'static str, String); 5] {
        let sources: Vec<String> = self
            .sources
            .iter()
            .filter(|s| !s.is_blank())
            .map(|s| format!("{} ({})", s.title.trim(), s.url.trim()))
            .collect();
        [
            ("title", self.title.trim().to_string()),
            ("question", self.question.trim().to_string()),
            ("summary", self.summary.trim().to_string()),
            (
                "tags",
                typed_tags(&self.tags).collect::<Vec<_>>().join(", "),
            ),
            ("sources", sources.join("\n")),
        ]
    }

    /// The content file these fields make. A field left empty is left
    /// out, so that its problem is `askaf check`'s "missing field".
    pub fn write(&self) -> Written {
        let mut out = String::from("+++\n");
        let mut lines = vec!["general"];
        let mut line = |out: &mut String, field: &'static str, text: String| {
            out.push_str(&text);
            out.push('\n');
            lines.push(field);
        };
        for (key, value) in [
            ("slug", &self.slug),
            ("lang", &self.lang),
            ("title", &self.title),
            ("question", &self.question),
            ("summary", &self.summary),
        ] {
            if !value.trim().is_empty() {
                // One line, whatever was typed: a newline in a summary is a space.
                let one = value.split_whitespace().collect::<Vec<_>>().join(" ");
                line(&mut out, key, format!("{key} = {}", quoted(&one)));
            }
        }
        let tags: Vec<String> = typed_tags(&self.tags).map(quoted).collect();
        line(&mut out, "tags", format!("tags = [{}]", tags.join(", ")));
        for (key, value) in [("published", &self.published), ("updated", &self.updated)] {
            if !value.trim().is_empty() {
                line(&mut out, key, format!("{key} = {}", quoted(value)));
            }
        }
        // Before `[translations]`: a key after a table's header is the table's.
        let from: Vec<String> = [
            ("lang", &self.translated_from_lang),
            ("revision", &self.translated_from_revision),
        ]
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k} = {}", quoted(v)))
        .collect();
        if !from.is_empty() {
            line(
                &mut out,
                "translated_from",
                format!("translated_from = {{ {} }}", from.join(", ")),
            );
        }
        let translations: Vec<(&String, &String)> = self
            .translations
            .iter()
            .filter(|(_, s)| !s.trim().is_empty())
            .collect();
        if !translations.is_empty() {
            line(&mut out, "translations", "[translations]".into());
            for (lang, slug) in translations {
                line(
                    &mut out,
                    "translations",
                    format!("{} = {}", quoted(lang), quoted(slug)),
                );
            }
        }
        for s in self.sources.iter().filter(|s| !s.is_blank()) {
            line(&mut out, "sources", String::new());
            line(&mut out, "sources", "[[sources]]".into());
            for (key, value) in [
                ("title", &s.title),
                ("url", &s.url),
                ("accessed", &s.accessed),
            ] {
                if !value.trim().is_empty() {
                    line(&mut out, "sources", format!("{key} = {}", quoted(value)));
                }
            }
        }
        line(&mut out, "general", "+++".into());
        let body = self.body.replace("\r\n", "\n");
        out.push('\n');
        out.push_str(body.trim_end());
        out.push('\n');
        Written { source: out, lines }
    }

    /// The fields of an article as the editor's form opens them:
    /// [`ArticleFields::of`], its dates written as the editor writes its
    /// language's ([`form_day`]). A Dari article from a content file whose
    /// dates are `2026-01-01` opens with `۱۴۰۴-۱۰-۱۱`, as its new articles
    /// are dated (until 7 December both were Gregorian on every page). The
    /// history's first revision of such an article, its file's text before
    /// the first edit, is written from these fields too, so a first save
    /// that changes nothing shows no change of its dates.
    pub fn for_editor(front: &FrontMatter, body: &str) -> ArticleFields {
        ArticleFields::of(front, body).with_dates_in_form_of(front.lang)
    }

    /// These fields with each date written Gregorian `YYYY-MM-DD`, as
    /// [`ArticleFields::of`] writes every date, written as the editor
    /// writes dates in an article of `lang` ([`form_day`]); the others as
    /// they are. A new translation's sources, copied from its original,
    /// are dated so in its language.
    pub fn with_dates_in_form_of(mut self, lang: Lang) -> ArticleFields {
        let in_form = |field: &mut String| {
            if let Ok(day) = chrono::NaiveDate::parse_from_str(field, "%Y-%m-%d") {
                *field = form_day(lang, day);
            }
        };
        in_form(&mut self.published);
        in_form(&mut self.updated);
        for source in &mut self.sources {
            in_form(&mut source.accessed);
        }
        self
    }

    /// The fields of an article's text whose only fault is its slug, one
    /// the site keeps for its own pages (`ask`, reserved after articles
    /// could be saved with it): read as if it had another, its own put
    /// back, for the editor to give it a new one. `None` for any other
    /// text that has problems, and for one that has none.
    pub fn with_reserved_slug(text: &str) -> Option<ArticleFields> {
        let fenced = crate::front::fenced(text).ok()?;
        let mut front: toml::Table = toml::from_str(fenced.front).ok()?;
        let slug = front.get("slug")?.as_str()?.to_string();
        if !crate::front::RESERVED_SLUGS.contains(&slug.as_str()) {
            return None;
        }
        // A well-formed slug in its place, only for the rest to be read.
        front.insert("slug".into(), toml::Value::String("reserved-slug".into()));
        let stand_in = format!("+++\n{front}+++\n{}", fenced.body);
        let (article, body) =
            crate::site::parse_article(std::path::Path::new(""), &stand_in).ok()?;
        let mut fields = ArticleFields::of(&article.front, &body.markdown);
        fields.slug = slug;
        Some(fields)
    }

    /// These fields with their dates (published, updated, each source's
    /// accessed) as `text`, the article's content file, writes them, where
    /// it writes the same day: `۱۶ قوس ۱۴۰۵` as typed, not the Gregorian
    /// `2026-12-07` [`ArticleFields::of`] reads it as. An editor who typed
    /// a Solar Hijri date finds it so again, and a save from the form,
    /// changing nothing, is the same text (until 7 December every date came
    /// back Gregorian, and the next save rewrote them all, which the history
    /// showed as a change nobody made). A date `text` does not hold, or
    /// holds as another day, is left as it is.
    pub fn with_dates_as_written(mut self, text: &str) -> ArticleFields {
        let Some(front) = crate::front::fenced(text)
            .ok()
            .and_then(|f| toml::from_str::<toml::Table>(f.front).ok())
        else {
            return self;
        };
        let keep = |field: &mut String, written: Option<&toml::Value>| {
            let written = match written {
                Some(toml::Value::String(s)) => s.trim().to_string(),
                Some(toml::Value::Datetime(d)) => d.to_string(),
                _ => return,
            };
            let day = |s: &str| crate::calendar::parse_typed_date(s).ok();
            if written != *field && day(&written).is_some() && day(&written) == day(field) {
                *field = written;
            }
        };
        keep(&mut self.published, front.get("published"));
        keep(&mut self.updated, front.get("updated"));
        if let Some(toml::Value::Array(sources)) = front.get("sources") {
            for (row, source) in self.sources.iter_mut().zip(sources) {
                keep(&mut row.accessed, source.get("accessed"));
            }
        }
        self
    }

    /// The article's language, if the field names one.
    pub fn language(&self) -> Option<Lang> {
        self.lang.parse().ok()
    }
}

impl Written {
    /// The form field a problem of this file belongs to: the one on its
    /// line; for a problem reported on the opening `+++` (a missing key)
    /// or between articles, the field its rule names; past the front
    /// matter, the body.
    pub fn field_of(&self, p: &Problem) -> &'static str {
        if p.line > self.lines.len() {
            return "body";
        }
        let on_line = self.lines.get(p.line.wrapping_sub(1)).copied();
        if let Some(field) = on_line.filter(|f| *f != "general") {
            return field;
        }
        p.kind.field().unwrap_or("general")
    }

    /// The line of the body field a problem stands on (1 for its first),
    /// for a problem in the body: what an editor looks for in the text box.
    pub fn body_line(&self, p: &Problem) -> Option<usize> {
        // The front matter's lines, then one blank line, then the body.
        p.line.checked_sub(self.lines.len() + 1).filter(|&n| n > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::parse_article;
    use std::path::Path;

    /// The dates an article's file writes in the Solar Hijri calendar, or
    /// otherwise than `YYYY-MM-DD`, are its fields' as written; one the
    /// fields hold as another day, or the file does not hold, is left.
    #[test]
    fn dates_come_back_as_the_file_writes_them() {
        let text = "+++\nslug = \"x\"\nlang = \"fa\"\npublished = \"۱۵ قوس ۱۴۰۵\"\nupdated = 1405-09-16\n\n[[sources]]\ntitle = \"t\"\nurl = \"https://example.org/\"\naccessed = \"2026-12-05\"\n\n[[sources]]\ntitle = \"u\"\nurl = \"https://example.org/u\"\naccessed = \"۱۴۰۵/۰۹/۰۱\"\n+++\nBody.\n";
        let source = |accessed: &str| SourceFields {
            title: "t".into(),
            url: "https://example.org/".into(),
            accessed: accessed.into(),
        };
        let fields = ArticleFields {
            published: "2026-12-06".into(),
            updated: "2026-12-07".into(),
            sources: vec![
                source("2026-12-05"),
                source("2026-11-22"),
                source("2026-11-23"),
            ],
            ..ArticleFields::default()
        }
        .with_dates_as_written(text);
        assert_eq!(fields.published, "۱۵ قوس ۱۴۰۵");
        assert_eq!(fields.updated, "1405-09-16");
        let accessed: Vec<&str> = fields.sources.iter().map(|s| s.accessed.as_str()).collect();
        // The third row is none of the file's: left as it was.
        assert_eq!(accessed, ["2026-12-05", "۱۴۰۵/۰۹/۰۱", "2026-11-23"]);
        // A day the fields hold otherwise (a save changed it) is theirs.
        let other = ArticleFields {
            published: "2026-12-01".into(),
            ..ArticleFields::default()
        }
        .with_dates_as_written(text);
        assert_eq!(other.published, "2026-12-01");
        // Text that is no content file changes nothing.
        assert_eq!(
            ArticleFields::default()
                .with_dates_as_written("no front matter")
                .published,
            ""
        );
    }

    #[test]
    fn a_text_whose_only_fault_is_a_reserved_slug_is_read_with_it() {
        let mut f = fields();
        f.slug = "ask".into();
        let text = f.write().source;
        assert!(parse_article(Path::new(""), &text).is_err());
        let read = ArticleFields::with_reserved_slug(&text).expect("read");
        assert_eq!(read.slug, "ask");
        assert_eq!(read.title, f.title);
        assert_eq!(
            read.body.trim_end(),
            f.body.replace("\r\n", "\n").trim_end()
        );
        // Another fault as well, or none: not read so.
        f.title.clear();
        assert!(ArticleFields::with_reserved_slug(&f.write().source).is_none());
        assert!(ArticleFields::with_reserved_slug(&fields().write().source).is_none());
    }

    fn fields() -> ArticleFields {
        ArticleFields {
            lang: "fa".into(),
            slug: "water".into(),
            title: "آب \"کابل\"".into(),
            question: "آب کابل از کجا می‌آید؟".into(),
            summary: "از رودخانه‌ها\nو چاه‌ها.".into(),
            tags: "water, kabul".into(),
            published: "1404-12-01".into(),
            updated: "2026-03-01".into(),
            translations: [("en".to_string(), "water".to_string())].into(),
            translated_from_lang: "en".into(),
            translated_from_revision: "00112233445566778899aabbccddeeff".into(),
            sources: vec![
                SourceFields {
                    title: "Source".into(),
                    url: "https://example.org/".into(),
                    accessed: "2026-01-01".into(),
                },
                SourceFields::default(),
            ],
            body: "متن اول.\r\n\r\nمتن دوم.\r\n".into(),
        }
    }

    #[test]
    fn the_form_writes_a_file_that_check_reads_back_to_the_same_fields() {
        let written = fields().write();
        let (a, body) = parse_article(Path::new("x.md"), &written.source).unwrap();
        assert_eq!(a.front.title, "آب \"کابل\"");
        assert_eq!(a.front.summary, "از رودخانه‌ها و چاه‌ها.");
        assert_eq!(a.front.published.to_string(), "2026-02-20");
        assert_eq!(
            a.front.original().map(|(l, s, r)| (l, s.as_str(), r)),
            Some((Lang::En, "water", "00112233445566778899aabbccddeeff"))
        );
        let again = ArticleFields::of(&a.front, &body.markdown);
        assert_eq!(again.body, "متن اول.\n\nمتن دوم.\n");
        assert_eq!(again.write().source, {
            let mut f = fields();
            f.summary = "از رودخانه‌ها و چاه‌ها.".into();
            f.published = "2026-02-20".into();
            f.body = again.body.clone();
            f.write().source
        });
    }

    /// The editor opens a Dari or Pashto article's Gregorian dates in the
    /// Solar Hijri calendar, in Persian digits, and an English one's as
    /// they are; each reads back as the same day.
    #[test]
    fn the_editor_opens_dates_in_the_articles_calendar() {
        let mut f = fields();
        f.translated_from_lang = String::new();
        f.translated_from_revision = String::new();
        f.translations.clear();
        for (lang, published, accessed) in [
            ("fa", "۱۴۰۴-۱۲-۰۱", "۱۴۰۴-۱۰-۱۱"),
            ("ps", "۱۴۰۴-۱۲-۰۱", "۱۴۰۴-۱۰-۱۱"),
            ("en", "2026-02-20", "2026-01-01"),
        ] {
            f.lang = lang.into();
            f.sources[0].accessed = "2026-01-01".into();
            let (a, body) = parse_article(Path::new("x.md"), &f.write().source).unwrap();
            let opened = ArticleFields::for_editor(&a.front, &body.markdown);
            assert_eq!(opened.published, published, "{lang}");
            assert_eq!(opened.sources[0].accessed, accessed, "{lang}");
            let (again, _) = parse_article(Path::new("x.md"), &opened.write().source).unwrap();
            assert_eq!(again.front.published, a.front.published, "{lang}");
            assert_eq!(
                again.front.sources[0].accessed, a.front.sources[0].accessed,
                "{lang}"
            );
        }
    }

    /// Tags typed in one field, apart as a Dari or Pashto keyboard writes
    /// them too: the Arabic comma `،` and semicolon `؛` as well as a comma
    /// (until 7 December `؛` was taken as part of a tag, refused as a web
    /// address), and the Latin semicolon as its Arabic one is (until
    /// 7 December `water; kabul` was one tag, refused).
    #[test]
    fn tags_are_apart_at_a_comma_or_a_semicolon_latin_or_arabic() {
        for typed in [
            "water, kabul, roads",
            "water، kabul، roads",
            "water؛ kabul؛ roads",
            "water،kabul؛roads",
            " water ؛kabul,roads؛ ",
            "water; kabul; roads",
            "water;kabul, roads;",
            "water ;kabul؛ roads",
        ] {
            let mut f = fields();
            f.tags = typed.into();
            let written = f.write();
            let (a, _) = parse_article(Path::new("x.md"), &written.source)
                .unwrap_or_else(|p| panic!("{typed}: {p:?}"));
            let tags: Vec<&str> = a.front.tags.iter().map(|t| t.as_str()).collect();
            assert_eq!(tags, ["water", "kabul", "roads"], "{typed}");
        }
    }

    #[test]
    fn each_problem_is_shown_next_to_its_field() {
        let mut f = fields();
        f.title = String::new();
        f.updated = "2026-02-31".into();
        f.sources[0].url = "javascript:alert(1)".into();
        f.body = "<script>x</script>".into();
        let written = f.write();
        let problems = parse_article(Path::new("x.md"), &written.source).unwrap_err();
        let mut found: Vec<(&str, String)> = problems
            .iter()
            .map(|p| (written.field_of(p), p.message()))
            .collect();
        found.sort();
        let fields: Vec<&str> = found.iter().map(|(f, _)| *f).collect();
        assert!(fields.contains(&"title"), "{found:?}");
        assert!(fields.contains(&"updated"), "{found:?}");
        assert!(fields.contains(&"sources"), "{found:?}");
        // The body's problem with the others, not in a second round.
        assert!(fields.contains(&"body"), "{found:?}");
        assert!(!fields.contains(&"general"), "{found:?}");
    }

    #[test]
    fn a_source_row_with_only_its_date_is_no_source() {
        let mut f = fields();
        f.sources[1].accessed = "2026-03-01".into();
        let written = f.write();
        let (a, _) = parse_article(Path::new("x.md"), &written.source).unwrap();
        assert_eq!(a.front.sources.len(), 1);
        // A row with a title but no date still needs one.
        f.sources[1].title = "Second".into();
        f.sources[1].accessed = String::new();
        let written = f.write();
        let problems = parse_article(Path::new("x.md"), &written.source).unwrap_err();
        assert_eq!(
            problems.iter().map(|p| p.message()).collect::<Vec<_>>(),
            [
                "source 2: missing `url`",
                "source 2: missing `accessed` date"
            ]
        );
    }

    #[test]
    fn a_problem_with_the_original_is_shown_next_to_translated_from() {
        let mut f = fields();
        f.translated_from_revision = "not-a-revision".into();
        let written = f.write();
        let problems = parse_article(Path::new("x.md"), &written.source).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(written.field_of(&problems[0]), "translated_from");
        // Without a translation link back to it, the original is unnamed.
        let mut f = fields();
        f.translations.clear();
        let written = f.write();
        let problems = parse_article(Path::new("x.md"), &written.source).unwrap_err();
        assert_eq!(written.field_of(&problems[0]), "translated_from");
        assert!(problems[0]
            .message()
            .contains("no `en` entry in `translations`"));
        // An article that is no translation writes no such key.
        let mut f = fields();
        f.translated_from_lang.clear();
        f.translated_from_revision.clear();
        assert!(!f.write().source.contains("translated_from"));
    }
}
