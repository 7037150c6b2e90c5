//! The questions readers asked (`0002_questions.sql`) and their Yes or No to
//! the answer they were given (`0010_question_feedback.sql`): what editors
//! should write next. No address, account or cookie is kept with them.

use askaf_content::Lang;
use sqlx::Row;

use crate::{Error, Store};

/// One question as Ask handled it, to record.
#[derive(Debug, Clone, Copy)]
pub struct QuestionRecord<'a> {
    /// As the reader typed it (cleaned of control characters).
    pub question: &'a str,
    pub lang: Lang,
    /// What it asks, however spelled (`askaf_search::Engine::question_key`):
    /// questions are grouped by it.
    pub key: &'a str,
    pub answered: bool,
    pub confidence: f32,
    /// The answer given: its first sentence's link and text.
    pub answer: Option<(&'a str, &'a str)>,
    /// The hash of the token the answer page carries for the reader's Yes
    /// or No (`askaf_auth::token_hash`), when one was offered.
    pub feedback_hash: Option<&'a str>,
    /// For a question turned away: the rule that did it
    /// (`askaf_search::Decision`, in snake case, `too_little_covered`).
    pub decision: Option<&'a str>,
    /// For a question turned away: the sentence Ask weighed and refused,
    /// where it is near the question (`askaf_search::Engine::near`),
    /// link and text.
    pub near: Option<(&'a str, &'a str)>,
}

/// A question as editors see it: how often it was asked and whether it was ever answered.
#[derive(Debug, Clone, PartialEq)]
pub struct AskedQuestion {
    pub question: String,
    pub lang: String,
    pub answered: bool,
    pub times: u64,
    pub last_asked: String,
    /// Why its newest unanswered asking found no answer, when one did and
    /// that was recorded ([`QuestionRecord::decision`]).
    pub decision: Option<String>,
}

/// What readers wanted and did not get: the questions that found no answer,
/// and those answered whose reader said "No", grouped by what they ask.
#[derive(Debug, Clone, PartialEq)]
pub struct WantedQuestion {
    /// The group's newest question, as typed.
    pub question: String,
    /// Its language, the one a new article for it would be written in.
    pub lang: String,
    /// Every language the group was asked in (at most the three).
    pub langs: Vec<String>,
    /// How many times it was asked without an answer.
    pub unanswered: u64,
    /// How many readers said the answer given did not answer it.
    pub not_helpful: u64,
    pub last_asked: String,
    /// The answer given to the group's newest "No": link and text.
    pub answer: Option<(String, String)>,
    /// Why the group's newest unanswered question found no answer, when
    /// that was recorded ([`QuestionRecord::decision`]).
    pub decision: Option<String>,
    /// The sentence that question was nearest to and refused: link and text.
    pub near: Option<(String, String)>,
}

/// The group a question falls in: its key, or, for one recorded before keys
/// were (an empty key), its language and lower-cased text.
const GROUP: &str = "CASE WHEN terms = '' THEN lang || ' ' || lower(question) ELSE terms END";

