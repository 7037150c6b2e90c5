//! The operator's command line given bad input: a clear error that names
//! the file, the line and what is wrong, a non-zero exit, and nothing lost.

use std::ffi::OsStr;
use std::path::Path;

use crate::helpers::askaf;

/// `askaf ARGS`, each argument as a path or a word.
fn run(args: &[&dyn AsRef<OsStr>]) -> (bool, String, String) {
    let args: Vec<&OsStr> = args.iter().map(|a| a.as_ref()).collect();
    askaf(&args)
}

/// A SQuAD set of one question.
const SET: &str = r#"{"data": [{"title": "Kabul", "paragraphs": [{"context": "Kabul is the capital of Afghanistan.", "qas": [{"id": "1", "question": "What is the capital of Afghanistan?", "answers": [{"text": "Kabul", "answer_start": 0}]}]}]}]}"#;

/// `--details` naming the set itself would have written the answers'
/// details over the questions: refused, and the set is as it was.
#[test]
fn eval_never_writes_its_details_over_its_question_set() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("set.json");
    std::fs::write(&set, SET).unwrap();
    // The same file, spelt another way.
    let again = dir.path().join(".").join("set.json");
    let (ok, _, err) = run(&[&"eval", &"--squad", &set, &"--details", &again]);
    assert!(!ok, "{err}");
    assert!(
        err.contains(&format!(
            "--details {} is the question set itself",
            again.display()
        )),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&set).unwrap(), SET);
    // A details file that cannot be made is named.
    let nowhere = dir.path().join("missing").join("details.jsonl");
    let (ok, _, err) = run(&[&"eval", &"--squad", &set, &"--details", &nowhere]);
    assert!(!ok);
    assert!(
        err.contains(&format!("cannot create {}", nowhere.display())),
        "{err}"
    );
}

/// `--vectors FILE` keeps the passages' vectors in a file of its own
/// format; a file that is something else (here the question set, or an
/// editor's notes) is refused by name and left as it was, where it used to
/// be overwritten. A directory is said to be one, not "search index
/// directory".
#[test]
fn eval_vectors_never_overwrite_a_file_that_is_not_theirs() {
    let Some(model) = crate::ask::e5_dir() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("set.json");
    std::fs::write(&set, SET).unwrap();
    let eval = |vectors: &Path| {
        run(&[
            &"eval",
            &"--squad",
            &set,
            &"--model",
            &model,
            &"--vectors",
            &vectors,
        ])
    };
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "what to ask next\n").unwrap();
    for (file, text) in [(&set, SET), (&notes, "what to ask next\n")] {
        let (ok, _, err) = eval(file);
        assert!(!ok, "{err}");
        assert!(
            err.contains(&format!("passage vector file {}: ", file.display()))
                && err.contains("not a file of passage vectors"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(file).unwrap(), text);
    }
    let (ok, _, err) = eval(dir.path());
    assert!(!ok);
    assert!(
        err.contains(&format!("passage vector file {}: ", dir.path().display())),
        "{err}"
    );
    // A file of its own is made, then read.
    let vectors = dir.path().join("vectors.bin");
    for _ in 0..2 {
        let (ok, _, err) = eval(&vectors);
        assert!(ok, "{err}");
    }
    assert!(std::fs::metadata(&vectors).unwrap().len() > 0);
}
