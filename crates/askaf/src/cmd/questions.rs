use std::process::ExitCode;

use askaf_store::Location;

pub fn run(unanswered: bool, limit: u32, database: &Location) -> anyhow::Result<ExitCode> {
    super::existing_site(database)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let questions = runtime.block_on(super::read_once(database, "questions", async |store| {
        Ok(store.asked_questions(unanswered, limit).await?)
    }))?;
    if questions.is_empty() {
        eprintln!("no questions recorded yet in {database}");
    }
    for q in questions {
        let status = if q.answered { "answered" } else { "unanswered" };
        // Why its newest unanswered asking found nothing (the rule's
        // name, `too_little_covered`), last so the columns before it
        // stay where they were.
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            q.times,
            q.lang,
            status,
            q.last_asked,
            q.question,
            // The rule that turned it away, for a question never
            // answered; one answered since needs none.
            if q.answered {
                ""
            } else {
                q.decision.as_deref().unwrap_or("")
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}