impl Store {
    /// Records one question a reader asked and how Ask answered it.
    pub async fn record_question(&self, r: &QuestionRecord<'_>) -> Result<(), Error> {
        sqlx::query(
            "INSERT INTO questions (question, lang, answered, confidence, asked_at, terms, answer_url, answer_text, feedback_hash, decision, near_url, near_text)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(r.question)
        .bind(r.lang.code())
        .bind(i64::from(r.answered))
        .bind(f64::from(r.confidence))
        .bind(chrono::Utc::now().to_rfc3339())
        .bind(r.key)
        .bind(r.answer.map(|(url, _)| url))
        .bind(r.answer.map(|(_, text)| text))
        .bind(r.feedback_hash)
        .bind(r.decision)
        .bind(r.near.map(|(url, _)| url))
        .bind(r.near.map(|(_, text)| text))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Records a reader's Yes or No to the answer of the question whose
    /// token hashes to `feedback_hash`. Once per question: returns false
    /// when no question has that token or its reader already said.
    pub async fn answer_feedback(&self, feedback_hash: &str, helpful: bool) -> Result<bool, Error> {
        let done = sqlx::query(
            "UPDATE questions SET helpful = $1 WHERE feedback_hash = $2 AND helpful IS NULL",
        )
        .bind(i64::from(helpful))
        .bind(feedback_hash)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The questions asked most often, newest first among equals; with
    /// `unanswered_only`, those that found no answer. Grouped by what they
    /// ask, so one question in other words or spellings counts once.
    pub async fn asked_questions(
        &self,
        unanswered_only: bool,
        limit: u32,
    ) -> Result<Vec<AskedQuestion>, Error> {
        let rows = sqlx::query(&format!(
            "SELECT MIN(question) AS question, MIN(lang) AS lang, MAX(answered) AS answered,
                    COUNT(*) AS times, MAX(asked_at) AS last_asked,
                    MAX(CASE WHEN answered = 0 THEN id END) AS newest_unanswered
             FROM questions
             WHERE ($1 = 0 OR answered = 0)
             GROUP BY {GROUP}
             ORDER BY times DESC, last_asked DESC
             LIMIT $2"
        ))
        .bind(i64::from(unanswered_only))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        let ids: Vec<i64> = rows
            .iter()
            .filter_map(|r| r.get::<Option<i64>, _>("newest_unanswered"))
            .collect();
        let decisions = self.rows_by_id(&ids, "decision").await?;
        Ok(rows
            .into_iter()
            .map(|r| AskedQuestion {
                decision: r
                    .get::<Option<i64>, _>("newest_unanswered")
                    .and_then(|id| decisions.get(&id))
                    .and_then(|d| d.get("decision")),
                question: r.get("question"),
                lang: r.get("lang"),
                answered: r.get::<i64, _>("answered") != 0,
                times: r.get::<i64, _>("times") as u64,
                last_asked: r.get("last_asked"),
            })
            .collect())
    }

    /// The questions with these ids, by id, with `columns` (besides `id`):
    /// read in one query, the ids as a list of placeholders, which both
    /// databases take.
    async fn rows_by_id(
        &self,
        ids: &[i64],
        columns: &str,
    ) -> Result<std::collections::HashMap<i64, sqlx::any::AnyRow>, Error> {
        let mut rows = std::collections::HashMap::new();
        if ids.is_empty() {
            return Ok(rows);
        }
        let sql = format!(
            "SELECT id, {columns} FROM questions WHERE id IN ({})",
            crate::placeholders(ids.len())
        );
        let mut q = sqlx::query(&sql);
        for id in ids {
            q = q.bind(*id);
        }
        for r in q.fetch_all(&self.pool).await? {
            rows.insert(r.get::<i64, _>("id"), r);
        }
        Ok(rows)
    }

    /// What readers want next, newest first: the questions that found no
    /// answer and those whose reader said the answer did not answer them,
    /// grouped by what they ask and counted.
    pub async fn wanted_questions(&self, limit: u32) -> Result<Vec<WantedQuestion>, Error> {
        let groups = sqlx::query(&format!(
            "SELECT MAX(id) AS newest, MAX(CASE WHEN helpful = 0 THEN id END) AS newest_no,
                    MAX(CASE WHEN answered = 0 THEN id END) AS newest_unanswered,
                    CAST(SUM(1 - answered) AS BIGINT) AS unanswered,
                    CAST(SUM(CASE WHEN helpful = 0 THEN 1 ELSE 0 END) AS BIGINT) AS not_helpful,
                    MIN(lang) AS lang_a, MAX(lang) AS lang_b, MAX(asked_at) AS last_asked
             FROM questions
             WHERE answered = 0 OR helpful = 0
             GROUP BY {GROUP}
             ORDER BY newest DESC
             LIMIT $1"
        ))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        let mut ids: Vec<i64> = Vec::new();
        for g in &groups {
            ids.push(g.get("newest"));
            ids.extend(g.get::<Option<i64>, _>("newest_no"));
            ids.extend(g.get::<Option<i64>, _>("newest_unanswered"));
        }
        // The newest question of each group, its newest "No" and its newest
        // question left unanswered.
        let rows = self
            .rows_by_id(
                &ids,
                "question, lang, answer_url, answer_text, decision, near_url, near_text",
            )
            .await?;
        Ok(groups
            .iter()
            .filter_map(|g| {
                let newest = rows.get(&g.get::<i64, _>("newest"))?;
                let answer = g
                    .get::<Option<i64>, _>("newest_no")
                    .and_then(|id| rows.get(&id))
                    .and_then(|r| {
                        Some((
                            r.get::<Option<String>, _>("answer_url")?,
                            r.get::<Option<String>, _>("answer_text")?,
                        ))
                    });
                let (a, b): (String, String) = (g.get("lang_a"), g.get("lang_b"));
                let mut langs = vec![a];
                if b != langs[0] {
                    langs.push(b);
                }
                let unanswered = g
                    .get::<Option<i64>, _>("newest_unanswered")
                    .and_then(|id| rows.get(&id));
                let near = unanswered.and_then(|r| {
                    r.get::<Option<String>, _>("near_url")
                        .zip(r.get::<Option<String>, _>("near_text"))
                });
                Some(WantedQuestion {
                    decision: unanswered.and_then(|r| r.get("decision")),
                    near,
                    question: newest.get("question"),
                    lang: newest.get("lang"),
                    langs,
                    unanswered: g.get::<i64, _>("unanswered") as u64,
                    not_helpful: g.get::<i64, _>("not_helpful") as u64,
                    last_asked: g.get("last_asked"),
                    answer,
                })
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_db::TestDb;

    on_both!(
        records_questions_and_lists_the_unanswered,
        wanted_questions_group_by_key_and_take_the_readers_no
    );

    fn asked<'a>(
        question: &'a str,
        lang: Lang,
        key: &'a str,
        answered: bool,
    ) -> QuestionRecord<'a> {
        QuestionRecord {
            question,
            lang,
            key,
            answered,
            confidence: if answered { 0.9 } else { 0.1 },
            answer: None,
            feedback_hash: None,
            decision: None,
            near: None,
        }
    }

    async fn records_questions_and_lists_the_unanswered(db: TestDb) {
        let store = db.open().await;
        for r in [
            asked(
                "Who governs Afghanistan?",
                Lang::En,
                "afghanistan govern",
                true,
            ),
            asked(
                "What is the price of bread in Herat?",
                Lang::En,
                "bread herat price",
                false,
            ),
            asked(
                "what is the price of bread in herat?",
                Lang::En,
                "bread herat price",
                false,
            ),
            asked(
                "قیمت نان در هرات چند است؟",
                Lang::Fa,
                "قیمت نان هرات",
                false,
            ),
        ] {
            store.record_question(&r).await.unwrap();
        }
        let unanswered = store.asked_questions(true, 10).await.unwrap();
        assert_eq!(unanswered.len(), 2);
        assert_eq!(
            unanswered[0].times, 2,
            "the same question in other case counts once"
        );
        assert!(!unanswered[0].answered);
        assert_eq!(store.asked_questions(false, 10).await.unwrap().len(), 3);
        // Why the newest unanswered asking of a group found nothing.
        store
            .record_question(&QuestionRecord {
                decision: Some("no_words"),
                ..asked(
                    "Bread prices in Herat?",
                    Lang::En,
                    "bread herat price",
                    false,
                )
            })
            .await
            .unwrap();
        let unanswered = store.asked_questions(true, 10).await.unwrap();
        assert_eq!(unanswered[0].times, 3);
        assert_eq!(unanswered[0].decision.as_deref(), Some("no_words"));
        assert_eq!(unanswered[1].decision, None, "recorded without one");
    }

    /// Unanswered questions and answered ones a reader said No to make one
    /// list, grouped by key across spellings and languages, newest first;
    /// a token votes once, and a Yes keeps a question off the list.
    async fn wanted_questions_group_by_key_and_take_the_readers_no(db: TestDb) {
        let store = db.open().await;
        store
            .record_question(&asked(
                "Price of bread in Herat?",
                Lang::En,
                "bread herat price",
                false,
            ))
            .await
            .unwrap();
        let answered = |question, key, hash| QuestionRecord {
            answer: Some(("/en/economy#p-2", "Wheat flour doubled in price.")),
            feedback_hash: Some(hash),
            ..asked(question, Lang::En, key, true)
        };
        store
            .record_question(&answered("Who leads the Taliban?", "lead ~taliban", "h1"))
            .await
            .unwrap();
        store
            .record_question(&answered(
                "How much is bread in Herat?",
                "bread herat price",
                "h2",
            ))
            .await
            .unwrap();
        store
            .record_question(&asked(
                "Who leads the Islamic Emirate?",
                Lang::En,
                "lead ~taliban",
                false,
            ))
            .await
            .unwrap();
        store
            .record_question(&QuestionRecord {
                decision: Some("too_little_covered"),
                near: Some(("/fa/who-governs#p-1", "طالبان در ۲۰۲۱ به قدرت رسیدند.")),
                ..asked("رهبر طالبان کیست؟", Lang::Fa, "lead ~taliban", false)
            })
            .await
            .unwrap();
        assert!(store.wanted_questions(10).await.unwrap().len() == 2);
        // A Yes on the Taliban answer, a No on the bread one; each once.
        assert!(store.answer_feedback("h1", true).await.unwrap());
        assert!(store.answer_feedback("h2", false).await.unwrap());
        assert!(!store.answer_feedback("h2", true).await.unwrap());
        assert!(!store.answer_feedback("unknown", false).await.unwrap());

        let wanted = store.wanted_questions(10).await.unwrap();
        assert_eq!(wanted.len(), 2, "{wanted:?}");
        // Newest asked first: the Taliban group, in two languages, without
        // the answered question whose reader said Yes.
        let taliban = &wanted[0];
        assert_eq!(taliban.question, "رهبر طالبان کیست؟");
        assert_eq!(taliban.lang, "fa");
        assert_eq!(taliban.langs, ["en", "fa"]);
        assert_eq!((taliban.unanswered, taliban.not_helpful), (2, 0));
        // The bread group's newest member is the answered one its reader
        // said No to, shown with the answer it was given.
        let bread = &wanted[1];
        assert_eq!(bread.question, "How much is bread in Herat?");
        assert_eq!((bread.unanswered, bread.not_helpful), (1, 1));
        assert_eq!(
            bread.answer,
            Some((
                "/en/economy#p-2".to_string(),
                "Wheat flour doubled in price.".to_string()
            ))
        );
        assert_eq!(taliban.answer, None);
        // Why the newest unanswered question of each group found nothing,
        // as recorded: the Taliban group's was, the bread group's was not.
        assert_eq!(taliban.decision.as_deref(), Some("too_little_covered"));
        assert_eq!(
            taliban.near,
            Some((
                "/fa/who-governs#p-1".to_string(),
                "طالبان در ۲۰۲۱ به قدرت رسیدند.".to_string()
            ))
        );
        assert_eq!(
            (bread.decision.as_deref(), bread.near.as_ref()),
            (None, None)
        );
    }
}
